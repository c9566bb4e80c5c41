#include "ui/controllers/saliencycontroller.h"

#include "ui/controllers/attackcontroller.h"
#include "ui/panels/saliencypanel.h"
#include "ui/views/imagecomparisonview.h"
#include "ui/workers/modelworker.h"

namespace advlens::ui {

SaliencyController::SaliencyController(ModelWorker* worker, SaliencyPanel* panel, AttackController* attacks,
                                       ImageComparisonView* views, QObject* parent)
    : QObject(parent)
    , m_worker(worker)
    , m_panel(panel)
    , m_views(views)
{
    connect(m_panel, &SaliencyPanel::saliencyRequested, this, &SaliencyController::refresh);
    connect(m_panel, &SaliencyPanel::hidden, this, [this] {
        ++m_request; // drop what is on its way
        m_waiting = false;
        m_views->clearSaliency();
    });
    connect(attacks, &AttackController::outcomeChanged, this, [this] {
        if (m_panel->isShown())
            refresh();
    });
    connect(m_worker, &ModelWorker::saliencyFinished, this,
            [this](quint64 generation, const SaliencyOutcome& outcome) {
                if (generation != m_request)
                    return;
                m_waiting = false;
                m_views->setSaliency(outcome.original, outcome.adversarial);
                m_panel->setResult(outcome);
                Q_EMIT mapsShown();
            });
    connect(m_worker, &ModelWorker::saliencyDropped, this, [this](quint64 generation) {
        if (generation != m_request || !m_waiting)
            return;
        m_waiting = false;
        m_dropped = true;
    });
    // An attack drops the maps it makes stale; when it is cancelled instead of
    // finishing, no outcome asks for them again, so ask here.
    connect(attacks, &AttackController::runningChanged, this, [this](bool running) {
        if (!running && m_dropped && m_panel->isShown())
            refresh();
    });
    connect(m_worker, &ModelWorker::saliencyFailed, this, [this](quint64 generation, const QString& message) {
        if (generation != m_request)
            return;
        m_waiting = false;
        m_views->clearSaliency();
        Q_EMIT problemOccurred(message);
    });
}

void SaliencyController::refresh()
{
    if (!m_panel->isShown())
        return;
    m_waiting = true;
    m_dropped = false;
    m_request = m_worker->requestSaliency(m_panel->request());
}

} // namespace advlens::ui
