#include "ui/controllers/curvecontroller.h"

#include "ui/panels/curvepanel.h"
#include "ui/workers/curveworker.h"

namespace advlens::ui {

CurveController::CurveController(const RuntimeOptions& options, CurvePanel* panel, QObject* parent)
    : QObject(parent)
    , m_worker(std::make_unique<CurveWorker>(options), QStringLiteral("CurveWorker"))
    , m_panel(panel)
{
    connect(m_panel, &CurvePanel::runRequested, this, [this](const CurveRequest& request) {
        m_request = m_worker->requestCurve(m_modelPath, request);
        m_panel->curveStarted(request.series);
    });
    connect(m_panel, &CurvePanel::cancelRequested, this, &CurveController::cancel);
    connect(m_worker.worker(), &CurveWorker::pointComputed, this, [this](quint64 generation, const CurvePointValue& point) {
        if (generation == m_request)
            m_panel->addPoint(point);
    });
    connect(m_worker.worker(), &CurveWorker::progressed, this, [this](quint64 generation, qint64 done, qint64 total) {
        if (generation == m_request)
            m_panel->setProgress(done, total);
    });
    connect(m_worker.worker(), &CurveWorker::curveFinished, this,
            [this](quint64 generation, bool cancelled, const QStringList& warnings) {
                if (generation != m_request)
                    return;
                m_panel->setWarnings(warnings);
                m_panel->curveFinished(cancelled);
            });
    connect(m_worker.worker(), &CurveWorker::curveFailed, this, [this](quint64 generation, const QString& message) {
        if (generation == m_request)
            m_panel->curveFailed(message);
    });
}

CurveController::~CurveController() = default;

void CurveController::setModel(const QString& path, const QString& name)
{
    m_modelPath = path;
    m_panel->setModelName(name);
}

void CurveController::setDevice(const QString& device)
{
    m_worker->setDevice(device);
}

void CurveController::cancel()
{
    m_worker->cancel();
}

} // namespace advlens::ui
