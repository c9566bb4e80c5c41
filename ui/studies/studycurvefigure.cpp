#include "ui/studies/studycurvefigure.h"

#include "ui/plots/robustnesscurveplot.h"
#include "ui/studies/maskingcheckslist.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QSplitter>
#include <QVBoxLayout>

namespace advlens::ui {

StudyCurveFigure::StudyCurveFigure(QWidget* parent)
    : QWidget(parent)
    , m_plot(new RobustnessCurvePlot(this))
    , m_checks(new MaskingChecksList(this))
    , m_details(new QLabel(this))
    , m_checksPanel(new QWidget(this))
{
    m_details->setWordWrap(true);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_details->setMinimumHeight(3 * fontMetrics().height());
    m_details->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    auto* panelLayout = new QVBoxLayout(m_checksPanel);
    panelLayout->setContentsMargins(0, 0, 0, 0);
    panelLayout->addWidget(m_checks, 1);
    panelLayout->addWidget(m_details);
    connect(m_checks, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem* item) {
        if (item)
            m_details->setText(item->toolTip(0));
    });
    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_plot);
    splitter->addWidget(m_checksPanel);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    splitter->setChildrenCollapsible(false);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);
    m_checksPanel->setVisible(false);
}

void StudyCurveFigure::updateChecksVisibility()
{
    m_checksPanel->setVisible(m_checks->curves() > 0);
    if (m_details->text().isEmpty())
        m_details->setText(m_checks->firstFailure());
}

QString StudyCurveFigure::shownDetails() const
{
    return m_details->text();
}

} // namespace advlens::ui
