#pragma once

#include "ui/jobs/jobtracker.h"
#include "ui/workers/runtimeoptions.h"

#include <QObject>
#include <QString>

namespace advlens::ui {

/// Runs one study at a time (core::runStudy) on its WorkerThread (jobs run as
/// jobtracker.h says: a new start() stops the running study), with the
/// models it opens itself, so the GUI thread never runs LibTorch. The
/// study's finished parts stay in its folder: a cancelled run resumes when it
/// is started again.
class StudyWorker : public QObject {
    Q_OBJECT

public:
    explicit StudyWorker(RuntimeOptions options, QObject* parent = nullptr);
    ~StudyWorker() override;

    /// Queues the study of `configText` (JSON; relative model paths from
    /// `baseFolder`) into `folder` on the worker's thread; returns the run's
    /// generation, which its answers carry. A cancel() after start() always
    /// reaches that run, even before the worker has picked it up.
    quint64 start(const QString& configText, const QString& baseFolder, const QString& folder);
    /// Stops the running (or queued) study between or inside parts. Thread-safe, immediate.
    void cancel();

Q_SIGNALS:
    void progressed(quint64 generation, qint64 done, qint64 total);
    void logged(quint64 generation, const QString& line);
    /// `cancelled`: stopped early (finished parts are kept); otherwise results.json is written.
    void finished(quint64 generation, const QString& folder, bool cancelled, qint64 computed, qint64 reused);
    void failed(quint64 generation, const QString& message);

private:
    void run(const JobTracker::Job& job, const QString& configText, const QString& baseFolder, const QString& folder);

    RuntimeOptions m_options;
    bool m_runtimeReady = false;
    JobTracker m_runs;
};

} // namespace advlens::ui
