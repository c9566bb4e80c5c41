#pragma once

#include "workers/runtimeoptions.h"

#include <QObject>
#include <QString>

#include <atomic>
#include <memory>

namespace advlens::core {
class CancellationToken;
}

namespace advlens::ui {

/// Runs one study at a time (core::runStudy) on the thread it lives on, with
/// the models it opens itself, so the GUI thread never runs LibTorch. The
/// study's finished parts stay in its folder: a cancelled run resumes when it
/// is started again.
class StudyWorker : public QObject {
    Q_OBJECT

public:
    explicit StudyWorker(RuntimeOptions options, QObject* parent = nullptr);
    ~StudyWorker() override;

    /// Queues the study of `configText` (JSON; relative model paths from
    /// `baseFolder`) into `folder` on the worker's thread. Call from the
    /// thread that owns the window: a cancel() after start() always reaches
    /// that run, even before the worker has picked it up.
    void start(const QString& configText, const QString& baseFolder, const QString& folder);
    /// Stops the running (or queued) study between or inside parts. Thread-safe, immediate.
    void cancel();

Q_SIGNALS:
    void progressed(qint64 done, qint64 total);
    void logged(const QString& line);
    /// `cancelled`: stopped early (finished parts are kept); otherwise results.json is written.
    void finished(const QString& folder, bool cancelled, qint64 computed, qint64 reused);
    void failed(const QString& message);

private:
    void run(const QString& configText, const QString& baseFolder, const QString& folder);

    RuntimeOptions m_options;
    bool m_runtimeReady = false;
    std::shared_ptr<core::CancellationToken> m_token;
};

} // namespace advlens::ui
