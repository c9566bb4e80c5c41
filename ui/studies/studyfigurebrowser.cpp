#include "ui/studies/studyfigurebrowser.h"

#include "ui/studies/transferexamples.h"
#include "ui/studies/transferheatmap.h"

#include <QListWidget>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace advlens::ui {

StudyFigureBrowser::StudyFigureBrowser(QWidget* parent)
    : QSplitter(Qt::Horizontal, parent)
    , m_list(new QListWidget(this))
    , m_stack(new QStackedWidget(this))
    , m_examples(new TransferExamples(this))
{
    auto* right = new QWidget(this);
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(m_stack, 1);
    rightLayout->addWidget(m_examples);
    m_examples->setVisible(false);
    addWidget(m_list);
    addWidget(right);
    setStretchFactor(1, 1);
    setSizes({260, 900});
    connect(m_list, &QListWidget::currentRowChanged, this, &StudyFigureBrowser::showFigure);
}

void StudyFigureBrowser::clear()
{
    m_list->clear();
    for (const StudyFigure& figure : m_figures) {
        m_stack->removeWidget(figure.widget);
        delete figure.widget;
    }
    m_figures.clear();
    m_examples->clear();
    m_examples->setVisible(false);
}

void StudyFigureBrowser::showResults(const StudyResults& results)
{
    clear();
    m_results = results;
    m_figures = makeStudyFigures(m_results, m_stack);
    for (const StudyFigure& figure : m_figures) {
        m_stack->addWidget(figure.widget);
        m_list->addItem(figure.title);
        m_list->item(m_list->count() - 1)->setToolTip(figure.title);
        if (auto* heatmap = qobject_cast<TransferHeatmap*>(figure.widget)) {
            const int matrix = figure.matrix;
            connect(heatmap, &TransferHeatmap::cellClicked, this,
                    [this, matrix](int source, int target) { transferCellClicked(matrix, source, target); });
        }
    }
    if (!m_figures.isEmpty())
        m_list->setCurrentRow(0);
}

int StudyFigureBrowser::currentIndex() const
{
    return m_list->currentRow();
}

void StudyFigureBrowser::showFigure(int index)
{
    if (index < 0 || index >= m_figures.size())
        return;
    if (m_list->currentRow() != index)
        m_list->setCurrentRow(index);
    m_stack->setCurrentWidget(m_figures[index].widget);
    const bool transfer = m_figures[index].matrix >= 0;
    m_examples->setVisible(transfer);
    if (transfer)
        m_examples->clear();
}

void StudyFigureBrowser::transferCellClicked(int matrix, int source, int target)
{
    m_examples->setVisible(true);
    m_examples->showCell(m_results.folder, m_results.json, matrix, source, target);
}

} // namespace advlens::ui
