#include "studies/studyworker.h"

#include "model/computedevice.h"
#include "studies/studyconfig.h"
#include "studies/studyrunner.h"
#include "studies/studystore.h"
#include "util/error.h"
#include "util/freedmemory.h"
#include "util/runcontrol.h"

#include <c10/util/Exception.h>

#include <QScopeGuard>

namespace advlens::ui {

StudyWorker::StudyWorker(RuntimeOptions options, QObject* parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_token(std::make_shared<core::CancellationToken>())
{
}

StudyWorker::~StudyWorker() = default;

void StudyWorker::cancel()
{
    m_token->cancel();
}

void StudyWorker::start(const QString& configText, const QString& baseFolder, const QString& folder)
{
    m_token->reset();
    QMetaObject::invokeMethod(
        this, [this, configText, baseFolder, folder] { run(configText, baseFolder, folder); }, Qt::QueuedConnection);
}

void StudyWorker::run(const QString& configText, const QString& baseFolder, const QString& folder)
{
    const auto trim = qScopeGuard([] { core::returnFreedMemory(); });
    try {
        if (!m_runtimeReady) {
            core::configureThreads(m_options.workerThreads()); // per thread, as OpenMP keeps it
            m_runtimeReady = true;
        }
        const core::StudyConfig config = core::parseStudyConfig(
            configText.toStdString(), std::filesystem::u8path(baseFolder.toStdString()));
        const core::StudyStore store(std::filesystem::u8path(folder.toStdString()));
        core::StudyRunOptions options;
        options.device = core::resolveDevice(m_options.device.toStdString());
        options.control.cancellation = m_token.get();
        options.control.progress = [this](std::int64_t done, std::int64_t total) {
            Q_EMIT progressed(done, total);
        };
        options.log = [this](const std::string& line) { Q_EMIT logged(QString::fromStdString(line)); };
        const core::StudyOutcome outcome = core::runStudy(config, store, options);
        Q_EMIT finished(folder, outcome.cancelled, outcome.partsComputed, outcome.partsReused);
    } catch (const core::Error& e) {
        Q_EMIT failed(QString::fromStdString(e.what()));
    } catch (const c10::Error& e) {
        Q_EMIT failed(QString::fromStdString(core::firstLine(e.what_without_backtrace())));
    } catch (const std::exception& e) {
        Q_EMIT failed(QString::fromStdString(core::firstLine(e.what())));
    }
}

} // namespace advlens::ui
