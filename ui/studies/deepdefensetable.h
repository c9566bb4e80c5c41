#pragma once

#include <QJsonObject>
#include <QWidget>

class QLabel;
class QTableWidget;

namespace advlens::ui {

/// Deep Defense's Table 1 (Yan et al. 2018) for a defences study: per
/// architecture, the reference, adversarially trained and Deep Defense
/// models with clean accuracy, ρ2 (and its ratio to the reference) and
/// accuracy under FGS at the study's factors of ε_ref.
class DeepDefenseTable : public QWidget {
    Q_OBJECT

public:
    explicit DeepDefenseTable(QWidget* parent = nullptr);

    /// `results`: a defences study's results.json.
    void setResults(const QJsonObject& results);

    /// "Reference", "Adv. training (PGD)", "Deep Defense" for the recipes plain, pgd, deepdefense.
    static QString methodTitle(const QString& recipe);
    /// The table's cell texts, row by row, header first (for the report and tests).
    QList<QStringList> cells() const;

private:
    QLabel* m_caption;
    QTableWidget* m_table;
};

} // namespace advlens::ui
