#include "ui/mainmenus.h"

#include "ui/controllers/attackcontroller.h"
#include "ui/explorer/explorer.h"
#include "ui/gallery/samplephotos.h"
#include "ui/i18n/languageswitcher.h"
#include "ui/panels/attackpanel.h"
#include "ui/panels/testsetbrowser.h"
#include "ui/workers/zoocatalog.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QClipboard>
#include <QCoreApplication>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QImage>
#include <QLocale>
#include <QMainWindow>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QStandardPaths>

#include <utility>

namespace advlens::ui {

MainMenus::MainMenus(QMainWindow* window, LanguageSwitcher* languages)
    : QObject(window)
    , m_window(window)
    , m_languages(languages)
{
    createActions();
}

void MainMenus::createActions()
{
    m_openModel = new QAction(m_window);
    m_openModel->setShortcut(QKeySequence::Open);
    connect(m_openModel, &QAction::triggered, this, &MainMenus::chooseModel);
    m_openImage = new QAction(m_window);
    m_openImage->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_I));
    connect(m_openImage, &QAction::triggered, this, &MainMenus::chooseImage);
    m_openFolder = new QAction(m_window);
    m_openFolder->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_I));
    connect(m_openFolder, &QAction::triggered, this, &MainMenus::folderRequested);
    m_showGallery = new QAction(m_window);
    m_showGallery->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_G));
    connect(m_showGallery, &QAction::triggered, this, &MainMenus::galleryRequested);
    m_showStudies = new QAction(m_window);
    m_showStudies->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Y));
    connect(m_showStudies, &QAction::triggered, this, &MainMenus::studiesRequested);
    m_exportResult = new QAction(m_window);
    m_exportResult->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    m_exportResult->setEnabled(false); // until an attack has run
    connect(m_exportResult, &QAction::triggered, this, &MainMenus::exportResult);
    m_pasteImage = new QAction(m_window);
    m_pasteImage->setShortcut(QKeySequence::Paste);
    connect(m_pasteImage, &QAction::triggered, this, &MainMenus::pasteImage);
    m_runAttack = new QAction(m_window);
    // Ctrl+R is the test-set browser's "random image".
    m_runAttack->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::Key_F5)});
    m_cancelAttack = new QAction(m_window);
    m_cancelAttack->setShortcut(QKeySequence(Qt::Key_Escape));
    m_presentation = new QAction(m_window);
    m_presentation->setCheckable(true);
    m_presentation->setShortcut(QKeySequence(Qt::Key_F11));
    connect(m_presentation, &QAction::toggled, this, &MainMenus::presentationToggled);
    m_quit = new QAction(m_window);
    m_quit->setShortcut(QKeySequence::Quit);
    connect(m_quit, &QAction::triggered, m_window, &QWidget::close);
    m_about = new QAction(m_window);
    connect(m_about, &QAction::triggered, this, &MainMenus::showAbout);

    m_deviceGroup = new QActionGroup(m_window);
    m_cpuDevice = m_deviceGroup->addAction(QString());
    m_cudaDevice = m_deviceGroup->addAction(QString());
    for (auto [action, device] :
         {std::pair{m_cpuDevice, QStringLiteral("cpu")}, std::pair{m_cudaDevice, QStringLiteral("cuda")}}) {
        action->setCheckable(true);
        connect(action, &QAction::triggered, this, [this, device] { Q_EMIT deviceChosen(device); });
    }
    m_cpuDevice->setChecked(true);
    m_cudaDevice->setEnabled(false); // until the worker says this LibTorch sees a GPU

    m_languageGroup = new QActionGroup(m_window);
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

void MainMenus::createMenus(Explorer* explorer)
{
    m_explorer = explorer;
    connect(m_runAttack, &QAction::triggered, this,
            [this] { m_explorer->attacks()->attack(m_explorer->attackPanel()->request()); });
    connect(m_cancelAttack, &QAction::triggered, m_explorer->attacks(), &AttackController::cancel);
    connect(m_explorer->attacks(), &AttackController::outcomeChanged, this,
            [this] { m_exportResult->setEnabled(m_explorer->attacks()->outcome().has_value()); });
    connect(m_explorer, &Explorer::modelOpened, this, [this](const ModelSummary& summary) {
        m_cudaDevice->setEnabled(summary.cudaAvailable);
        (summary.device.startsWith(QLatin1String("cuda")) ? m_cudaDevice : m_cpuDevice)->setChecked(true);
    });
    connect(m_explorer, &Explorer::deviceChanged, this, [this](const QString& device) {
        (device.startsWith(QLatin1String("cuda")) ? m_cudaDevice : m_cpuDevice)->setChecked(true);
    });
    connect(m_explorer, &Explorer::deviceFailed, this, [this] { m_cpuDevice->setChecked(true); });
    connect(m_explorer, &Explorer::recentImagesChanged, this, &MainMenus::updateRecentImages);

    QMenuBar* bar = m_window->menuBar();
    m_fileMenu = bar->addMenu(QString());
    m_fileMenu->addAction(m_openModel);
    m_zooMenu = m_fileMenu->addMenu(QString());
    connect(m_zooMenu, &QMenu::aboutToShow, this, &MainMenus::updateZooMenu);
    m_fileMenu->addAction(m_openImage);
    m_recentMenu = m_fileMenu->addMenu(QString());
    m_samplesMenu = m_fileMenu->addMenu(QString());
    connect(m_samplesMenu, &QMenu::aboutToShow, this, &MainMenus::updateSamplePhotos);
    m_fileMenu->addAction(m_openFolder);
    m_fileMenu->addAction(m_pasteImage);
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(m_exportResult);
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(m_quit);
    m_imageMenu = bar->addMenu(QString());
    m_imageMenu->addActions(m_explorer->browser()->navigationActions());
    m_attackMenu = bar->addMenu(QString());
    m_attackMenu->addAction(m_runAttack);
    m_attackMenu->addAction(m_cancelAttack);
    m_viewMenu = bar->addMenu(QString());
    m_viewMenu->addAction(m_showGallery);
    m_viewMenu->addAction(m_showStudies);
    m_viewMenu->addAction(m_presentation);
    m_deviceMenu = m_viewMenu->addMenu(QString());
    m_deviceMenu->addActions(m_deviceGroup->actions());
    m_languageMenu = m_viewMenu->addMenu(QString());
    m_languageMenu->addActions(m_languageGroup->actions());
    m_helpMenu = bar->addMenu(QString());
    m_helpMenu->addAction(m_about);
    updateRecentImages();
    updateSamplePhotos();
}

void MainMenus::retranslate()
{
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

void MainMenus::chooseModel()
{
    const QString start = QFileInfo(m_settings.lastModelPath()).absolutePath();
    const QString path =
        QFileDialog::getOpenFileName(m_window, tr("Open model"), start, tr("Model metadata (*.json);;All files (*)"));
    if (!path.isEmpty())
        m_explorer->openModel(path, /*asked=*/true);
}

void MainMenus::chooseImage()
{
    const QString path = QFileDialog::getOpenFileName(
        m_window, tr("Open image"), m_settings.lastImageFolder(),
        tr("Images (*.png *.jpg *.jpeg *.bmp *.tif *.tiff *.webp *.pgm *.ppm);;All files (*)"));
    if (path.isEmpty())
        return;
    m_settings.setLastImageFolder(QFileInfo(path).absolutePath());
    m_explorer->openImage(path, /*asked=*/true);
}

void MainMenus::pasteImage()
{
    // A pasted picture goes through the same file pre-processing as an opened one.
    const QClipboard* clipboard = QApplication::clipboard();
    const QMimeData* mime = clipboard->mimeData();
    if (mime && mime->hasUrls() && !mime->urls().isEmpty() && mime->urls().front().isLocalFile()) {
        m_explorer->openImage(mime->urls().front().toLocalFile(), /*asked=*/true);
        return;
    }
    const QImage image = clipboard->image();
    if (image.isNull()) {
        m_explorer->reportProblem(tr("The clipboard holds no image."), true);
        return;
    }
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::CacheLocation);
    QDir().mkpath(folder);
    const QString path = QDir(folder).filePath(QStringLiteral("pasted.png"));
    if (!image.save(path)) {
        m_explorer->reportProblem(tr("Could not keep the pasted image in %1.").arg(folder), true);
        return;
    }
    m_explorer->openImage(path, /*asked=*/true);
}

void MainMenus::exportResult()
{
    const auto& outcome = m_explorer->attacks()->outcome();
    if (!outcome)
        return;
    const QString image = outcome->before.testIndex >= 0
                              ? QStringLiteral("fashion-mnist-%1").arg(outcome->before.testIndex)
                              : QFileInfo(outcome->before.sourcePath).completeBaseName();
    const QString suggested =
        QDir(m_settings.lastImageFolder().isEmpty() ? QDir::homePath() : m_settings.lastImageFolder())
            .filePath(QStringLiteral("%1-%2").arg(image, outcome->request.attack));
    QString stem = QFileDialog::getSaveFileName(m_window, tr("Export result"), suggested,
                                                tr("Result files (*-figure.png *-result.json)"));
    if (stem.isEmpty())
        return;
    for (const QString& suffix :
         {QStringLiteral("-figure.png"), QStringLiteral("-result.json"), QStringLiteral(".png")})
        if (stem.endsWith(suffix))
            stem.chop(suffix.size());
    m_explorer->exportResultTo(stem);
}

void MainMenus::updateZooMenu()
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
        QAction* action =
            m_zooMenu->addAction(QStringLiteral("%1 — %2").arg(entry.name, details.join(QStringLiteral(" · "))));
        action->setToolTip(entry.path);
        const QString path = entry.path;
        connect(action, &QAction::triggered, this, [this, path] { m_explorer->openModel(path, /*asked=*/true); });
    }
    if (zoo.isEmpty())
        m_zooMenu->addAction(tr("No zoo models: run ./setup.sh or advlens-cli train"))->setEnabled(false);
}

void MainMenus::updateSamplePhotos()
{
    m_samplesMenu->clear();
    for (const SamplePhoto& photo : samplePhotos()) {
        QAction* action = m_samplesMenu->addAction(photo.title);
        action->setToolTip(photo.fileName);
        connect(action, &QAction::triggered, this, [this, photo] {
            QString error;
            const QString path = extractSamplePhoto(photo, &error);
            if (path.isEmpty()) {
                m_explorer->reportProblem(error, true);
                return;
            }
            m_explorer->openImage(path, /*asked=*/true);
        });
    }
    if (m_samplesMenu->isEmpty()) {
        m_samplesMenu->addAction(tr("No sample photos in this build"))->setEnabled(false);
        return;
    }
    m_samplesMenu->addSeparator();
    connect(m_samplesMenu->addAction(tr("Photo credits…")), &QAction::triggered, this, [this] {
        QMessageBox box(QMessageBox::Information, tr("Sample photos"), samplePhotoCredits(), QMessageBox::Close,
                        m_window);
        box.setTextFormat(Qt::MarkdownText);
        box.exec();
    });
}

void MainMenus::updateRecentImages()
{
    m_recentMenu->clear();
    const QStringList recent = m_settings.recentImages();
    for (const QString& path : recent) {
        QAction* action = m_recentMenu->addAction(QFileInfo(path).fileName());
        action->setToolTip(path);
        connect(action, &QAction::triggered, this, [this, path] { m_explorer->openImage(path, /*asked=*/true); });
    }
    m_recentMenu->setEnabled(!recent.isEmpty());
}

void MainMenus::showAbout()
{
    QMessageBox::about(m_window, tr("About AdvLens"),
                       tr("<h3>AdvLens %1</h3><p>An explorer of adversarial robustness for image "
                          "classifiers: load a model and images, attack them and watch the "
                          "predictions change.</p><p>Built with Qt %2, LibTorch, OpenCV and "
                          "QCustomPlot.</p>")
                           .arg(QCoreApplication::applicationVersion(), QString::fromLatin1(qVersion())));
}

} // namespace advlens::ui
