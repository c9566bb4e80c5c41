#include "ui/studies/studyworker.h"

#include "ui/workers/failureof.h"

#include "core/model/computedevice.h"
#include "core/studies/studyconfig.h"
#include "core/studies/studyrunner.h"
#include "core/studies/studystore.h"
#include "core/util/error.h"
#include "core/util/freedmemory.h"
#include "core/util/runcontrol.h"

#include <optional>

namespace advlens::ui {

StudyWorker::StudyWorker(RuntimeOptions options, QObject* parent)
    : QObject(parent)
    , m_options(std::move(options))
{
}

StudyWorker::~StudyWorker() = default;

void StudyWorker::cancel()
{
    m_runs.cancel();
}

quint64 StudyWorker::start(const QString& configText, const QString& baseFolder, const QString& folder)
{
    return m_runs.start(this, [this, configText, baseFolder, folder](const JobTracker::Job& job) {
        run(job, configText, baseFolder, folder);
    });
}

void StudyWorker::run(const JobTracker::Job& job, const QString& configText, const QString& baseFolder,
                      const QString& folder)
{
    const quint64 generation = job.generation;
    std::optional<core::StudyOutcome> outcome;
    const auto failure = failureOf([&] {
        if (!m_runtimeReady) {
            core::configureThreads(m_options.workerThreads()); // per thread, as OpenMP keeps it
            m_runtimeReady = true;
        }
        const core::StudyConfig config = core::parseStudyConfig(
            configText.toStdString(), std::filesystem::u8path(baseFolder.toStdString()));
        const core::StudyStore store(std::filesystem::u8path(folder.toStdString()));
        core::StudyRunOptions options;
        options.device = core::resolveDevice(m_options.device.toStdString());
        options.control = job.control(
            [this, generation](qint64 done, qint64 total) { Q_EMIT progressed(generation, done, total); });
        options.log = [this, generation](const std::string& line) {
            Q_EMIT logged(generation, QString::fromStdString(line));
        };
        outcome = core::runStudy(config, store, options);
    });
    core::returnFreedMemory();
    if (failure)
        Q_EMIT failed(generation, *failure);
    else
        Q_EMIT finished(generation, folder, outcome->cancelled, outcome->partsComputed, outcome->partsReused);
}

} // namespace advlens::ui
