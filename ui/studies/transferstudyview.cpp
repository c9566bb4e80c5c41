#include "ui/studies/transferstudyview.h"

#include "ui/studies/studyfigurekit.h"
#include "ui/studies/transferheatmap.h"

#include <QStringList>

namespace advlens::ui {

namespace {

QString title()
{
    // The Studies window's context, where the translations of these names have always been.
    return QCoreApplication::translate("advlens::ui::StudiesWindow", "Transferability heat maps (Su et al.)");
}

QStringList modelNames(const QJsonObject& json)
{
    QStringList models;
    for (const QJsonValue& model : json.value(QLatin1String("models")).toArray())
        models << model.toString();
    return models;
}

void addFigures(const QJsonObject& json, QWidget* parent, QVector<StudyFigure>& figures)
{
    const QStringList models = modelNames(json);
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

QString reportTables(const QJsonObject& json)
{
    QStringList models = modelNames(json);
    for (QString& model : models)
        model = model.toHtmlEscaped();
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
                                 reportPercent(rates.at(i).toArray().at(j)));
            html += QStringLiteral("</tr>");
        }
        html += QStringLiteral("</table>");
    }
    return html;
}

} // namespace

StudyView transferStudyView()
{
    return {QStringLiteral("transfer"), &title, &addFigures, &reportTables};
}

} // namespace advlens::ui
