#include "ui/studies/robustnessscatterplot.h"

#include "ui/plots/qcustomplotinclude.h"
#include "ui/plots/palette.h"
#include "ui/plots/plotstyle.h"
#include "ui/studies/labelplacement.h"

#include <QEvent>
#include <QFontMetricsF>
#include <QJsonArray>
#include <QVBoxLayout>

#include <cmath>
#include <map>

namespace advlens::ui {

RobustnessScatterPlot::RobustnessScatterPlot(QWidget* parent)
    : QWidget(parent)
    , m_plot(new QCustomPlot(this))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot);
    m_plot->setMinimumSize(420, 300);
    m_plot->setAntialiasedElements(QCP::aeAll);
    m_plot->plotLayout()->insertRow(0);
    m_title = new QCPTextElement(m_plot, QString(), QFont(font().family(), int(font().pointSizeF() * 1.1), QFont::Bold));
    m_plot->plotLayout()->addElement(0, 0, m_title);
    // The legend goes below the axes: inside them it covered points wherever it sat.
    m_plot->axisRect()->insetLayout()->take(m_plot->legend);
    m_plot->axisRect()->insetLayout()->simplify();
    auto* legendRow = new QCPLayoutGrid;
    m_plot->plotLayout()->addElement(2, 0, legendRow);
    m_plot->plotLayout()->setRowStretchFactor(2, 0.001);
    legendRow->addElement(0, 0, new QCPLayoutElement(m_plot));
    legendRow->addElement(0, 1, m_plot->legend);
    legendRow->addElement(0, 2, new QCPLayoutElement(m_plot));
    legendRow->setColumnStretchFactors({1.0, 0.001, 1.0});
    legendRow->setColumnSpacing(0);
    m_plot->legend->setMargins(QMargins(4, 0, 4, 4));
    m_plot->legend->setColumnSpacing(16);
    m_plot->legend->setBorderPen(Qt::NoPen);
    m_plot->legend->setBrush(Qt::NoBrush);
    applyPlotPalette(*m_plot, palette());
}

void RobustnessScatterPlot::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    // A language switch is the Studies view's: it draws its figures again.
    if (event->type() == QEvent::PaletteChange) {
        applyPlotPalette(*m_plot, palette());
        // The fit line and the labels take the palette's text colour when drawn.
        if (!m_metric.isEmpty())
            setResults(m_results, m_metric);
    }
}

QString RobustnessScatterPlot::metricTitle(const QString& metric)
{
    if (metric == QLatin1String("ifgsm-linf"))
        return tr("I-FGSM ℓ∞ distortion");
    if (metric == QLatin1String("cw-l2"))
        return tr("C&W ℓ2 distortion");
    if (metric == QLatin1String("ead-l1"))
        return tr("EAD-L1 ℓ1 distortion");
    if (metric == QLatin1String("deepfool-l2"))
        return tr("DeepFool ℓ2 distortion");
    if (metric == QLatin1String("clever-l2"))
        return tr("CLEVER score (ℓ2)");
    if (metric == QLatin1String("clever-linf"))
        return tr("CLEVER score (ℓ∞)");
    return metric;
}

void RobustnessScatterPlot::setResults(const QJsonObject& results, const QString& metric)
{
    m_results = results;
    m_metric = metric;
    m_plot->clearPlottables();
    m_plot->clearItems();
    m_points = 0;
    m_frontier.clear();

    std::map<QString, QVector<Point>> byFamily;
    std::map<QString, Point> byName;
    double minError = 1.0, maxError = 0.0, minD = INFINITY, maxD = -INFINITY;
    for (const QJsonValue& value : results.value(QLatin1String("models")).toArray()) {
        const QJsonObject model = value.toObject();
        const QJsonValue mean = model.value(QLatin1String("metrics")).toObject().value(metric).toObject().value(
            QLatin1String("mean"));
        const double error = model.value(QLatin1String("error")).toDouble();
        if (!mean.isDouble() || !(error > 0.0))
            continue;
        const Point p{model.value(QLatin1String("name")).toString(), error, mean.toDouble()};
        byFamily[model.value(QLatin1String("family")).toString()].push_back(p);
        byName[p.name] = p;
        minError = std::min(minError, error);
        maxError = std::max(maxError, error);
        minD = std::min(minD, p.distortion);
        maxD = std::max(maxD, p.distortion);
        ++m_points;
    }

    QFont labelFont = font();
    labelFont.setPointSizeF(labelFont.pointSizeF() * 0.85);
    int style = 0;
    QVector<Point> labelled;
    for (const auto& [family, points] : byFamily) {
        QCPGraph* graph = m_plot->addGraph();
        graph->setName(family);
        graph->setLineStyle(QCPGraph::lsNone);
        const QColor colour = paletteColour(style);
        graph->setPen(QPen(colour, 1.5));
        graph->setScatterStyle(QCPScatterStyle(paletteShape(style), colour, colour, 9));
        ++style;
        for (const Point& p : points) {
            graph->addData(100.0 * p.error, p.distortion);
            labelled.push_back(p);
        }
    }

    const QJsonObject fit = results.value(QLatin1String("fits")).toObject().value(metric).toObject();
    QString fitText = tr("no fit (fewer than two models)");
    if (fit.value(QLatin1String("valid")).toBool() && m_points >= 2) {
        const double a = fit.value(QLatin1String("intercept")).toDouble();
        const double b = fit.value(QLatin1String("slope")).toDouble();
        QCPGraph* line = m_plot->addGraph();
        line->setName(tr("fit: d = %1 %2 %3·ln(error), R² = %4")
                          .arg(a, 0, 'g', 3)
                          .arg(b < 0 ? QStringLiteral("−") : QStringLiteral("+"))
                          .arg(std::abs(b), 0, 'g', 3)
                          .arg(fit.value(QLatin1String("r2")).toDouble(), 0, 'f', 2));
        line->setPen(QPen(palette().color(QPalette::Text), 1.2, Qt::DashLine));
        for (int i = 0; i <= 40; ++i) {
            const double e = minError * std::pow(maxError / minError, i / 40.0);
            line->addData(100.0 * e, a + b * std::log(e));
        }
        fitText = line->name();
    }
    QCPGraph* frontier = m_plot->addGraph();
    frontier->setName(tr("Pareto frontier"));
    frontier->setPen(QPen(QColor(120, 120, 120), 1.5, Qt::DotLine));
    for (const QJsonValue& name : results.value(QLatin1String("pareto")).toObject().value(metric).toArray()) {
        const auto found = byName.find(name.toString());
        if (found == byName.end())
            continue;
        m_frontier << found->first;
        frontier->addData(100.0 * found->second.error, found->second.distortion);
    }

    QSharedPointer<QCPAxisTickerLog> logTicker(new QCPAxisTickerLog);
    m_plot->xAxis->setScaleType(QCPAxis::stLogarithmic);
    m_plot->xAxis->setTicker(logTicker);
    m_plot->xAxis->setNumberFormat(QStringLiteral("g"));
    m_plot->xAxis->setLabel(tr("Classification error (%, log scale)"));
    m_plot->yAxis->setLabel(metricTitle(metric));
    if (m_points > 0) {
        m_plot->xAxis->setRange(100.0 * minError / 1.4, 100.0 * maxError * 1.4);
        const double pad = std::max(1e-6, 0.12 * (maxD - minD));
        m_plot->yAxis->setRange(std::max(0.0, minD - pad), maxD + 2 * pad);
        addLabels(labelled, labelFont);
    }
    m_plot->legend->setVisible(true);
    m_plot->legend->setFont(labelFont);
    // Four columns: two rows for six families, the fit and the frontier.
    m_plot->legend->setWrap(4);
    m_plot->legend->setFillOrder(QCPLayoutGrid::foColumnsFirst, /*rearrange=*/true);
    m_title->setText(tr("%1 vs classification error").arg(metricTitle(metric)));
    m_plot->replot();
}

void RobustnessScatterPlot::addLabels(const QVector<Point>& points, const QFont& font)
{
    // Placed once, for an axis rectangle of about the size the Studies view
    // and the report draw: on a much smaller plot labels may touch again.
    const QRectF axes(0, 0, 800, 450);
    const double xLow = std::log(m_plot->xAxis->range().lower), xHigh = std::log(m_plot->xAxis->range().upper);
    const QCPRange y = m_plot->yAxis->range();
    const QFontMetricsF metrics(font);
    QVector<QPointF> pixels;
    QVector<QSizeF> sizes;
    for (const Point& p : points) {
        pixels << QPointF(axes.width() * (std::log(100.0 * p.error) - xLow) / (xHigh - xLow),
                          axes.height() * (1.0 - (p.distortion - y.lower) / (y.upper - y.lower)));
        sizes << QSizeF(metrics.horizontalAdvance(p.name), metrics.height());
    }
    constexpr double kGap = 6.0;
    const QVector<LabelCorner> corners = placeLabels(pixels, sizes, axes, kGap, /*markerRadius=*/5.0);
    for (int i = 0; i < points.size(); ++i) {
        const bool right = isRight(corners[i]);
        const bool above = isAbove(corners[i]);
        auto* label = new QCPItemText(m_plot);
        label->position->setCoords(100.0 * points[i].error, points[i].distortion);
        label->setPositionAlignment((right ? Qt::AlignLeft : Qt::AlignRight) | (above ? Qt::AlignBottom : Qt::AlignTop));
        label->setPadding(QMargins(right ? int(kGap) : 0, 0, right ? 0 : int(kGap), 0));
        label->setFont(font);
        label->setColor(palette().color(QPalette::Text));
        label->setText(points[i].name);
    }
}

} // namespace advlens::ui
