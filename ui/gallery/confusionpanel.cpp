#include "ui/gallery/confusionpanel.h"

#include "ui/gallery/confusionmodel.h"

#include <QEvent>
#include <QHeaderView>
#include <QLabel>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

namespace advlens::ui {

ConfusionPanel::ConfusionPanel(ConfusionModel* model, QWidget* parent)
    : QWidget(parent)
    , m_model(model)
    , m_sorted(new QSortFilterProxyModel(this))
    , m_title(new QLabel(this))
    , m_view(new QTableView(this))
    , m_hint(new QLabel(this))
{
    m_sorted->setSourceModel(model);
    m_sorted->setSortRole(ConfusionModel::SortRole);
    m_view->setObjectName(QStringLiteral("confusionTable"));
    m_view->setModel(m_sorted);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(ConfusionModel::TrueClass, Qt::AscendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setAlternatingRowColors(true);
    m_view->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_view->verticalHeader()->hide();
    // The counts take what they need; the wrong predictions get the rest, one
    // line per class (elided; the whole list is the cell's tool tip).
    m_view->setWordWrap(false);
    m_view->setTextElideMode(Qt::ElideRight);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setSectionResizeMode(ConfusionModel::Predictions, QHeaderView::Stretch);
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_hint->setWordWrap(true);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_title);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_hint);

    const auto choose = [this](const QModelIndex& index) {
        if (index.isValid())
            Q_EMIT classChosen(index.data(ConfusionModel::TrueClassRole).toInt());
    };
    connect(m_view, &QTableView::clicked, this, choose);
    connect(m_view, &QTableView::activated, this, choose);
    retranslate();
}

void ConfusionPanel::showChosenClass(int trueClass)
{
    for (int row = 0; row < m_sorted->rowCount(); ++row) {
        const QModelIndex index = m_sorted->index(row, 0);
        if (index.data(ConfusionModel::TrueClassRole).toInt() == trueClass) {
            m_view->selectRow(row);
            return;
        }
    }
    m_view->clearSelection();
}

void ConfusionPanel::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::LanguageChange)
        retranslate();
}

void ConfusionPanel::retranslate()
{
    m_title->setText(tr("Confusion by true class"));
    m_hint->setText(tr("Click a class to show only its images; click it again to show all."));
    m_model->retranslate();
}

} // namespace advlens::ui
