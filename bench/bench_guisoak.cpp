// GUI soak (issue 16, section 7): Qt Test drives the real explorer with
// thousands of seeded random user actions in one process — opening models and
// images (good ones, broken ones, non-ASCII paths) through the file dialogs,
// the zoo menu and drag and drop; dragging ε; switching attack and norm;
// running and cancelling attacks, curves and gallery jobs; saliency; language
// and dark theme — and checks four goals: no crash, no Qt warning about
// cross-thread use, resident memory growth under 50 MB after the first 500
// actions, and saliency never left waiting for a request the worker dropped.
// It prints the figures and exits 1 when a goal is missed.
//
//   QT_QPA_PLATFORM=offscreen bench_guisoak [--seed N] [--actions N] [--report-every N]
//
// Modal dialogs are answered as a person would: a "butler" timer fills in the
// file dialogs (or cancels them) and clicks message boxes away.
//
// The parts: soakfixtures (the files it opens), soakprobes (Qt messages,
// crashes, memory), dialogbutler, soak (the run and its report) and
// soakactions (the catalogue of actions); this file holds main().
#include "bench/benchoptions.h"
#include "bench/soak.h"
#include "bench/soakfixtures.h"
#include "bench/soakprobes.h"

#include "ui/controllers/attackcontroller.h"
#include "ui/i18n/languageswitcher.h"
#include "ui/jobs/classifiercache.h"
#include "ui/mainwindow.h"
#include "ui/workers/runtimeoptions.h"
#include "ui/workers/zoocatalog.h"

#include "core/util/datapaths.h"

#include <QApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QThread>

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <random>

using namespace advlens;
using namespace advlens::bench;
using namespace advlens::ui;
namespace fs = std::filesystem;

namespace {
constexpr int kDefaultActions = 10000;
} // namespace

int main(int argc, char* argv[])
{
    qInstallMessageHandler(onQtMessage);
    for (int signal : {SIGSEGV, SIGABRT, SIGBUS, SIGFPE, SIGILL})
        std::signal(signal, onFatalSignal);
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("AdvLensBench"));
    QApplication::setApplicationName(QStringLiteral("bench_guisoak"));
    QStandardPaths::setTestModeEnabled(true); // settings and cache away from the user's
    QSettings().clear();

    std::uint64_t seed = std::random_device{}();
    int actions = kDefaultActions;
    int reportEvery = 500;
    bench::BenchOptions flags("bench_guisoak [--seed N] [--actions N] [--report-every N]");
    flags.add("--seed", seed);
    flags.add("--actions", actions);
    flags.add("--report-every", reportEvery);
    if (const auto status = flags.parse(argc, argv))
        return *status;
    actions = std::max(1, actions);
    reportEvery = std::max(0, reportEvery);
    const fs::path defaultModel = core::findDefaultModel();
    if (defaultModel.empty()) {
        std::fputs("bench_guisoak: no default model (run ./setup.sh)\n", stderr);
        return 2;
    }
    QTemporaryDir temp(QDir::tempPath() + QStringLiteral("/soak ü 试验-XXXXXX"));
    Fixtures fixtures = makeFixtures(temp.path(), QString::fromStdString(defaultModel.u8string()), seed);
    for (const ZooEntry& entry : zooCatalog())
        fixtures.models << entry.path;

    RuntimeOptions options{0, QStringLiteral("cpu")};
    options.classifiers = std::make_shared<ui::ClassifierCache>();
    std::printf("bench_guisoak: seed %llu, %d actions, Qt %s, platform %s, %d worker threads, %d cores\n",
                static_cast<unsigned long long>(seed), actions, qVersion(), qPrintable(QApplication::platformName()),
                options.workerThreads(), QThread::idealThreadCount());
    std::printf("fixtures in %s: %lld models, %lld broken models, %lld images, %lld broken images\n\n",
                qPrintable(temp.path()), static_cast<long long>(fixtures.models.size()),
                static_cast<long long>(fixtures.brokenModels.size()), static_cast<long long>(fixtures.images.size()),
                static_cast<long long>(fixtures.brokenImages.size()));
    std::fflush(stdout);

    QStringList soakFailures;
    {
        LanguageSwitcher languages;
        languages.apply(QStringLiteral("en"));
        MainWindow window(options, &languages);
        window.resize(1440, 900);
        window.show();
        window.activateWindow();
        window.openModel(QString()); // the default model
        QDeadlineTimer deadline(120000);
        while (!window.attacks()->outcome() && !deadline.hasExpired())
            QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents, 10);
        if (!window.attacks()->outcome()) {
            std::fputs("bench_guisoak: the default model gave no first attack in 2 minutes\n", stderr);
            return 2;
        }
        Soak soak(window, *options.classifiers, fixtures, seed);
        soakFailures = soak.run(actions, reportEvery);
        g_actionName = "closing the window";
        window.close();
    } // every worker thread stops here: a crash or warning on the way out counts too
    const std::lock_guard lock(g_messages.mutex);
    std::printf("\nQt warnings        %d (critical %d), cross-thread %d, besides %d offscreen-platform notices; "
                "distinct messages:\n",
                g_messages.warnings, g_messages.criticals, g_messages.crossThread, g_messages.platformNotices);
    for (const auto& [text, count] : g_messages.distinct)
        std::printf("  %5dx %s\n", count, qPrintable(text.left(200)));
    if (g_messages.crossThread > 0)
        soakFailures << QStringLiteral("%1 cross-thread warnings").arg(g_messages.crossThread);
    const bool pass = soakFailures.isEmpty();
    std::printf("\nRESULT: %s (%s; no crash, clean shutdown)\n", pass ? "PASS" : "FAIL",
                pass ? "memory growth within the goal, saliency never stuck, no cross-thread warning"
                     : qPrintable(soakFailures.join(QStringLiteral(", "))));
    return pass ? 0 : 1;
}
