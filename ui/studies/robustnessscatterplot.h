#pragma once

#include <QJsonObject>
#include <QStringList>
#include <QVector>
#include <QWidget>

class QCustomPlot;
class QCPTextElement;

namespace advlens::ui {

/// Su et al.'s figure: each model's mean distortion (one robustness metric)
/// against its classification error on a log axis, coloured by architecture
/// family and labelled by name, with the fitted line d = a + b·ln(error), its
/// R², and the accuracy–robustness Pareto frontier.
class RobustnessScatterPlot : public QWidget {
    Q_OBJECT

public:
    explicit RobustnessScatterPlot(QWidget* parent = nullptr);

    /// `results`: a robustness study's results.json; `metric`: one of its "metrics".
    void setResults(const QJsonObject& results, const QString& metric);

    QCustomPlot* customPlot() const { return m_plot; }
    /// Models drawn (those with a finite distortion), and the frontier's, in order of error.
    int pointCount() const { return m_points; }
    QStringList frontier() const { return m_frontier; }
    /// "I-FGSM ℓ∞ distortion" and the like, for titles and table headers.
    static QString metricTitle(const QString& metric);

protected:
    void changeEvent(QEvent* event) override;

private:
    struct Point {
        QString name;
        double error;
        double distortion;
    };
    /// Each point's name beside it, on the side where it covers no other label or point.
    void addLabels(const QVector<Point>& points, const QFont& font);

    QCustomPlot* m_plot;
    QCPTextElement* m_title;
    // Kept to draw the figure again when the palette changes.
    QJsonObject m_results;
    QString m_metric;
    int m_points = 0;
    QStringList m_frontier;
};

} // namespace advlens::ui
