#include "ui/mainwindow.h"

#include "ui/controllers/attackcontroller.h"
#include "ui/controllers/curvecontroller.h"
#include "ui/controllers/resultexporter.h"
#include "ui/controllers/saliencycontroller.h"
#include "ui/gallery/gallerywindow.h"
#include "ui/gallery/samplephotos.h"
#include "ui/studies/studieswindow.h"
#include "ui/i18n/languageswitcher.h"
#include "ui/panels/attackpanel.h"
#include "ui/panels/curvepanel.h"
#include "ui/panels/imagepanel.h"
#include "ui/panels/iterationtimeline.h"
#include "ui/panels/messagebanner.h"
#include "ui/panels/modelpanel.h"
#include "ui/panels/predictionpanel.h"
#include "ui/panels/saliencypanel.h"
#include "ui/panels/testsetbrowser.h"
#include "ui/views/imagecomparisonview.h"
#include "ui/jobs/workermodel.h"
#include "ui/workers/attackcatalog.h"
#include "ui/workers/modelworker.h"
#include "ui/workers/zoocatalog.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QCoreApplication>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QImage>
#include <QLocale>
#include <QMimeData>
#include <QScrollArea>
#include <QSlider>
#include <QStandardPaths>
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

const QSize kDefaultSize(1440, 900);
/// Presentation mode scales every font by this much, for the back of a lecture hall.
constexpr double kPresentationFontScale = 1.5;

} // namespace

MainWindow::MainWindow(const RuntimeOptions& options, LanguageSwitcher* languages, QWidget* parent)
    : QMainWindow(parent)
    , m_options(withClassifierCache(options))
    , m_worker(std::make_unique<ModelWorker>(m_options), QStringLiteral("ModelWorker"))
    , m_languages(languages)
{
    connect(m_worker.worker(), &ModelWorker::modelLoaded, this, &MainWindow::onModelLoaded);
    connect(m_worker.worker(), &ModelWorker::modelLoadFailed, this, &MainWindow::onModelLoadFailed);
    connect(m_worker.worker(), &ModelWorker::predictionReady, this, &MainWindow::onPredictionReady);
    connect(m_worker.worker(), &ModelWorker::predictionFailed, this, &MainWindow::onPredictionFailed);

    createActions();
    createPanels();
    createMenus();
    retranslate();
    setAcceptDrops(true);
    if (!restoreGeometry(m_settings.windowGeometry()))
        resize(kDefaultSize);
    // "controls" and "explorer" replace "columns", which held controls | images | prediction.
    m_columns->restoreState(m_settings.splitterState(QStringLiteral("controls")));
    m_explorer->restoreState(m_settings.splitterState(QStringLiteral("explorer")));
    m_rows->restoreState(m_settings.splitterState(QStringLiteral("rows")));
    m_imagePanel->view()->setFocus(); // so the arrow keys browse from the start
}

MainWindow::~MainWindow()
{
    m_gallery.reset(); // its worker stops and its thread ends first
    m_studies.reset();
    // m_worker, destroyed last, drops its jobs and ends its thread (WorkerThread).
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
    showStatus([] { return tr("Opening model…"); }, /*timeoutMs=*/0);
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
    m_gallery->close(); // a gallery left open would keep the application running
    if (m_studies)
        m_studies->close();
    if (m_presentation->isChecked())
        togglePresentation(false); // remember the normal layout, not the presentation one
    m_settings.setWindowGeometry(saveGeometry());
    m_settings.setSplitterState(QStringLiteral("controls"), m_columns->saveState());
    m_settings.setSplitterState(QStringLiteral("explorer"), m_explorer->saveState());
    m_settings.setSplitterState(QStringLiteral("rows"), m_rows->saveState());
    QMainWindow::closeEvent(event);
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event)
{
    const QMimeData* mime = event->mimeData();
    if ((mime->hasUrls() && !mime->urls().isEmpty() && mime->urls().front().isLocalFile()) || mime->hasImage())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event)
{
    const QMimeData* mime = event->mimeData();
    if (mime->hasUrls() && !mime->urls().isEmpty() && mime->urls().front().isLocalFile()) {
        const QString path = mime->urls().front().toLocalFile();
        if (path.endsWith(QLatin1String(".json"), Qt::CaseInsensitive)) {
            openModel(path);
            m_askedModelRequest = m_modelRequest;
        } else {
            openImage(path);
            m_askedImageRequest = m_imageRequest;
        }
        event->acceptProposedAction();
    }
}

void MainWindow::createActions()
{
    m_openModel = new QAction(this);
    m_openModel->setShortcut(QKeySequence::Open);
    connect(m_openModel, &QAction::triggered, this, &MainWindow::chooseModel);
    m_openImage = new QAction(this);
    m_openImage->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_I));
    connect(m_openImage, &QAction::triggered, this, &MainWindow::chooseImage);
    m_openFolder = new QAction(this);
    m_openFolder->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_I));
    connect(m_openFolder, &QAction::triggered, this, [this] { m_gallery->chooseFolder(); });
    m_showGallery = new QAction(this);
    m_showGallery->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_G));
    connect(m_showGallery, &QAction::triggered, this, [this] { m_gallery->present(); });
    m_showStudies = new QAction(this);
    m_showStudies->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Y));
    connect(m_showStudies, &QAction::triggered, this, [this] { studies()->present(); });
    m_exportResult = new QAction(this);
    m_exportResult->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    m_exportResult->setEnabled(false); // until an attack has run
    connect(m_exportResult, &QAction::triggered, this, &MainWindow::exportResult);
    m_pasteImage = new QAction(this);
    m_pasteImage->setShortcut(QKeySequence::Paste);
    connect(m_pasteImage, &QAction::triggered, this, &MainWindow::pasteImage);
    m_runAttack = new QAction(this);
    // Ctrl+R is the test-set browser's "random image".
    m_runAttack->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::Key_F5)});
    m_cancelAttack = new QAction(this);
    m_cancelAttack->setShortcut(QKeySequence(Qt::Key_Escape));
    m_presentation = new QAction(this);
    m_presentation->setCheckable(true);
    m_presentation->setShortcut(QKeySequence(Qt::Key_F11));
    connect(m_presentation, &QAction::toggled, this, &MainWindow::togglePresentation);
    m_quit = new QAction(this);
    m_quit->setShortcut(QKeySequence::Quit);
    connect(m_quit, &QAction::triggered, this, &QWidget::close);
    m_about = new QAction(this);
    connect(m_about, &QAction::triggered, this, &MainWindow::showAbout);

    m_deviceGroup = new QActionGroup(this);
    m_cpuDevice = m_deviceGroup->addAction(QString());
    m_cudaDevice = m_deviceGroup->addAction(QString());
    for (auto [action, device] : {std::pair{m_cpuDevice, QStringLiteral("cpu")},
                                  std::pair{m_cudaDevice, QStringLiteral("cuda")}}) {
        action->setCheckable(true);
        connect(action, &QAction::triggered, this, [this, device] {
            m_worker->requestDevice(device);
            m_curves->setDevice(device);
            m_gallery->setDevice(device);
        });
    }
    m_cpuDevice->setChecked(true);
    m_cudaDevice->setEnabled(false); // until the worker says this LibTorch sees a GPU
    connect(m_worker.worker(), &ModelWorker::deviceChanged, this, [this](const QString& device) {
        (device.startsWith(QLatin1String("cuda")) ? m_cudaDevice : m_cpuDevice)->setChecked(true);
        showStatus([device] { return tr("Computing on %1.").arg(device); });
        if (!m_modelPath.isEmpty())
            openModel(m_modelPath); // shows the device in the model panel, and classifies again
    });
    connect(m_worker.worker(), &ModelWorker::deviceFailed, this, [this](const QString& message) {
        m_cpuDevice->setChecked(true);
        reportProblem(message, true);
    });

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
    m_banner->setObjectName(QStringLiteral("windowBanner")); // the curve panel has a banner of its own
    m_attackPanel = new AttackPanel(this);
    m_attackPanel->setEnabled(false); // until an image is shown
    m_timeline = new IterationTimeline(this);
    m_curvePanel = new CurvePanel(this);

    m_attacks = new AttackController(m_worker.worker(), m_attackPanel, m_imagePanel->view(), m_predictionPanel, m_timeline, this);
    connect(m_attacks, &AttackController::problemOccurred, this, [this](const QString& message) {
        reportProblem(message, false);
    });
    connect(m_runAttack, &QAction::triggered, this, [this] { m_attacks->attack(m_attackPanel->request()); });
    connect(m_cancelAttack, &QAction::triggered, m_attacks, &AttackController::cancel);
    m_curves = new CurveController(m_options, m_curvePanel, this);
    m_exporter = new ResultExporter(m_worker.worker(), m_imagePanel, m_predictionPanel, this);
    connect(m_exporter, &ResultExporter::finished, this, [this](const QStringList& files) {
        showStatus(
            [files] { return tr("Saved %1 files: %2").arg(files.size()).arg(files.join(QStringLiteral(", "))); });
    });
    connect(m_exporter, &ResultExporter::failed, this, [this](const QString& message) { reportProblem(message, true); });
    connect(m_attacks, &AttackController::outcomeChanged, this,
            [this] { m_exportResult->setEnabled(m_attacks->outcome().has_value()); });
    m_saliencyPanel = new SaliencyPanel(this);
    m_saliency = new SaliencyController(m_worker.worker(), m_saliencyPanel, m_attacks, m_imagePanel->view(), this);
    connect(m_saliency, &SaliencyController::problemOccurred, this,
            [this](const QString& message) { reportProblem(message, false); });
    m_gallery = std::make_unique<GalleryWindow>(m_options);
    connect(m_gallery.get(), &GalleryWindow::openRequested, this, &MainWindow::openFromGallery);

    auto* imageButton = new QToolButton(this);
    imageButton->setDefaultAction(m_openImage);
    auto* navigation = new QHBoxLayout;
    navigation->addWidget(m_browser);
    navigation->addStretch();
    navigation->addWidget(imageButton);
    auto* centre = new QWidget(this);
    auto* centreLayout = new QVBoxLayout(centre);
    centreLayout->setContentsMargins(0, 0, 0, 0);
    centreLayout->addWidget(m_banner);
    centreLayout->addWidget(m_imagePanel, 1);
    centreLayout->addWidget(m_timeline);
    centreLayout->addLayout(navigation);

    // The controls scroll when the window is short rather than squeezing each other.
    auto* controls = new QWidget(this);
    auto* controlsLayout = new QVBoxLayout(controls);
    controlsLayout->setContentsMargins(0, 0, 0, 0);
    controlsLayout->addWidget(m_attackPanel);
    controlsLayout->addWidget(m_saliencyPanel);
    controlsLayout->addWidget(m_modelPanel);
    controlsLayout->addStretch(1);
    auto* controlsScroll = new QScrollArea(this);
    controlsScroll->setWidget(controls);
    controlsScroll->setWidgetResizable(true);
    controlsScroll->setFrameShape(QFrame::NoFrame);
    controlsScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    controlsScroll->setMinimumWidth(controls->minimumSizeHint().width() + 16);

    m_explorer = new QSplitter(Qt::Horizontal, this);
    m_explorer->setObjectName(QStringLiteral("explorer"));
    m_explorer->addWidget(centre);
    m_explorer->addWidget(m_predictionPanel);
    m_explorer->setStretchFactor(0, 1); // extra room goes to the images
    m_explorer->setSizes({720, 390});
    m_explorer->setChildrenCollapsible(false);

    m_rows = new QSplitter(Qt::Vertical, this);
    m_rows->setObjectName(QStringLiteral("rows"));
    m_rows->addWidget(m_explorer);
    m_rows->addWidget(m_curvePanel);
    m_rows->setStretchFactor(0, 1);
    m_rows->setSizes({600, 300});

    // The controls take the whole height: attack, saliency and model boxes
    // together are taller than the explorer row above the curves at 1440×900.
    m_columns = new QSplitter(Qt::Horizontal, this);
    m_columns->setObjectName(QStringLiteral("columns"));
    m_columns->addWidget(controlsScroll);
    m_columns->addWidget(m_rows);
    m_columns->setStretchFactor(1, 1);
    m_columns->setSizes({330, 1110});
    m_columns->setChildrenCollapsible(false);
    setCentralWidget(m_columns);
}

void MainWindow::createMenus()
{
    m_fileMenu = menuBar()->addMenu(QString());
    m_fileMenu->addAction(m_openModel);
    m_zooMenu = m_fileMenu->addMenu(QString());
    connect(m_zooMenu, &QMenu::aboutToShow, this, &MainWindow::updateZooMenu);
    m_fileMenu->addAction(m_openImage);
    m_recentMenu = m_fileMenu->addMenu(QString());
    m_samplesMenu = m_fileMenu->addMenu(QString());
    connect(m_samplesMenu, &QMenu::aboutToShow, this, &MainWindow::updateSamplePhotos);
    m_fileMenu->addAction(m_openFolder);
    m_fileMenu->addAction(m_pasteImage);
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(m_exportResult);
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(m_quit);
    m_imageMenu = menuBar()->addMenu(QString());
    m_imageMenu->addActions(m_browser->navigationActions());
    m_attackMenu = menuBar()->addMenu(QString());
    m_attackMenu->addAction(m_runAttack);
    m_attackMenu->addAction(m_cancelAttack);
    m_viewMenu = menuBar()->addMenu(QString());
    m_viewMenu->addAction(m_showGallery);
    m_viewMenu->addAction(m_showStudies);
    m_viewMenu->addAction(m_presentation);
    m_deviceMenu = m_viewMenu->addMenu(QString());
    m_deviceMenu->addActions(m_deviceGroup->actions());
    m_languageMenu = m_viewMenu->addMenu(QString());
    m_languageMenu->addActions(m_languageGroup->actions());
    m_helpMenu = menuBar()->addMenu(QString());
    m_helpMenu->addAction(m_about);
    updateRecentImages();
    updateSamplePhotos();
}

void MainWindow::showStatus(std::function<QString()> text, int timeoutMs)
{
    m_statusText = std::move(text);
    m_statusTimeoutMs = timeoutMs;
    m_statusShown = m_statusText();
    statusBar()->showMessage(m_statusShown, timeoutMs);
}

void MainWindow::retranslate()
{
    // A status message still shown is worded again (and shown for its full time again).
    if (m_statusText && !statusBar()->currentMessage().isEmpty() && statusBar()->currentMessage() == m_statusShown)
        showStatus(m_statusText, m_statusTimeoutMs);

    // The attack names are translated when listed: list them again.
    const QList<AttackChoice> attacks = attackCatalog();
    m_attackPanel->setAttacks(attacks);
    QList<QPair<QString, QString>> curveAttacks;
    QStringList needingGradients;
    for (const AttackChoice& choice : attacks) {
        curveAttacks << qMakePair(choice.id, choice.label);
        if (choice.needsGradients)
            needingGradients << choice.id;
    }
    m_curvePanel->setAttacks(curveAttacks, needingGradients);

    setWindowTitle(m_modelName.isEmpty() ? tr("AdvLens") : tr("AdvLens — %1").arg(m_modelName));
    m_fileMenu->setTitle(tr("&File"));
    m_openModel->setText(tr("Open &model…"));
    m_openImage->setText(tr("Open &image…"));
    m_recentMenu->setTitle(tr("&Recent images"));
    m_samplesMenu->setTitle(tr("&Sample photos"));
    m_openFolder->setText(tr("Open image &folder…"));
    m_openFolder->setToolTip(tr("Classify a folder of labelled images (one sub-folder per class) in the gallery"));
    m_showGallery->setText(tr("&Gallery"));
    m_showStudies->setText(tr("&Studies"));
    m_showStudies->setToolTip(tr("Run and view the papers' studies: accuracy vs robustness, transferability, "
                                 "robustness curves, defences"));
    m_zooMenu->setTitle(tr("&Zoo models"));
    m_deviceMenu->setTitle(tr("Compute &device"));
    m_cpuDevice->setText(tr("&CPU"));
    m_cudaDevice->setText(tr("CUDA &GPU"));
    m_cudaDevice->setToolTip(tr("Needs a LibTorch built with CUDA and a GPU (see README, GPU)"));
    m_pasteImage->setText(tr("&Paste image"));
    m_exportResult->setText(tr("&Export result…"));
    m_attackMenu->setTitle(tr("&Attack"));
    m_runAttack->setText(tr("&Run attack"));
    m_cancelAttack->setText(tr("&Cancel attack"));
    m_presentation->setText(tr("&Presentation mode"));
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

void MainWindow::pasteImage()
{
    // A pasted picture goes through the same file pre-processing as an opened one.
    const QClipboard* clipboard = QApplication::clipboard();
    const QMimeData* mime = clipboard->mimeData();
    if (mime && mime->hasUrls() && !mime->urls().isEmpty() && mime->urls().front().isLocalFile()) {
        openImage(mime->urls().front().toLocalFile());
        m_askedImageRequest = m_imageRequest;
        return;
    }
    const QImage image = clipboard->image();
    if (image.isNull()) {
        reportProblem(tr("The clipboard holds no image."), true);
        return;
    }
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::CacheLocation);
    QDir().mkpath(folder);
    const QString path = QDir(folder).filePath(QStringLiteral("pasted.png"));
    if (!image.save(path)) {
        reportProblem(tr("Could not keep the pasted image in %1.").arg(folder), true);
        return;
    }
    openImage(path);
    m_askedImageRequest = m_imageRequest;
}

void MainWindow::exportResult()
{
    const auto& outcome = m_attacks->outcome();
    if (!outcome)
        return;
    const QString image = outcome->before.testIndex >= 0
                              ? QStringLiteral("fashion-mnist-%1").arg(outcome->before.testIndex)
                              : QFileInfo(outcome->before.sourcePath).completeBaseName();
    const QString suggested = QDir(m_settings.lastImageFolder().isEmpty() ? QDir::homePath()
                                                                          : m_settings.lastImageFolder())
                                  .filePath(QStringLiteral("%1-%2").arg(image, outcome->request.attack));
    QString stem = QFileDialog::getSaveFileName(this, tr("Export result"), suggested,
                                                tr("Result files (*-figure.png *-result.json)"));
    if (stem.isEmpty())
        return;
    for (const QString& suffix : {QStringLiteral("-figure.png"), QStringLiteral("-result.json"), QStringLiteral(".png")})
        if (stem.endsWith(suffix))
            stem.chop(suffix.size());
    exportResultTo(stem);
}

void MainWindow::exportResultTo(const QString& stem)
{
    if (!m_attacks->outcome())
        return;
    m_timeline->setPosition(m_timeline->slider()->maximum()); // the figure shows the final result
    m_exporter->exportOutcome(stem, *m_attacks->outcome(), m_modelName);
}

void MainWindow::updateZooMenu()
{
    m_zooMenu->clear();
    const QList<ZooEntry> zoo = zooCatalog();
    for (const ZooEntry& entry : zoo) {
        QStringList details;
        if (!entry.architecture.isEmpty())
            details << entry.architecture;
        if (!entry.recipe.isEmpty())
            details << (entry.recipe == QLatin1String("pgd") ? tr("PGD adversarial training") : tr("plain training"));
        details << (entry.cleanAccuracy >= 0
                        ? tr("%1 % clean accuracy").arg(QLocale().toString(100.0 * entry.cleanAccuracy, 'f', 2))
                        : tr("accuracy not measured"));
        QAction* action = m_zooMenu->addAction(
            QStringLiteral("%1 — %2").arg(entry.name, details.join(QStringLiteral(" · "))));
        action->setToolTip(entry.path);
        const QString path = entry.path;
        connect(action, &QAction::triggered, this, [this, path] {
            openModel(path);
            m_askedModelRequest = m_modelRequest;
        });
    }
    if (zoo.isEmpty())
        m_zooMenu->addAction(tr("No zoo models: run ./setup.sh or advlens-cli train"))->setEnabled(false);
}

void MainWindow::updateSamplePhotos()
{
    m_samplesMenu->clear();
    for (const SamplePhoto& photo : samplePhotos()) {
        QAction* action = m_samplesMenu->addAction(photo.title);
        action->setToolTip(photo.fileName);
        connect(action, &QAction::triggered, this, [this, photo] {
            QString error;
            const QString path = extractSamplePhoto(photo, &error);
            if (path.isEmpty()) {
                reportProblem(error, true);
                return;
            }
            openImage(path);
            m_askedImageRequest = m_imageRequest;
        });
    }
    if (m_samplesMenu->isEmpty()) {
        m_samplesMenu->addAction(tr("No sample photos in this build"))->setEnabled(false);
        return;
    }
    m_samplesMenu->addSeparator();
    connect(m_samplesMenu->addAction(tr("Photo credits…")), &QAction::triggered, this, [this] {
        QMessageBox box(QMessageBox::Information, tr("Sample photos"), samplePhotoCredits(), QMessageBox::Close, this);
        box.setTextFormat(Qt::MarkdownText);
        box.exec();
    });
}

StudiesWindow* MainWindow::studies()
{
    if (!m_studies)
        m_studies = std::make_unique<StudiesWindow>(m_options);
    return m_studies.get();
}

void MainWindow::openFromGallery(const QString& path, int testIndex)
{
    if (testIndex >= 0)
        showTestImage(testIndex);
    else
        openImage(path);
    m_askedImageRequest = m_imageRequest;
    m_saliencyPanel->setShown(true); // what the model looked at, for this image
    if (isMinimized())
        showNormal();
    raise();
    activateWindow();
}

void MainWindow::updateRecentImages()
{
    m_recentMenu->clear();
    const QStringList recent = m_settings.recentImages();
    for (const QString& path : recent) {
        QAction* action = m_recentMenu->addAction(QFileInfo(path).fileName());
        action->setToolTip(path);
        connect(action, &QAction::triggered, this, [this, path] {
            openImage(path);
            m_askedImageRequest = m_imageRequest;
        });
    }
    m_recentMenu->setEnabled(!recent.isEmpty());
}

void MainWindow::togglePresentation(bool on)
{
    // Larger fonts everywhere (the charts follow the widget font) and the whole screen.
    static const QFont normalFont = QApplication::font();
    QFont font = normalFont;
    if (on)
        font.setPointSizeF(normalFont.pointSizeF() * kPresentationFontScale);
    QApplication::setFont(font);
    if (on)
        showFullScreen();
    else
        showNormal();
    m_curvePanel->setVisible(!on); // in class the explorer gets the whole screen
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

void MainWindow::setStartupNotice(const QString& notice)
{
    m_startupNotice = notice;
    m_banner->showMessage(notice);
}

void MainWindow::onModelLoaded(quint64 generation, const ModelSummary& summary)
{
    if (generation != m_modelRequest)
        return;
    m_modelName = summary.name;
    m_settings.setLastModelPath(summary.path);
    m_modelPanel->setSummary(summary);
    m_modelPath = summary.path;
    m_cudaDevice->setEnabled(summary.cudaAvailable);
    (summary.device.startsWith(QLatin1String("cuda")) ? m_cudaDevice : m_cpuDevice)->setChecked(true);
    m_attackPanel->setClassNames(summary.classNames);
    m_attackPanel->setInputShape(summary.channels, summary.height, summary.width);
    m_saliencyPanel->setLayers(summary.featureLayers);
    m_attackPanel->setGradientsAvailable(summary.hasInputGradients, summary.noGradientReason);
    m_saliencyPanel->setGradientsAvailable(summary.hasInputGradients, summary.noGradientReason);
    m_curvePanel->setGradientsAvailable(summary.hasInputGradients, summary.noGradientReason);
    m_curves->setModel(summary.path, summary.name);
    m_curvePanel->setModelInput(summary.channels, summary.height, summary.width, summary.takesFashionMnist);
    m_gallery->setModel(summary);
    m_banner->clearMessage();
    if (!m_startupNotice.isEmpty()) {
        m_banner->showMessage(m_startupNotice);
        m_startupNotice.clear();
    }
    showStatus([name = summary.name] { return tr("Opened model %1.").arg(name); });
    retranslate();

    m_browser->setEnabled(summary.takesFashionMnist);
    if (!m_imagePath.isEmpty()) {
        openImage(m_imagePath); // the same picture, through the new model
    } else if (summary.takesFashionMnist) {
        showTestImage(m_browser->index());
    } else {
        m_imagePanel->clear();
        m_predictionPanel->clear();
        m_attacks->imageCleared();
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
    if (!prediction.sourcePath.isEmpty() && QFileInfo(prediction.sourcePath).dir() !=
                                                    QDir(QStandardPaths::writableLocation(QStandardPaths::CacheLocation))) {
        m_settings.addRecentImage(prediction.sourcePath);
        updateRecentImages();
    }
    m_banner->clearMessage();
    m_attacks->imageChanged(prediction);
}

void MainWindow::onPredictionFailed(quint64 generation, const QString& message)
{
    if (generation != m_imageRequest)
        return;
    // A stale prediction beside a different image would mislead: clear both.
    m_imagePanel->clear();
    m_predictionPanel->clear();
    m_attacks->imageCleared();
    reportProblem(message, generation == m_askedImageRequest);
}

void MainWindow::reportProblem(const QString& message, bool userAsked)
{
    m_banner->showMessage(message);
    showStatus([message] { return message; });
    if (userAsked)
        QMessageBox::warning(this, tr("AdvLens"), message);
}

} // namespace advlens::ui
