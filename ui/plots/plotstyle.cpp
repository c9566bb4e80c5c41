#include "ui/plots/plotstyle.h"

#include "ui/plots/qcustomplotinclude.h"

#include <QPalette>

namespace advlens::ui {

void applyAxisPalette(QCPAxis& axis, const QPalette& palette)
{
    const QColor text = palette.color(QPalette::Text);
    axis.setBasePen(QPen(text));
    axis.setTickPen(QPen(text));
    axis.setSubTickPen(QPen(text));
    axis.setTickLabelColor(text);
    axis.setLabelColor(text);
    axis.grid()->setPen(QPen(palette.color(QPalette::Mid), 1, Qt::DotLine));
}

void applyPlotPalette(QCustomPlot& plot, const QPalette& palette)
{
    plot.setBackground(palette.brush(QPalette::Base));
    for (QCPAxisRect* rect : plot.axisRects())
        for (QCPAxis* axis : rect->axes())
            applyAxisPalette(*axis, palette);
    plot.legend->setTextColor(palette.color(QPalette::Text));
    for (QCPLayoutElement* element : plot.plotLayout()->elements(/*recursive=*/true))
        if (auto* title = qobject_cast<QCPTextElement*>(element))
            title->setTextColor(palette.color(QPalette::Text));
}

void placeLegendBelow(QCustomPlot& plot)
{
    auto* legendRow = new QCPLayoutGrid;
    plot.axisRect()->insetLayout()->take(plot.legend);
    plot.plotLayout()->addElement(1, 0, legendRow);
    plot.plotLayout()->setRowStretchFactor(1, 0.001);
    plot.plotLayout()->setRowSpacing(0);
    legendRow->addElement(0, 0, new QCPLayoutElement(&plot));
    legendRow->addElement(0, 1, plot.legend);
    legendRow->addElement(0, 2, new QCPLayoutElement(&plot));
    legendRow->setColumnStretchFactors({1.0, 0.001, 1.0});
    legendRow->setColumnSpacing(0);
}

} // namespace advlens::ui
