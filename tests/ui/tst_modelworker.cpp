#include "ui/jobs/workerthread.h"
#include "tests/ui/uitestmodel.h"
#include "ui/workers/modelworker.h"

#include <QImage>
#include <QSemaphore>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

#include <numeric>

using advlens::ui::ModelSummary;
using advlens::ui::ModelWorker;
using advlens::ui::Prediction;

namespace {

constexpr int kTimeoutMs = 60000;
// Answers are awaited with QTRY_…, not QSignalSpy::wait(): a fast answer (an
// unknown device fails at once) can arrive before wait() starts, which then
// waits for a second one (seen under ThreadSanitizer's scheduling).

/// A worker on its own thread, stopped the way the window stops it.
class ModelWorkerThread : public advlens::ui::WorkerThread<ModelWorker> {
public:
    explicit ModelWorkerThread(const QString& device = QStringLiteral("cpu"))
        : WorkerThread(std::make_unique<ModelWorker>(advlens::ui::RuntimeOptions{1, device}),
                       QStringLiteral("ModelWorker"))
    {
    }

    /// Keeps the worker's thread busy until the semaphore is released, so
    /// requests made meanwhile queue up behind it.
    std::shared_ptr<QSemaphore> hold()
    {
        auto gate = std::make_shared<QSemaphore>();
        QMetaObject::invokeMethod(worker(), [gate] { gate->acquire(); }, Qt::QueuedConnection);
        return gate;
    }
};

} // namespace

class TestModelWorker : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void loadsModelAndPredictsTestImage();
    void classifiesImageFileWithFolderLabel();
    void reportsCorruptWeights();
    void reportsMissingDefaultModel();
    void reportsUnknownDevice();
    void reportsUnreadableImage();
    void reportsMissingModelBeforeClassifying();
    void latestImageRequestWins();

private:
    QTemporaryDir m_folder;
    QString m_modelPath;
};

void TestModelWorker::initTestCase()
{
    QVERIFY(m_folder.isValid());
    m_modelPath = advlens::test::writeUntrainedModel(m_folder.path());
}

void TestModelWorker::loadsModelAndPredictsTestImage()
{
    ModelWorkerThread thread;
    QSignalSpy loaded(thread.worker(), &ModelWorker::modelLoaded);
    QSignalSpy ready(thread.worker(), &ModelWorker::predictionReady);
    const quint64 modelRequest = thread.worker()->requestModel(m_modelPath);
    QTRY_VERIFY_WITH_TIMEOUT(!loaded.isEmpty(), kTimeoutMs);
    QCOMPARE(loaded.first().at(0).value<quint64>(), modelRequest);
    const auto summary = loaded.first().at(1).value<ModelSummary>();
    QCOMPARE(summary.name, QStringLiteral("untrained-mlp"));
    QCOMPARE(summary.architecture, QStringLiteral("mlp"));
    QCOMPARE(summary.classNames.size(), 10);
    QCOMPARE(summary.device, QStringLiteral("cpu"));
    QVERIFY(summary.takesFashionMnist);

    const quint64 imageRequest = thread.worker()->requestTestImage(7);
    QTRY_VERIFY_WITH_TIMEOUT(!ready.isEmpty(), kTimeoutMs);
    QCOMPARE(ready.first().at(0).value<quint64>(), imageRequest);
    const auto prediction = ready.first().at(1).value<Prediction>();
    QCOMPARE(prediction.testIndex, 7);
    QCOMPARE(prediction.numClasses, 10);
    QCOMPARE(int(prediction.topClasses.size()), 10); // all ten: kMaxTopClasses is 10
    const double total = std::accumulate(prediction.topProbabilities.begin(), prediction.topProbabilities.end(), 0.0);
    QVERIFY2(qAbs(total - 1.0) < 1e-4, qPrintable(QString::number(total)));
    QVERIFY(std::is_sorted(prediction.topProbabilities.rbegin(), prediction.topProbabilities.rend()));
    QCOMPARE(prediction.image.channels, 1);
    QCOMPARE(prediction.image.height, 28);
    QCOMPARE(int(prediction.image.values.size()), 28 * 28);
    QVERIFY(!prediction.trueClass.isEmpty());
    QVERIFY(prediction.trueClassIndex >= 0);
}

void TestModelWorker::classifiesImageFileWithFolderLabel()
{
    // ImageFolder layout: the folder names the true class.
    QVERIFY(QDir(m_folder.path()).mkpath(QStringLiteral("Sneaker")));
    const QString imagePath = m_folder.filePath(QStringLiteral("Sneaker/photo.png"));
    QImage photo(40, 30, QImage::Format_RGB32);
    photo.fill(QColor(200, 120, 40));
    QVERIFY(photo.save(imagePath));

    ModelWorkerThread thread;
    QSignalSpy ready(thread.worker(), &ModelWorker::predictionReady);
    thread.worker()->requestModel(m_modelPath);
    thread.worker()->requestImageFile(imagePath);
    QTRY_VERIFY_WITH_TIMEOUT(!ready.isEmpty(), kTimeoutMs);
    const auto prediction = ready.first().at(1).value<Prediction>();
    QCOMPARE(prediction.sourcePath, imagePath);
    QCOMPARE(prediction.testIndex, -1);
    QCOMPARE(prediction.trueClass, QStringLiteral("Sneaker"));
    QCOMPARE(prediction.trueClassIndex, 7);
    // Resized to the model's 28×28 grey input.
    QCOMPARE(prediction.image.channels, 1);
    QCOMPARE(prediction.image.width, 28);
}

void TestModelWorker::reportsCorruptWeights()
{
    ModelWorkerThread thread;
    QSignalSpy failed(thread.worker(), &ModelWorker::modelLoadFailed);
    thread.worker()->requestModel(advlens::test::writeCorruptModel(m_folder.path()));
    QTRY_VERIFY_WITH_TIMEOUT(!failed.isEmpty(), kTimeoutMs);
    const QString message = failed.first().at(1).toString();
    QVERIFY2(message.startsWith(QStringLiteral("Could not open the model: ")), qPrintable(message));
    QVERIFY2(!message.contains(QLatin1Char('\n')), qPrintable(message));
}

void TestModelWorker::reportsMissingDefaultModel()
{
    // The test environment points ADVLENS_ZOO_DIR at an empty folder.
    ModelWorkerThread thread;
    QSignalSpy failed(thread.worker(), &ModelWorker::modelLoadFailed);
    thread.worker()->requestModel(QString());
    QTRY_VERIFY_WITH_TIMEOUT(!failed.isEmpty(), kTimeoutMs);
    const QString message = failed.first().at(1).toString();
    QVERIFY2(message.contains(QStringLiteral("./setup.sh")), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("advlens-cli train")), qPrintable(message));
}

void TestModelWorker::reportsUnknownDevice()
{
    ModelWorkerThread thread(QStringLiteral("tpu"));
    QSignalSpy failed(thread.worker(), &ModelWorker::modelLoadFailed);
    thread.worker()->requestModel(m_modelPath);
    QTRY_VERIFY_WITH_TIMEOUT(!failed.isEmpty(), kTimeoutMs);
    const QString message = failed.first().at(1).toString();
    QVERIFY2(message.contains(QStringLiteral("'tpu'")), qPrintable(message));
}

void TestModelWorker::reportsUnreadableImage()
{
    const QString bogus = m_folder.filePath(QStringLiteral("bogus.png"));
    QFile file(bogus);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("not a PNG at all");
    file.close();

    ModelWorkerThread thread;
    QSignalSpy failed(thread.worker(), &ModelWorker::predictionFailed);
    thread.worker()->requestModel(m_modelPath);
    thread.worker()->requestImageFile(bogus);
    QTRY_VERIFY_WITH_TIMEOUT(!failed.isEmpty(), kTimeoutMs);
    const QString message = failed.first().at(1).toString();
    QVERIFY2(message.startsWith(QStringLiteral("Could not classify 'bogus.png': ")), qPrintable(message));
}

void TestModelWorker::reportsMissingModelBeforeClassifying()
{
    ModelWorkerThread thread;
    QSignalSpy failed(thread.worker(), &ModelWorker::predictionFailed);
    thread.worker()->requestTestImage(0);
    QTRY_VERIFY_WITH_TIMEOUT(!failed.isEmpty(), kTimeoutMs);
    QVERIFY(failed.first().at(1).toString().contains(QStringLiteral("no model is open")));
}

void TestModelWorker::latestImageRequestWins()
{
    // Requests queue up while the thread is busy; only the newest may be served.
    ModelWorkerThread thread;
    const auto gate = thread.hold();
    QSignalSpy loaded(thread.worker(), &ModelWorker::modelLoaded);
    QSignalSpy ready(thread.worker(), &ModelWorker::predictionReady);
    thread.worker()->requestModel(m_modelPath);
    quint64 last = 0;
    for (int index = 0; index < 5; ++index)
        last = thread.worker()->requestTestImage(index);
    gate->release();
    QTRY_VERIFY_WITH_TIMEOUT(!ready.isEmpty(), kTimeoutMs);
    QTest::qWait(200); // room for any (wrong) extra answer to arrive
    QCOMPARE(loaded.size(), 1);
    QCOMPARE(ready.size(), 1);
    QCOMPARE(ready.first().at(0).value<quint64>(), last);
    QCOMPARE(ready.first().at(1).value<Prediction>().testIndex, 4);
}

QTEST_MAIN(TestModelWorker)
#include "tst_modelworker.moc"
