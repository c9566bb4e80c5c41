#include "ui/studies/robustnessstudyview.h"

#include "ui/studies/robustnessscatterplot.h"
#include "ui/studies/studyfigurekit.h"

namespace advlens::ui {

namespace {

QString title()
{
    // The Studies window's context, where the translations of these names have always been.
    return QCoreApplication::translate("advlens::ui::StudiesWindow", "Accuracy vs robustness (Su et al.)");
}

void addFigures(const QJsonObject& json, QWidget* parent, QVector<StudyFigure>& figures)
{
    for (const QJsonValue& metric : json.value(QLatin1String("metrics")).toArray()) {
        auto* plot = new RobustnessScatterPlot(parent);
        plot->setResults(json, metric.toString());
        const QString title = RobustnessScatterPlot::metricTitle(metric.toString());
        figures.push_back(
            {QStringLiteral("robustness-") + metric.toString(), title, plot, plotSaver(plot->customPlot(), title)});
    }
}

QString reportTables(const QJsonObject& json)
{
    const QJsonArray metrics = json.value(QLatin1String("metrics")).toArray();
    QString html = QStringLiteral("<h2>%1</h2><table><tr><th>%2</th><th>%3</th><th>%4</th><th>%5</th>")
                       .arg(StudyReportText::tr("Models"), StudyReportText::tr("model"), StudyReportText::tr("family"),
                            StudyReportText::tr("parameters"), StudyReportText::tr("accuracy"));
    for (const QJsonValue& metric : metrics)
        html +=
            QStringLiteral("<th>%1</th>").arg(RobustnessScatterPlot::metricTitle(metric.toString()).toHtmlEscaped());
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
            html += QStringLiteral("<td class=n>%1 <small>(%2/%3)</small></td>")
                        .arg(reportNumber(m.value(QLatin1String("mean"))))
                        .arg(m.value(QLatin1String("found")).toInteger())
                        .arg(m.value(QLatin1String("attacked")).toInteger());
        }
        html += QStringLiteral("</tr>");
    }
    html += QStringLiteral("</table><h2>%1</h2><table><tr><th>%2</th><th>a</th><th>b</th><th>R²</th><th>%3</th></tr>")
                .arg(StudyReportText::tr("Fits d = a + b·ln(error) and Pareto frontiers"),
                     StudyReportText::tr("metric"), StudyReportText::tr("frontier, by error"));
    for (const QJsonValue& metric : metrics) {
        const QJsonObject fit = json.value(QLatin1String("fits")).toObject().value(metric.toString()).toObject();
        QStringList frontier;
        for (const QJsonValue& name : json.value(QLatin1String("pareto")).toObject().value(metric.toString()).toArray())
            frontier << name.toString().toHtmlEscaped();
        html +=
            QStringLiteral("<tr><td>%1</td><td class=n>%2</td><td class=n>%3</td><td class=n>%4</td><td>%5</td></tr>")
                .arg(RobustnessScatterPlot::metricTitle(metric.toString()).toHtmlEscaped(),
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
