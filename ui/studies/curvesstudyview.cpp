#include "ui/studies/curvesstudyview.h"

#include "ui/plots/normsymbol.h"
#include "ui/plots/robustnesscurveplot.h"
#include "ui/studies/studycurvefigure.h"
#include "ui/studies/studyfigurekit.h"

#include <map>

namespace advlens::ui {

namespace {

QString title()
{
    // The Studies window's context, where the translations of these names have always been.
    return QCoreApplication::translate("advlens::ui::StudiesWindow", "Robustness curves (RealSafe)");
}

void addFigures(const QJsonObject& json, QWidget* parent, QVector<StudyFigure>& figures)
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
                                              ? StudyFigureText::tr("Accuracy vs %1 budget").arg(normSymbol(norm))
                                              : StudyFigureText::tr("Accuracy vs iterations (%1)").arg(normSymbol(norm));
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

QString reportTables(const QJsonObject& json)
{
    return maskingChecksTable(json.value(QLatin1String("curves")).toArray());
}

} // namespace

StudyView curvesStudyView()
{
    return {QStringLiteral("curves"), &title, &addFigures, &reportTables};
}

} // namespace advlens::ui
