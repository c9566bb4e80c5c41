#include "studies/studyreport.h"

#include "studies/deepdefensetable.h"
#include "studies/maskingcheckslist.h"
#include "studies/robustnessscatterplot.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QJsonArray>
#include <QSaveFile>
#include <QWidget>

#include <cmath>
#include <memory>

namespace advlens::ui {

namespace {

class StudyReportText {
    Q_DECLARE_TR_FUNCTIONS(StudyReportText)
};

const QSize kFigureSize(900, 620);

QString number(const QJsonValue& value, int decimals = 4)
{
    return value.isDouble() ? QString::number(value.toDouble(), 'f', decimals) : QStringLiteral("–");
}

QString percent(const QJsonValue& value)
{
    return value.isDouble() ? QString::number(100.0 * value.toDouble(), 'f', 1) + QStringLiteral(" %")
                            : QStringLiteral("–");
}

QString robustnessTables(const QJsonObject& json)
{
    const QJsonArray metrics = json.value(QLatin1String("metrics")).toArray();
    QString html = QStringLiteral("<h2>%1</h2><table><tr><th>%2</th><th>%3</th><th>%4</th><th>%5</th>")
                       .arg(StudyReportText::tr("Models"), StudyReportText::tr("model"),
                            StudyReportText::tr("family"), StudyReportText::tr("parameters"),
                            StudyReportText::tr("accuracy"));
    for (const QJsonValue& metric : metrics)
        html += QStringLiteral("<th>%1</th>").arg(RobustnessScatterPlot::metricTitle(metric.toString()).toHtmlEscaped());
    html += QStringLiteral("</tr>");
    for (const QJsonValue& value : json.value(QLatin1String("models")).toArray()) {
        const QJsonObject model = value.toObject();
        html += QStringLiteral("<tr><td>%1</td><td>%2</td><td class=n>%3</td><td class=n>%4</td>")
                    .arg(model.value(QLatin1String("name")).toString().toHtmlEscaped(),
                         model.value(QLatin1String("family")).toString().toHtmlEscaped(),
                         QString::number(model.value(QLatin1String("parameters")).toInteger()),
                         percent(model.value(QLatin1String("accuracy"))));
        for (const QJsonValue& metric : metrics) {
            const QJsonObject m = model.value(QLatin1String("metrics")).toObject().value(metric.toString()).toObject();
            html += QStringLiteral("<td class=n>%1 <small>(%2/%3)</small></td>")
                        .arg(number(m.value(QLatin1String("mean"))))
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
        html += QStringLiteral("<tr><td>%1</td><td class=n>%2</td><td class=n>%3</td><td class=n>%4</td><td>%5</td></tr>")
                    .arg(RobustnessScatterPlot::metricTitle(metric.toString()).toHtmlEscaped(),
                         number(fit.value(QLatin1String("intercept"))), number(fit.value(QLatin1String("slope"))),
                         number(fit.value(QLatin1String("r2")), 3), frontier.join(QStringLiteral(" → ")));
    }
    return html + QStringLiteral("</table>");
}

QString curvesTables(const QJsonObject& json)
{
    QString html = QStringLiteral("<h2>%1</h2><table><tr><th>%2</th><th>%3</th><th>%4</th><th>%5</th></tr>")
                       .arg(StudyReportText::tr("Gradient-masking checks"), StudyReportText::tr("model · attack"),
                            StudyReportText::tr("check"), StudyReportText::tr("result"),
                            StudyReportText::tr("numbers"));
    for (const QJsonValue& value : json.value(QLatin1String("curves")).toArray()) {
        const QJsonObject curve = value.toObject();
        for (const QJsonValue& c : curve.value(QLatin1String("checks")).toArray()) {
            const QJsonObject check = c.toObject();
            const bool passed = check.value(QLatin1String("passed")).toBool();
            html +=
                QStringLiteral("<tr><td>%1 · %2</td><td>%3</td><td class=%4>%5</td><td>%6</td></tr>")
                    .arg(curve.value(QLatin1String("model")).toString().toHtmlEscaped(),
                         curve.value(QLatin1String("label")).toString().toHtmlEscaped(),
                         MaskingChecksList::checkTitle(check.value(QLatin1String("name")).toString()).toHtmlEscaped(),
                         passed ? QStringLiteral("ok") : QStringLiteral("bad"),
                         passed ? StudyReportText::tr("passed") : StudyReportText::tr("FAILED"),
                         check.value(QLatin1String("description")).toString().toHtmlEscaped());
        }
    }
    return html + QStringLiteral("</table>");
}

QString deepDefenseTable(const QJsonObject& json)
{
    DeepDefenseTable table;
    table.setResults(json);
    const QList<QStringList> cells = table.cells();
    QString html = QStringLiteral("<h2>%1</h2><table>").arg(StudyReportText::tr("Deep Defense table"));
    for (int row = 0; row < cells.size(); ++row) {
        html += QStringLiteral("<tr>");
        for (int column = 0; column < cells[row].size(); ++column)
            html += row == 0 ? QStringLiteral("<th>%1</th>").arg(cells[row][column].toHtmlEscaped())
                             : QStringLiteral("<td%1>%2</td>")
                                   .arg(column >= 3 ? QStringLiteral(" class=n") : QString(),
                                        cells[row][column].toHtmlEscaped());
        html += QStringLiteral("</tr>");
    }
    html += QStringLiteral("</table>");
    for (const QJsonValue& value : json.value(QLatin1String("table")).toArray()) {
        const QJsonObject group = value.toObject();
        html += QStringLiteral("<p>%1</p>")
                    .arg(StudyReportText::tr("%1: ε_ref = %2, the FGS ε at which %3 falls to 50 % accuracy%4.")
                             .arg(group.value(QLatin1String("architecture")).toString().toHtmlEscaped(),
                                  number(group.value(QLatin1String("eps_ref"))),
                                  group.value(QLatin1String("eps_ref_model")).toString().toHtmlEscaped(),
                                  group.value(QLatin1String("eps_ref_reached")).toBool()
                                      ? QString()
                                      : StudyReportText::tr(" (not reached: the search's upper end)")));
    }
    return html;
}

QString transferTables(const QJsonObject& json)
{
    QStringList models;
    for (const QJsonValue& model : json.value(QLatin1String("models")).toArray())
        models << model.toString().toHtmlEscaped();
    QString html;
    for (const QJsonValue& value : json.value(QLatin1String("matrices")).toArray()) {
        const QJsonObject matrix = value.toObject();
        html += QStringLiteral("<h3>%1 · %2 · %3</h3><table><tr><th>%4</th>")
                    .arg(matrix.value(QLatin1String("attack")).toString().toHtmlEscaped(),
                         matrix.value(QLatin1String("targeted")).toBool() ? StudyReportText::tr("targeted")
                                                                          : StudyReportText::tr("untargeted"),
                         matrix.value(QLatin1String("measure")).toString().toHtmlEscaped(),
                         StudyReportText::tr("source \\ target"));
        for (const QString& model : models)
            html += QStringLiteral("<th>%1</th>").arg(model);
        html += QStringLiteral("</tr>");
        const QJsonArray rates = matrix.value(QLatin1String("rates")).toArray();
        for (int i = 0; i < models.size(); ++i) {
            html += QStringLiteral("<tr><th>%1</th>").arg(models[i]);
            for (int j = 0; j < models.size(); ++j)
                html += QStringLiteral("<td class=n%1>%2</td>")
                            .arg(i == j ? QStringLiteral(" style='font-weight:bold'") : QString(),
                                 percent(rates.at(i).toArray().at(j)));
            html += QStringLiteral("</tr>");
        }
        html += QStringLiteral("</table>");
    }
    return html;
}

} // namespace

QStringList writeStudyReport(const StudyResults& results, QString* error)
{
    QStringList written;
    const QDir folder(results.folder);
    if (!folder.mkpath(QStringLiteral("figures"))) {
        *error = StudyReportText::tr("cannot create %1").arg(folder.filePath(QStringLiteral("figures")));
        return written;
    }
    // The figures are drawn by widgets that are never shown.
    std::unique_ptr<QWidget> host(new QWidget);
    host->resize(kFigureSize);
    const QVector<StudyFigure> figures = makeStudyFigures(results, host.get());
    QString figureHtml;
    for (const StudyFigure& figure : figures) {
        if (!figure.save)
            continue; // a table: the report writes it as HTML below
        figure.widget->resize(kFigureSize);
        const QString png = QStringLiteral("figures/") + figure.name + QStringLiteral(".png");
        const QString pdf = QStringLiteral("figures/") + figure.name + QStringLiteral(".pdf");
        if (!figure.save(folder.filePath(png), folder.filePath(pdf), kFigureSize)) {
            *error = StudyReportText::tr("cannot write %1").arg(folder.filePath(png));
            return written;
        }
        written << folder.filePath(png) << folder.filePath(pdf);
        figureHtml += QStringLiteral("<figure><img src='%1' width=900 alt='%2'><figcaption>%2 "
                                     "(<a href='%3'>PDF</a>)</figcaption></figure>")
                          .arg(png, figure.title.toHtmlEscaped(), pdf);
    }

    const QJsonObject& json = results.json;
    QString tables;
    if (results.kind() == QLatin1String("robustness"))
        tables = robustnessTables(json);
    else if (results.kind() == QLatin1String("transfer"))
        tables = transferTables(json);
    else if (results.kind() == QLatin1String("curves"))
        tables = curvesTables(json);
    else if (results.kind() == QLatin1String("defences"))
        tables = deepDefenseTable(json) + curvesTables(json);

    const QString html =
        QStringLiteral("<!DOCTYPE html><html><head><meta charset='utf-8'><title>%1</title><style>"
                       "body{font-family:sans-serif;max-width:960px;margin:2em auto;color:#222}"
                       "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #bbb;padding:3px 8px}"
                       "th{background:#eee}td.n{text-align:right}td.ok{color:#060}td.bad{color:#b00;font-weight:bold}"
                       "figure{margin:1.5em 0}figcaption{color:#555}</style></head><body>"
                       "<h1>%1</h1><p>%2</p>%3%4<p><small>%5</small></p></body></html>\n")
            .arg(results.title().toHtmlEscaped(),
                 StudyReportText::tr("Study <b>%1</b> on %2 (%3 split), %4 images. Tables as CSV and every number "
                                     "in results.json beside this page.")
                     .arg(results.kind().toHtmlEscaped(), json.value(QLatin1String("data")).toString().toHtmlEscaped(),
                          json.value(QLatin1String("split")).toString().toHtmlEscaped())
                     .arg(json.value(QLatin1String("images")).toInteger()),
                 figureHtml, tables,
                 StudyReportText::tr("Written by AdvLens on %1.")
                     .arg(QDateTime::currentDateTime().toString(Qt::ISODate)));
    QSaveFile file(folder.filePath(QStringLiteral("report.html")));
    if (!file.open(QIODevice::WriteOnly) || file.write(html.toUtf8()) < 0 || !file.commit()) {
        *error = StudyReportText::tr("cannot write %1").arg(folder.filePath(QStringLiteral("report.html")));
        return written;
    }
    written << folder.filePath(QStringLiteral("report.html"));
    return written;
}

} // namespace advlens::ui
