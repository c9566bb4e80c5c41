#include "studies/studycurvefigure.h"

#include "plots/robustnesscurveplot.h"
#include "studies/maskingcheckslist.h"

#include <QHBoxLayout>
#include <QSplitter>

namespace advlens::ui {

StudyCurveFigure::StudyCurveFigure(QWidget* parent)
    : QWidget(parent)
    , m_plot(new RobustnessCurvePlot(this))
    , m_checks(new MaskingChecksList(this))
{
    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_plot);
    splitter->addWidget(m_checks);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    splitter->setChildrenCollapsible(false);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(splitter);
    m_checks->setVisible(false);
}

void StudyCurveFigure::updateChecksVisibility()
{
    m_checks->setVisible(m_checks->curves() > 0);
}

} // namespace advlens::ui
