#pragma once

// The robustness study's metrics at a fixed budget ε, beside its minimal
// distortions (core/studies/robustnessbudgets.h): "autoattack" and
// "square-queries". They are robust accuracies, not distances, so they get no
// Su et al. scatter plot and no fit; Square's accuracy-vs-queries curves get a
// figure of their own.

#include <QJsonObject>
#include <QString>

class QWidget;

namespace advlens::ui {

class RobustnessCurvePlot;

/// "autoattack" or "square-queries".
bool isBudgetMetric(const QString& metric);

/// "AutoAttack robust accuracy (ℓ∞ ε = 0.1)", "Square robust accuracy (1000
/// queries)": the budget from the first model that ran the metric; without
/// one (every model skipped it) the title names no budget.
QString budgetMetricTitle(const QJsonObject& results, const QString& metric);

/// "Robust accuracy vs queries (Square ℓ∞ ε = 0.1)".
QString squareQueriesTitle(const QJsonObject& results);

/// Square's robust accuracy against model queries, one series per model with
/// a "curve" (so it ends at that model's robust accuracy); null when no model
/// has one. Owned by `parent`.
RobustnessCurvePlot* squareQueriesPlot(const QJsonObject& results, QWidget* parent);

} // namespace advlens::ui
