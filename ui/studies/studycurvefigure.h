#pragma once

#include <QWidget>

class QLabel;

namespace advlens::ui {

class MaskingChecksList;
class RobustnessCurvePlot;

/// A study's robustness curves with their gradient-masking checks beside
/// them (the checks list hides itself while no curve has checks, as on
/// iteration plots) and, below the list, the numbers of the chosen check —
/// at first of the first failed one.
class StudyCurveFigure : public QWidget {
    Q_OBJECT

public:
    explicit StudyCurveFigure(QWidget* parent = nullptr);

    RobustnessCurvePlot* plot() const { return m_plot; }
    MaskingChecksList* checks() const { return m_checks; }
    /// Shows the checks list once it holds a curve, and the first failed check's numbers.
    void updateChecksVisibility();
    QString shownDetails() const;

private:
    RobustnessCurvePlot* m_plot;
    MaskingChecksList* m_checks;
    QLabel* m_details;
    QWidget* m_checksPanel;
};

} // namespace advlens::ui
