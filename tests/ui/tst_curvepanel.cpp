#include "tests/ui/darkpalette.h"
#include "ui/i18n/languageswitcher.h"
#include "ui/panels/curvedatasource.h"
#include "ui/panels/curvepanel.h"
#include "ui/plots/qcustomplotinclude.h"
#include "ui/plots/robustnesscurveplot.h"
#include "ui/workers/attackcatalog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFile>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <cmath>

using namespace advlens::ui;

namespace {

/// FGSM, PGD and MIM as the catalog describes them, in that order (the tests
/// choose them by index).
QList<AttackChoice> threeAttacks()
{
    QList<AttackChoice> chosen;
    const QList<AttackChoice> catalog = attackCatalog();
    for (const char* id : {"fgsm", "pgd", "mim"}) {
        const auto found = std::find_if(catalog.cbegin(), catalog.cend(),
                                        [&](const AttackChoice& choice) { return choice.id == QLatin1String(id); });
        if (found == catalog.cend())
            qFatal("the catalog has no %s", id);
        chosen << *found;
    }
    return chosen;
}

const QList<AttackChoice> kAttacks = threeAttacks();

template <typename T> T* child(const QWidget& panel, const char* name)
{
    T* widget = panel.findChild<T*>(QLatin1String(name));
    if (!widget)
        qFatal("no child %s", name);
    return widget;
}

/// Accuracy falling like a sigmoid from about `clean` to about 5 % over ε 0..0.3.
double syntheticAccuracy(double epsilon, double clean, double midpoint)
{
    return 0.05 + (clean - 0.05) / (1.0 + std::exp((epsilon - midpoint) / 0.03));
}

/// Runs one curve of `points` points through the panel's slots, as the worker would.
CurveRequest runCurve(CurvePanel& panel, int attackIndex, double clean, double midpoint, int points = 11)
{
    QSignalSpy requested(&panel, &CurvePanel::runRequested);
    child<QComboBox>(panel, "attack")->setCurrentIndex(attackIndex);
    child<QDoubleSpinBox>(panel, "epsilonFrom")->setValue(0.0);
    child<QDoubleSpinBox>(panel, "epsilonTo")->setValue(76.5); // 0.3 in pixel units
    child<QSpinBox>(panel, "epsilonCount")->setValue(points);
    child<QPushButton>(panel, "run")->click();
    if (requested.size() != 1)
        qFatal("Run did not emit a request");
    const auto request = requested.front().front().value<CurveRequest>();
    panel.curveStarted(request.series);
    for (double epsilon : request.epsilons()) {
        CurvePointValue point;
        point.series = request.series;
        point.x = point.epsilon = epsilon;
        point.accuracy = syntheticAccuracy(epsilon, clean, midpoint);
        point.images = request.images;
        panel.addPoint(point);
    }
    panel.curveFinished(/*cancelled=*/false);
    return request;
}

} // namespace

class TestCurvePanel : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void pointsArriveInOrderAndAxesFit();
    void emptyPlotShowsTheFormsRange();
    void twoRunsMakeTwoSeriesWithDistinctColours();
    void runEmitsRequestMatchingControls();
    void iterationsRequest();
    void attackDescriptionsGreyOutWhatAnAttackDoesNotTake();
    void invalidInputEmitsNothing_data();
    void invalidInputEmitsNothing();
    void cancelEnabledOnlyWhileRunning();
    void modelWithoutGradientsRunsNoGradientAttack();
    void modelOfOtherImagesRunsOnlyOnAFolder();
    void statusAndDataNoteFollowALanguageSwitch();
    void failedRunWithoutPointsLeavesNoSeries();
    void exportWritesFiles();
    void parseSteps();
    void queriesAxisIsLogarithmicWithItsOwnLabelAndColumn();
    void queriesAxisOnlyForQueryBasedAttacks();
    void rendersAndExportsInLightAndDarkPalettes();
};

void TestCurvePanel::pointsArriveInOrderAndAxesFit()
{
    CurvePanel panel;
    panel.setAttacks(kAttacks);
    QSignalSpy requested(&panel, &CurvePanel::runRequested);
    child<QComboBox>(panel, "attack")->setCurrentIndex(1);
    child<QPushButton>(panel, "run")->click();
    QCOMPARE(requested.size(), 1);
    const int series = requested.front().front().value<CurveRequest>().series;
    QCOMPARE(series, 0);
    const double xs[] = {0.0, 0.1, 0.2, 0.3};
    const double accuracies[] = {0.9, 0.6, 0.2, 0.05};
    for (int i = 0; i < 4; ++i) {
        panel.addPoint({series, xs[i], xs[i], 20, accuracies[i]});
        const QVector<QPointF> drawn = panel.plot()->plottedPoints(series);
        QCOMPARE(drawn.size(), i + 1);
        QCOMPARE(drawn.back(), QPointF(xs[i], 100.0 * accuracies[i]));
        const auto [xLower, xUpper] = panel.plot()->xRange();
        QVERIFY(xLower <= 0.0 && xUpper >= xs[i]);
        if (i > 0) // fitted: no more than a little padding beyond the data
            QVERIFY(xLower >= -0.1 * xs[i] && xUpper <= 1.1 * xs[i]);
    }
    const auto [yLower, yUpper] = panel.plot()->yRange();
    QVERIFY(yLower <= 0.0 && yLower >= -5.0);
    QVERIFY(yUpper >= 100.0 && yUpper <= 105.0);
    QVERIFY(panel.statusText().contains(QStringLiteral("5.0 %")));
}

void TestCurvePanel::emptyPlotShowsTheFormsRange()
{
    CurvePanel panel;
    panel.setAttacks(kAttacks);
    RobustnessCurvePlot* plot = panel.plot();
    // The x range spans [lower, upper] with no more than the plot's little padding.
    const auto spans = [plot](double lower, double upper) {
        const auto [shownLower, shownUpper] = plot->xRange();
        const double slack = 0.1 * (upper - lower);
        return shownLower <= lower && shownLower >= lower - slack && shownUpper >= upper && shownUpper <= upper + slack;
    };
    const auto rangeText = [plot] {
        return QStringLiteral("x %1..%2").arg(plot->xRange().first).arg(plot->xRange().second);
    };
    QVERIFY2(spans(0.0, 32.0 / 255.0), qPrintable(rangeText())); // the form's default, 0..32/255
    child<QDoubleSpinBox>(panel, "epsilonFrom")->setValue(4.0);
    child<QDoubleSpinBox>(panel, "epsilonTo")->setValue(16.0);
    QVERIFY2(spans(4.0 / 255.0, 16.0 / 255.0), qPrintable(rangeText()));
    QVERIFY(plot->customPlot()->xAxis2->visible());      // grey levels on top under ℓ∞
    child<QComboBox>(panel, "norm")->setCurrentIndex(1); // ℓ2: 0..4 in pixel units
    QVERIFY2(spans(0.0, 4.0), qPrintable(rangeText()));
    QVERIFY(!plot->customPlot()->xAxis2->visible());
    child<QComboBox>(panel, "axis")->setCurrentIndex(1); // iterations, steps 1,2,5,10,20,50
    QCOMPARE(plot->axis(), CurveRequest::Iterations);
    QVERIFY2(plot->xRange().first < 1.0 && plot->xRange().second > 50.0 && plot->xRange().second < 100.0,
             qPrintable(rangeText()));
    child<QComboBox>(panel, "axis")->setCurrentIndex(0);
    child<QComboBox>(panel, "norm")->setCurrentIndex(0);

    // Points: the data's range; cleared: the form's again, which changed meanwhile.
    runCurve(panel, 1, 0.9, 0.1, 4); // ε 0..0.3
    QCOMPARE(plot->seriesCount(), 1);
    QVERIFY2(spans(0.0, 0.3), qPrintable(rangeText()));
    child<QDoubleSpinBox>(panel, "epsilonTo")->setValue(16.0);
    QVERIFY2(spans(0.0, 0.3), qPrintable(rangeText()));
    child<QPushButton>(panel, "clear")->click();
    QVERIFY2(spans(0.0, 16.0 / 255.0), qPrintable(rangeText()));
}

void TestCurvePanel::twoRunsMakeTwoSeriesWithDistinctColours()
{
    CurvePanel panel;
    panel.setAttacks(kAttacks);
    panel.setModelName(QStringLiteral("lenet-plain"));
    runCurve(panel, 1, 0.9, 0.1);
    panel.setModelName(QStringLiteral("lenet-adv"));
    runCurve(panel, 1, 0.85, 0.2);
    RobustnessCurvePlot* plot = panel.plot();
    QCOMPARE(plot->seriesCount(), 2);
    QVERIFY(plot->seriesColour(0) != plot->seriesColour(1));
    QCOMPARE(plot->seriesLabel(0), QStringLiteral("PGD-20 ℓ∞ · lenet-plain"));
    QCOMPARE(plot->seriesLabel(1), QStringLiteral("PGD-20 ℓ∞ · lenet-adv"));
    QCOMPARE(plot->plottedPoints(1).size(), 11);
    runCurve(panel, 1, 0.85, 0.2); // the same settings again
    QCOMPARE(plot->seriesLabel(2), QStringLiteral("PGD-20 ℓ∞ · lenet-adv (2)"));
    QVERIFY(plot->seriesColour(2) != plot->seriesColour(1));
}

void TestCurvePanel::runEmitsRequestMatchingControls()
{
    CurvePanel panel;
    panel.setAttacks(kAttacks);
    panel.setModelName(QStringLiteral("mlp"));
    QSignalSpy requested(&panel, &CurvePanel::runRequested);
    child<QComboBox>(panel, "attack")->setCurrentIndex(2);
    child<QComboBox>(panel, "norm")->setCurrentIndex(1); // ℓ2: pixel units
    child<QDoubleSpinBox>(panel, "epsilonFrom")->setValue(0.5);
    child<QDoubleSpinBox>(panel, "epsilonTo")->setValue(2.0);
    child<QSpinBox>(panel, "epsilonCount")->setValue(4);
    child<QSpinBox>(panel, "stepsPerAttack")->setValue(7);
    child<QSpinBox>(panel, "images")->setValue(100);
    child<QCheckBox>(panel, "targeted")->setChecked(true);
    panel.dataSource()->setFolder(QStringLiteral("/data/imagenet-a"));
    child<QPushButton>(panel, "run")->click();
    QCOMPARE(requested.size(), 1);
    const auto request = requested.front().front().value<CurveRequest>();
    QCOMPARE(request.dataFolder, QStringLiteral("/data/imagenet-a"));
    QCOMPARE(child<QComboBox>(panel, "curveData")->count(), 2); // Fashion-MNIST and the folder
    QCOMPARE(request.attack, QStringLiteral("mim"));
    QCOMPARE(request.norm, QStringLiteral("l2"));
    QCOMPARE(request.axis, CurveRequest::Epsilon);
    QCOMPARE(request.epsilons(), std::vector<double>({0.5, 1.0, 1.5, 2.0}));
    QCOMPARE(request.stepsPerAttack, 7);
    QCOMPARE(request.images, 100);
    QVERIFY(request.targeted);
    QCOMPARE(request.model, QStringLiteral("mlp"));
    QCOMPARE(request.label(), QStringLiteral("%1-7 ℓ2 targeted · mlp").arg(kAttacks.at(2).label));
    QCOMPARE(panel.plot()->seriesLabel(request.series), request.label());
}

void TestCurvePanel::iterationsRequest()
{
    CurvePanel panel;
    panel.setAttacks(kAttacks);
    QSignalSpy requested(&panel, &CurvePanel::runRequested);
    child<QComboBox>(panel, "attack")->setCurrentIndex(1);
    child<QComboBox>(panel, "axis")->setCurrentIndex(1);
    child<QDoubleSpinBox>(panel, "fixedEpsilon")->setValue(4.0); // 4/255 under ℓ∞
    child<QLineEdit>(panel, "steps")->setText(QStringLiteral("10, 1,5 5"));
    child<QPushButton>(panel, "run")->click();
    QCOMPARE(requested.size(), 1);
    const auto request = requested.front().front().value<CurveRequest>();
    QCOMPARE(request.axis, CurveRequest::Iterations);
    QCOMPARE(request.fixedEpsilon, 4.0 / 255.0);
    QCOMPARE(request.steps, std::vector<int>({1, 5, 10}));
    QCOMPARE(request.label(), QStringLiteral("PGD ℓ∞ ε = 4/255"));
    QCOMPARE(panel.plot()->axis(), CurveRequest::Iterations);
}

void TestCurvePanel::attackDescriptionsGreyOutWhatAnAttackDoesNotTake()
{
    // As the explorer sets them up: every registered attack with its description.
    CurvePanel panel;
    const QList<AttackChoice> attacks = attackCatalog();
    panel.setAttacks(attacks);
    auto* attack = child<QComboBox>(panel, "attack");
    auto* norm = child<QComboBox>(panel, "norm");
    const auto* normItems = qobject_cast<QStandardItemModel*>(norm->model());
    QVERIFY(normItems);
    QCOMPARE(attack->count(), attacks.size());
    bool someNormRefused = false;
    bool someAttackSingleStep = false;
    for (const AttackChoice& choice : attacks) {
        norm->setCurrentIndex(norm->count() - 1); // ℓ1, which not every attack takes
        attack->setCurrentIndex(attack->findData(choice.id));
        QCOMPARE(child<QSpinBox>(panel, "stepsPerAttack")->isEnabled(), choice.iterative);
        if (choice.iterative)
            QCOMPARE(child<QSpinBox>(panel, "stepsPerAttack")->maximum(), choice.maxSteps);
        for (int i = 0; i < norm->count(); ++i) {
            const bool supported = choice.supports(norm->itemData(i).toString());
            QCOMPARE(normItems->item(i)->isEnabled(), supported);
            someNormRefused = someNormRefused || !supported;
        }
        QVERIFY2(choice.supports(norm->currentData().toString()), qPrintable(choice.id));
        someAttackSingleStep = someAttackSingleStep || !choice.iterative;
    }
    // Otherwise the loop above checked nothing that could be greyed out.
    QVERIFY(someNormRefused && someAttackSingleStep);
}

void TestCurvePanel::invalidInputEmitsNothing_data()
{
    QTest::addColumn<bool>("withAttacks");
    QTest::addColumn<int>("axis");
    QTest::addColumn<double>("from");
    QTest::addColumn<double>("to");
    QTest::addColumn<QString>("steps");
    QTest::addColumn<QString>("errorLabel");
    QTest::newRow("from = to") << true << 0 << 8.0 << 8.0 << "1"
                               << "epsilonError";
    QTest::newRow("from > to") << true << 0 << 16.0 << 8.0 << "1"
                               << "epsilonError";
    QTest::newRow("steps not numbers") << true << 1 << 0.0 << 8.0 << "1,two,5"
                                       << "stepsError";
    QTest::newRow("steps zero") << true << 1 << 0.0 << 8.0 << "0,5"
                                << "stepsError";
    QTest::newRow("steps empty") << true << 1 << 0.0 << 8.0 << " , "
                                 << "stepsError";
    QTest::newRow("no attack") << false << 0 << 0.0 << 8.0 << "1"
                               << "attackError";
}

void TestCurvePanel::invalidInputEmitsNothing()
{
    QFETCH(bool, withAttacks);
    QFETCH(int, axis);
    QFETCH(double, from);
    QFETCH(double, to);
    QFETCH(QString, steps);
    QFETCH(QString, errorLabel);
    CurvePanel panel;
    if (withAttacks)
        panel.setAttacks(kAttacks);
    child<QComboBox>(panel, "axis")->setCurrentIndex(axis);
    child<QDoubleSpinBox>(panel, "epsilonFrom")->setValue(from);
    child<QDoubleSpinBox>(panel, "epsilonTo")->setValue(to);
    child<QLineEdit>(panel, "steps")->setText(steps);
    QSignalSpy requested(&panel, &CurvePanel::runRequested);
    child<QPushButton>(panel, "run")->click();
    QCOMPARE(requested.size(), 0);
    QVERIFY(!panel.isRunning());
    QCOMPARE(panel.plot()->seriesCount(), 0);
    auto* error = panel.findChild<QLabel*>(errorLabel);
    QVERIFY(error);
    QVERIFY(!error->isHidden());
    QVERIFY(!error->text().isEmpty());
}

void TestCurvePanel::cancelEnabledOnlyWhileRunning()
{
    CurvePanel panel;
    panel.setAttacks(kAttacks);
    auto* run = child<QPushButton>(panel, "run");
    auto* cancel = child<QPushButton>(panel, "cancel");
    QSignalSpy cancelled(&panel, &CurvePanel::cancelRequested);
    QVERIFY(!cancel->isEnabled());
    run->click();
    QVERIFY(panel.isRunning());
    QVERIFY(cancel->isEnabled());
    QVERIFY(!run->isEnabled());
    panel.addPoint({0, 0.0, 0.0, 20, 0.9});
    cancel->click();
    QCOMPARE(cancelled.size(), 1);
    panel.curveFinished(/*cancelled=*/true);
    QVERIFY(!panel.isRunning());
    QVERIFY(!cancel->isEnabled());
    QVERIFY(run->isEnabled());
    QCOMPARE(panel.plot()->seriesCount(), 1); // its one point is kept
    QVERIFY(panel.statusText().contains(QStringLiteral("Cancelled")));
}

void TestCurvePanel::modelWithoutGradientsRunsNoGradientAttack()
{
    CurvePanel panel;
    AttackChoice queryOnly;
    queryOnly.id = QStringLiteral("query");
    queryOnly.label = QStringLiteral("Query-only");
    queryOnly.needsGradients = false;
    queryOnly.norms = {QStringLiteral("linf")};
    panel.setAttacks(kAttacks + QList<AttackChoice>{queryOnly});
    auto* attack = child<QComboBox>(panel, "attack");
    auto* error = child<QLabel>(panel, "attackError");
    QSignalSpy requested(&panel, &CurvePanel::runRequested);

    // Only the gradient-free attack is left to choose, and it runs.
    panel.setGradientsAvailable(false, QStringLiteral("derivative not implemented"));
    QCOMPARE(attack->currentData().toString(), QStringLiteral("query"));
    auto* items = qobject_cast<QStandardItemModel*>(attack->model());
    QVERIFY(items);
    QVERIFY(!items->item(0)->isEnabled());
    QVERIFY(items->item(3)->isEnabled());
    child<QPushButton>(panel, "run")->click();
    QCOMPARE(requested.size(), 1);
    QCOMPARE(requested.front().front().value<CurveRequest>().attack, QStringLiteral("query"));
    panel.curveFinished(/*cancelled=*/false);

    // With gradient attacks only, a run is refused with the reason.
    panel.setAttacks(kAttacks);
    QVERIFY(!error->isHidden());
    QVERIFY(error->text().contains(QStringLiteral("derivative not implemented")));
    child<QPushButton>(panel, "run")->click();
    QCOMPARE(requested.size(), 1);
    QVERIFY(!panel.isRunning());

    // A model with gradients again: everything is usable, the message goes.
    panel.setGradientsAvailable(true);
    QVERIFY(error->isHidden());
    QVERIFY(items->item(0)->isEnabled());
    child<QPushButton>(panel, "run")->click();
    QCOMPARE(requested.size(), 2);
}

void TestCurvePanel::modelOfOtherImagesRunsOnlyOnAFolder()
{
    CurvePanel panel;
    panel.setAttacks(kAttacks);
    panel.setModelName(QStringLiteral("resnet18"));
    CurveDataSource* data = panel.dataSource();
    auto* hint = child<QLabel>(panel, "dataHint");
    auto* error = child<QLabel>(panel, "dataError");
    QCOMPARE(data->choices(), QStringList{QStringLiteral("Fashion-MNIST")});
    QVERIFY(hint->isHidden());

    // An ImageNet model cannot read Fashion-MNIST's 1×28×28 images: only folders, and the panel says why.
    panel.setModelInput(3, 224, 224, /*takesFashionMnist=*/false);
    QVERIFY(data->choices().isEmpty());
    QVERIFY(!data->hasChoice());
    QVERIFY(!hint->isHidden());
    QVERIFY2(hint->text().contains(QStringLiteral("resnet18 takes 3 × 224 × 224 images")), qPrintable(hint->text()));
    QVERIFY(hint->text().contains(QStringLiteral("folder")));
    QSignalSpy requested(&panel, &CurvePanel::runRequested);
    child<QPushButton>(panel, "run")->click();
    QCOMPARE(requested.size(), 0); // no folder yet
    QVERIFY(!error->isHidden());
    QVERIFY(!panel.isRunning());

    const QString folder = QStringLiteral("/data/imagenet-a");
    data->setFolder(folder);
    QVERIFY(error->isHidden());
    QCOMPARE(data->choices(), QStringList{QDir::toNativeSeparators(folder)});
    child<QPushButton>(panel, "run")->click();
    QCOMPARE(requested.size(), 1);
    QCOMPARE(requested.front().front().value<CurveRequest>().dataFolder, folder);
    panel.curveFailed(QStringLiteral("no such folder"));

    // A Fashion-MNIST model again: the test set is offered once more, and the folder stays chosen.
    panel.setModelInput(1, 28, 28, /*takesFashionMnist=*/true);
    QCOMPARE(data->choices(), QStringList({QStringLiteral("Fashion-MNIST"), QDir::toNativeSeparators(folder)}));
    QCOMPARE(data->folder(), folder);
    QVERIFY(hint->isHidden());
    data->setFolder(QString());
    QVERIFY(data->folder().isEmpty() && data->hasChoice()); // Fashion-MNIST

    // Taken off while chosen: nothing is chosen for the user, not the folder.
    panel.setModelInput(3, 224, 224, /*takesFashionMnist=*/false);
    QVERIFY(!data->hasChoice());
    QVERIFY(data->folder().isEmpty());
}

void TestCurvePanel::statusAndDataNoteFollowALanguageSwitch()
{
    LanguageSwitcher languages;
    languages.apply(QStringLiteral("en"));
    CurvePanel panel;
    panel.setAttacks(kAttacks);
    runCurve(panel, 0, 0.9, 0.1, 9);
    QCOMPARE(panel.statusText(), QStringLiteral("Finished: 9 points."));
    panel.setModelName(QStringLiteral("resnet18"));
    panel.setModelInput(3, 224, 224, /*takesFashionMnist=*/false);
    auto* note = child<QLabel>(panel, "dataHint");
    // Words set before the switch are worded again, not only the controls.
    languages.apply(QStringLiteral("zh_CN"));
    QTRY_COMPARE(panel.statusText(), QStringLiteral("已完成：共 9 个点。"));
    QVERIFY2(note->text().startsWith(QStringLiteral("resnet18 接受 3 × 224 × 224 的图像")), qPrintable(note->text()));
    panel.curveFailed(QStringLiteral("x")); // not running: still worded, in Chinese
    QCOMPARE(panel.statusText(), QStringLiteral("失败：x"));
    languages.apply(QStringLiteral("en"));
    QTRY_COMPARE(panel.statusText(), QStringLiteral("Failed: x"));
    QVERIFY(note->text().startsWith(QStringLiteral("resnet18 takes 3 × 224 × 224 images")));
}

void TestCurvePanel::failedRunWithoutPointsLeavesNoSeries()
{
    CurvePanel panel;
    panel.setAttacks(kAttacks);
    child<QPushButton>(panel, "run")->click();
    QCOMPARE(panel.plot()->seriesCount(), 1);
    panel.curveFailed(QStringLiteral("out of memory"));
    QCOMPARE(panel.plot()->seriesCount(), 0);
    QVERIFY(!panel.isRunning());
    QVERIFY(panel.statusText().contains(QStringLiteral("out of memory")));
}

void TestCurvePanel::exportWritesFiles()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    CurvePanel panel;
    panel.setAttacks(kAttacks);
    runCurve(panel, 1, 0.9, 0.1, 5);
    runCurve(panel, 0, 0.9, 0.05, 4);

    const QString png = dir.filePath(QStringLiteral("curves.png"));
    QVERIFY(panel.plot()->exportPng(png, 640, 400));
    const QImage image(png);
    QVERIFY(!image.isNull());
    QCOMPARE(image.size(), QSize(640, 400));

    const QString pdf = dir.filePath(QStringLiteral("curves.pdf"));
    QVERIFY(panel.exportTo(pdf));
    QFile pdfFile(pdf);
    QVERIFY(pdfFile.open(QIODevice::ReadOnly));
    QVERIFY(pdfFile.size() > 1000);
    QVERIFY(pdfFile.read(5).startsWith("%PDF"));

    const QString csv = dir.filePath(QStringLiteral("curves.csv"));
    QVERIFY(panel.exportTo(csv));
    QFile csvFile(csv);
    QVERIFY(csvFile.open(QIODevice::ReadOnly | QIODevice::Text));
    const QStringList lines = QString::fromUtf8(csvFile.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 1 + 5 + 4);
    QVERIFY(lines.front().startsWith(QStringLiteral("series,epsilon,robust_accuracy,")));
    QVERIFY(lines.at(1).startsWith(QStringLiteral("\"PGD-20 ℓ∞\",0,0.8")));
    QVERIFY(lines.back().startsWith(QStringLiteral("\"FGSM ℓ∞\",0.3,0.05")));
    // Nothing but the three files: the temporary ones were renamed.
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).size(), 3);
}

void TestCurvePanel::parseSteps()
{
    QCOMPARE(CurveRequest::parseSteps(QStringLiteral("1,2,5,10,20,50")), std::vector<int>({1, 2, 5, 10, 20, 50}));
    QCOMPARE(CurveRequest::parseSteps(QStringLiteral(" 20 10; 10 ")), std::vector<int>({10, 20}));
    QVERIFY(!CurveRequest::parseSteps(QStringLiteral("1.5")));
    QVERIFY(!CurveRequest::parseSteps(QStringLiteral("-1")));
    QVERIFY(!CurveRequest::parseSteps(QString()));
}

void TestCurvePanel::queriesAxisIsLogarithmicWithItsOwnLabelAndColumn()
{
    RobustnessCurvePlot plot;
    QCPAxis* x = plot.customPlot()->xAxis;
    plot.setAxis(CurveRequest::Queries);
    QCOMPARE(plot.axis(), CurveRequest::Queries);
    QCOMPARE(x->scaleType(), QCPAxis::stLogarithmic);
    QCOMPARE(x->label(), QStringLiteral("Model queries"));
    QVERIFY(!plot.customPlot()->xAxis2->visible()); // grey levels are for ε only
    // Empty: 1..1000 queries, a little padding on the log scale.
    QVERIFY(plot.xRange().first < 1.0 && plot.xRange().first > 0.5);
    QVERIFY(plot.xRange().second > 1000.0 && plot.xRange().second < 2000.0);
    plot.setEmptyRange(CurveRequest::Queries, 0.0, 50.0); // no 0 on a log axis: ignored
    QVERIFY(plot.xRange().second > 1000.0);

    const int series = plot.addSeries(QStringLiteral("Square ℓ∞ ε = 0.1, 5000 queries · mlp"));
    const std::pair<double, double> points[] = {{1, 0.9}, {10, 0.7}, {100, 0.4}, {5000, 0.2}};
    for (const auto& [queries, accuracy] : points)
        plot.addPoint(series, queries, accuracy);
    QCOMPARE(plot.plottedPoints(series).back(), QPointF(5000.0, 20.0));
    QVERIFY(plot.xRange().first < 1.0 && plot.xRange().second > 5000.0);
    // Over more than three decades only 1, 10, 100, … are labelled.
    const auto ticker = x->ticker().dynamicCast<QCPAxisTickerText>();
    QVERIFY(ticker);
    QCOMPARE(ticker->ticks().keys(), QList<double>({1.0, 10.0, 100.0, 1000.0}));

    QTemporaryDir dir;
    const QString csv = dir.filePath(QStringLiteral("queries.csv"));
    QVERIFY(plot.exportCsv(csv));
    QFile file(csv);
    QVERIFY(file.open(QIODevice::ReadOnly | QIODevice::Text));
    const QStringList lines = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 5);
    QVERIFY(lines.front().startsWith(QStringLiteral("series,queries,robust_accuracy,")));
    QVERIFY(lines.back().startsWith(QStringLiteral("\"Square ℓ∞ ε = 0.1, 5000 queries · mlp\",5000,0.2,")));

    // The other axes are as before.
    plot.setAxis(CurveRequest::Iterations);
    QCOMPARE(x->label(), QStringLiteral("Attack iterations"));
    QCOMPARE(plot.seriesCount(), 0); // a new axis drops the series
    plot.setAxis(CurveRequest::Epsilon);
    QCOMPARE(x->scaleType(), QCPAxis::stLinear);
    QCOMPARE(x->label(), QStringLiteral("ε (pixel units)"));
}

void TestCurvePanel::queriesAxisOnlyForQueryBasedAttacks()
{
    const QList<AttackChoice> catalog = attackCatalog();
    const auto square = std::find_if(catalog.cbegin(), catalog.cend(),
                                     [](const AttackChoice& choice) { return choice.id == QLatin1String("square"); });
    QVERIFY(square != catalog.cend() && square->isQueryBased());
    CurvePanel panel;
    panel.setAttacks(kAttacks + QList<AttackChoice>{*square});
    panel.setModelName(QStringLiteral("mlp"));
    auto* axis = child<QComboBox>(panel, "axis");
    auto* items = qobject_cast<QStandardItemModel*>(axis->model());
    QVERIFY(items);
    const int queriesItem = axis->findData(CurveRequest::Queries);
    QCOMPARE(queriesItem, 2);

    // Gradient attacks: not offered.
    for (int attack : {0, 1, 2}) {
        child<QComboBox>(panel, "attack")->setCurrentIndex(attack);
        QVERIFY2(!items->item(queriesItem)->isEnabled(), qPrintable(kAttacks.at(attack).id));
    }

    // Square: offered, with its own default budget; ε is the fixed one.
    child<QComboBox>(panel, "attack")->setCurrentIndex(3);
    QVERIFY(items->item(queriesItem)->isEnabled());
    auto* queries = child<QSpinBox>(panel, "queries");
    QCOMPARE(queries->value(), square->defaultQueries);
    QCOMPARE(queries->maximum(), square->maxQueries);
    axis->setCurrentIndex(queriesItem);
    QVERIFY(!queries->isHidden() && !child<QDoubleSpinBox>(panel, "fixedEpsilon")->isHidden());
    QVERIFY(child<QLineEdit>(panel, "steps")->isHidden() && child<QSpinBox>(panel, "epsilonCount")->isHidden());
    queries->setValue(200);
    QCOMPARE(panel.plot()->axis(), CurveRequest::Queries); // the empty plot shows 1..200 queries
    QVERIFY(panel.plot()->xRange().first < 1.0 && panel.plot()->xRange().second > 200.0 &&
            panel.plot()->xRange().second < 300.0);
    child<QDoubleSpinBox>(panel, "fixedEpsilon")->setValue(25.5); // 0.1 in pixel units
    QSignalSpy requested(&panel, &CurvePanel::runRequested);
    child<QPushButton>(panel, "run")->click();
    QCOMPARE(requested.size(), 1);
    const auto request = requested.front().front().value<CurveRequest>();
    QCOMPARE(request.axis, CurveRequest::Queries);
    QCOMPARE(request.queries, 200);
    QVERIFY(std::abs(request.fixedEpsilon - 0.1) < 1e-12);
    QCOMPARE(request.label(), QStringLiteral("%1 ℓ∞ ε = 0.1, 200 queries · mlp").arg(square->label));
    QCOMPARE(panel.plot()->seriesLabel(request.series), request.label());
    // The run's points all come at once, its budget last.
    for (const auto& [q, accuracy] : {std::pair{1, 0.9}, std::pair{20, 0.5}, std::pair{200, 0.3}})
        panel.addPoint({request.series, double(q), 0.1, 0, accuracy});
    QVERIFY2(panel.statusText().contains(QStringLiteral("200 queries")), qPrintable(panel.statusText()));
    panel.curveFinished(false);
    QCOMPARE(panel.plot()->plottedPoints(request.series).back(), QPointF(200.0, 30.0));

    // The attacks again, as after a language switch: the axis and budget stay.
    panel.setAttacks(kAttacks + QList<AttackChoice>{*square});
    QCOMPARE(axis->currentData().toInt(), int(CurveRequest::Queries));
    QCOMPARE(queries->value(), 200);

    // Back to a gradient attack: back to ε, and no more queries.
    child<QComboBox>(panel, "attack")->setCurrentIndex(1);
    QCOMPARE(axis->currentData().toInt(), int(CurveRequest::Epsilon));
    QVERIFY(!items->item(queriesItem)->isEnabled());
    QVERIFY(queries->isHidden());
}

/// Set ADVLENS_SCREENSHOT_DIR to look at the panel, light and dark.
// Renders every state in both palettes and exports each format; with
// ADVLENS_SCREENSHOT_DIR set the pictures are kept there to look at.
void TestCurvePanel::rendersAndExportsInLightAndDarkPalettes()
{
    QTemporaryDir scratch;
    QString dir = qEnvironmentVariable("ADVLENS_SCREENSHOT_DIR");
    if (dir.isEmpty())
        dir = scratch.path();
    QDir().mkpath(dir);
    for (const bool dark : {false, true}) {
        CurvePanel panel;
        if (dark)
            panel.setPalette(advlens::test::darkPalette());
        panel.setAttacks(kAttacks);
        panel.setModelName(QStringLiteral("lenet-plain"));
        runCurve(panel, 1, 0.9, 0.08);
        runCurve(panel, 0, 0.9, 0.15);
        panel.setWarnings({QStringLiteral("unbounded-pgd: accuracy 12.5 % > 2 % with an unbounded ball")});
        panel.resize(1000, 560);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QTest::qWait(50); // the queued replot
        const QString name = dark ? QStringLiteral("panel-dark.png") : QStringLiteral("panel-light.png");
        const QImage shot = panel.grab().toImage();
        QVERIFY(shot.save(QDir(dir).filePath(name)));
        // The panel's own background follows the palette (a dark theme stays dark).
        QCOMPARE(shot.pixelColor(2, shot.height() - 3).lightness() < 128, dark);
        QVERIFY(panel.plot()->exportPng(QDir(dir).filePath(QStringLiteral("export-") + name), 640, 400));
        QVERIFY(panel.exportTo(QDir(dir).filePath(QStringLiteral("export-") + name + QStringLiteral(".pdf"))));
        child<QComboBox>(panel, "axis")->setCurrentIndex(1);
        child<QLineEdit>(panel, "steps")->setText(QStringLiteral("x"));
        child<QPushButton>(panel, "run")->click();
        QVERIFY(panel.grab().save(QDir(dir).filePath(QStringLiteral("invalid-") + name)));

        QSignalSpy requested(&panel, &CurvePanel::runRequested);
        child<QLineEdit>(panel, "steps")->setText(QStringLiteral("1,2,5,10,20,50,100"));
        for (int attack : {1, 2}) {
            child<QComboBox>(panel, "attack")->setCurrentIndex(attack);
            child<QPushButton>(panel, "run")->click();
            const auto request = requested.back().front().value<CurveRequest>();
            for (int steps : request.steps)
                panel.addPoint({request.series, double(steps), 8.0 / 255.0, steps,
                                0.1 + 0.75 * std::exp(-steps / (attack == 1 ? 6.0 : 15.0))});
            if (attack == 1)
                panel.curveFinished(false);
        }
        panel.setProgress(2, 3);
        QTest::qWait(50);
        QVERIFY(panel.grab().save(QDir(dir).filePath(QStringLiteral("iterations-") + name)));
        panel.resize(panel.minimumSizeHint());
        QTest::qWait(50);
        QVERIFY(panel.grab().save(QDir(dir).filePath(QStringLiteral("smallest-") + name)));
        panel.curveFinished(false);
        child<QPushButton>(panel, "clear")->click();
        QTest::qWait(50);
        QVERIFY(panel.grab().save(QDir(dir).filePath(QStringLiteral("empty-") + name)));
    }
}

QTEST_MAIN(TestCurvePanel)
#include "tst_curvepanel.moc"
