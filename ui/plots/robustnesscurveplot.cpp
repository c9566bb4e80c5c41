#include "ui/plots/robustnesscurveplot.h"

#include "ui/plots/palette.h"
#include "ui/plots/plotfiles.h"
#include "ui/plots/plotstyle.h"
#include "ui/plots/qcustomplotinclude.h"

#include <QEvent>
#include <QResizeEvent>
#include <QSaveFile>
#include <QTextStream>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <tuple>

namespace advlens::ui {

namespace {

constexpr double kMarkerSize = 7.0;
constexpr double kXPadding = 0.04;       ///< of the x span, so end markers are drawn whole
constexpr double kLogPadding = 1.15;     ///< factor below/above the extreme step counts
constexpr double kAccuracyPadding = 2.5; ///< %, ditto for 0 % and 100 %

/// Later rounds of the colour cycle are dashed, so no two series look the same.
Qt::PenStyle penStyleOf(int series)
{
    const Qt::PenStyle styles[] = {Qt::SolidLine, Qt::DashLine, Qt::DotLine, Qt::DashDotLine};
    return styles[(series / paletteColourCount()) % 4];
}

/// Iterations and queries: counts from 1 up, spread over decades.
bool isLogAxis(CurveRequest::Axis axis)
{
    return axis == CurveRequest::Iterations || axis == CurveRequest::Queries;
}

/// Ticks at 1, 2, 5, 10, 20, 50, … inside [lower, upper]: the usual step
/// lists. Over more than three decades (query budgets of 10 000 and up) only
/// 1, 10, 100, …: the 2s and 5s would crowd the axis.
void setOneTwoFiveTicks(QCPAxisTickerText& ticker, double lower, double upper)
{
    ticker.clear();
    const bool decadesOnly = upper > 2000.0 * std::max(lower, 1.0);
    for (double decade = 1.0; decade <= upper; decade *= 10.0)
        for (double m : {1.0, 2.0, 5.0})
            if (m * decade >= lower && m * decade <= upper && (m == 1.0 || !decadesOnly))
                ticker.addTick(m * decade, QLocale().toString(m * decade, 'f', 0));
}

QString csvField(const QString& text)
{
    QString quoted = text;
    quoted.replace(QLatin1Char('"'), QLatin1String("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

QString csvNumber(double value)
{
    return std::isfinite(value) ? QString::number(value, 'g', 8) : QString();
}

} // namespace

RobustnessCurvePlot::RobustnessCurvePlot(QWidget* parent)
    : QWidget(parent)
    , m_plot(new QCustomPlot(this))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot);
    m_plot->setMinimumSize(360, 260);
    m_plot->setNoAntialiasingOnDrag(true);
    m_plot->setAntialiasedElements(QCP::aePlottables | QCP::aeScatters);

    auto accuracyTicker = QSharedPointer<QCPAxisTickerFixed>::create();
    accuracyTicker->setTickStep(20.0);
    accuracyTicker->setScaleStrategy(QCPAxisTickerFixed::ssNone);
    m_plot->yAxis->setTicker(accuracyTicker);
    m_plot->yAxis->setRange(-kAccuracyPadding, 100.0 + kAccuracyPadding);
    m_plot->xAxis2->setTickLength(0, 4);
    m_plot->xAxis2->setSubTicks(false);
    // The legend goes below the axes, centred, in as many columns as fit: labels
    // are long ("PGD-20 ℓ∞ · lenet-plain") and a robust model's curve runs along
    // the top, where an inset legend would cover it.
    placeLegendBelow(*m_plot);
    m_plot->legend->setVisible(false);
    m_plot->legend->setMargins(QMargins(4, 0, 4, 4));
    m_plot->legend->setColumnSpacing(16);
    m_plot->legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    applyPalette();
    setAxis(CurveRequest::Epsilon);
}

void RobustnessCurvePlot::setAxis(CurveRequest::Axis axis, bool greyLevels)
{
    if (axis != m_axis)
        clear();
    m_axis = axis;
    m_greyLevels = greyLevels;
    const bool log = isLogAxis(axis);
    m_plot->xAxis->setScaleType(log ? QCPAxis::stLogarithmic : QCPAxis::stLinear);
    if (log)
        m_plot->xAxis->setTicker(QSharedPointer<QCPAxisTickerText>::create());
    else
        m_plot->xAxis->setTicker(QSharedPointer<QCPAxisTicker>::create());
    m_plot->xAxis2->setVisible(axis == CurveRequest::Epsilon && greyLevels);
    updateLabels();
    updateAxes();
}

void RobustnessCurvePlot::setEmptyRange(CurveRequest::Axis axis, double lower, double upper)
{
    if (!(lower <= upper) || !std::isfinite(upper) || (isLogAxis(axis) && lower < 1.0))
        return;
    m_emptyRange[axis] = {lower, upper};
    if (axis == m_axis)
        updateAxes();
}

int RobustnessCurvePlot::addSeries(const QString& label)
{
    const int index = seriesCount();
    Series series;
    series.label = label;
    series.graph = m_plot->addGraph();
    series.graph->setName(label);
    const QColor colour = paletteColour(index);
    series.graph->setPen(QPen(colour, 2.0, penStyleOf(index)));
    series.graph->setScatterStyle(
        QCPScatterStyle(paletteShape(index), QPen(colour, 1.5), QBrush(colour), kMarkerSize));
    m_series.push_back(series);
    m_plot->legend->setVisible(true);
    updateLegendColumns();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
    return index;
}

void RobustnessCurvePlot::removeLastSeries()
{
    if (m_series.empty())
        return;
    m_plot->removeGraph(m_series.back().graph);
    m_series.pop_back();
    m_plot->legend->setVisible(!m_series.empty());
    updateAxes();
}

QString RobustnessCurvePlot::seriesLabel(int series) const
{
    return series >= 0 && series < seriesCount() ? m_series[static_cast<std::size_t>(series)].label : QString();
}

QColor RobustnessCurvePlot::seriesColour(int series) const
{
    return series >= 0 && series < seriesCount() ? m_series[static_cast<std::size_t>(series)].graph->pen().color()
                                                 : QColor();
}

void RobustnessCurvePlot::addPoint(int series, double x, double accuracy)
{
    CurvePointValue point;
    point.series = series;
    point.x = x;
    point.accuracy = accuracy;
    if (m_axis == CurveRequest::Epsilon)
        point.epsilon = x;
    else if (m_axis == CurveRequest::Iterations)
        point.steps = static_cast<int>(std::lround(x));
    addPoint(point);
}

void RobustnessCurvePlot::addPoint(const CurvePointValue& point)
{
    if (point.series < 0 || point.series >= seriesCount() || !std::isfinite(point.x))
        return;
    Series& series = m_series[static_cast<std::size_t>(point.series)];
    series.points.append(point);
    series.graph->addData(point.x, 100.0 * point.accuracy);
    updateAxes();
}

QVector<CurvePointValue> RobustnessCurvePlot::points(int series) const
{
    return series >= 0 && series < seriesCount() ? m_series[static_cast<std::size_t>(series)].points
                                                 : QVector<CurvePointValue>();
}

QVector<QPointF> RobustnessCurvePlot::plottedPoints(int series) const
{
    QVector<QPointF> drawn;
    if (series < 0 || series >= seriesCount())
        return drawn;
    for (const QCPGraphData& d : *m_series[static_cast<std::size_t>(series)].graph->data())
        drawn.append(QPointF(d.key, d.value));
    return drawn;
}

QPair<double, double> RobustnessCurvePlot::xRange() const
{
    return {m_plot->xAxis->range().lower, m_plot->xAxis->range().upper};
}

QPair<double, double> RobustnessCurvePlot::yRange() const
{
    return {m_plot->yAxis->range().lower, m_plot->yAxis->range().upper};
}

void RobustnessCurvePlot::clear()
{
    m_plot->clearGraphs();
    m_series.clear();
    m_plot->legend->setVisible(false);
    updateAxes();
}

void RobustnessCurvePlot::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    updateLegendColumns();
}

void RobustnessCurvePlot::updateLegendColumns(int width)
{
    int widest = 0;
    // A wrapped legend grid has empty cells (null items) after its last entry.
    for (int i = 0; i < m_plot->legend->itemCount(); ++i)
        if (const QCPLayoutElement* item = m_plot->legend->item(i))
            widest = std::max(widest, item->minimumOuterSizeHint().width());
    const QMargins margins = m_plot->legend->margins();
    const int spacing = m_plot->legend->columnSpacing();
    const int available = (width > 0 ? width : m_plot->width()) - margins.left() - margins.right();
    const int columns = std::clamp((available + spacing) / std::max(1, widest + spacing), 1, 4);
    if (columns == m_plot->legend->wrap())
        return;
    m_plot->legend->setWrap(columns);
    m_plot->legend->setFillOrder(QCPLayoutGrid::foColumnsFirst, /*rearrange=*/true);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void RobustnessCurvePlot::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        applyPalette();
        m_plot->replot(QCustomPlot::rpQueuedReplot);
    } else if (event->type() == QEvent::LanguageChange) {
        updateLabels();
        m_plot->replot(QCustomPlot::rpQueuedReplot);
    }
}

void RobustnessCurvePlot::applyPalette()
{
    applyPlotPalette(*m_plot, palette());
    for (QCPAxis* axis : {m_plot->xAxis, m_plot->yAxis, m_plot->xAxis2})
        axis->grid()->setZeroLinePen(Qt::NoPen);
    m_plot->xAxis2->grid()->setVisible(false);
    m_plot->legend->setBrush(Qt::NoBrush);
    m_plot->legend->setBorderPen(Qt::NoPen);
}

void RobustnessCurvePlot::updateLabels()
{
    m_plot->yAxis->setLabel(tr("Robust accuracy (%)"));
    m_plot->xAxis->setLabel(m_axis == CurveRequest::Epsilon      ? tr("ε (pixel units)")
                            : m_axis == CurveRequest::Iterations ? tr("Attack iterations")
                                                                 : tr("Model queries"));
    m_plot->xAxis2->setLabel(tr("ε × 255 (grey levels)"));
}

void RobustnessCurvePlot::updateAxes()
{
    double lower = std::numeric_limits<double>::infinity();
    double upper = -lower;
    for (const Series& series : m_series)
        for (const CurvePointValue& p : series.points) {
            lower = std::min(lower, p.x);
            upper = std::max(upper, p.x);
        }
    if (!(lower <= upper)) // no point yet
        std::tie(lower, upper) = m_emptyRange[m_axis];
    QCPRange range;
    if (isLogAxis(m_axis)) {
        lower = std::max(lower, 1.0);
        range = QCPRange(lower / kLogPadding, std::max(upper, lower * 2.0) * kLogPadding);
        if (auto ticker = m_plot->xAxis->ticker().dynamicCast<QCPAxisTickerText>())
            setOneTwoFiveTicks(*ticker, range.lower, range.upper);
    } else {
        const double span = upper > lower ? upper - lower : std::max(std::abs(upper), 0.01);
        range = QCPRange(lower - kXPadding * span, upper + kXPadding * span);
    }
    m_plot->xAxis->setRange(range);
    m_plot->xAxis2->setRange(range.lower * 255.0, range.upper * 255.0);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

QSize RobustnessCurvePlot::exportSize(int width, int height) const
{
    if (width > 0 && height > 0)
        return {width, height};
    const QSize shown = m_plot->size();
    return shown.width() >= 100 && shown.height() >= 100 ? shown : QSize(800, 500);
}

bool RobustnessCurvePlot::exportPng(const QString& path, int width, int height)
{
    const QSize size = exportSize(width, height);
    updateLegendColumns(size.width());
    const bool saved = savePlotPng(m_plot, path, size);
    updateLegendColumns();
    return saved;
}

bool RobustnessCurvePlot::exportPdf(const QString& path, int width, int height)
{
    const QSize size = exportSize(width, height);
    updateLegendColumns(size.width());
    const bool saved = savePlotPdf(m_plot, path, size, tr("Robustness curves"));
    updateLegendColumns();
    return saved;
}

bool RobustnessCurvePlot::exportCsv(const QString& path) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text))
        return false;
    QTextStream out(&file);
    const char* xColumn = m_axis == CurveRequest::Epsilon      ? "epsilon"
                          : m_axis == CurveRequest::Iterations ? "steps"
                                                               : "queries";
    out << "series," << xColumn
        << ",robust_accuracy,success_rate,successes,mean_l2,mean_linf,images,gradient_evaluations,seconds\n";
    for (const Series& series : m_series)
        for (const CurvePointValue& p : series.points)
            out << csvField(series.label) << ',' << csvNumber(p.x) << ',' << csvNumber(p.accuracy) << ','
                << csvNumber(p.attackSuccessRate) << ',' << p.successes << ',' << csvNumber(p.meanL2) << ','
                << csvNumber(p.meanLinf) << ',' << p.images << ',' << p.gradientEvaluations << ','
                << csvNumber(p.seconds) << '\n';
    out.flush();
    return out.status() == QTextStream::Ok && file.commit();
}

} // namespace advlens::ui
