#include "ui/studies/deepdefensetable.h"

#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>

namespace advlens::ui {

namespace {

QString percent(double value)
{
    return QString::number(100.0 * value, 'f', 2) + QStringLiteral(" %");
}

} // namespace

DeepDefenseTable::DeepDefenseTable(QWidget* parent)
    : QWidget(parent)
    , m_caption(new QLabel(this))
    , m_table(new QTableWidget(this))
{
    m_caption->setWordWrap(true);
    m_caption->setTextFormat(Qt::RichText);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->setVisible(false);
    m_table->setAlternatingRowColors(true);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_caption);
    layout->addWidget(m_table, 1);
}

QString DeepDefenseTable::methodTitle(const QString& recipe)
{
    if (recipe == QLatin1String("plain"))
        return tr("Reference");
    if (recipe == QLatin1String("pgd"))
        return tr("Adv. training (PGD)");
    if (recipe == QLatin1String("deepdefense"))
        return tr("Deep Defense");
    return recipe;
}

void DeepDefenseTable::setResults(const QJsonObject& results)
{
    const QJsonArray factors = results.value(QLatin1String("fgs_factors")).toArray();
    QStringList headers = {tr("Network"), tr("Method"), tr("Model"), tr("Accuracy"), tr("ρ2"), tr("ρ2 ÷ ref.")};
    for (const QJsonValue& factor : factors)
        headers << tr("Acc. @ %1 ε_ref").arg(factor.toDouble());
    m_table->clear();
    m_table->setColumnCount(int(headers.size()));
    m_table->setHorizontalHeaderLabels(headers);

    const QJsonArray groups = results.value(QLatin1String("table")).toArray();
    int rowCount = 0;
    for (const QJsonValue& group : groups)
        rowCount += int(group.toObject().value(QLatin1String("rows")).toArray().size());
    m_table->setRowCount(rowCount);

    QStringList references;
    int row = 0;
    for (const QJsonValue& groupValue : groups) {
        const QJsonObject group = groupValue.toObject();
        const QString architecture = group.value(QLatin1String("architecture")).toString();
        const double epsilonRef = group.value(QLatin1String("eps_ref")).toDouble();
        references << (group.value(QLatin1String("eps_ref_reached")).toBool()
                           ? tr("%1: ε_ref = %2 (FGS brings %3 to 50 %)")
                           : tr("%1: ε_ref = %2 (FGS leaves %3 above 50 % even there)"))
                          .arg(architecture.toHtmlEscaped(), QString::number(epsilonRef, 'f', 4),
                               group.value(QLatin1String("eps_ref_model")).toString().toHtmlEscaped());
        for (const QJsonValue& rowValue : group.value(QLatin1String("rows")).toArray()) {
            const QJsonObject entry = rowValue.toObject();
            const QString recipe = entry.value(QLatin1String("recipe")).toString();
            QStringList texts = {architecture, methodTitle(recipe), entry.value(QLatin1String("name")).toString()};
            const double change = entry.value(QLatin1String("accuracy_change")).toDouble();
            texts << (recipe == QLatin1String("plain")
                          ? percent(entry.value(QLatin1String("accuracy")).toDouble())
                          : tr("%1 (%2 pts)")
                                .arg(percent(entry.value(QLatin1String("accuracy")).toDouble()))
                                .arg((change >= 0 ? QStringLiteral("+") : QString()) +
                                     QString::number(100.0 * change, 'f', 2)));
            const QJsonValue rho2 = entry.value(QLatin1String("rho2"));
            texts << (rho2.isDouble() ? QString::number(rho2.toDouble(), 'e', 2) : QStringLiteral("–"));
            const QJsonValue ratio = entry.value(QLatin1String("rho2_ratio"));
            texts << (ratio.isDouble() ? QStringLiteral("×%1").arg(ratio.toDouble(), 0, 'f', 2) : QStringLiteral("–"));
            for (const QJsonValue& accuracy : entry.value(QLatin1String("fgs_accuracy")).toArray())
                texts << percent(accuracy.toDouble());
            for (int column = 0; column < texts.size() && column < m_table->columnCount(); ++column) {
                auto* item = new QTableWidgetItem(texts[column]);
                if (column >= 3)
                    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
                if (column == 4 && entry.contains(QLatin1String("rho2_skipped")))
                    item->setToolTip(entry.value(QLatin1String("rho2_skipped")).toString());
                if (recipe == QLatin1String("deepdefense"))
                    item->setFont([&] {
                        QFont font = item->font();
                        font.setBold(true);
                        return font;
                    }());
                m_table->setItem(row, column, item);
            }
            ++row;
        }
    }
    m_table->resizeColumnsToContents();
    m_caption->setText(tr("<b>Deep Defense (Yan et al. 2018) and adversarial training (Madry et al. 2018)</b> on %1 "
                          "test images. ρ2 is the mean ‖r‖₂/‖x‖₂ of DeepFool's perturbation; FGS accuracy is over "
                          "all images at multiples of ε_ref, the FGS ε that brings each network's Deep Defense "
                          "model to 50 %.<br>%2")
                           .arg(results.value(QLatin1String("images")).toInteger())
                           .arg(references.join(QStringLiteral("; "))));
}

QList<QStringList> DeepDefenseTable::cells() const
{
    QList<QStringList> cells;
    QStringList header;
    for (int column = 0; column < m_table->columnCount(); ++column)
        header << m_table->horizontalHeaderItem(column)->text();
    cells << header;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        QStringList texts;
        for (int column = 0; column < m_table->columnCount(); ++column)
            texts << (m_table->item(row, column) ? m_table->item(row, column)->text() : QString());
        cells << texts;
    }
    return cells;
}

} // namespace advlens::ui
