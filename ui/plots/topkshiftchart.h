#pragma once

#include "ui/workers/prediction.h"

#include <QWidget>

class QCustomPlot;
class QCPBars;

namespace advlens::ui {

/// How the attack moved the model's belief: for the classes most probable
/// before or after (up to shownClasses()), a pair of bars per class, before
/// and after, with their probabilities. The true class and the target are
/// marked in the class labels.
class TopKShiftChart : public QWidget {
    Q_OBJECT

public:
    explicit TopKShiftChart(QWidget* parent = nullptr);

    /// `target` is the targeted attack's class, or -1.
    void setShift(const Prediction& before, const Prediction& after, int target = -1);
    /// Only the clean prediction (no attack yet): the "after" bars are empty.
    void setBefore(const Prediction& before);
    void clear();
    void setShownClasses(int k);

    /// The classes drawn now, top to bottom (for tests).
    QList<int> shownClassIndices() const { return m_classes; }
    /// The probability labels drawn now, top to bottom, before then after per class.
    QStringList barLabels() const { return m_barLabels; }
    int shownClasses() const { return m_shownClasses; }
    /// The plot itself (for tests: its axes and the label items).
    QCustomPlot* customPlot() const { return m_plot; }

protected:
    void changeEvent(QEvent* event) override;

private:
    void applyPalette();
    void redraw();

    QCustomPlot* m_plot;
    QCPBars* m_beforeBars;
    QCPBars* m_afterBars;
    Prediction m_before;
    Prediction m_after;
    bool m_hasAfter = false;
    int m_target = -1;
    int m_shownClasses = 5;
    QList<int> m_classes;
    QStringList m_barLabels;
};

} // namespace advlens::ui
