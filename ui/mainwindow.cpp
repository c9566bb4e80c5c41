#include "mainwindow.h"

#include "i18n/languageswitcher.h"
#include "panels/imagepanel.h"
#include "panels/messagebanner.h"
#include "panels/modelpanel.h"
#include "panels/predictionpanel.h"
#include "panels/testsetbrowser.h"
#include "views/pixelimageview.h"
#include "workers/modelworker.h"

#include <QAction>
#include <QActionGroup>
#include <QCloseEvent>
#include <QCoreApplication>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QMenuBar>
#include <QMessageBox>
#include <QSplitter>
#include <QStatusBar>
#include <QToolButton>
#include <QVBoxLayout>

namespace advlens::ui {

namespace {

constexpr int kStatusTimeoutMs = 8000;
const QSize kDefaultSize(1200, 760);

} // namespace

MainWindow::MainWindow(const RuntimeOptions& options, LanguageSwitcher* languages, QWidget* parent)
    : QMainWindow(parent)
    , m_worker(new ModelWorker(options))
    , m_languages(languages)
{
    m_workerThread.setObjectName(QStringLiteral("ModelWorker"));
    m_worker->moveToThread(&m_workerThread);
    connect(&m_workerThread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &ModelWorker::modelLoaded, this, &MainWindow::onModelLoaded);
    connect(m_worker, &ModelWorker::modelLoadFailed, this, &MainWindow::onModelLoadFailed);
    connect(m_worker, &ModelWorker::predictionReady, this, &MainWindow::onPredictionReady);
    connect(m_worker, &ModelWorker::predictionFailed, this, &MainWindow::onPredictionFailed);
    m_workerThread.start();

    createActions();
    createPanels();
    createMenus();
    retranslate();
    if (!restoreGeometry(m_settings.windowGeometry()))
        resize(kDefaultSize);
    m_imagePanel->view()->setFocus(); // so the arrow keys browse from the start
}

MainWindow::~MainWindow()
{
    // The worker finishes (or skips) what it is doing, then is deleted on its thread.
    m_worker->cancel();
    m_workerThread.quit();
    m_workerThread.wait();
}

void MainWindow::openStartupModel(const QString& path)
{
    const QString last = m_settings.lastModelPath();
    if (!path.isEmpty() || last.isEmpty() || !QFileInfo::exists(last))
        openModel(path); // empty: the worker looks for the default model
    else
        openModel(last);
}

void MainWindow::openModel(const QString& path)
{
    m_modelRequest = m_worker->requestModel(path);
    statusBar()->showMessage(tr("Opening model…"));
}

void MainWindow::openImage(const QString& path)
{
    m_imagePath = path;
    m_imageRequest = m_worker->requestImageFile(path);
}

void MainWindow::showTestImage(int index)
{
    m_imagePath.clear();
    m_imageRequest = m_worker->requestTestImage(index);
}

void MainWindow::changeEvent(QEvent* event)
{
    QMainWindow::changeEvent(event);
    if (event->type() == QEvent::LanguageChange)
        retranslate();
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    m_settings.setWindowGeometry(saveGeometry());
    QMainWindow::closeEvent(event);
}

void MainWindow::createActions()
{
    m_openModel = new QAction(this);
    m_openModel->setShortcut(QKeySequence::Open);
    connect(m_openModel, &QAction::triggered, this, &MainWindow::chooseModel);
    m_openImage = new QAction(this);
    m_openImage->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_I));
    connect(m_openImage, &QAction::triggered, this, &MainWindow::chooseImage);
    m_quit = new QAction(this);
    m_quit->setShortcut(QKeySequence::Quit);
    connect(m_quit, &QAction::triggered, this, &QWidget::close);
    m_about = new QAction(this);
    connect(m_about, &QAction::triggered, this, &MainWindow::showAbout);

    m_languageGroup = new QActionGroup(this);
    for (const QString& code : LanguageSwitcher::languages()) {
        // Each language is named in itself, so it stays findable in any language.
        QAction* action = m_languageGroup->addAction(LanguageSwitcher::nativeName(code));
        action->setCheckable(true);
        action->setChecked(code == m_languages->current());
        connect(action, &QAction::triggered, this, [this, code] {
            m_languages->apply(code);
            m_settings.setLanguage(code);
        });
    }
}

void MainWindow::createPanels()
{
    m_modelPanel = new ModelPanel(m_openModel, this);
    m_imagePanel = new ImagePanel(this);
    m_browser = new TestSetBrowser(this);
    m_browser->setEnabled(false); // until a model that takes Fashion-MNIST is open
    connect(m_browser, &TestSetBrowser::indexChosen, this, &MainWindow::showTestImage);
    m_predictionPanel = new PredictionPanel(this);
    m_banner = new MessageBanner(this);

    auto* imageButton = new QToolButton(this);
    imageButton->setDefaultAction(m_openImage);
    auto* navigation = new QHBoxLayout;
    navigation->addWidget(m_browser);
    navigation->addStretch();
    navigation->addWidget(imageButton);
    auto* centre = new QWidget(this);
    auto* centreLayout = new QVBoxLayout(centre);
    centreLayout->addWidget(m_banner);
    centreLayout->addWidget(m_imagePanel, 1);
    centreLayout->addLayout(navigation);

    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_modelPanel);
    splitter->addWidget(centre);
    splitter->addWidget(m_predictionPanel);
    splitter->setStretchFactor(1, 1); // extra room goes to the image
    splitter->setSizes({280, 540, 380});
    splitter->setChildrenCollapsible(false);
    setCentralWidget(splitter);
}

void MainWindow::createMenus()
{
    m_fileMenu = menuBar()->addMenu(QString());
    m_fileMenu->addAction(m_openModel);
    m_fileMenu->addAction(m_openImage);
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(m_quit);
    m_imageMenu = menuBar()->addMenu(QString());
    m_imageMenu->addActions(m_browser->navigationActions());
    m_viewMenu = menuBar()->addMenu(QString());
    m_languageMenu = m_viewMenu->addMenu(QString());
    m_languageMenu->addActions(m_languageGroup->actions());
    m_helpMenu = menuBar()->addMenu(QString());
    m_helpMenu->addAction(m_about);
}

void MainWindow::retranslate()
{
    setWindowTitle(m_modelName.isEmpty() ? tr("AdvLens") : tr("AdvLens — %1").arg(m_modelName));
    m_fileMenu->setTitle(tr("&File"));
    m_openModel->setText(tr("Open &model…"));
    m_openImage->setText(tr("Open &image…"));
    m_quit->setText(tr("&Quit"));
    m_imageMenu->setTitle(tr("&Image"));
    m_viewMenu->setTitle(tr("&View"));
    m_languageMenu->setTitle(tr("&Language"));
    m_helpMenu->setTitle(tr("&Help"));
    m_about->setText(tr("&About AdvLens"));
}

void MainWindow::chooseModel()
{
    const QString start = QFileInfo(m_settings.lastModelPath()).absolutePath();
    const QString path =
        QFileDialog::getOpenFileName(this, tr("Open model"), start, tr("Model metadata (*.json);;All files (*)"));
    if (path.isEmpty())
        return;
    openModel(path);
    m_askedModelRequest = m_modelRequest;
}

void MainWindow::chooseImage()
{
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open image"), m_settings.lastImageFolder(),
        tr("Images (*.png *.jpg *.jpeg *.bmp *.tif *.tiff *.webp *.pgm *.ppm);;All files (*)"));
    if (path.isEmpty())
        return;
    m_settings.setLastImageFolder(QFileInfo(path).absolutePath());
    openImage(path);
    m_askedImageRequest = m_imageRequest;
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About AdvLens"),
                       tr("<h3>AdvLens %1</h3><p>An explorer of adversarial robustness for image "
                          "classifiers: load a model and images, attack them and watch the "
                          "predictions change.</p><p>Built with Qt %2, LibTorch, OpenCV and "
                          "QCustomPlot.</p>")
                           .arg(QCoreApplication::applicationVersion(), QString::fromLatin1(qVersion())));
}

void MainWindow::onModelLoaded(quint64 generation, const ModelSummary& summary)
{
    if (generation != m_modelRequest)
        return;
    m_modelName = summary.name;
    m_settings.setLastModelPath(summary.path);
    m_modelPanel->setSummary(summary);
    m_banner->clearMessage();
    statusBar()->showMessage(tr("Opened model %1.").arg(summary.name), kStatusTimeoutMs);
    retranslate();

    m_browser->setEnabled(summary.takesFashionMnist);
    if (!m_imagePath.isEmpty()) {
        openImage(m_imagePath); // the same picture, through the new model
    } else if (summary.takesFashionMnist) {
        showTestImage(m_browser->index());
    } else {
        m_imagePanel->clear();
        m_predictionPanel->clear();
        m_banner->showMessage(tr("Model %1 takes %2 × %3 × %4 images, not Fashion-MNIST's; open an "
                                 "image with File ▸ Open image…")
                                  .arg(summary.name)
                                  .arg(summary.channels)
                                  .arg(summary.height)
                                  .arg(summary.width));
    }
}

void MainWindow::onModelLoadFailed(quint64 generation, const QString& message)
{
    if (generation == m_modelRequest)
        reportProblem(message, generation == m_askedModelRequest);
}

void MainWindow::onPredictionReady(quint64 generation, const Prediction& prediction)
{
    if (generation != m_imageRequest)
        return;
    m_imagePanel->setPrediction(prediction);
    m_predictionPanel->setPrediction(prediction);
    if (prediction.testIndex >= 0)
        m_browser->setIndex(prediction.testIndex);
    m_banner->clearMessage();
}

void MainWindow::onPredictionFailed(quint64 generation, const QString& message)
{
    if (generation != m_imageRequest)
        return;
    // A stale prediction beside a different image would mislead: clear both.
    m_imagePanel->clear();
    m_predictionPanel->clear();
    reportProblem(message, generation == m_askedImageRequest);
}

void MainWindow::reportProblem(const QString& message, bool userAsked)
{
    m_banner->showMessage(message);
    statusBar()->showMessage(message, kStatusTimeoutMs);
    if (userAsked)
        QMessageBox::warning(this, tr("AdvLens"), message);
}

} // namespace advlens::ui
