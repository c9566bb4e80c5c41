#include "plots/topkchart.h"

#include "i18n/classnames.h"
#include "plots/qcustomplotinclude.h"

#include <QEvent>
#include <QLocale>
#include <QVBoxLayout>

#include <algorithm>

namespace advlens::ui {

namespace {

// Mid-tone colours that read on light and dark backgrounds alike.
const QColor kOtherColour(74, 123, 208);
const QColor kTrueColour(46, 157, 74);
constexpr double kBarWidth = 0.62;
/// From this probability (in %) on, the label goes inside the bar, else beside it.
constexpr double kInsideLabelFrom = 60.0;
constexpr double kLabelGap = 1.5; ///< between a bar's end and its label, in %

void styleBars(QCPBars* bars, const QColor& colour)
{
    bars->setWidth(kBarWidth);
    bars->setPen(Qt::NoPen);
    bars->setBrush(colour);
}

} // namespace

TopKChart::TopKChart(QWidget* parent)
    : QWidget(parent)
    , m_plot(new QCustomPlot(this))
    , m_otherBars(new QCPBars(m_plot->yAxis, m_plot->xAxis))
    , m_trueBars(new QCPBars(m_plot->yAxis, m_plot->xAxis))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot);
    m_plot->setMinimumHeight(200);

    styleBars(m_otherBars, kOtherColour);
    styleBars(m_trueBars, kTrueColour);
    m_plot->xAxis->setRange(0, 100);
    m_plot->yAxis->setRangeReversed(true); // rank 1 at the top
    m_plot->yAxis->grid()->setVisible(false);
    m_plot->yAxis->setTicker(QSharedPointer<QCPAxisTickerText>::create());
    m_plot->yAxis->setTickLength(0, 0);
    m_plot->yAxis->setSubTicks(false);
    m_otherBars->removeFromLegend();
    m_plot->legend->setBrush(Qt::NoBrush);
    m_plot->legend->setBorderPen(Qt::NoPen);
    // Bottom right: the least probable bars are the shortest.
    m_plot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignBottom | Qt::AlignRight);
    applyPalette();
    redraw();
}

void TopKChart::setPrediction(const Prediction& prediction)
{
    m_prediction = prediction;
    redraw();
}

void TopKChart::clear()
{
    m_prediction = {};
    redraw();
}

void TopKChart::setShownClasses(int k)
{
    m_shownClasses = std::max(1, k);
    redraw();
}

void TopKChart::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        applyPalette();
        redraw();
    } else if (event->type() == QEvent::LanguageChange) {
        redraw();
    }
}

void TopKChart::applyPalette()
{
    const QColor text = palette().color(QPalette::Text);
    m_plot->setBackground(palette().brush(QPalette::Base));
    for (QCPAxis* axis : {m_plot->xAxis, m_plot->yAxis}) {
        axis->setBasePen(QPen(text));
        axis->setTickPen(QPen(text));
        axis->setSubTickPen(QPen(text));
        axis->setTickLabelColor(text);
        axis->setLabelColor(text);
    }
    m_plot->xAxis->grid()->setPen(QPen(palette().color(QPalette::Mid), 1, Qt::DotLine));
    m_plot->legend->setTextColor(text);
}

void TopKChart::redraw()
{
    m_plot->clearItems();
    m_barLabels.clear();
    const int k = std::min<int>(m_shownClasses, static_cast<int>(m_prediction.topClasses.size()));
    QVector<double> otherKeys, otherValues, trueKeys, trueValues;
    auto ticker = m_plot->yAxis->ticker().staticCast<QCPAxisTickerText>();
    ticker->clear();
    const QLocale locale;
    for (int rank = 0; rank < k; ++rank) {
        const double key = rank + 1;
        const double percent = 100.0 * m_prediction.topProbabilities[static_cast<std::size_t>(rank)];
        const bool isTrue = m_prediction.topClasses[static_cast<std::size_t>(rank)] == m_prediction.trueClassIndex;
        (isTrue ? trueKeys : otherKeys) << key;
        (isTrue ? trueValues : otherValues) << percent;
        ticker->addTick(key, displayClassName(m_prediction.topNames.at(rank)));

        const QString label = tr("%1 %").arg(locale.toString(percent, 'f', 1));
        m_barLabels << label;
        auto* text = new QCPItemText(m_plot);
        const bool inside = percent >= kInsideLabelFrom;
        text->setText(label);
        text->position->setCoords(inside ? percent - kLabelGap : percent + kLabelGap, key);
        text->setPositionAlignment((inside ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter);
        text->setColor(inside ? QColor(Qt::white) : palette().color(QPalette::Text));
    }
    m_otherBars->setData(otherKeys, otherValues);
    m_trueBars->setData(trueKeys, trueValues);
    m_trueBars->setName(tr("True class"));
    m_plot->legend->setVisible(!trueKeys.isEmpty());
    m_plot->yAxis->setRange(0.4, std::max(k, 1) + 0.6);
    m_plot->xAxis->setLabel(tr("Probability (%)"));
    m_plot->replot();
}

} // namespace advlens::ui
