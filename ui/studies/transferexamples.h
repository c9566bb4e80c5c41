#pragma once

#include <QJsonObject>
#include <QWidget>

class QGridLayout;
class QLabel;

namespace advlens::ui {

/// The images behind one cell of a transfer heat map: each example's clean
/// image and its adversarial version made on the source model, with what the
/// target model predicts for it (red when the attack reached its goal there).
class TransferExamples : public QWidget {
    Q_OBJECT

public:
    explicit TransferExamples(QWidget* parent = nullptr);

    /// `results`: a transfer study's results.json in `folder`.
    void showCell(const QString& folder, const QJsonObject& results, int matrix, int source, int target);
    void clear();
    /// Examples shown and how many of them fooled the target, for tests.
    int shown() const { return m_shown; }
    int fooled() const { return m_fooled; }

private:
    QLabel* m_caption;
    QGridLayout* m_grid;
    int m_shown = 0;
    int m_fooled = 0;
};

} // namespace advlens::ui
