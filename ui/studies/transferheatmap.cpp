#include "ui/studies/transferheatmap.h"

#include "ui/plots/plotstyle.h"
#include "ui/plots/qcustomplotinclude.h"

#include <QEvent>
#include <QJsonArray>
#include <QMouseEvent>
#include <QVBoxLayout>

#include <cmath>

namespace advlens::ui {

namespace {

/// Cells get their percentage written in them up to this many models (a
/// transfer study of 32 models already runs 1,024 attacks). Beyond it the
/// numbers would not fit the cells, and one QCPItemText per cell costs
/// QCustomPlot far more than its cell count (3.7 s on the GUI thread for 300
/// models, 45 s for 600: tests/fuzz); the colours still show every cell, and
/// a click still reports it.
constexpr int kMaxLabelledModels = 32;

} // namespace

TransferHeatmap::TransferHeatmap(QWidget* parent)
    : QWidget(parent)
    , m_plot(new QCustomPlot(this))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot);
    m_plot->setMinimumSize(360, 320);
    m_plot->plotLayout()->insertRow(0);
    m_title = new QCPTextElement(m_plot, QString(), QFont(font().family(), int(font().pointSizeF() * 1.1), QFont::Bold));
    m_plot->plotLayout()->addElement(0, 0, m_title);
    m_map = new QCPColorMap(m_plot->xAxis, m_plot->yAxis);
    m_scale = new QCPColorScale(m_plot);
    m_plot->plotLayout()->addElement(1, 1, m_scale);
    m_scale->setType(QCPAxis::atRight);
    m_scale->axis()->setLabel(tr("rate (%)"));
    m_map->setColorScale(m_scale);
    // White (nothing transfers) to dark blue (everything does): reads in print and in grey.
    QCPColorGradient gradient;
    gradient.setColorStopAt(0.0, QColor(255, 255, 255));
    gradient.setColorStopAt(0.5, QColor(107, 174, 214));
    gradient.setColorStopAt(1.0, QColor(8, 48, 107));
    gradient.setNanHandling(QCPColorGradient::nhNanColor);
    gradient.setNanColor(QColor(200, 200, 200));
    m_map->setGradient(gradient);
    m_map->setDataRange(QCPRange(0, 100));
    m_map->setInterpolate(false);
    auto* margins = new QCPMarginGroup(m_plot);
    m_plot->axisRect()->setMarginGroup(QCP::msBottom | QCP::msTop, margins);
    m_scale->setMarginGroup(QCP::msBottom | QCP::msTop, margins);
    m_plot->yAxis->setRangeReversed(true); // source 0 on top, as a matrix is read
    m_plot->xAxis->setLabel(tr("evaluated on (target)"));
    m_plot->yAxis->setLabel(tr("made on (source)"));
    applyPalette();
    connect(m_plot, &QCustomPlot::mousePress, this, [this](QMouseEvent* event) {
        const int target = int(std::lround(m_plot->xAxis->pixelToCoord(event->pos().x())));
        const int source = int(std::lround(m_plot->yAxis->pixelToCoord(event->pos().y())));
        if (source >= 0 && source < m_size && target >= 0 && target < m_size)
            Q_EMIT cellClicked(source, target);
    });
}

void TransferHeatmap::setMatrix(const QStringList& models, const QJsonObject& matrix)
{
    m_plot->clearItems();
    m_size = int(models.size());
    const QJsonArray rates = matrix.value(QLatin1String("rates")).toArray();
    m_map->data()->setSize(m_size, m_size);
    m_map->data()->setRange(QCPRange(0, std::max(1, m_size - 1)), QCPRange(0, std::max(1, m_size - 1)));
    QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
    for (int i = 0; i < m_size; ++i)
        ticker->addTick(i, models[i]);
    m_plot->xAxis->setTicker(ticker);
    m_plot->yAxis->setTicker(ticker);
    m_plot->xAxis->setTickLabelRotation(m_size > 5 ? 35 : 0);
    m_plot->xAxis->setSubTicks(false);
    m_plot->yAxis->setSubTicks(false);
    m_plot->xAxis->grid()->setVisible(false);
    m_plot->yAxis->grid()->setVisible(false);
    QFont cellFont = font();
    if (m_size > 8)
        cellFont.setPointSizeF(cellFont.pointSizeF() * 0.8);
    const bool labelled = m_size <= kMaxLabelledModels;
    for (int i = 0; i < m_size; ++i) {
        const QJsonArray row = rates.at(i).toArray();
        for (int j = 0; j < m_size; ++j) {
            const QJsonValue v = row.at(j);
            const double percent = v.isDouble() ? 100.0 * v.toDouble() : NAN;
            m_map->data()->setCell(j, i, percent);
            if (!labelled)
                continue;
            auto* text = new QCPItemText(m_plot);
            text->position->setCoords(j, i);
            text->setFont(i == j ? QFont(cellFont.family(), cellFont.pointSize(), QFont::Bold) : cellFont);
            text->setText(std::isfinite(percent) ? QString::number(percent, 'f', 0) : QStringLiteral("–"));
            text->setColor(std::isfinite(percent) && percent > 55 ? Qt::white : Qt::black);
        }
    }
    m_plot->xAxis->setRange(-0.5, m_size - 0.5);
    m_plot->yAxis->setRange(-0.5, m_size - 0.5);
    const bool targeted = matrix.value(QLatin1String("targeted")).toBool();
    m_title->setText(targeted ? tr("%1, targeted: top-5 match rate (%)").arg(matrix.value(QLatin1String("attack")).toString())
                              : tr("%1, untargeted: success rate (%)").arg(matrix.value(QLatin1String("attack")).toString()));
    m_plot->replot();
}

void TransferHeatmap::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        applyPalette();
        m_plot->replot(QCustomPlot::rpQueuedReplot);
    }
}

// The cells keep their colours (white to dark blue, the numbers in black or
// white by cell), so only the frame around them follows the palette.
void TransferHeatmap::applyPalette()
{
    applyPlotPalette(*m_plot, palette());
    applyAxisPalette(*m_scale->axis(), palette());
}

double TransferHeatmap::rate(int source, int target) const
{
    if (source < 0 || target < 0 || source >= m_size || target >= m_size)
        return NAN;
    return m_map->data()->cell(target, source) / 100.0;
}

QPoint TransferHeatmap::cellCentre(int source, int target) const
{
    return QPoint(int(m_plot->xAxis->coordToPixel(target)), int(m_plot->yAxis->coordToPixel(source)));
}

} // namespace advlens::ui
