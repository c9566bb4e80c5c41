// The explorer's responsiveness targets, measured on the real widgets:
//  - FGSM ε slider on the default model: time from a slider step to the new
//    adversarial view and top-k on screen (target ≤ 30 ms per step);
//  - the longest gap between ticks of a 5 ms timer on the GUI thread while an
//    attack and a robustness curve run (target ≤ 50 ms).
//
//   QT_QPA_PLATFORM=offscreen bench_explorer [MODEL.json] [--threads N]
#include "bench/benchoptions.h"

#include "ui/controllers/attackcontroller.h"
#include "ui/i18n/languageswitcher.h"
#include "ui/mainwindow.h"
#include "ui/panels/attackpanel.h"
#include "ui/panels/curvepanel.h"
#include "ui/workers/runtimeoptions.h"

#include <QApplication>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QSlider>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <vector>

using namespace advlens::ui;

namespace {

bool waitFor(const std::function<bool()>& condition, int timeoutMs = 600000)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!condition()) {
        if (deadline.hasExpired())
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents, 5);
    }
    return true;
}

double percentile(std::vector<double> values, double p)
{
    std::sort(values.begin(), values.end());
    return values[static_cast<std::size_t>(std::lround(p * double(values.size() - 1)))];
}

} // namespace

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("AdvLensBench"));
    QApplication::setApplicationName(QStringLiteral("bench_explorer"));
    int threads = 0; // the GUI's default: all cores but one
    std::vector<std::string> positional;
    advlens::bench::BenchOptions flags("bench_explorer [MODEL.json] [--threads N]");
    flags.add("--threads", threads);
    flags.addPositional(positional);
    if (const auto status = flags.parse(argc, argv))
        return *status;
    if (positional.size() > 1)
        return flags.usageError();
    const QString model = positional.empty() ? QString() : QString::fromLocal8Bit(positional.front().c_str());
    LanguageSwitcher languages;
    languages.apply(QStringLiteral("en"));
    MainWindow window(RuntimeOptions{threads, QStringLiteral("cpu")}, &languages);
    window.resize(1440, 900);
    window.show();
    window.openModel(model);
    AttackController* attacks = window.attacks();
    if (!waitFor([&] { return attacks->outcome().has_value(); })) {
        std::fputs("bench_explorer: no model opened (pass MODEL.json or run ./setup.sh)\n", stderr);
        return 1;
    }
    std::printf("model %s, %d worker threads, window 1440x900\n\n", qPrintable(window.windowTitle()),
                RuntimeOptions{threads, {}}.workerThreads());

    // 1. Slider steps: each waits for its own outcome and the repaint after it.
    auto* panel = window.findChild<AttackPanel*>();
    std::vector<double> stepMs, outcomeMs;
    QElapsedTimer clock;
    for (int position = 10; position <= 400; position += 10) {
        clock.start();
        panel->epsilonSlider()->setValue(position);
        const double epsilon = 0.5 * position / AttackPanel::kSliderSteps;
        waitFor([&] { return std::abs(attacks->outcome()->request.epsilon - epsilon) < 1e-9; });
        outcomeMs.push_back(clock.nsecsElapsed() / 1e6);
        window.repaint(); // what the user sees: the whole window drawn with the new result
        stepMs.push_back(clock.nsecsElapsed() / 1e6);
    }
    std::printf("FGSM slider, %zu steps: median %.1f ms, 90th percentile %.1f ms, worst %.1f ms per step "
                "(target <= 30 ms)\n",
                stepMs.size(), percentile(stepMs, 0.5), percentile(stepMs, 0.9), percentile(stepMs, 1.0));
    std::printf("  of which the worker's answer arrived after: median %.1f ms, 90th percentile %.1f ms\n\n",
                percentile(outcomeMs, 0.5), percentile(outcomeMs, 0.9));

    // 2. The GUI thread's longest stall while work runs on the workers.
    double longestGap = 0.0;
    QElapsedTimer sinceTick;
    QTimer ticker;
    ticker.setInterval(5);
    QObject::connect(&ticker, &QTimer::timeout, [&] {
        longestGap = std::max(longestGap, sinceTick.nsecsElapsed() / 1e6);
        sinceTick.restart();
    });
    const auto measure = [&](const char* what, const std::function<void()>& start, const std::function<bool()>& done) {
        longestGap = 0.0;
        sinceTick.start();
        ticker.start();
        QElapsedTimer total;
        total.start();
        start();
        waitFor(done);
        ticker.stop();
        std::printf("%-44s %7.1f s, longest GUI-thread gap %.1f ms (target <= 50 ms)\n", what,
                    total.nsecsElapsed() / 1e9, longestGap);
    };
    panel->setEpsilon(0.05);
    AttackRequest pgd = panel->request();
    pgd.attack = QStringLiteral("pgd");
    pgd.steps = 500;
    measure("PGD-500 on the image, iterates streaming:", [&] { attacks->attack(pgd); },
            [&] { return attacks->outcome()->request.attack == QLatin1String("pgd") && !attacks->isRunning(); });
    AttackRequest cw = pgd;
    cw.attack = QStringLiteral("cw-l2");
    cw.norm = QStringLiteral("l2");
    cw.epsilon = std::numeric_limits<double>::infinity();
    measure("C&W l2 on the image, iterates streaming:", [&] { attacks->attack(cw); },
            [&] { return attacks->outcome()->request.attack == QLatin1String("cw-l2") && !attacks->isRunning(); });
    auto* curves = window.findChild<CurvePanel*>();
    measure("FGSM curve, 9 budgets x 256 images:", [&] { curves->run(); }, [&] { return !curves->isRunning(); });
    return 0;
}
