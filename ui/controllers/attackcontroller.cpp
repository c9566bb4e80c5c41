#include "ui/controllers/attackcontroller.h"

#include "ui/panels/attackpanel.h"
#include "ui/panels/iterationtimeline.h"
#include "ui/panels/predictionpanel.h"
#include "ui/views/imagecomparisonview.h"
#include "ui/workers/modelworker.h"

#include <algorithm>
#include <cmath>

namespace advlens::ui {

AttackController::AttackController(ModelWorker* worker, AttackPanel* panel, ImageComparisonView* views,
                                   PredictionPanel* prediction, IterationTimeline* timeline, QObject* parent)
    : QObject(parent)
    , m_worker(worker)
    , m_panel(panel)
    , m_views(views)
    , m_prediction(prediction)
    , m_timeline(timeline)
{
    connect(m_panel, &AttackPanel::attackRequested, this, &AttackController::attack);
    connect(m_panel, &AttackPanel::cancelRequested, this, &AttackController::cancel);
    connect(m_worker, &ModelWorker::attackProgressed, this, &AttackController::onProgress);
    connect(m_worker, &ModelWorker::attackIterated, this, &AttackController::onIterate);
    connect(m_worker, &ModelWorker::attackFinished, this, &AttackController::onFinished);
    connect(m_worker, &ModelWorker::attackFailed, this, &AttackController::onFailed);
    connect(m_worker, &ModelWorker::attackDropped, this, [this](quint64 generation) {
        if (generation == m_request)
            setRunning(false); // no answer will come: a failed model open would otherwise leave it spinning
    });
    connect(m_timeline, &IterationTimeline::iterateChosen, this, [this](int index) { showIterate(index); });
}

void AttackController::imageChanged(const Prediction&)
{
    m_hasImage = true;
    m_outcome.reset();
    m_shownIterate = -1;
    m_timeline->clear();
    m_panel->setEnabled(true);
    setRunning(false);
    Q_EMIT outcomeChanged();
    if (m_panel->isLive())
        attack(m_panel->request());
}

void AttackController::imageCleared()
{
    m_hasImage = false;
    cancel();
    m_outcome.reset();
    m_timeline->clear();
    m_views->clearAdversarial();
    m_panel->setEnabled(false);
    Q_EMIT outcomeChanged();
}

std::optional<AttackOutcome> AttackController::shownOutcome() const
{
    if (!m_outcome || m_shownIterate < 0 || m_shownIterate >= static_cast<int>(m_outcome->iterates.size()))
        return m_outcome;
    return outcomeAtIterate(*m_outcome, m_outcome->iterates[static_cast<std::size_t>(m_shownIterate)]);
}

void AttackController::attack(const AttackRequest& request)
{
    if (!m_hasImage)
        return;
    m_request = m_worker->requestAttack(request);
    m_queryBased = attackIsQueryBased(request.attack);
    m_queryBudget = 0;
    setRunning(true);
}

void AttackController::cancel()
{
    m_worker->cancelAttack();
    ++m_request; // whatever is still on its way is stale
    setRunning(false);
}

void AttackController::onProgress(quint64 generation, qint64 done, qint64 total)
{
    if (generation != m_request)
        return;
    if (m_queryBased) { // the session reports these in queries (attacksession.cpp)
        m_queryBudget = total;
        m_panel->setQueryProgress(done, total);
    }
    else
        m_panel->setProgress(done, total);
}

void AttackController::onIterate(quint64 generation, int, const Prediction& iterate)
{
    if (generation == m_request)
        m_views->setAdversarial(iterate.image);
}

void AttackController::onFinished(quint64 generation, const AttackOutcome& outcome)
{
    if (generation != m_request)
        return;
    setRunning(false);
    if (m_queryBased && m_queryBudget > 0)
        m_panel->showQueriesUsed(outcome.queries, m_queryBudget); // the attack's own count, exact
    m_outcome = outcome;
    m_shownIterate = -1;
    m_timeline->setIterations(outcome.iterateNumbers);
    m_views->setAdversarial(outcome.after.image);
    m_prediction->setOutcome(outcome);
    Q_EMIT outcomeChanged();
}

void AttackController::onFailed(quint64 generation, const QString& message)
{
    if (generation != m_request)
        return;
    setRunning(false);
    Q_EMIT problemOccurred(message);
}

void AttackController::showIterate(int index)
{
    if (!m_outcome || index < 0 || index >= static_cast<int>(m_outcome->iterates.size()))
        return;
    const bool last = index + 1 == static_cast<int>(m_outcome->iterates.size());
    m_shownIterate = last ? -1 : index;
    const AttackOutcome shown = *shownOutcome();
    m_views->setAdversarial(shown.after.image);
    m_prediction->setOutcome(shown);
    Q_EMIT outcomeChanged();
}

void AttackController::setRunning(bool running)
{
    if (m_running == running)
        return;
    m_running = running;
    m_panel->setRunning(running);
    Q_EMIT runningChanged(running);
}

AttackOutcome outcomeAtIterate(const AttackOutcome& outcome, const Prediction& iterate)
{
    AttackOutcome shown = outcome;
    shown.after = iterate;
    const int predicted = iterate.predictedClass();
    shown.success = outcome.request.targeted ? predicted == outcome.request.targetClass
                                             : predicted != outcome.before.predictedClass();
    const std::vector<float>& x = outcome.before.image.values;
    const std::vector<float>& y = iterate.image.values;
    double linf = 0.0, l2 = 0.0, l1 = 0.0;
    qint64 l0 = 0;
    for (std::size_t i = 0; i < std::min(x.size(), y.size()); ++i) {
        const double d = std::abs(double(y[i]) - double(x[i]));
        linf = std::max(linf, d);
        l2 += d * d;
        l1 += d;
        l0 += d > 1e-7 ? 1 : 0;
    }
    shown.linf = linf;
    shown.l2 = std::sqrt(l2);
    shown.l1 = l1;
    shown.l0 = l0;
    shown.cancelled = false;
    return shown;
}

} // namespace advlens::ui
