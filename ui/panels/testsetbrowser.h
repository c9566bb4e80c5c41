#pragma once

#include <QWidget>

class QAction;
class QLabel;
class QSpinBox;

namespace advlens::ui {

/// Picks a Fashion-MNIST test image: an index box, previous/next/random.
/// The three actions carry the keyboard shortcuts; the window puts them in
/// its menu so they work wherever the focus is.
class TestSetBrowser : public QWidget {
    Q_OBJECT

public:
    static constexpr int kTestImages = 10000;

    explicit TestSetBrowser(QWidget* parent = nullptr);

    int index() const;
    /// Shows `index` without emitting indexChosen (the image is already there).
    void setIndex(int index);
    QList<QAction*> navigationActions() const;

Q_SIGNALS:
    void indexChosen(int index);

protected:
    void changeEvent(QEvent* event) override;

private:
    void step(int delta);
    void retranslate();

    QLabel* m_label;
    QSpinBox* m_index;
    QAction* m_previous;
    QAction* m_next;
    QAction* m_random;
};

} // namespace advlens::ui
