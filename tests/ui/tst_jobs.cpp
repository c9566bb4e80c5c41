// The job machinery every long GUI job uses (ui/jobs): latest wins, cancel,
// drop, the one failure path, throttled progress, shutdown with a job in
// flight, and the model cache the workers share.
#include "ui/jobs/classifiercache.h"
#include "ui/jobs/jobtracker.h"
#include "ui/jobs/workermodel.h"
#include "ui/jobs/workerthread.h"
#include "ui/gallery/galleryworker.h"
#include "tests/ui/uitestmodel.h"
#include "ui/workers/curveworker.h"
#include "ui/workers/failureof.h"

#include "core/model/classifier.h"
#include "core/model/modelloader.h"
#include "core/util/error.h"
#include "core/util/runcontrol.h"

#include <QElapsedTimer>
#include <QFile>
#include <QMutex>
#include <QPointer>
#include <QSemaphore>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <atomic>
#include <thread>

using advlens::ui::ClassifierCache;
using advlens::ui::ClassifierLease;
using advlens::ui::JobTracker;
using advlens::ui::WorkerThread;

namespace {

constexpr int kTimeoutMs = 60000;

/// A worker as the real ones are built: one tracker, answers with the
/// generation, failures through failureOf.
class ProbeWorker : public QObject {
    Q_OBJECT

public:
    using Work = std::function<void(const JobTracker::Job&)>;

    ~ProbeWorker() override { destroyedOn = QThread::currentThread(); }

    /// Runs `work`; answers `answered` (current or not, for the test to see)
    /// or `failed` with the failure's line.
    quint64 request(Work work)
    {
        return m_jobs.start(this, [this, work = std::move(work)](const JobTracker::Job& job) {
            {
                const QMutexLocker lock(&mutex);
                ran << job.generation;
            }
            const auto failure = advlens::ui::failureOf([&] { work(job); });
            if (failure)
                Q_EMIT failed(job.generation, *failure);
            else
                Q_EMIT answered(job.generation, m_jobs.isCurrent(job.generation), job.cancelled());
        });
    }
    void cancel() { m_jobs.cancel(); }
    quint64 drop() { return m_jobs.drop(); }

    QMutex mutex;
    QList<quint64> ran; ///< generations whose work started, in order
    static inline std::atomic<QThread*> destroyedOn{nullptr};

Q_SIGNALS:
    void answered(quint64 generation, bool current, bool cancelled);
    void failed(quint64 generation, const QString& message);

private:
    JobTracker m_jobs;
};

/// Work that runs until its job is cancelled, after letting the test know it started.
ProbeWorker::Work untilCancelled(QSemaphore& started)
{
    return [&started](const JobTracker::Job& job) {
        started.release();
        while (!job.cancelled())
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
    };
}

std::unique_ptr<advlens::core::Classifier> load(const QString& file, const QString&)
{
    return advlens::core::loadClassifier(std::filesystem::u8path(file.toStdString()), c10::Device(c10::kCPU));
}

} // namespace

class TestJobs : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void aNewerJobCancelsTheRunningOneAndSkipsQueuedOnes();
    void cancelLetsTheRunningJobAnswer();
    void dropSilencesTheRunningJob();
    void failuresArriveAsOneLine();
    void progressIsThrottledButTheLastUnitArrives();
    void shutdownWithAJobInFlightStopsItAndDeletesTheWorkerOnItsThread();
    void aModelIsLoadedOnceAndLentInTurn();
    void twoJobsAtOnceGetTwoCopiesAndOneIsKept();
    void atMostKeepIdleModelsAreKept();
    void aChangedFileIsLoadedAgain();
    void aLeaseOutlivesItsCache();
    void curveAndGalleryWorkersShareOneLoad();

private:
    QTemporaryDir m_folder;
    QString m_modelPath;
};

void TestJobs::initTestCase()
{
    QVERIFY(m_folder.isValid());
    m_modelPath = advlens::test::writeUntrainedModel(m_folder.path());
}

void TestJobs::aNewerJobCancelsTheRunningOneAndSkipsQueuedOnes()
{
    WorkerThread<ProbeWorker> thread(std::make_unique<ProbeWorker>(), QStringLiteral("probe"));
    QSignalSpy answered(thread.worker(), &ProbeWorker::answered);
    QSemaphore started;
    const quint64 first = thread->request(untilCancelled(started));
    QVERIFY(started.tryAcquire(1, kTimeoutMs));
    // Queued behind the first, then superseded before the worker is free: never runs.
    const quint64 second = thread->request([](const JobTracker::Job&) {});
    const quint64 third = thread->request([](const JobTracker::Job&) {});
    QTRY_COMPARE_WITH_TIMEOUT(answered.size(), 2, kTimeoutMs);
    QCOMPARE(answered.at(0).at(0).value<quint64>(), first);
    QCOMPARE(answered.at(0).at(1).toBool(), false); // stale: its receiver drops it
    QCOMPARE(answered.at(0).at(2).toBool(), true);  // stopped by the newer job
    QCOMPARE(answered.at(1).at(0).value<quint64>(), third);
    QCOMPARE(answered.at(1).at(1).toBool(), true);
    QCOMPARE(answered.at(1).at(2).toBool(), false);
    const QMutexLocker lock(&thread->mutex);
    QCOMPARE(thread->ran, (QList<quint64>{first, third}));
    QVERIFY(second > first && third > second);
}

void TestJobs::cancelLetsTheRunningJobAnswer()
{
    WorkerThread<ProbeWorker> thread(std::make_unique<ProbeWorker>(), QStringLiteral("probe"));
    QSignalSpy answered(thread.worker(), &ProbeWorker::answered);
    QSemaphore started;
    const quint64 job = thread->request(untilCancelled(started));
    QVERIFY(started.tryAcquire(1, kTimeoutMs));
    thread->cancel();
    QTRY_COMPARE_WITH_TIMEOUT(answered.size(), 1, kTimeoutMs);
    QCOMPARE(answered.front().at(0).value<quint64>(), job);
    QCOMPARE(answered.front().at(1).toBool(), true); // still wanted: it reports what it finished
    QCOMPARE(answered.front().at(2).toBool(), true);
}

void TestJobs::dropSilencesTheRunningJob()
{
    WorkerThread<ProbeWorker> thread(std::make_unique<ProbeWorker>(), QStringLiteral("probe"));
    QSignalSpy answered(thread.worker(), &ProbeWorker::answered);
    QSemaphore started;
    const quint64 job = thread->request(untilCancelled(started));
    QVERIFY(started.tryAcquire(1, kTimeoutMs));
    QCOMPARE(thread->drop(), job);
    QTRY_COMPARE_WITH_TIMEOUT(answered.size(), 1, kTimeoutMs);
    QCOMPARE(answered.front().at(1).toBool(), false);
    // A job queued after a drop runs as usual.
    const quint64 next = thread->request([](const JobTracker::Job&) {});
    QTRY_COMPARE_WITH_TIMEOUT(answered.size(), 2, kTimeoutMs);
    QCOMPARE(answered.back().at(0).value<quint64>(), next);
    QCOMPARE(answered.back().at(1).toBool(), true);
}

void TestJobs::failuresArriveAsOneLine()
{
    WorkerThread<ProbeWorker> thread(std::make_unique<ProbeWorker>(), QStringLiteral("probe"));
    QSignalSpy failed(thread.worker(), &ProbeWorker::failed);
    QSignalSpy answered(thread.worker(), &ProbeWorker::answered);
    const quint64 job = thread->request(
        [](const JobTracker::Job&) { throw advlens::core::Error("the model returns 3 logits for 10 classes"); });
    QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, kTimeoutMs);
    QCOMPARE(failed.front().at(0).value<quint64>(), job);
    QCOMPARE(failed.front().at(1).toString(), QStringLiteral("the model returns 3 logits for 10 classes"));
    // Whatever is thrown, the worker's loop survives and the next job runs.
    thread->request([](const JobTracker::Job&) { throw std::bad_alloc(); });
    QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 2, kTimeoutMs);
    QVERIFY(!failed.back().at(1).toString().isEmpty());
    QVERIFY(!failed.back().at(1).toString().contains(QLatin1Char('\n')));
    thread->request([](const JobTracker::Job&) {});
    QTRY_COMPARE_WITH_TIMEOUT(answered.size(), 1, kTimeoutMs);
}

void TestJobs::progressIsThrottledButTheLastUnitArrives()
{
    JobTracker tracker;
    const JobTracker::Job job = tracker.begin();
    QList<qint64> reported;
    const advlens::core::RunControl control =
        job.control([&](qint64 done, qint64) { reported << done; }, /*intervalMs=*/60'000);
    for (qint64 done = 1; done <= 1000; ++done)
        control.report(done, 1000);
    // The first call and the last unit, nothing between within the interval.
    QCOMPARE(reported, (QList<qint64>{1, 1000}));
    QVERIFY(!control.cancelled());
    tracker.begin(); // a newer job cancels this one's control
    QVERIFY(control.cancelled());
}

void TestJobs::shutdownWithAJobInFlightStopsItAndDeletesTheWorkerOnItsThread()
{
    QPointer<ProbeWorker> worker;
    const QThread* workerThread = nullptr;
    QSemaphore started;
    int answers = 0;
    QElapsedTimer clock;
    {
        WorkerThread<ProbeWorker> thread(std::make_unique<ProbeWorker>(), QStringLiteral("probe"));
        worker = thread.worker();
        workerThread = &thread.thread();
        connect(thread.worker(), &ProbeWorker::answered, this, [&] { ++answers; });
        thread->request(untilCancelled(started));
        QVERIFY(started.tryAcquire(1, kTimeoutMs));
        clock.start();
    } // the job never stops by itself: only the destructor's cancel ends it
    QVERIFY2(clock.elapsed() < 10'000, qPrintable(QString::number(clock.elapsed())));
    QVERIFY(worker.isNull());
    QCOMPARE(static_cast<const QThread*>(ProbeWorker::destroyedOn.load()), workerThread);
    QCoreApplication::processEvents();
    QCOMPARE(answers, 0); // disconnected before the job was stopped
}

void TestJobs::aModelIsLoadedOnceAndLentInTurn()
{
    ClassifierCache cache(load);
    advlens::core::Classifier* first = nullptr;
    {
        const ClassifierLease lease = cache.acquire(m_modelPath, QStringLiteral("cpu"));
        QVERIFY(lease);
        QCOMPARE(lease.path(), m_modelPath);
        first = lease.get();
        QCOMPARE(cache.idle(), 0);
    }
    QCOMPARE(cache.idle(), 1);
    const ClassifierLease again = cache.acquire(m_modelPath, QStringLiteral("cpu"));
    QCOMPARE(again.get(), first);
    QCOMPARE(cache.loads(), 1);
    QCOMPARE(cache.idle(), 0);
}

void TestJobs::twoJobsAtOnceGetTwoCopiesAndOneIsKept()
{
    ClassifierCache cache(load);
    ClassifierLease one = cache.acquire(m_modelPath, QStringLiteral("cpu"));
    ClassifierLease two = cache.acquire(m_modelPath, QStringLiteral("cpu"));
    QVERIFY(one.get() != two.get());
    QCOMPARE(cache.loads(), 2);
    one.release();
    QVERIFY(!one);
    two.release();
    QCOMPARE(cache.idle(), 1); // a second idle copy of the same model would only hold memory
}

void TestJobs::atMostKeepIdleModelsAreKept()
{
    QStringList models;
    for (const char* name : {"first", "second", "third"})
        models << advlens::test::writeUntrainedModel(m_folder.path(), QString::fromLatin1(name));
    ClassifierCache cache(load, /*keepIdle=*/2);
    for (const QString& model : models)
        cache.acquire(model, QStringLiteral("cpu")); // each lease ends at once
    QCOMPARE(cache.loads(), 3);
    QCOMPARE(cache.idle(), 2);
    cache.acquire(models[2], QStringLiteral("cpu"));
    cache.acquire(models[1], QStringLiteral("cpu"));
    QCOMPARE(cache.loads(), 3); // the two most recent were kept
    cache.acquire(models[0], QStringLiteral("cpu"));
    QCOMPARE(cache.loads(), 4); // the oldest was freed
    cache.clearIdle();
    QCOMPARE(cache.idle(), 0);
}

void TestJobs::aChangedFileIsLoadedAgain()
{
    const QString model = advlens::test::writeUntrainedModel(m_folder.path(), QStringLiteral("retrained"));
    ClassifierCache cache(load);
    cache.acquire(model, QStringLiteral("cpu"));
    QFile file(model);
    QVERIFY(file.open(QIODevice::ReadWrite));
    QVERIFY(file.setFileTime(file.fileTime(QFileDevice::FileModificationTime).addSecs(5),
                             QFileDevice::FileModificationTime));
    file.close();
    cache.acquire(model, QStringLiteral("cpu"));
    QCOMPARE(cache.loads(), 2);
}

void TestJobs::aLeaseOutlivesItsCache()
{
    ClassifierLease lease;
    {
        ClassifierCache cache(load);
        lease = cache.acquire(m_modelPath, QStringLiteral("cpu"));
    }
    QVERIFY(lease);
    QCOMPARE(lease->numClasses(), 10); // still usable
    lease.release();                   // frees it, with no cache to go back to
    QVERIFY(!lease);
}

void TestJobs::curveAndGalleryWorkersShareOneLoad()
{
    advlens::ui::RuntimeOptions options{1, QStringLiteral("cpu")};
    std::atomic<int> loads{0}; // counted on the workers' threads
    options.classifiers = std::make_shared<ClassifierCache>([&loads](const QString& file, const QString& device) {
        ++loads;
        return load(file, device);
    });
    WorkerThread<advlens::ui::CurveWorker> curves(std::make_unique<advlens::ui::CurveWorker>(options),
                                                  QStringLiteral("CurveWorker"));
    WorkerThread<advlens::ui::GalleryWorker> gallery(std::make_unique<advlens::ui::GalleryWorker>(options),
                                                     QStringLiteral("GalleryWorker"));
    advlens::ui::CurveRequest request;
    request.series = 0;
    request.attack = QStringLiteral("fgsm");
    request.epsilonCount = 2;
    request.images = 16;
    QSignalSpy curveDone(curves.worker(), &advlens::ui::CurveWorker::curveFinished);
    QSignalSpy curveFailed(curves.worker(), &advlens::ui::CurveWorker::curveFailed);
    curves->requestCurve(m_modelPath, request);
    QTRY_VERIFY_WITH_TIMEOUT(curveDone.size() + curveFailed.size() == 1, kTimeoutMs);
    QVERIFY2(curveFailed.isEmpty(), curveFailed.isEmpty() ? "" : qPrintable(curveFailed.front().at(1).toString()));

    QSignalSpy galleryDone(gallery.worker(), &advlens::ui::GalleryWorker::finished);
    QSignalSpy galleryFailed(gallery.worker(), &advlens::ui::GalleryWorker::failed);
    gallery->requestClassification(m_modelPath, advlens::ui::GallerySource::fashionMnist(16));
    QTRY_VERIFY_WITH_TIMEOUT(galleryDone.size() + galleryFailed.size() == 1, kTimeoutMs);
    QVERIFY2(galleryFailed.isEmpty(),
             galleryFailed.isEmpty() ? "" : qPrintable(galleryFailed.front().at(1).toString()));
    QCOMPARE(loads.load(), 1); // the gallery took the model the curve had finished with
    QCOMPARE(options.classifiers->idle(), 1);
}

QTEST_MAIN(TestJobs)
#include "tst_jobs.moc"
