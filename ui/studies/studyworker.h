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

    /// Runs the study of `configText` (JSON; relative model paths from
    /// `baseFolder`) into `folder`. Call through a queued connection or
    /// QMetaObject::invokeMethod so it runs on the worker's thread.
    void run(const QString& configText, const QString& baseFolder, const QString& folder);
    /// Stops the running study between or inside parts. Thread-safe, immediate.
    void cancel();

Q_SIGNALS:
    void progressed(qint64 done, qint64 total);
    void logged(const QString& line);
    /// `cancelled`: stopped early (finished parts are kept); otherwise results.json is written.
    void finished(const QString& folder, bool cancelled, qint64 computed, qint64 reused);
    void failed(const QString& message);

private:
    RuntimeOptions m_options;
    bool m_runtimeReady = false;
    std::shared_ptr<core::CancellationToken> m_token;
};

} // namespace advlens::ui
