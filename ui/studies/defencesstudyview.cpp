#include "ui/studies/defencesstudyview.h"

#include "ui/studies/deepdefensetable.h"
#include "ui/studies/studycurvefigure.h"
#include "ui/studies/studyfigurekit.h"

#include <map>

namespace advlens::ui {

namespace {

QString title()
{
    // The Studies window's context, where the translations of these names have always been.
    return QCoreApplication::translate("advlens::ui::StudiesWindow",
                                       "Defences (Deep Defense, adversarial training, BPDA)");
}

void addFigures(const QJsonObject& json, QWidget* parent, QVector<StudyFigure>& figures)
{
    if (!json.value(QLatin1String("table")).toArray().isEmpty()) {
        auto* table = new DeepDefenseTable(parent);
        table->setResults(json);
        figures.push_back(
            {QStringLiteral("defences-deep-defense-table"), StudyFigureText::tr("Deep Defense table"), table, {}});
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
                                  reportNumber(group.value(QLatin1String("eps_ref"))),
                                  group.value(QLatin1String("eps_ref_model")).toString().toHtmlEscaped(),
                                  group.value(QLatin1String("eps_ref_reached")).toBool()
                                      ? QString()
                                      : StudyReportText::tr(" (not reached: the search's upper end)")));
    }
    return html;
}

QString reportTables(const QJsonObject& json)
{
    return deepDefenseTable(json) + maskingChecksTable(json.value(QLatin1String("curves")).toArray());
}

} // namespace

StudyView defencesStudyView()
{
    return {QStringLiteral("defences"), &title, &addFigures, &reportTables};
}

} // namespace advlens::ui
