#pragma once

#include <QFrame>

class QLabel;
class QToolButton;

namespace advlens::ui {

/// A dismissible bar above the image for problems the user must see (no
/// model, unreadable image, missing data): clearer than a status-bar line
/// that the next message replaces. Hidden while there is nothing to say.
class MessageBanner : public QFrame {
    Q_OBJECT

public:
    explicit MessageBanner(QWidget* parent = nullptr);

    void showMessage(const QString& message);
    void clearMessage();
    QString message() const;

protected:
    void changeEvent(QEvent* event) override;

private:
    void applyPalette();
    void retranslate();

    QLabel* m_icon;
    QLabel* m_text;
    QToolButton* m_close;
};

} // namespace advlens::ui
