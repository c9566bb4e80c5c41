// The explorer's worker on an ImageNet-scale model (e.g. a ResNet-50 made by
// app/export/advlens-export-model), measured the way a user meets it:
//  - opening the model, then the first prediction after opening a photo
//    (target: within a second);
//  - a photo opened while a PGD attack streams its iterates, and while
//    SmoothGrad maps are computed: how long until its prediction shows;
//  - the longest gap between ticks of a 5 ms timer on the GUI thread through
//    all of it (target: <= 50 ms).
//
//   bench_imagenet_explorer MODEL.json [--threads N] [PHOTO...]
//
// Without photos it uses the sample photos in resources/photos.
#include "bench/benchoptions.h"

#include "ui/jobs/workerthread.h"
#include "ui/workers/modelworker.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <functional>

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

/// The longest stall of the GUI thread's event loop while it is armed.
class GapMeter {
public:
    GapMeter()
    {
        m_ticker.setInterval(5);
        QObject::connect(&m_ticker, &QTimer::timeout, [this] {
            m_longest = std::max(m_longest, m_sinceTick.nsecsElapsed() / 1e6);
            m_sinceTick.restart();
        });
        m_sinceTick.start();
        m_ticker.start();
    }
    double longestMs() const { return m_longest; }

private:
    QTimer m_ticker;
    QElapsedTimer m_sinceTick;
    double m_longest = 0.0;
};

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    int threads = 0; // the GUI's default: all cores but one
    std::vector<std::string> positional;
    advlens::bench::BenchOptions flags("bench_imagenet_explorer MODEL.json [--threads N] [PHOTO...]");
    flags.add("--threads", threads);
    flags.addPositional(positional);
    if (const auto status = flags.parse(argc, argv))
        return *status;
    if (positional.empty())
        return flags.usageError();
    const QString model = QString::fromLocal8Bit(positional.front().c_str()); // then the photos
    QStringList photos;
    for (std::size_t i = 1; i < positional.size(); ++i)
        photos << QString::fromLocal8Bit(positional[i].c_str());
    if (photos.isEmpty())
        for (const char* name : {"cat.png", "coffee.png", "rocket.jpg", "astronaut.png"})
            photos << QStringLiteral(ADVLENS_PHOTOS "/") + QLatin1String(name);

    const RuntimeOptions options{threads, QStringLiteral("cpu")};
    const advlens::ui::WorkerThread<ModelWorker> thread(std::make_unique<ModelWorker>(options),
                                                        QStringLiteral("ModelWorker"));
    ModelWorker* worker = thread.worker();

    quint64 predicted = 0, attacked = 0, iterates = 0, saliencyDone = 0;
    QString failure;
    QObject::connect(worker, &ModelWorker::predictionReady, [&](quint64 g, const Prediction&) { predicted = g; });
    QObject::connect(worker, &ModelWorker::predictionFailed, [&](quint64, const QString& m) { failure = m; });
    QObject::connect(worker, &ModelWorker::modelLoadFailed, [&](quint64, const QString& m) { failure = m; });
    QObject::connect(worker, &ModelWorker::attackIterated, [&](quint64, int, const Prediction&) { ++iterates; });
    QObject::connect(worker, &ModelWorker::attackFinished, [&](quint64 g, const AttackOutcome&) { attacked = g; });
    QObject::connect(worker, &ModelWorker::attackFailed,
                     [&](quint64 g, const QString& m) { attacked = g, failure = m; });
    QObject::connect(worker, &ModelWorker::saliencyFinished,
                     [&](quint64 g, const SaliencyOutcome&) { saliencyDone = g; });
    bool loaded = false;
    QObject::connect(worker, &ModelWorker::modelLoaded, [&](quint64, const ModelSummary&) { loaded = true; });

    GapMeter gaps;
    QElapsedTimer clock;
    const auto check = [&](bool ok) {
        if (ok && failure.isEmpty())
            return;
        std::fprintf(stderr, "bench_imagenet_explorer: %s\n", qPrintable(failure.isEmpty() ? "timed out" : failure));
        // Without waiting for the worker: a job that timed out may not stop soon.
        std::fflush(nullptr);
        std::_Exit(1);
    };
    const auto openPhoto = [&](int i) {
        clock.start();
        const quint64 generation = worker->requestImageFile(photos[i % photos.size()]);
        check(waitFor([&] { return predicted == generation || !failure.isEmpty(); }));
        return clock.nsecsElapsed() / 1e6;
    };

    clock.start();
    worker->requestModel(model);
    check(waitFor([&] { return loaded || !failure.isEmpty(); }));
    std::printf("model %s, %d worker threads\n", qPrintable(model), options.workerThreads());
    std::printf("open the model (load + check):                      %8.0f ms\n", clock.nsecsElapsed() / 1e6);
    std::printf("open a photo, first prediction (cold):              %8.0f ms (target <= 1000 ms)\n", openPhoto(0));
    std::printf("open a photo, prediction (warm):                    %8.0f ms (target <= 1000 ms)\n", openPhoto(1));

    AttackRequest pgd;
    pgd.attack = QStringLiteral("pgd");
    pgd.epsilon = 4.0 / 255;
    pgd.steps = 10;
    clock.start();
    quint64 generation = worker->requestAttack(pgd);
    check(waitFor([&] { return attacked == generation; }));
    std::printf("PGD-10 on the photo: %8.0f ms, %llu iterates streamed\n", clock.nsecsElapsed() / 1e6,
                static_cast<unsigned long long>(iterates));

    iterates = 0;
    worker->requestAttack(pgd);
    check(waitFor([&] { return iterates >= 2; }));
    std::printf("open a photo while PGD-10 runs, prediction:         %8.0f ms (target <= 1000 ms)\n", openPhoto(2));

    SaliencyRequest smoothGrad;
    smoothGrad.method = QStringLiteral("smoothgrad");
    clock.start();
    generation = worker->requestSaliency(smoothGrad);
    check(waitFor([&] { return saliencyDone == generation; }));
    const double smoothGradMs = clock.nsecsElapsed() / 1e6;
    std::printf("SmoothGrad (25 samples) on the photo:               %8.0f ms\n", smoothGradMs);
    worker->requestSaliency(smoothGrad);
    QElapsedTimer started;
    started.start();
    waitFor([&] { return started.nsecsElapsed() / 1e6 > smoothGradMs / 4; }); // well inside the computation
    std::printf("open a photo while SmoothGrad runs, prediction:     %8.0f ms (target <= 1000 ms)\n", openPhoto(3));
    std::printf("longest GUI-thread gap through all of it:           %8.1f ms (target <= 50 ms)\n", gaps.longestMs());

    return 0; // `thread` stops the worker
}
