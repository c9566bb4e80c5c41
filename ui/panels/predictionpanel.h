#pragma once

#include "ui/workers/attackrequest.h"
#include "ui/workers/prediction.h"

#include <QGroupBox>

#include <optional>

class QComboBox;
class QLabel;

namespace advlens::ui {

class TopKShiftChart;

/// What the model says: "Prediction: Ankle boot (97.3 %) — correct", the
/// true class when the model got it wrong, and the top-k chart. After an
/// attack: the verdict ("Fooled: Ankle boot 97.3 % → Sandal 88.1 %"), the
/// perturbation's size and cost, and the chart shows before and after.
class PredictionPanel : public QGroupBox {
    Q_OBJECT

public:
    explicit PredictionPanel(QWidget* parent = nullptr);

    void setPrediction(const Prediction& prediction);
    void clear();
    /// An attack's outcome on the prediction shown.
    void setOutcome(const AttackOutcome& outcome);
    /// Back to the clean prediction alone.
    void clearOutcome();
    /// The verdict line as shown (for tests and screen readers alike); a
    /// number and its "%" are joined by a no-break space (U+00A0).
    QString verdictText() const;
    TopKShiftChart* chart() const { return m_chart; }

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();
    void describeOutcome(const AttackOutcome& outcome);

    QLabel* m_verdict;
    QLabel* m_detail;
    QLabel* m_showLabel;
    QComboBox* m_topK;
    TopKShiftChart* m_chart;
    std::optional<Prediction> m_prediction;
    std::optional<AttackOutcome> m_outcome;
};

} // namespace advlens::ui
