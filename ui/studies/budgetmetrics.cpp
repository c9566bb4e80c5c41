#include "ui/studies/budgetmetrics.h"

#include "ui/plots/normsymbol.h"
#include "ui/plots/robustnesscurveplot.h"
#include "ui/studies/studyfigurekit.h"
#include "ui/workers/curverequest.h"

#include <QJsonArray>

namespace advlens::ui {

namespace {

/// The metric's object of the first model that ran it (it records its ε): empty when none did.
QJsonObject firstRun(const QJsonObject& results, const QString& metric)
{
    for (const QJsonValue& model : results.value(QLatin1String("models")).toArray()) {
        const QJsonObject m = model.toObject().value(QLatin1String("metrics")).toObject().value(metric).toObject();
        if (m.contains(QLatin1String("epsilon")))
            return m;
    }
    return {};
}

} // namespace

bool isBudgetMetric(const QString& metric)
{
    return metric == QLatin1String("autoattack") || metric == QLatin1String("square-queries");
}

QString budgetMetricTitle(const QJsonObject& results, const QString& metric)
{
    const QJsonObject run = firstRun(results, metric);
    if (metric == QLatin1String("autoattack")) {
        if (run.isEmpty())
            return StudyReportText::tr("AutoAttack robust accuracy");
        const QString norm = run.value(QLatin1String("norm")).toString();
        return StudyReportText::tr("AutoAttack robust accuracy (%1 ε = %2)")
            .arg(normSymbol(norm), CurveRequest::epsilonText(run.value(QLatin1String("epsilon")).toDouble(), norm));
    }
    if (run.isEmpty())
        return StudyReportText::tr("Square robust accuracy");
    // "budget" is the queries of every restart together, where the curve ends.
    return StudyReportText::tr("Square robust accuracy (%n queries)", nullptr,
                               run.value(QLatin1String("budget")).toInt());
}

QString squareQueriesTitle(const QJsonObject& results)
{
    const QJsonObject run = firstRun(results, QStringLiteral("square-queries"));
    if (run.isEmpty())
        return StudyFigureText::tr("Robust accuracy vs queries (Square)");
    const QString norm = run.value(QLatin1String("norm")).toString();
    return StudyFigureText::tr("Robust accuracy vs queries (Square %1 ε = %2)")
        .arg(normSymbol(norm), CurveRequest::epsilonText(run.value(QLatin1String("epsilon")).toDouble(), norm));
}

RobustnessCurvePlot* squareQueriesPlot(const QJsonObject& results, QWidget* parent)
{
    auto* plot = new RobustnessCurvePlot(parent);
    plot->setAxis(CurveRequest::Queries, /*greyLevels=*/false);
    for (const QJsonValue& value : results.value(QLatin1String("models")).toArray()) {
        const QJsonObject model = value.toObject();
        const QJsonObject metric =
            model.value(QLatin1String("metrics")).toObject().value(QLatin1String("square-queries")).toObject();
        const QJsonArray curve = metric.value(QLatin1String("curve")).toArray();
        if (curve.isEmpty())
            continue; // skipped, or a batch without queries to success
        const int series = plot->addSeries(model.value(QLatin1String("name")).toString());
        for (const QJsonValue& p : curve) {
            const QJsonObject point = p.toObject();
            CurvePointValue v;
            v.series = series;
            v.x = point.value(QLatin1String("queries")).toDouble();
            v.epsilon = metric.value(QLatin1String("epsilon")).toDouble();
            v.accuracy = point.value(QLatin1String("robust_accuracy")).toDouble();
            v.images = metric.value(QLatin1String("images")).toInteger();
            plot->addPoint(v);
        }
    }
    if (plot->seriesCount() == 0) {
        delete plot;
        return nullptr;
    }
    return plot;
}

} // namespace advlens::ui
