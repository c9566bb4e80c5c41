#pragma once

#include "ui/workers/curverequest.h"

#include <QPair>
#include <QPointF>
#include <QVector>
#include <QWidget>

class QCustomPlot;
class QCPGraph;

namespace advlens::ui {

/// Robust accuracy (%) against ε, attack iterations or model queries, one line per
/// series with its own colour-blind-safe colour (Okabe–Ito) and marker, and a
/// legend. Points are appended as they are computed; each append rescales x
/// at once and queues one coalesced replot. Accuracy is always shown 0–100 %.
/// Colours follow the widget's palette (light or dark); exports look as shown.
class RobustnessCurvePlot : public QWidget {
    Q_OBJECT

public:
    explicit RobustnessCurvePlot(QWidget* parent = nullptr);

    /// The x axis of every series. Changing it drops all series. Under ℓ∞ an ε
    /// axis also shows grey levels (k/255) on top; iterations and queries are
    /// drawn on a log scale.
    void setAxis(CurveRequest::Axis axis, bool greyLevels = true);
    CurveRequest::Axis axis() const { return m_axis; }

    /// The x range of `axis` while no series has a point: what the next run
    /// will cover, so the empty plot matches the form (by default ε 0..8/255,
    /// 1..100 iterations and 1..1000 queries). Ignored unless lower ≤ upper
    /// (on the log axes: 1 ≤ lower).
    void setEmptyRange(CurveRequest::Axis axis, double lower, double upper);

    /// A new, empty series; returns its index (0, 1, …).
    int addSeries(const QString& label);
    /// Drops the newest series (e.g. a run that failed before its first point).
    void removeLastSeries();
    int seriesCount() const { return static_cast<int>(m_series.size()); }
    QString seriesLabel(int series) const;
    QColor seriesColour(int series) const;
    /// `accuracy` in 0..1. Points with an unknown series are ignored.
    void addPoint(int series, double x, double accuracy);
    /// The same, keeping the point's other values for the CSV export.
    void addPoint(const CurvePointValue& point);
    QVector<CurvePointValue> points(int series) const;
    /// What the graph of `series` draws now, in key order: (x, accuracy in %).
    QVector<QPointF> plottedPoints(int series) const;
    /// The visible ranges, (lower, upper).
    QPair<double, double> xRange() const;
    QPair<double, double> yRange() const;
    void clear();

    /// Files are written to a temporary name next to `path` and renamed, so a
    /// reader never sees half a file. Width/height 0: the widget's size.
    bool exportPng(const QString& path, int width = 0, int height = 0);
    bool exportPdf(const QString& path, int width = 0, int height = 0);
    /// Header, then one line per point: series label, x, accuracy, …
    bool exportCsv(const QString& path) const;

    QCustomPlot* customPlot() const { return m_plot; }

protected:
    void changeEvent(QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    struct Series {
        QString label;
        QCPGraph* graph = nullptr;
        QVector<CurvePointValue> points;
    };

    void applyPalette();
    void updateAxes();
    void updateLabels();
    /// As many legend columns as the widest label allows at `width` (0: the plot's).
    void updateLegendColumns(int width = 0);
    QSize exportSize(int width, int height) const;

    QCustomPlot* m_plot;
    std::vector<Series> m_series;
    CurveRequest::Axis m_axis = CurveRequest::Epsilon;
    /// By CurveRequest::Axis.
    QPair<double, double> m_emptyRange[3] = {{0.0, 8.0 / 255.0}, {1.0, 100.0}, {1.0, 1000.0}};
    bool m_greyLevels = true;
};

} // namespace advlens::ui
