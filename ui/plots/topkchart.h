#pragma once

#include "workers/prediction.h"

#include <QWidget>

class QCustomPlot;
class QCPBars;

namespace advlens::ui {

/// The k most probable classes of a prediction as horizontal bars, best at
/// the top, each labelled with its probability in %. The true class, when
/// known and among them, is drawn in its own colour, named in a legend.
/// Colours for axes and text follow the widget's palette (light or dark).
class TopKChart : public QWidget {
    Q_OBJECT

public:
    explicit TopKChart(QWidget* parent = nullptr);

    void setPrediction(const Prediction& prediction);
    void clear();
    /// How many classes to show (capped by what the prediction holds).
    void setShownClasses(int k);
    int shownClasses() const { return m_shownClasses; }
    /// Bars drawn now, best first: the probability labels as shown.
    QStringList barLabels() const { return m_barLabels; }

protected:
    void changeEvent(QEvent* event) override;

private:
    void applyPalette();
    void redraw();

    QCustomPlot* m_plot;
    QCPBars* m_otherBars;
    QCPBars* m_trueBars;
    Prediction m_prediction;
    int m_shownClasses = 5;
    QStringList m_barLabels;
};

} // namespace advlens::ui
