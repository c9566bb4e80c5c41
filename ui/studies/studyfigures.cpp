#include "studies/studyfigures.h"

#include "plots/plotfiles.h"
#include "plots/robustnesscurveplot.h"
#include "studies/deepdefensetable.h"
#include "studies/maskingcheckslist.h"
#include "studies/robustnessscatterplot.h"
#include "studies/studycurvefigure.h"
#include "studies/transferheatmap.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

#include <map>

namespace advlens::ui {

namespace {

class StudyFigureText {
    Q_DECLARE_TR_FUNCTIONS(StudyFigureText)
};

QString normTitle(const QString& norm)
{
    if (norm == QLatin1String("linf"))
        return QStringLiteral("ℓ∞");
    if (norm == QLatin1String("l2"))
        return QStringLiteral("ℓ2");
    if (norm == QLatin1String("l1"))
        return QStringLiteral("ℓ1");
    return norm;
}

QString fileSafe(QString text)
{
    for (QChar& c : text)
        if (!c.isLetterOrNumber() && c != QLatin1Char('-'))
            c = QLatin1Char('-');
    return text;
}

using FigureSaver = std::function<bool(const QString& png, const QString& pdf, QSize size)>;

FigureSaver plotSaver(QCustomPlot* plot, const QString& title)
{
    return [plot, title](const QString& png, const QString& pdf, QSize size) {
        return savePlotPng(plot, png, size) && savePlotPdf(plot, pdf, size, title);
    };
}

/// Through the curve plot's own export, which lays the legend out for the
/// export's width: the hidden widget's width would give a single column.
FigureSaver curveSaver(RobustnessCurvePlot* plot)
{
    return [plot](const QString& png, const QString& pdf, QSize size) {
        return plot->exportPng(png, size.width(), size.height()) && plot->exportPdf(pdf, size.width(), size.height());
    };
}

void addRobustnessFigures(const QJsonObject& json, QWidget* parent, QVector<StudyFigure>& figures)
{
    for (const QJsonValue& metric : json.value(QLatin1String("metrics")).toArray()) {
        auto* plot = new RobustnessScatterPlot(parent);
        plot->setResults(json, metric.toString());
        const QString title = RobustnessScatterPlot::metricTitle(metric.toString());
        figures.push_back({QStringLiteral("robustness-") + metric.toString(), title, plot,
                           plotSaver(plot->customPlot(), title)});
    }
}

void addTransferFigures(const QJsonObject& json, QWidget* parent, QVector<StudyFigure>& figures)
{
    QStringList models;
    for (const QJsonValue& model : json.value(QLatin1String("models")).toArray())
        models << model.toString();
    const QJsonArray matrices = json.value(QLatin1String("matrices")).toArray();
    for (int m = 0; m < matrices.size(); ++m) {
        const QJsonObject matrix = matrices.at(m).toObject();
        auto* heatmap = new TransferHeatmap(parent);
        heatmap->setMatrix(models, matrix);
        const bool targeted = matrix.value(QLatin1String("targeted")).toBool();
        const QString attack = matrix.value(QLatin1String("attack")).toString();
        const QString title = targeted ? StudyFigureText::tr("%1, targeted (top-5 match rate)").arg(attack)
                                       : StudyFigureText::tr("%1, untargeted (success rate)").arg(attack);
        figures.push_back({QStringLiteral("transfer-") + fileSafe(attack) +
                               (targeted ? QStringLiteral("-targeted") : QStringLiteral("-untargeted")),
                           title, heatmap, plotSaver(heatmap->customPlot(), title), m});
    }
}

/// One curve of a study's results.json on `plot`, with its checks beside it.
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

StudyCurveFigure* newCurveFigure(const QString& norm, const QString& axis, QWidget* parent)
{
    auto* figure = new StudyCurveFigure(parent);
    figure->plot()->setAxis(axis == QLatin1String("epsilon") ? CurveRequest::Epsilon : CurveRequest::Iterations,
                            norm == QLatin1String("linf"));
    return figure;
}

void addCurveFigures(const QJsonObject& json, QWidget* parent, QVector<StudyFigure>& figures)
{
    // One plot per norm and axis, every model × attack on it.
    std::map<std::pair<QString, QString>, StudyCurveFigure*> plots;
    const QStringList norms = {QStringLiteral("linf"), QStringLiteral("l2"), QStringLiteral("l1")};
    for (const QString& axis : {QStringLiteral("epsilon"), QStringLiteral("steps")}) {
        for (const QString& norm : norms) {
            for (const QJsonValue& value : json.value(QLatin1String("curves")).toArray()) {
                const QJsonObject curve = value.toObject();
                if (curve.value(QLatin1String("axis")).toString() != axis ||
                    curve.value(QLatin1String("norm")).toString() != norm)
                    continue;
                StudyCurveFigure*& figure = plots[{norm, axis}];
                if (!figure) {
                    figure = newCurveFigure(norm, axis, parent);
                    const QString title = axis == QLatin1String("epsilon")
                                              ? StudyFigureText::tr("Accuracy vs %1 budget").arg(normTitle(norm))
                                              : StudyFigureText::tr("Accuracy vs iterations (%1)").arg(normTitle(norm));
                    figures.push_back({QStringLiteral("curves-") + norm + QLatin1Char('-') + axis, title, figure,
                                       curveSaver(figure->plot())});
                }
                addCurve(figure,
                         curve.value(QLatin1String("model")).toString() + QStringLiteral(" · ") +
                             curve.value(QLatin1String("label")).toString(),
                         curve);
            }
        }
    }
}

void addDefencesFigures(const QJsonObject& json, QWidget* parent, QVector<StudyFigure>& figures)
{
    if (!json.value(QLatin1String("table")).toArray().isEmpty()) {
        auto* table = new DeepDefenseTable(parent);
        table->setResults(json);
        figures.push_back({QStringLiteral("defences-deep-defense-table"), StudyFigureText::tr("Deep Defense table"),
                           table, {}});
    }
    // One plot per attack: the undefended model, then each input defence attacked
    // through its own gradient and with BPDA.
    std::map<QString, StudyCurveFigure*> plots;
    for (const QJsonValue& value : json.value(QLatin1String("curves")).toArray()) {
        const QJsonObject curve = value.toObject();
        const QString attack = curve.value(QLatin1String("attack_label")).toString();
        StudyCurveFigure*& figure = plots[attack];
        if (!figure) {
            figure = newCurveFigure(curve.value(QLatin1String("norm")).toString(), QStringLiteral("epsilon"), parent);
            figures.push_back({QStringLiteral("defences-input-") + fileSafe(attack),
                               StudyFigureText::tr("%1 vs input transforms (%2)")
                                   .arg(attack, curve.value(QLatin1String("model")).toString()),
                               figure, curveSaver(figure->plot())});
        }
        const QString defence = curve.value(QLatin1String("defence")).toString();
        const QString gradient = curve.value(QLatin1String("gradient")).toString();
        QString label = StudyFigureText::tr("undefended");
        if (!defence.isEmpty())
            label = gradient == QLatin1String("bpda") ? StudyFigureText::tr("%1, BPDA").arg(defence)
                                                      : StudyFigureText::tr("%1, own gradient").arg(defence);
        addCurve(figure, label, curve);
    }
}

} // namespace

bool loadStudyResults(const QString& folder, StudyResults* results, QString* error)
{
    QFile file(QDir(folder).filePath(QStringLiteral("results.json")));
    if (!file.open(QIODevice::ReadOnly)) {
        *error = StudyFigureText::tr("%1 has no results.json: the study has not finished there").arg(QDir::toNativeSeparators(folder));
        return false;
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (!document.isObject() || !document.object().contains(QLatin1String("study"))) {
        *error = StudyFigureText::tr("%1 is not a study's results (%2)")
                     .arg(QDir::toNativeSeparators(file.fileName()), parseError.errorString());
        return false;
    }
    results->folder = folder;
    results->json = document.object();
    return true;
}

QVector<StudyFigure> makeStudyFigures(const StudyResults& results, QWidget* parent)
{
    QVector<StudyFigure> figures;
    const QString kind = results.kind();
    if (kind == QLatin1String("robustness"))
        addRobustnessFigures(results.json, parent, figures);
    else if (kind == QLatin1String("transfer"))
        addTransferFigures(results.json, parent, figures);
    else if (kind == QLatin1String("curves"))
        addCurveFigures(results.json, parent, figures);
    else if (kind == QLatin1String("defences"))
        addDefencesFigures(results.json, parent, figures);
    return figures;
}

} // namespace advlens::ui
