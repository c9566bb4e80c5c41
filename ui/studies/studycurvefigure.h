#pragma once

#include <QWidget>

namespace advlens::ui {

class MaskingChecksList;
class RobustnessCurvePlot;

/// A study's robustness curves with their gradient-masking checks beside
/// them (the checks list hides itself while no curve has checks, as on
/// iteration plots).
class StudyCurveFigure : public QWidget {
    Q_OBJECT

public:
    explicit StudyCurveFigure(QWidget* parent = nullptr);

    RobustnessCurvePlot* plot() const { return m_plot; }
    MaskingChecksList* checks() const { return m_checks; }
    /// Shows the checks list once it holds a curve.
    void updateChecksVisibility();

private:
    RobustnessCurvePlot* m_plot;
    MaskingChecksList* m_checks;
};

} // namespace advlens::ui
