#include "ui/studies/robustnessstudyview.h"

#include "ui/plots/robustnesscurveplot.h"
#include "ui/studies/budgetmetrics.h"
#include "ui/studies/robustnessscatterplot.h"
#include "ui/studies/studyfigurekit.h"

namespace advlens::ui {

namespace {

QString title()
{
    // The Studies window's context, where the translations of these names have always been.
    return QCoreApplication::translate("advlens::ui::StudiesWindow", "Accuracy vs robustness (Su et al.)");
}

QString columnTitle(const QJsonObject& json, const QString& metric)
{
    return isBudgetMetric(metric) ? budgetMetricTitle(json, metric) : RobustnessScatterPlot::metricTitle(metric);
}

/// "12.3 %", or "–" with the reason as a tool tip when the model was skipped.
QString budgetCell(const QJsonObject& m)
{
    const QString reason = m.value(QLatin1String("skipped")).toString();
    return reason.isEmpty()
               ? QStringLiteral("<td class=n>%1</td>").arg(reportPercent(m.value(QLatin1String("robust_accuracy"))))
               : QStringLiteral("<td class=n title=\"%1\">–</td>").arg(reason.toHtmlEscaped());
}

void addFigures(const QJsonObject& json, QWidget* parent, QVector<StudyFigure>& figures)
{
    for (const QJsonValue& metric : json.value(QLatin1String("metrics")).toArray()) {
        if (isBudgetMetric(metric.toString()))
            continue; // a robust accuracy, not a distortion: no Su et al. scatter
        auto* plot = new RobustnessScatterPlot(parent);
        plot->setResults(json, metric.toString());
        const QString title = RobustnessScatterPlot::metricTitle(metric.toString());
        figures.push_back(
            {QStringLiteral("robustness-") + metric.toString(), title, plot, plotSaver(plot->customPlot(), title)});
    }
    if (json.value(QLatin1String("metrics")).toArray().contains(QStringLiteral("square-queries")))
        if (RobustnessCurvePlot* plot = squareQueriesPlot(json, parent))
            figures.push_back(
                {QStringLiteral("robustness-square-queries"), squareQueriesTitle(json), plot, curveSaver(plot)});
}

QString reportTables(const QJsonObject& json)
{
    const QJsonArray metrics = json.value(QLatin1String("metrics")).toArray();
    QString html = QStringLiteral("<h2>%1</h2><table><tr><th>%2</th><th>%3</th><th>%4</th><th>%5</th>")
                       .arg(StudyReportText::tr("Models"), StudyReportText::tr("model"), StudyReportText::tr("family"),
                            StudyReportText::tr("parameters"), StudyReportText::tr("accuracy"));
    for (const QJsonValue& metric : metrics)
        html += QStringLiteral("<th>%1</th>").arg(columnTitle(json, metric.toString()).toHtmlEscaped());
    html += QStringLiteral("</tr>");
    for (const QJsonValue& value : json.value(QLatin1String("models")).toArray()) {
        const QJsonObject model = value.toObject();
        html += QStringLiteral("<tr><td>%1</td><td>%2</td><td class=n>%3</td><td class=n>%4</td>")
                    .arg(model.value(QLatin1String("name")).toString().toHtmlEscaped(),
                         model.value(QLatin1String("family")).toString().toHtmlEscaped(),
                         QString::number(model.value(QLatin1String("parameters")).toInteger()),
                         reportPercent(model.value(QLatin1String("accuracy"))));
        for (const QJsonValue& metric : metrics) {
            const QJsonObject m = model.value(QLatin1String("metrics")).toObject().value(metric.toString()).toObject();
            if (isBudgetMetric(metric.toString())) {
                html += budgetCell(m);
                continue;
            }
            html += QStringLiteral("<td class=n>%1 <small>(%2/%3)</small></td>")
                        .arg(reportNumber(m.value(QLatin1String("mean"))))
                        .arg(m.value(QLatin1String("found")).toInteger())
                        .arg(m.value(QLatin1String("attacked")).toInteger());
        }
        html += QStringLiteral("</tr>");
    }
    html += QStringLiteral("</table>");
    // Core fits only the distortions; with none of them there is no fits table.
    QStringList distortions;
    for (const QJsonValue& metric : metrics)
        if (!isBudgetMetric(metric.toString()))
            distortions << metric.toString();
    if (distortions.isEmpty())
        return html;
    html += QStringLiteral("<h2>%1</h2><table><tr><th>%2</th><th>a</th><th>b</th><th>R²</th><th>%3</th></tr>")
                .arg(StudyReportText::tr("Fits d = a + b·ln(error) and Pareto frontiers"),
                     StudyReportText::tr("metric"), StudyReportText::tr("frontier, by error"));
    for (const QString& metric : distortions) {
        const QJsonObject fit = json.value(QLatin1String("fits")).toObject().value(metric).toObject();
        QStringList frontier;
        for (const QJsonValue& name : json.value(QLatin1String("pareto")).toObject().value(metric).toArray())
            frontier << name.toString().toHtmlEscaped();
        html +=
            QStringLiteral("<tr><td>%1</td><td class=n>%2</td><td class=n>%3</td><td class=n>%4</td><td>%5</td></tr>")
                .arg(RobustnessScatterPlot::metricTitle(metric).toHtmlEscaped(),
                     reportNumber(fit.value(QLatin1String("intercept"))),
                     reportNumber(fit.value(QLatin1String("slope"))), reportNumber(fit.value(QLatin1String("r2")), 3),
                     frontier.join(QStringLiteral(" → ")));
    }
    return html + QStringLiteral("</table>");
}

} // namespace

StudyView robustnessStudyView()
{
    return {QStringLiteral("robustness"), &title, &addFigures, &reportTables};
}

} // namespace advlens::ui
