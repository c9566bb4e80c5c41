#pragma once

#include "workers/prediction.h"

#include <QGroupBox>

#include <optional>

class QComboBox;
class QLabel;

namespace advlens::ui {

class TopKChart;

/// What the model says: "Prediction: Ankle boot (97.3 %) — correct", the
/// true class when the model got it wrong, and the top-k chart.
class PredictionPanel : public QGroupBox {
    Q_OBJECT

public:
    explicit PredictionPanel(QWidget* parent = nullptr);

    void setPrediction(const Prediction& prediction);
    void clear();
    /// The verdict line as shown (for tests and screen readers alike).
    QString verdictText() const;
    TopKChart* chart() const { return m_chart; }

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();

    QLabel* m_verdict;
    QLabel* m_detail;
    QLabel* m_showLabel;
    QComboBox* m_topK;
    TopKChart* m_chart;
    std::optional<Prediction> m_prediction;
};

} // namespace advlens::ui
