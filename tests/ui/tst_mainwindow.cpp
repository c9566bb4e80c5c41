#include "ui/i18n/languageswitcher.h"
#include "ui/mainwindow.h"
#include "ui/panels/curverunform.h"
#include "ui/panels/imagepanel.h"
#include "ui/panels/messagebanner.h"
#include "ui/panels/modelpanel.h"
#include "ui/panels/predictionpanel.h"
#include "ui/panels/saliencypanel.h"
#include "ui/panels/testsetbrowser.h"
#include "ui/plots/topkshiftchart.h"
#include "tests/ui/screenfitcheck.h"
#include "tests/ui/uitestmodel.h"
#include "ui/views/imagecomparisonview.h"
#include "ui/views/zoomableimageview.h"

#include <QAction>
#include <QLabel>
#include <QMenuBar>
#include <QScrollArea>
#include <QScreen>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>

using namespace advlens::ui;

namespace {

constexpr int kTimeoutMs = 60000;

/// A verdict with a probability: the clean prediction, or (the attack panel
/// is live from the start) the first attack's outcome.
bool showsPrediction(const PredictionPanel* panel)
{
    return panel->verdictText().contains(QLatin1Char('%'));
}

bool showsLabel(const QWidget& window, const QString& text)
{
    const auto labels = window.findChildren<QLabel*>();
    return std::any_of(labels.begin(), labels.end(), [&](const QLabel* label) { return label->text() == text; });
}

} // namespace

class TestMainWindow : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void defaultSizeFitsTheScreen();
    void showsPredictionForModel();
    void browsesTestSet();
    void switchesLanguageAtRunTime();
    void messagesShownFollowALanguageSwitch();
    void saliencyNoteSaysOnlyWhatTheComboDoesNot();
    void modelPanelShowsWholeAt1440x900_data();
    void modelPanelShowsWholeAt1440x900();
    void curveFormShowsWhole_data();
    void curveFormShowsWhole();
    void explainsMissingDefaultModel();
    void remembersLastModel();

private:
    QTemporaryDir m_folder;
    QString m_modelPath;
    LanguageSwitcher m_languages;
    RuntimeOptions m_options{1, QStringLiteral("cpu")};
};

void TestMainWindow::initTestCase()
{
    // Keep the user's real settings out of it.
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("AdvLensTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_mainwindow"));
    QVERIFY(m_folder.isValid());
    m_modelPath = advlens::test::writeUntrainedModel(m_folder.path());
}

void TestMainWindow::init()
{
    QSettings().clear();
    m_languages.apply(QStringLiteral("en"));
}

void TestMainWindow::defaultSizeFitsTheScreen()
{
    // No geometry was saved (init() clears the settings); the offscreen screen
    // is smaller than the 1440×900 default.
    MainWindow window(m_options, &m_languages);
    QVERIFY(window.screen()->availableGeometry().width() < 1440);
    const QString beyond = advlens::test::sizeBeyondScreen(window);
    QVERIFY2(beyond.isEmpty(), qPrintable(beyond));
}

void TestMainWindow::showsPredictionForModel()
{
    MainWindow window(m_options, &m_languages);
    window.show();
    window.openModel(m_modelPath);
    auto* panel = window.findChild<PredictionPanel*>();
    QTRY_VERIFY_WITH_TIMEOUT(showsPrediction(panel), kTimeoutMs);
    QVERIFY(panel->chart()->barLabels().size() >= 5);
    QVERIFY(!window.findChild<ImagePanel*>()->view()->originalView()->image().isNull());
    QVERIFY(window.windowTitle().contains(QStringLiteral("untrained-mlp")));
    QVERIFY(window.findChild<MessageBanner*>(QStringLiteral("windowBanner"))->isHidden());
}

void TestMainWindow::browsesTestSet()
{
    MainWindow window(m_options, &m_languages);
    window.show();
    window.openModel(m_modelPath);
    auto* browser = window.findChild<TestSetBrowser*>();
    QTRY_VERIFY_WITH_TIMEOUT(showsLabel(window, QStringLiteral("Fashion-MNIST test image 0")), kTimeoutMs);
    QVERIFY(browser->isEnabled());
    browser->navigationActions().at(1)->trigger(); // next
    QCOMPARE(browser->index(), 1);
    QTRY_VERIFY_WITH_TIMEOUT(showsLabel(window, QStringLiteral("Fashion-MNIST test image 1")), kTimeoutMs);
    browser->navigationActions().at(0)->trigger(); // previous
    browser->navigationActions().at(0)->trigger(); // wraps round to the last image
    QCOMPARE(browser->index(), TestSetBrowser::kTestImages - 1);
    QTRY_VERIFY_WITH_TIMEOUT(showsLabel(window, QStringLiteral("Fashion-MNIST test image 9999")), kTimeoutMs);
}

void TestMainWindow::switchesLanguageAtRunTime()
{
    MainWindow window(m_options, &m_languages);
    window.show();
    window.openModel(m_modelPath);
    auto* panel = window.findChild<PredictionPanel*>();
    QTRY_VERIFY_WITH_TIMEOUT(showsPrediction(panel), kTimeoutMs);

    // QApplication posts LanguageChange to the windows: wait for it.
    m_languages.apply(QStringLiteral("zh_CN"));
    QTRY_COMPARE(panel->title(), QStringLiteral("预测"));
    QCOMPARE(window.menuBar()->actions().first()->text(), QStringLiteral("文件(&F)"));
    m_languages.apply(QStringLiteral("en"));
    QTRY_COMPARE(panel->title(), QStringLiteral("Prediction"));
}

void TestMainWindow::messagesShownFollowALanguageSwitch()
{
    MainWindow window(m_options, &m_languages);
    window.show();
    window.openModel(m_modelPath);
    QTRY_VERIFY_WITH_TIMEOUT(window.windowTitle().contains(QStringLiteral("untrained-mlp")), kTimeoutMs);
    QCOMPARE(window.statusBar()->currentMessage(), QStringLiteral("Opened model untrained-mlp."));
    auto* saliency = window.findChild<SaliencyPanel*>();
    SaliencyOutcome gradCam;
    gradCam.request.method = QStringLiteral("grad-cam");
    gradCam.layer = QStringLiteral("conv2");
    saliency->setResult(gradCam);
    QVERIFY(showsLabel(window, QStringLiteral("Layer: conv2")));

    // Texts shown before the switch are worded again, not only the controls'.
    m_languages.apply(QStringLiteral("zh_CN"));
    QTRY_COMPARE(window.statusBar()->currentMessage(), QStringLiteral("已打开模型 untrained-mlp。"));
    QTRY_VERIFY(showsLabel(window, QStringLiteral("层：conv2")));
    m_languages.apply(QStringLiteral("en"));
    QTRY_VERIFY(showsLabel(window, QStringLiteral("Layer: conv2")));
    QCOMPARE(window.statusBar()->currentMessage(), QStringLiteral("Opened model untrained-mlp."));
}

void TestMainWindow::saliencyNoteSaysOnlyWhatTheComboDoesNot()
{
    SaliencyPanel panel;
    panel.setLayers({QStringLiteral("conv1"), QStringLiteral("conv2")});
    panel.setMethod(QStringLiteral("grad-cam"));
    panel.setShown(true);
    auto* note = panel.findChild<QLabel*>(QStringLiteral("saliencyNote"));
    QVERIFY(note);
    SaliencyOutcome gradCam;
    gradCam.request.method = QStringLiteral("grad-cam");
    gradCam.layer = QStringLiteral("conv1"); // as the layer combo says
    panel.setResult(gradCam);
    QVERIFY(note->isHidden());
    gradCam.layer = QStringLiteral("conv2"); // not as it says
    panel.setResult(gradCam);
    QVERIFY(!note->isHidden());
    QCOMPARE(note->text(), QStringLiteral("Layer: conv2"));
    panel.setShown(false); // no maps, no note about them
    QVERIFY(note->isHidden());
    QVERIFY(note->text().isEmpty());
}

void TestMainWindow::modelPanelShowsWholeAt1440x900_data()
{
    QTest::addColumn<QString>("language");
    QTest::newRow("en") << QStringLiteral("en");
    QTest::newRow("zh_CN") << QStringLiteral("zh_CN");
}

void TestMainWindow::modelPanelShowsWholeAt1440x900()
{
    QFETCH(QString, language);
    m_languages.apply(language);
    MainWindow window(m_options, &m_languages);
    window.resize(1440, 900);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.openModel(m_modelPath);
    QTRY_VERIFY_WITH_TIMEOUT(showsPrediction(window.findChild<PredictionPanel*>()), kTimeoutMs);
    // The controls column scrolls when it must; at the default size the model box is seen whole without it.
    auto* panel = window.findChild<ModelPanel*>();
    auto* scroll = window.findChild<QScrollArea*>();
    QVERIFY(panel && scroll && scroll->isAncestorOf(panel));
    const QRect shown = scroll->viewport()->rect();
    const QRect box(panel->mapTo(scroll->viewport(), QPoint(0, 0)), panel->size());
    QVERIFY2(shown.contains(box), qPrintable(QStringLiteral("model box %1,%2 %3×%4 in a viewport of %5×%6")
                                                 .arg(box.x())
                                                 .arg(box.y())
                                                 .arg(box.width())
                                                 .arg(box.height())
                                                 .arg(shown.width())
                                                 .arg(shown.height())));
    QVERIFY(panel->height() >= panel->minimumSizeHint().height());
}

void TestMainWindow::curveFormShowsWhole_data()
{
    QTest::addColumn<QSize>("size");
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("switchTo"); ///< after the model opened; empty: none
    QTest::newRow("1280x800 en") << QSize(1280, 800) << QStringLiteral("en") << QString();
    QTest::newRow("1280x800 zh_CN") << QSize(1280, 800) << QStringLiteral("zh_CN") << QString();
    QTest::newRow("1280x800 en, then zh_CN") << QSize(1280, 800) << QStringLiteral("en") << QStringLiteral("zh_CN");
    QTest::newRow("1920x1080 en") << QSize(1920, 1080) << QStringLiteral("en") << QString();
}

void TestMainWindow::curveFormShowsWhole()
{
    QFETCH(QSize, size);
    QFETCH(QString, language);
    QFETCH(QString, switchTo);
    m_languages.apply(language);
    MainWindow window(m_options, &m_languages);
    window.resize(size);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.openModel(m_modelPath);
    QTRY_VERIFY_WITH_TIMEOUT(showsPrediction(window.findChild<PredictionPanel*>()), kTimeoutMs);
    if (!switchTo.isEmpty()) {
        m_languages.apply(switchTo);
        QTRY_COMPARE(window.findChild<PredictionPanel*>()->title(), QStringLiteral("预测"));
        QTest::qWait(50); // the layouts settle
    }
    // The form scrolls only where it must: here every row, Targeted the last, is seen whole,
    // and it is as wide as it asks (no combo box cut at the right).
    auto* form = window.findChild<CurveRunForm*>();
    QVERIFY(form);
    auto* scroll = qobject_cast<QScrollArea*>(form->parentWidget()->parentWidget());
    QVERIFY(scroll && scroll->widget() == form);
    const QString sizes = QStringLiteral("form %1×%2 (asks %3×%4) in a viewport of %5×%6")
                              .arg(form->width())
                              .arg(form->height())
                              .arg(form->sizeHint().width())
                              .arg(form->sizeHint().height())
                              .arg(scroll->viewport()->width())
                              .arg(scroll->viewport()->height());
    QVERIFY2(scroll->viewport()->height() >= form->sizeHint().height(), qPrintable(sizes));
    QVERIFY2(form->width() >= form->sizeHint().width(), qPrintable(sizes));
    auto* targeted = form->findChild<QWidget*>(QStringLiteral("targeted"));
    const QRect shown = scroll->viewport()->rect();
    QVERIFY2(shown.contains(QRect(targeted->mapTo(scroll->viewport(), QPoint(0, 0)), targeted->size())),
             qPrintable(sizes));
    // The images keep a useful size.
    const ZoomableImageView* original = window.findChild<ImagePanel*>()->view()->originalView();
    QVERIFY2(original->height() >= 150, qPrintable(QStringLiteral("image view %1 high").arg(original->height())));
}

void TestMainWindow::explainsMissingDefaultModel()
{
    // The test environment points ADVLENS_ZOO_DIR at an empty folder.
    MainWindow window(m_options, &m_languages);
    window.show();
    window.openStartupModel(QString());
    auto* banner = window.findChild<MessageBanner*>(QStringLiteral("windowBanner"));
    QTRY_VERIFY_WITH_TIMEOUT(banner->isVisible(), kTimeoutMs);
    QVERIFY2(banner->message().contains(QStringLiteral("./setup.sh")), qPrintable(banner->message()));
    QVERIFY(!window.findChild<TestSetBrowser*>()->isEnabled());
}

void TestMainWindow::remembersLastModel()
{
    {
        MainWindow window(m_options, &m_languages);
        window.openModel(m_modelPath);
        QTRY_VERIFY_WITH_TIMEOUT(window.windowTitle().contains(QStringLiteral("untrained-mlp")), kTimeoutMs);
    }
    MainWindow window(m_options, &m_languages);
    window.show();
    window.openStartupModel(QString()); // no default model here: only the setting can find it
    QTRY_VERIFY_WITH_TIMEOUT(showsPrediction(window.findChild<PredictionPanel*>()), kTimeoutMs);
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
