#pragma once

#include "ui/gallery/galleryitem.h"
#include "ui/gallery/gallerysource.h"
#include "ui/jobs/workerthread.h"
#include "ui/workers/attackrequest.h"
#include "ui/workers/runtimeoptions.h"

#include <QObject>

namespace advlens::ui {

class GalleryWorker;

/// Runs the gallery's jobs on a GalleryWorker on its own thread (see
/// jobs/jobtracker.h) and passes on
/// only the answers of the latest job: a new classification or attack
/// supersedes the running one, whose late answers are dropped here.
class GalleryController : public QObject {
    Q_OBJECT

public:
    enum class Job { None, Classification, Attack };

    explicit GalleryController(const RuntimeOptions& options, QObject* parent = nullptr);
    ~GalleryController() override;

    /// The model later jobs use (its metadata path; empty = the default model).
    void setModelPath(const QString& path) { m_modelPath = path; }
    QString modelPath() const { return m_modelPath; }
    void setDevice(const QString& device);

    void classify(const GallerySource& source);
    void attack(const AttackRequest& request);
    void cancel();
    Job runningJob() const { return m_running; }

Q_SIGNALS:
    void sourceOpened(const advlens::ui::GallerySourceInfo& info);
    void batchClassified(const advlens::ui::GalleryBatch& batch);
    void batchAttacked(const QVector<advlens::ui::AttackMark>& marks);
    void progressed(qint64 done, qint64 total);
    /// The job `job` ended: completed, or cancelled (what it finished was reported).
    void jobFinished(advlens::ui::GalleryController::Job job, bool cancelled);
    void jobFailed(advlens::ui::GalleryController::Job job, const QString& message);

private:
    bool isCurrent(quint64 generation) const { return generation == m_request && m_running != Job::None; }

    WorkerThread<GalleryWorker> m_worker;
    QString m_modelPath;
    quint64 m_request = 0;
    Job m_running = Job::None;
};

} // namespace advlens::ui

Q_DECLARE_METATYPE(advlens::ui::GalleryController::Job)
