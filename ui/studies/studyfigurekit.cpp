#include "ui/studies/studyfigurekit.h"

#include "ui/plots/plotfiles.h"
#include "ui/plots/robustnesscurveplot.h"
#include "ui/studies/maskingcheckslist.h"
#include "ui/studies/studycurvefigure.h"

namespace advlens::ui {

QString fileSafe(QString text)
{
    for (QChar& c : text)
        if (!c.isLetterOrNumber() && c != QLatin1Char('-'))
            c = QLatin1Char('-');
    return text;
}

FigureSaver plotSaver(QCustomPlot* plot, const QString& title)
{
    return [plot, title](const QString& png, const QString& pdf, QSize size) {
        return savePlotPng(plot, png, size) && savePlotPdf(plot, pdf, size, title);
    };
}

FigureSaver curveSaver(RobustnessCurvePlot* plot)
{
    return [plot](const QString& png, const QString& pdf, QSize size) {
        return plot->exportPng(png, size.width(), size.height()) && plot->exportPdf(pdf, size.width(), size.height());
    };
}

StudyCurveFigure* newCurveFigure(const QString& norm, const QString& axis, QWidget* parent)
{
    auto* figure = new StudyCurveFigure(parent);
    figure->plot()->setAxis(axis == QLatin1String("epsilon") ? CurveRequest::Epsilon : CurveRequest::Iterations,
                            norm == QLatin1String("linf"));
    return figure;
}

void addCurve(StudyCurveFigure* figure, const QString& label, const QJsonObject& curve)
{
    RobustnessCurvePlot* plot = figure->plot();
    const bool overEpsilon = curve.value(QLatin1String("axis")).toString() == QLatin1String("epsilon");
    const int series = plot->addSeries(label);
    for (const QJsonValue& p : curve.value(QLatin1String("points")).toArray()) {
        const QJsonObject point = p.toObject();
        CurvePointValue v;
        v.series = series;
        v.epsilon = point.value(QLatin1String("epsilon")).toDouble();
        v.steps = point.value(QLatin1String("steps")).toInt();
        v.x = overEpsilon ? v.epsilon : double(v.steps);
        v.accuracy = point.value(QLatin1String("robust_accuracy")).toDouble();
        v.attackSuccessRate = point.value(QLatin1String("success_rate")).toDouble();
        v.successes = point.value(QLatin1String("successes")).toInteger();
        v.images = curve.value(QLatin1String("images")).toInteger();
        v.gradientEvaluations = point.value(QLatin1String("gradient_evaluations")).toInteger();
        v.seconds = point.value(QLatin1String("seconds")).toDouble();
        plot->addPoint(v);
    }
    figure->checks()->addCurve(label, curve.value(QLatin1String("checks")).toArray());
    figure->updateChecksVisibility();
}

QString reportNumber(const QJsonValue& value, int decimals)
{
    return value.isDouble() ? QString::number(value.toDouble(), 'f', decimals) : QStringLiteral("–");
}

QString reportPercent(const QJsonValue& value)
{
    return value.isDouble() ? QString::number(100.0 * value.toDouble(), 'f', 1) + QStringLiteral(" %")
                            : QStringLiteral("–");
}

QString maskingChecksTable(const QJsonArray& curves)
{
    QString html =
        QStringLiteral("<h2>%1</h2><table><tr><th>%2</th><th>%3</th><th>%4</th><th>%5</th></tr>")
            .arg(StudyReportText::tr("Gradient-masking checks"), StudyReportText::tr("model · attack"),
                 StudyReportText::tr("check"), StudyReportText::tr("result"), StudyReportText::tr("numbers"));
    for (const QJsonValue& value : curves) {
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

} // namespace advlens::ui
