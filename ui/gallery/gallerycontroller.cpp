#include "ui/gallery/gallerycontroller.h"

#include "ui/gallery/galleryworker.h"

#include <utility>

namespace advlens::ui {

GalleryController::GalleryController(const RuntimeOptions& options, QObject* parent)
    : QObject(parent)
    , m_worker(std::make_unique<GalleryWorker>(options), QStringLiteral("GalleryWorker"))
{
    qRegisterMetaType<Job>();
    connect(m_worker.worker(), &GalleryWorker::sourceOpened, this, [this](quint64 generation, const GallerySourceInfo& info) {
        if (isCurrent(generation))
            Q_EMIT sourceOpened(info);
    });
    connect(m_worker.worker(), &GalleryWorker::batchClassified, this, [this](quint64 generation, const GalleryBatch& batch) {
        if (isCurrent(generation))
            Q_EMIT batchClassified(batch);
    });
    connect(m_worker.worker(), &GalleryWorker::batchAttacked, this,
            [this](quint64 generation, const QVector<AttackMark>& marks) {
                if (isCurrent(generation))
                    Q_EMIT batchAttacked(marks);
            });
    connect(m_worker.worker(), &GalleryWorker::progressed, this, [this](quint64 generation, qint64 done, qint64 total) {
        if (isCurrent(generation))
            Q_EMIT progressed(done, total);
    });
    connect(m_worker.worker(), &GalleryWorker::finished, this, [this](quint64 generation, bool cancelled) {
        if (!isCurrent(generation))
            return;
        const Job job = std::exchange(m_running, Job::None);
        Q_EMIT jobFinished(job, cancelled);
    });
    connect(m_worker.worker(), &GalleryWorker::failed, this, [this](quint64 generation, const QString& message) {
        if (!isCurrent(generation))
            return;
        const Job job = std::exchange(m_running, Job::None);
        Q_EMIT jobFailed(job, message);
    });
}

GalleryController::~GalleryController() = default;

void GalleryController::setDevice(const QString& device)
{
    m_worker->setDevice(device);
}

void GalleryController::classify(const GallerySource& source)
{
    m_running = Job::Classification;
    m_request = m_worker->requestClassification(m_modelPath, source);
}

void GalleryController::attack(const AttackRequest& request)
{
    m_running = Job::Attack;
    m_request = m_worker->requestAttack(request);
}

void GalleryController::cancel()
{
    m_worker->cancel();
}

} // namespace advlens::ui
