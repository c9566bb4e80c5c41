#pragma once

#include <QStringList>
#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QToolButton;

namespace advlens::ui {

/// Where the gallery's images come from and how far it got: Open folder…,
/// the Fashion-MNIST test set with how many images, what is shown, how many
/// files could not be read (the list in a tool tip and on click), progress and
/// Cancel. It only asks; the gallery window does.
class GallerySourceBar : public QWidget {
    Q_OBJECT

public:
    explicit GallerySourceBar(QWidget* parent = nullptr);

    int fashionMnistImages() const;
    void setFashionMnistImages(int images);
    /// Whether the open model takes Fashion-MNIST images; `reason` says why not.
    void setFashionMnistAvailable(bool available, const QString& reason = QString());
    void setStatus(const QString& text);
    QString statusText() const;
    /// Files that could not be read, as "file: reason" (empty: hidden).
    void setUnreadable(const QStringList& problems);
    QStringList unreadable() const { return m_problems; }
    void setBusy(bool busy);
    void setProgress(qint64 done, qint64 total);
    QPushButton* cancelButton() const { return m_cancel; }

Q_SIGNALS:
    void folderRequested();
    void fashionMnistRequested(int images);
    void cancelRequested();

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();
    void showUnreadable();

    QPushButton* m_openFolder;
    QPushButton* m_fashionMnist;
    QSpinBox* m_images;
    QLabel* m_status;
    QToolButton* m_unreadable;
    QProgressBar* m_progress;
    QPushButton* m_cancel;
    QStringList m_problems;
    QString m_fashionMnistReason;
};

} // namespace advlens::ui
