#include "ui/plots/topkshiftchart.h"

#include "ui/i18n/classnames.h"
#include "ui/plots/plotstyle.h"
#include "ui/plots/qcustomplotinclude.h"

#include <QEvent>
#include <QFontMetrics>
#include <QLocale>
#include <QVBoxLayout>

#include <algorithm>

namespace advlens::ui {

namespace {

// Blue and orange: told apart with every kind of colour blindness, and on
// light and dark backgrounds alike.
const QColor kBeforeColour(74, 123, 208);
const QColor kAfterColour(230, 120, 30);
constexpr double kPairWidth = 0.38;
constexpr int kLabelGap = 4;         ///< between a bar's end and its label, in pixels
constexpr double kLabelScale = 0.85; ///< bar labels are this much smaller than the widget font

} // namespace

TopKShiftChart::TopKShiftChart(QWidget* parent)
    : QWidget(parent)
    , m_plot(new QCustomPlot(this))
    , m_beforeBars(new QCPBars(m_plot->yAxis, m_plot->xAxis))
    , m_afterBars(new QCPBars(m_plot->yAxis, m_plot->xAxis))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot);
    m_plot->setMinimumHeight(220);

    auto* group = new QCPBarsGroup(m_plot);
    for (auto [bars, colour] : {std::pair{m_beforeBars, kBeforeColour}, std::pair{m_afterBars, kAfterColour}}) {
        bars->setWidth(kPairWidth);
        bars->setPen(Qt::NoPen);
        bars->setBrush(colour);
        bars->setBarsGroup(group);
    }
    group->setSpacing(1);
    // Probabilities end at 100 %; a 100 % bar's label goes in the margin right of the axis rect.
    m_plot->xAxis->setRange(0, 100);
    m_plot->axisRect()->setAutoMargins(QCP::msLeft | QCP::msTop | QCP::msBottom);
    m_plot->xAxis->setTicker(QSharedPointer<QCPAxisTickerFixed>::create());
    m_plot->xAxis->ticker().staticCast<QCPAxisTickerFixed>()->setTickStep(20);
    m_plot->yAxis->setRangeReversed(true);
    m_plot->yAxis->grid()->setVisible(false);
    m_plot->yAxis->setTicker(QSharedPointer<QCPAxisTickerText>::create());
    m_plot->yAxis->setTickLength(0, 0);
    m_plot->yAxis->setSubTicks(false);
    // The legend goes below the axes, centred (as in RobustnessCurvePlot): inside
    // them it would cover the bar labels of the lower rows once long class names
    // leave the bars little width.
    placeLegendBelow(*m_plot);
    m_plot->legend->setVisible(true);
    m_plot->legend->setBrush(Qt::NoBrush);
    m_plot->legend->setBorderPen(Qt::NoPen);
    m_plot->legend->setMargins(QMargins(4, 0, 4, 4));
    m_plot->legend->setColumnSpacing(16);
    m_plot->legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    applyPalette();
    redraw();
}

void TopKShiftChart::setShift(const Prediction& before, const Prediction& after, int target)
{
    m_before = before;
    m_after = after;
    m_hasAfter = true;
    m_target = target;
    redraw();
}

void TopKShiftChart::setBefore(const Prediction& before)
{
    m_before = before;
    m_after = {};
    m_hasAfter = false;
    m_target = -1;
    redraw();
}

void TopKShiftChart::clear()
{
    m_before = m_after = {};
    m_hasAfter = false;
    m_target = -1;
    redraw();
}

void TopKShiftChart::setShownClasses(int k)
{
    m_shownClasses = std::max(1, k);
    redraw();
}

void TopKShiftChart::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        applyPalette();
        redraw();
    } else if (event->type() == QEvent::LanguageChange) {
        redraw();
    }
}

void TopKShiftChart::applyPalette()
{
    applyPlotPalette(*m_plot, palette());
}

void TopKShiftChart::redraw()
{
    m_plot->clearItems();
    m_classes.clear();
    m_barLabels.clear();
    // The classes most probable on either side, most probable first.
    for (const Prediction* side : {&m_before, &m_after})
        for (std::size_t rank = 0; rank < side->topClasses.size() && static_cast<int>(rank) < m_shownClasses; ++rank)
            if (!m_classes.contains(side->topClasses[rank]))
                m_classes << side->topClasses[rank];
    const auto strength = [this](int c) {
        return std::max(m_before.probabilityOf(c), m_hasAfter ? m_after.probabilityOf(c) : 0.0F);
    };
    std::stable_sort(m_classes.begin(), m_classes.end(), [&](int a, int b) { return strength(a) > strength(b); });

    // Each shown class is in one side's top classes, which carry the names.
    const auto nameOf = [this](int c) {
        for (const Prediction* side : {&m_before, &m_after}) {
            const auto found = std::find(side->topClasses.begin(), side->topClasses.end(), c);
            if (found != side->topClasses.end())
                return side->topNames.value(static_cast<int>(found - side->topClasses.begin()));
        }
        return QString::number(c);
    };
    QVector<double> keys, before, after;
    auto ticker = m_plot->yAxis->ticker().staticCast<QCPAxisTickerText>();
    ticker->clear();
    const QLocale locale;
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * kLabelScale);
    const auto labelText = [&](double percent) { return tr("%1 %").arg(locale.toString(percent, 'f', 1)); };
    // Room right of the axis for the widest label, that of a 100 % bar, and for the "100" tick label.
    const int labelRoom = QFontMetrics(small).horizontalAdvance(labelText(100.0)) + 2 * kLabelGap;
    const int tickRoom = QFontMetrics(m_plot->xAxis->tickLabelFont()).horizontalAdvance(QStringLiteral("100")) / 2 + 2;
    m_plot->axisRect()->setMargins(QMargins(0, 0, std::max(labelRoom, tickRoom), 0));
    const auto addLabel = [&](double percent, double key) {
        auto* text = new QCPItemText(m_plot);
        text->setText(labelText(percent));
        m_barLabels << text->text();
        text->position->setCoords(percent, key);
        text->setPositionAlignment(Qt::AlignLeft | Qt::AlignVCenter);
        text->setPadding(QMargins(kLabelGap, 0, 0, 0));
        text->setClipToAxisRect(false); // a 100 % bar's label lies in the right margin
        text->setColor(palette().color(QPalette::Text));
        text->setFont(small);
    };
    for (int row = 0; row < m_classes.size(); ++row) {
        const int c = m_classes[row];
        const double key = row + 1;
        keys << key;
        before << 100.0 * m_before.probabilityOf(c);
        after << (m_hasAfter ? 100.0 * m_after.probabilityOf(c) : 0.0);
        QString label = displayClassName(nameOf(c));
        if (c == m_before.trueClassIndex)
            label = tr("%1 (true)").arg(label);
        if (c == m_target)
            label = tr("%1 (target)").arg(label);
        ticker->addTick(key, label);
        addLabel(before.back(), key - kPairWidth / 2);
        if (m_hasAfter)
            addLabel(after.back(), key + kPairWidth / 2);
    }
    m_beforeBars->setData(keys, before);
    m_afterBars->setData(keys, after);
    m_beforeBars->setName(tr("Original"));
    m_afterBars->setName(tr("Adversarial"));
    m_afterBars->setVisible(m_hasAfter);
    if (m_hasAfter)
        m_afterBars->addToLegend();
    else
        m_afterBars->removeFromLegend();
    m_plot->yAxis->setRange(0.4, std::max<int>(static_cast<int>(m_classes.size()), 1) + 0.6);
    m_plot->xAxis->setLabel(tr("Probability (%)"));
    m_plot->replot();
}

} // namespace advlens::ui
