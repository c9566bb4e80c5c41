// The explorer driven through its real widgets, with an untrained model
// written at test time: attacks from the panel, the ε slider, streamed
// iterates and the timeline, cancelling, bad input, language.
#include "ui/controllers/attackcontroller.h"
#include "ui/controllers/resultexporter.h"
#include "ui/controllers/saliencycontroller.h"
#include "ui/i18n/languageswitcher.h"
#include "ui/jobs/workerthread.h"
#include "ui/mainwindow.h"
#include "ui/panels/attackpanel.h"
#include "ui/panels/imagepanel.h"
#include "ui/panels/iterationtimeline.h"
#include "ui/panels/messagebanner.h"
#include "ui/panels/predictionpanel.h"
#include "ui/panels/saliencypanel.h"
#include "ui/panels/testsetbrowser.h"
#include "tests/ui/uitestmodel.h"
#include "ui/views/imagecomparisonview.h"
#include "ui/views/zoomableimageview.h"
#include "ui/workers/curveworker.h"

#include "core/data/imageexport.h"
#include "core/model/modelloader.h"
#include "tests/support/testsupport.h"

#include <ATen/ATen.h>

#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMenu>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSlider>
#include <QStandardItemModel>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using namespace advlens::ui;

namespace {

constexpr int kTimeoutMs = 60000;

} // namespace

class TestExplorer : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void startsWithAnAttackedImage();
    void epsilonSliderChangesAdversarialViewAndNorm();
    void iterativeAttackFillsTheTimeline();
    void targetedAttackAimsAtTheTarget();
    void saliencyOverlaysBothImages_data();
    void saliencyOverlaysBothImages();
    void cancelledAttackAsksForSaliencyAgain();
    void cancelStopsACurveWithinOneIteration();
    void curveRunsOnAFolderOfLabelledImages();
    void queryCurveIsOneRunOfAQueryBasedAttack();
    void corruptModelAndImageLeaveTheWindowUsable();
    void failedModelOpenStopsTheAttack();
    void switchingLanguageChangesAttackTexts();
    void keyboardShortcutsAreUnambiguous();
    void exportWritesFigureNumbersAndImages();
    void zooMenuListsAndOpensZooModels();
    void deviceMenuMovesTheModel();

private:
    /// A window with the untrained model open and test image 0 attacked by FGSM.
    std::unique_ptr<MainWindow> openWindow();
    static bool hasOutcome(const MainWindow& window) { return window.attacks()->outcome().has_value(); }

    QTemporaryDir m_folder;
    QString m_modelPath;
    LanguageSwitcher m_languages;
    RuntimeOptions m_options{1, QStringLiteral("cpu")};
};

void TestExplorer::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("AdvLensTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_explorer"));
    QVERIFY(m_folder.isValid());
    m_modelPath = advlens::test::writeUntrainedModel(m_folder.path());
}

void TestExplorer::init()
{
    QSettings().clear();
    m_languages.apply(QStringLiteral("en"));
}

std::unique_ptr<MainWindow> TestExplorer::openWindow()
{
    auto window = std::make_unique<MainWindow>(m_options, &m_languages);
    window->show();
    window->openModel(m_modelPath);
    [&] { QTRY_VERIFY_WITH_TIMEOUT(hasOutcome(*window), kTimeoutMs); }();
    return window;
}

void TestExplorer::startsWithAnAttackedImage()
{
    const auto window = openWindow();
    const AttackOutcome& outcome = *window->attacks()->outcome();
    QCOMPARE(outcome.request.attack, QStringLiteral("fgsm"));
    QCOMPARE(outcome.before.testIndex, 0);
    QCOMPARE(outcome.gradientEvaluations, 1);
    // FGSM ℓ∞ moves pixels by ε wherever the box allows: the largest change is ε.
    QVERIFY(std::abs(outcome.linf - outcome.request.epsilon) < 1e-5);
    auto* views = window->findChild<ImagePanel*>()->view();
    QVERIFY(!views->perturbation().isEmpty());
    QVERIFY(views->normsText().contains(QStringLiteral("ℓ∞")));
    QVERIFY(!window->findChild<PredictionPanel*>()->verdictText().startsWith(QStringLiteral("Prediction")));
}

void TestExplorer::epsilonSliderChangesAdversarialViewAndNorm()
{
    const auto window = openWindow();
    auto* panel = window->findChild<AttackPanel*>();
    auto* views = window->findChild<ImagePanel*>()->view();
    const QString before = views->normsText();
    const QImage adversarialBefore = views->adversarialView()->grab().toImage();
    for (int position : {40, 80, 120}) {
        panel->epsilonSlider()->setValue(position);
        const double epsilon = panel->epsilonBox()->value();
        QVERIFY(std::abs(epsilon - 0.5 * position / AttackPanel::kSliderSteps) < 1e-4);
        QTRY_VERIFY_WITH_TIMEOUT(std::abs(window->attacks()->outcome()->request.epsilon - epsilon) < 1e-9, kTimeoutMs);
        QVERIFY(std::abs(window->attacks()->outcome()->linf - epsilon) < 1e-5);
    }
    QVERIFY(views->normsText() != before);
    QVERIFY2(views->normsText().contains(QStringLiteral("0.0600")), qPrintable(views->normsText()));
    QVERIFY(views->adversarialView()->grab().toImage() != adversarialBefore);
}

void TestExplorer::iterativeAttackFillsTheTimeline()
{
    const auto window = openWindow();
    auto* panel = window->findChild<AttackPanel*>();
    QSignalSpy finished(window->attacks(), &AttackController::outcomeChanged);
    panel->setAttack(QStringLiteral("pgd"));
    QTRY_VERIFY_WITH_TIMEOUT(window->attacks()->outcome() &&
                                 window->attacks()->outcome()->request.attack == QLatin1String("pgd"),
                             kTimeoutMs);
    const AttackOutcome outcome = *window->attacks()->outcome();
    QCOMPARE(outcome.iterates.size(), std::size_t(outcome.request.steps + 1)); // the clean image, then every step
    QCOMPARE(outcome.iterateNumbers.front(), 0);
    QCOMPARE(outcome.iterateNumbers.back(), outcome.request.steps);
    auto* timeline = window->findChild<IterationTimeline*>();
    QVERIFY(timeline->isVisible());
    QCOMPARE(timeline->slider()->maximum(), outcome.request.steps);
    // Back to the clean image: no perturbation left, prediction as before.
    timeline->setPosition(0);
    const auto shown = window->attacks()->shownOutcome();
    QVERIFY(shown.has_value());
    QCOMPARE(shown->linf, 0.0);
    QCOMPARE(shown->after.predictedClass(), outcome.before.predictedClass());
    QVERIFY(window->findChild<ImagePanel*>()->view()->perturbation().linf == 0.0);
    timeline->setPosition(timeline->slider()->maximum());
    QVERIFY(window->findChild<ImagePanel*>()->view()->perturbation().linf > 0.0);
}

void TestExplorer::targetedAttackAimsAtTheTarget()
{
    const auto window = openWindow();
    auto* panel = window->findChild<AttackPanel*>();
    const int target = (window->attacks()->outcome()->before.predictedClass() + 3) % 10;
    panel->setTargetClass(target);
    panel->setEpsilon(0.5);
    panel->setAttack(QStringLiteral("pgd"));
    auto request = panel->request();
    request.targeted = true;
    request.targetClass = target;
    request.steps = 40;
    window->attacks()->attack(request);
    QTRY_VERIFY_WITH_TIMEOUT(window->attacks()->outcome() && window->attacks()->outcome()->request.targeted,
                             kTimeoutMs);
    const AttackOutcome& outcome = *window->attacks()->outcome();
    // ε = 0.5 in ℓ∞ is most of the pixel range: even an untrained model reaches any class.
    QCOMPARE(outcome.after.predictedClass(), target);
    QVERIFY(outcome.success);
    QVERIFY2(window->findChild<PredictionPanel*>()->verdictText().contains(QStringLiteral("target")),
             qPrintable(window->findChild<PredictionPanel*>()->verdictText()));
}

void TestExplorer::saliencyOverlaysBothImages_data()
{
    QTest::addColumn<QString>("method");
    QTest::newRow("gradient") << "gradient";
    QTest::newRow("smoothgrad") << "smoothgrad";
    QTest::newRow("integrated gradients") << "integrated-gradients";
}

void TestExplorer::saliencyOverlaysBothImages()
{
    QFETCH(QString, method);
    const auto window = openWindow();
    auto* views = window->findChild<ImagePanel*>()->view();
    auto* panel = window->findChild<SaliencyPanel*>();
    QVERIFY(views->originalView()->overlay().isNull());
    panel->setMethod(method);
    panel->setShown(true);
    QTRY_VERIFY_WITH_TIMEOUT(!views->originalView()->overlay().isNull(), kTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(!views->adversarialView()->overlay().isNull(), kTimeoutMs);
    QTRY_VERIFY(!window->saliency()->isWaiting());
    QCOMPARE(views->originalView()->overlay().size(), QSize(28, 28));
    // The untrained MLP has no convolutional feature map: Grad-CAM is not offered.
    auto* methods = panel->findChild<QComboBox*>();
    auto* items = qobject_cast<QStandardItemModel*>(methods->model());
    QVERIFY(!items->item(methods->findData(QStringLiteral("grad-cam")))->isEnabled());
    panel->setShown(false);
    QVERIFY(views->originalView()->overlay().isNull());
}

void TestExplorer::cancelledAttackAsksForSaliencyAgain()
{
    // Found by the GUI soak: an attack dropped the pending maps, was then
    // cancelled, and the controller waited for an answer that never came.
    const auto window = openWindow();
    auto* views = window->findChild<ImagePanel*>()->view();
    auto* panel = window->findChild<SaliencyPanel*>();
    panel->setShown(true);
    QTRY_VERIFY_WITH_TIMEOUT(!views->originalView()->overlay().isNull() && !window->saliency()->isWaiting(),
                             kTimeoutMs);
    QSignalSpy results(window->saliency(), &SaliencyController::mapsShown);
    window->saliency()->refresh();
    QVERIFY(window->saliency()->isWaiting());
    window->attacks()->attack(window->findChild<AttackPanel*>()->request());
    window->attacks()->cancel();
    QTRY_VERIFY_WITH_TIMEOUT(!window->saliency()->isWaiting(), kTimeoutMs);
    QTRY_VERIFY_WITH_TIMEOUT(results.size() >= 1, kTimeoutMs);
}

void TestExplorer::cancelStopsACurveWithinOneIteration()
{
    const advlens::ui::WorkerThread<CurveWorker> thread(std::make_unique<CurveWorker>(m_options),
                                                        QStringLiteral("CurveWorker"));
    CurveWorker& worker = *thread.worker();
    // Budgets far too small to fool anything: every correct image gets all
    // 300 iterations at every point, so one point takes a while.
    CurveRequest request;
    request.series = 0;
    request.attack = QStringLiteral("pgd");
    request.epsilonFrom = 1e-6;
    request.epsilonTo = 1e-5;
    request.epsilonCount = 5;
    request.stepsPerAttack = 300;
    request.images = 256;
    QSignalSpy finished(&worker, &CurveWorker::curveFinished);
    QSignalSpy points(&worker, &CurveWorker::pointComputed);
    QElapsedTimer clock;
    clock.start();
    worker.requestCurve(m_modelPath, request);
    QTRY_VERIFY_WITH_TIMEOUT(points.size() >= 1, kTimeoutMs);
    const qint64 onePoint = clock.restart();
    worker.cancel();
    QTRY_VERIFY_WITH_TIMEOUT(finished.size() == 1, kTimeoutMs);
    const qint64 stopping = clock.elapsed();
    QVERIFY(finished.front().at(1).toBool()); // cancelled
    QCOMPARE(points.size(), 1);
    // Cancellation is checked between iterations: stopping takes a small part of a point's 300.
    QVERIFY2(stopping * 10 < onePoint,
             qPrintable(QStringLiteral("%1 ms to stop, %2 ms per point").arg(stopping).arg(onePoint)));
}

void TestExplorer::curveRunsOnAFolderOfLabelledImages()
{
    // Twelve Fashion-MNIST test images as 8-bit PNGs in class-name folders
    // (exact copies of the pixels), and one file that is no image.
    const advlens::core::LabelledImages images = advlens::test::fashionMnist(/*train=*/false, 12);
    const QString root = m_folder.filePath(QStringLiteral("кривая"));
    for (std::int64_t i = 0; i < images.size(); ++i) {
        const QString folder =
            root + QLatin1Char('/') + QString::fromStdString(images.classNames[images.labels[i].item<std::int64_t>()]);
        QVERIFY(QDir().mkpath(folder));
        advlens::core::savePng(
            images.images[i], std::filesystem::u8path(QStringLiteral("%1/%2.png").arg(folder).arg(i).toStdString()), 8);
    }
    QFile broken(root + QStringLiteral("/Bag/broken.png"));
    QVERIFY(QDir().mkpath(root + QStringLiteral("/Bag")) && broken.open(QIODevice::WriteOnly));
    broken.write("not a png");
    broken.close();

    const advlens::ui::WorkerThread<CurveWorker> thread(std::make_unique<CurveWorker>(m_options),
                                                        QStringLiteral("CurveWorker"));
    CurveWorker& worker = *thread.worker();
    CurveRequest request;
    request.series = 0;
    request.attack = QStringLiteral("fgsm");
    request.epsilonFrom = 0.0;
    request.epsilonTo = 0.2;
    request.epsilonCount = 3;
    request.images = 100; // more than the folder holds: all of them
    request.dataFolder = root;
    QSignalSpy finished(&worker, &CurveWorker::curveFinished);
    QSignalSpy failed(&worker, &CurveWorker::curveFailed);
    QSignalSpy points(&worker, &CurveWorker::pointComputed);
    worker.requestCurve(m_modelPath, request);
    QTRY_VERIFY_WITH_TIMEOUT(finished.size() + failed.size() == 1, kTimeoutMs);
    QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.front().at(1).toString()));
    QCOMPARE(points.size(), 3);
    const auto first = points.front().at(1).value<CurvePointValue>();
    QCOMPARE(first.images, qint64{12});
    // At ε = 0 the robust accuracy is the clean accuracy of these twelve images.
    auto model = advlens::core::loadClassifier(std::filesystem::u8path(m_modelPath.toStdString()));
    at::NoGradGuard noGrad;
    const double clean = model->logits(images.images).argmax(1).eq(images.labels).to(at::kDouble).mean().item<double>();
    QVERIFY2(std::abs(first.accuracy - clean) < 1e-9,
             qPrintable(QStringLiteral("%1 vs %2").arg(first.accuracy).arg(clean)));
    const QStringList warnings = finished.front().at(2).toStringList();
    QVERIFY2(warnings.join(QLatin1Char(' ')).contains(QStringLiteral("1 unreadable image")),
             qPrintable(warnings.join('|')));

    // A folder whose sub-folders are no class of the model is refused with its name.
    const QString strange = m_folder.filePath(QStringLiteral("strange"));
    QVERIFY(QDir().mkpath(strange + QStringLiteral("/penguins")));
    request.dataFolder = strange;
    worker.requestCurve(m_modelPath, request);
    QTRY_VERIFY_WITH_TIMEOUT(failed.size() == 1, kTimeoutMs);
    QVERIFY2(failed.front().at(1).toString().contains(QStringLiteral("not named after this model's classes")),
             qPrintable(failed.front().at(1).toString()));
}

void TestExplorer::queryCurveIsOneRunOfAQueryBasedAttack()
{
    // The trained LeNet: with the untrained model's ~10 % there would be little to fall.
    const QString model = QString::fromStdString(advlens::test::defaultModelPath().u8string());
    const advlens::ui::WorkerThread<CurveWorker> thread(std::make_unique<CurveWorker>(m_options),
                                                        QStringLiteral("CurveWorker"));
    CurveWorker& worker = *thread.worker();
    CurveRequest request;
    request.series = 0;
    request.attack = QStringLiteral("square");
    request.axis = CurveRequest::Queries;
    request.fixedEpsilon = 0.15;
    request.queries = 60;
    request.images = 24;
    QSignalSpy finished(&worker, &CurveWorker::curveFinished);
    QSignalSpy failed(&worker, &CurveWorker::curveFailed);
    QSignalSpy points(&worker, &CurveWorker::pointComputed);
    QSignalSpy progress(&worker, &CurveWorker::progressed);
    worker.requestCurve(model, request);
    QTRY_VERIFY_WITH_TIMEOUT(finished.size() + failed.size() == 1, kTimeoutMs);
    QVERIFY2(failed.isEmpty(), failed.isEmpty() ? "" : qPrintable(failed.front().at(1).toString()));
    QVERIFY(!finished.front().at(1).toBool());
    QVERIFY(!progress.isEmpty() && progress.back().at(1) == progress.back().at(2)); // done of total

    // Query counts from 1 up to the budget, accuracy never rising, from at most the clean accuracy.
    const advlens::core::LabelledImages images = advlens::test::fashionMnist(/*train=*/false, 24);
    auto classifier = advlens::core::loadClassifier(advlens::test::defaultModelPath());
    at::NoGradGuard noGrad;
    const double clean =
        classifier->logits(images.images).argmax(1).eq(images.labels).to(at::kDouble).mean().item<double>();
    QVERIFY(points.size() >= 10);
    double previousX = 0.0, previousAccuracy = 1.0;
    for (const QList<QVariant>& signal : points) {
        const auto point = signal.at(1).value<CurvePointValue>();
        QCOMPARE(point.series, 0);
        QCOMPARE(point.images, qint64{24});
        QVERIFY(point.x > previousX);
        QVERIFY2(point.accuracy <= previousAccuracy + 1e-12,
                 qPrintable(QStringLiteral("%1 after %2 queries").arg(point.accuracy).arg(point.x)));
        QVERIFY(point.accuracy <= clean + 1e-12);
        previousX = point.x;
        previousAccuracy = point.accuracy;
    }
    const auto last = points.back().at(1).value<CurvePointValue>();
    QCOMPARE(last.x, 60.0);
    QVERIFY2(last.accuracy < clean, qPrintable(QStringLiteral("%1 vs clean %2").arg(last.accuracy).arg(clean)));
    QVERIFY(std::isfinite(last.attackSuccessRate)); // the run's totals ride on its budget

    // A gradient attack has no query budget: refused, not run.
    request.attack = QStringLiteral("pgd");
    worker.requestCurve(model, request);
    QTRY_VERIFY_WITH_TIMEOUT(failed.size() == 1, kTimeoutMs);
    QVERIFY2(failed.front().at(1).toString().contains(QStringLiteral("pgd is not a query-based attack")),
             qPrintable(failed.front().at(1).toString()));
}

void TestExplorer::corruptModelAndImageLeaveTheWindowUsable()
{
    const auto window = openWindow();
    QVERIFY(hasOutcome(*window));
    auto* banner = window->findChild<MessageBanner*>(QStringLiteral("windowBanner"));
    window->openModel(advlens::test::writeCorruptModel(m_folder.path()));
    QTRY_VERIFY2_WITH_TIMEOUT(banner->isVisible(), qPrintable(banner->message()), kTimeoutMs);
    QVERIFY(banner->message().contains(QStringLiteral("Could not open the model")));

    const QString badImage = m_folder.filePath(QStringLiteral("не картинка.png"));
    QFile file(badImage);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("this is not a PNG file");
    file.close();
    window->openImage(badImage);
    QTRY_VERIFY_WITH_TIMEOUT(banner->message().contains(QStringLiteral("не картинка.png")), kTimeoutMs);

    // Still usable: the old model classifies and attacks a test image.
    window->showTestImage(5);
    QTRY_VERIFY_WITH_TIMEOUT(hasOutcome(*window) && window->attacks()->outcome()->before.testIndex == 5, kTimeoutMs);
    QVERIFY(banner->isHidden());
}

void TestExplorer::failedModelOpenStopsTheAttack()
{
    // Opening a model drops the running attack; when the model then fails to
    // open, the panel must not stay "running" with nothing behind it.
    const auto window = openWindow();
    auto* banner = window->findChild<MessageBanner*>(QStringLiteral("windowBanner"));
    const AttackRequest request = window->findChild<AttackPanel*>()->request();
    window->attacks()->attack(request);
    QVERIFY(window->attacks()->isRunning());
    window->openModel(advlens::test::writeCorruptModel(m_folder.path()));
    QVERIFY(!window->attacks()->isRunning());
    QTRY_VERIFY_WITH_TIMEOUT(banner->isVisible(), kTimeoutMs);
    QVERIFY(!window->attacks()->isRunning());
    QSignalSpy outcomes(window->attacks(), &AttackController::outcomeChanged);
    window->attacks()->attack(request); // the old model still attacks
    QTRY_VERIFY_WITH_TIMEOUT(!outcomes.isEmpty() && !window->attacks()->isRunning(), kTimeoutMs);
}

void TestExplorer::switchingLanguageChangesAttackTexts()
{
    const auto window = openWindow();
    auto* panel = window->findChild<AttackPanel*>();
    QCOMPARE(panel->title(), QStringLiteral("Attack"));
    m_languages.apply(QStringLiteral("zh_CN"));
    QTRY_VERIFY(panel->title() != QStringLiteral("Attack"));
    QVERIFY2(panel->title() == QStringLiteral("攻击"), qPrintable(panel->title()));
    auto* methods = panel->findChild<QComboBox*>(QStringLiteral("attack"));
    QVERIFY(methods->findText(QStringLiteral("均匀噪声")) >= 0);         // attack names too
    QCOMPARE(methods->currentData().toString(), QStringLiteral("fgsm")); // the choice survives
    m_languages.apply(QStringLiteral("en"));
    QTRY_COMPARE(panel->title(), QStringLiteral("Attack"));
}

void TestExplorer::keyboardShortcutsAreUnambiguous()
{
    MainWindow window(m_options, &m_languages);
    QMap<QString, QString> owners;
    for (const QAction* action : window.findChildren<QAction*>()) {
        for (const QKeySequence& key : action->shortcuts()) {
            const QString text = key.toString();
            QVERIFY2(
                !owners.contains(text),
                qPrintable(QStringLiteral("%1 is both '%2' and '%3'").arg(text, owners.value(text), action->text())));
            owners.insert(text, action->text());
        }
    }
    QVERIFY(owners.contains(QStringLiteral("Ctrl+Return"))); // run the attack
    QVERIFY(owners.contains(QStringLiteral("Esc")));         // cancel it
}

void TestExplorer::exportWritesFigureNumbersAndImages()
{
    const auto window = openWindow();
    QSignalSpy saved(window->findChild<ResultExporter*>(), &ResultExporter::finished);
    const QString stem = m_folder.filePath(QStringLiteral("résultat/shoe"));
    QDir().mkpath(QFileInfo(stem).absolutePath());
    window->exportResultTo(stem);
    QTRY_VERIFY_WITH_TIMEOUT(saved.size() == 1, kTimeoutMs);
    const QStringList files = saved.front().at(0).toStringList();
    QCOMPARE(files.size(), 6);
    for (const char* suffix :
         {"-figure.png", "-result.json", "-adversarial.png", "-adversarial.npy", "-noise.png", "-noise.npy"})
        QVERIFY2(QFileInfo(stem + QLatin1String(suffix)).size() > 0, qPrintable(stem + QLatin1String(suffix)));
    const QImage figure(stem + QStringLiteral("-figure.png"));
    QVERIFY(figure.width() > figure.height());
    QImage adversarial(stem + QStringLiteral("-adversarial.png"));
    QCOMPARE(adversarial.size(), QSize(28, 28));
    QCOMPARE(adversarial.format(), QImage::Format_Grayscale16); // 16 bits, not 8
    QFile json(stem + QStringLiteral("-result.json"));
    QVERIFY(json.open(QIODevice::ReadOnly));
    const QJsonObject root = QJsonDocument::fromJson(json.readAll()).object();
    const AttackOutcome& outcome = *window->attacks()->outcome();
    QCOMPARE(root.value(QStringLiteral("attack")).toObject().value(QStringLiteral("name")).toString(),
             QStringLiteral("fgsm"));
    QCOMPARE(root.value(QStringLiteral("success")).toBool(), outcome.success);
    QVERIFY(std::abs(root.value(QStringLiteral("perturbation")).toObject().value(QStringLiteral("linf")).toDouble() -
                     outcome.linf) < 1e-12);
    QCOMPARE(root.value(QStringLiteral("after")).toObject().value(QStringLiteral("predicted")).toInt(),
             outcome.after.predictedClass());
}

void TestExplorer::zooMenuListsAndOpensZooModels()
{
    QTemporaryDir zoo;
    QVERIFY(zoo.isValid());
    advlens::test::writeUntrainedModel(zoo.path(), QStringLiteral("zoo-mlp"));
    const QByteArray before = qgetenv("ADVLENS_ZOO_DIR");
    qputenv("ADVLENS_ZOO_DIR", QFile::encodeName(zoo.path()));
    const auto restore = qScopeGuard([&] { qputenv("ADVLENS_ZOO_DIR", before); });
    const auto window = openWindow();
    Q_EMIT window->zooMenu()->aboutToShow();
    const QList<QAction*> actions = window->zooMenu()->actions();
    QCOMPARE(actions.size(), 1);
    QVERIFY2(actions.front()->text().startsWith(QStringLiteral("zoo-mlp — mlp")), qPrintable(actions.front()->text()));
    actions.front()->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(window->windowTitle().contains(QStringLiteral("zoo-mlp")), kTimeoutMs);
}

void TestExplorer::deviceMenuMovesTheModel()
{
    const auto window = openWindow();
    const QList<QAction*> devices = window->deviceMenu()->actions();
    QCOMPARE(devices.size(), 2);
    QVERIFY(devices.at(0)->isChecked()); // CPU: the tests run on the CPU
    devices.at(0)->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(window->statusBar()->currentMessage().contains(QStringLiteral("cpu")) ||
                                 window->statusBar()->currentMessage().contains(QStringLiteral("Opened model")),
                             kTimeoutMs);
    // The model is opened again on the device and the image attacked again.
    QTRY_VERIFY_WITH_TIMEOUT(hasOutcome(*window), kTimeoutMs);
    QVERIFY(devices.at(0)->isChecked());
}

QTEST_MAIN(TestExplorer)
#include "tst_explorer.moc"
