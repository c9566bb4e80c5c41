#pragma once

#include "ui/workers/attackrequest.h"

#include <QObject>

#include <optional>

namespace advlens::ui {

class AttackPanel;
class ImageComparisonView;
class IterationTimeline;
class ModelWorker;
class PredictionPanel;

/// The explorer's attack loop: the attack panel's requests go to the model
/// worker; streamed iterates, progress and outcomes come back to the image
/// views, the prediction panel and the iteration timeline. Only the newest
/// request's answers are shown.
class AttackController : public QObject {
    Q_OBJECT

public:
    AttackController(ModelWorker* worker, AttackPanel* panel, ImageComparisonView* views,
                     PredictionPanel* prediction, IterationTimeline* timeline, QObject* parent = nullptr);

    /// A new clean image is shown (the image panel shows it): forget the last
    /// outcome; attack it again when live.
    void imageChanged(const Prediction& prediction);
    /// No image (or no model): nothing to attack.
    void imageCleared();
    const std::optional<AttackOutcome>& outcome() const { return m_outcome; }
    /// The outcome as shown now: the timeline's iterate when one is chosen.
    std::optional<AttackOutcome> shownOutcome() const;
    bool isRunning() const { return m_running; }

    void attack(const AttackRequest& request);
    void cancel();

Q_SIGNALS:
    void outcomeChanged();
    void problemOccurred(const QString& message);
    void runningChanged(bool running);

private:
    void onProgress(quint64 generation, qint64 done, qint64 total);
    void onIterate(quint64 generation, int iteration, const Prediction& iterate);
    void onFinished(quint64 generation, const AttackOutcome& outcome);
    void onFailed(quint64 generation, const QString& message);
    void showIterate(int index);
    void setRunning(bool running);

    ModelWorker* m_worker;
    AttackPanel* m_panel;
    ImageComparisonView* m_views;
    PredictionPanel* m_prediction;
    IterationTimeline* m_timeline;
    quint64 m_request = 0;
    bool m_running = false;
    bool m_queryBased = false; ///< the running attack's progress comes in queries
    qint64 m_queryBudget = 0;  ///< its budget, as its progress says
    bool m_hasImage = false;
    std::optional<AttackOutcome> m_outcome;
    int m_shownIterate = -1; ///< index into m_outcome->iterates, −1 for the final result
};

/// The outcome as it would read had the attack stopped at `iterate`
/// (verdict and norms recomputed from the images).
AttackOutcome outcomeAtIterate(const AttackOutcome& outcome, const Prediction& iterate);

} // namespace advlens::ui
