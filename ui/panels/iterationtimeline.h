#pragma once

#include <QWidget>

#include <vector>

class QLabel;
class QSlider;
class QToolButton;

namespace advlens::ui {

/// A slider over the stored iterates of the last iterative attack, for
/// stepping through it one iteration at a time in class. Position 0 is the
/// clean image; the last is the attack's final iterate.
class IterationTimeline : public QWidget {
    Q_OBJECT

public:
    explicit IterationTimeline(QWidget* parent = nullptr);

    /// The iteration number of each stored iterate, ascending; empty hides the timeline.
    void setIterations(const std::vector<int>& iterations);
    void clear();
    int position() const;
    void setPosition(int index);
    QSlider* slider() const { return m_slider; }

Q_SIGNALS:
    /// The user moved to stored iterate `index` (iteration `iteration`).
    void iterateChosen(int index, int iteration);

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();
    void updateLabel();

    QLabel* m_title;
    QToolButton* m_previous;
    QSlider* m_slider;
    QToolButton* m_next;
    QLabel* m_label;
    std::vector<int> m_iterations;
};

} // namespace advlens::ui
