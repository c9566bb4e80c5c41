#include "ui/mainwindow.h"

#include "ui/explorer/explorer.h"
#include "ui/gallery/gallerywindow.h"
#include "ui/jobs/workermodel.h"
#include "ui/mainmenus.h"
#include "ui/panels/attackpanel.h"
#include "ui/panels/curvepanel.h"
#include "ui/panels/imagepanel.h"
#include "ui/panels/iterationtimeline.h"
#include "ui/panels/messagebanner.h"
#include "ui/panels/modelpanel.h"
#include "ui/panels/predictionpanel.h"
#include "ui/panels/saliencypanel.h"
#include "ui/panels/testsetbrowser.h"
#include "ui/studies/studieswindow.h"
#include "ui/views/imagecomparisonview.h"
#include "ui/views/screenfit.h"

#include <QApplication>
#include <QCloseEvent>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QHBoxLayout>
#include <QMimeData>
#include <QScrollArea>
#include <QSplitter>
#include <QTimer>
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
    , m_status(this)
{
    m_menus = new MainMenus(this, languages);
    m_explorer = new Explorer(m_options, m_menus->openModelAction(), &m_status, this);
    m_gallery = std::make_unique<GalleryWindow>(m_options);
    connect(m_gallery.get(), &GalleryWindow::openRequested, this, &MainWindow::openFromGallery);
    connect(m_explorer, &Explorer::modelOpened, this, [this](const ModelSummary& summary) {
        m_gallery->setModel(summary);
        updateTitle();
    });
    connect(m_menus, &MainMenus::folderRequested, this, [this] { m_gallery->chooseFolder(); });
    connect(m_menus, &MainMenus::galleryRequested, this, [this] { m_gallery->present(); });
    connect(m_menus, &MainMenus::studiesRequested, this, [this] { studies()->present(); });
    connect(m_menus, &MainMenus::presentationToggled, this, &MainWindow::togglePresentation);
    connect(m_menus, &MainMenus::deviceChosen, this, [this](const QString& device) {
        m_explorer->setDevice(device);
        m_gallery->setDevice(device);
    });

    createLayout();
    m_menus->createMenus(m_explorer);
    retranslate();
    setAcceptDrops(true);
    if (!restoreGeometry(m_settings.windowGeometry()))
        resize(fitToScreen(*this, kDefaultSize));
    // "controls" and "explorer" replace "columns", which held controls | images | prediction;
    // "curves" replaces "rows", saved when the curve row was too short for its form.
    m_columns->restoreState(m_settings.splitterState(QStringLiteral("controls")));
    m_explorerRow->restoreState(m_settings.splitterState(QStringLiteral("explorer")));
    m_rows->restoreState(m_settings.splitterState(QStringLiteral("curves")));
    m_explorer->imagePanel()->view()->setFocus(); // so the arrow keys browse from the start
}

MainWindow::~MainWindow()
{
    m_gallery.reset(); // its worker stops and its thread ends first
    m_studies.reset();
    delete m_explorer; // its worker drops its jobs and ends its thread, before the panels go
}

void MainWindow::createLayout()
{
    auto* imageButton = new QToolButton(this);
    imageButton->setDefaultAction(m_menus->openImageAction());
    auto* navigation = new QHBoxLayout;
    navigation->addWidget(m_explorer->browser());
    navigation->addStretch();
    navigation->addWidget(imageButton);
    auto* centre = new QWidget(this);
    auto* centreLayout = new QVBoxLayout(centre);
    centreLayout->setContentsMargins(0, 0, 0, 0);
    centreLayout->addWidget(m_explorer->banner());
    centreLayout->addWidget(m_explorer->imagePanel(), 1);
    centreLayout->addWidget(m_explorer->timeline());
    centreLayout->addLayout(navigation);

    // The controls scroll when the window is short rather than squeezing each other.
    auto* controls = new QWidget(this);
    auto* controlsLayout = new QVBoxLayout(controls);
    controlsLayout->setContentsMargins(0, 0, 0, 0);
    controlsLayout->addWidget(m_explorer->attackPanel());
    controlsLayout->addWidget(m_explorer->saliencyPanel());
    controlsLayout->addWidget(m_explorer->modelPanel());
    controlsLayout->addStretch(1);
    auto* controlsScroll = new QScrollArea(this);
    controlsScroll->setWidget(controls);
    controlsScroll->setWidgetResizable(true);
    controlsScroll->setFrameShape(QFrame::NoFrame);
    controlsScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    controlsScroll->setMinimumWidth(controls->minimumSizeHint().width() + 16);

    m_explorerRow = new QSplitter(Qt::Horizontal, this);
    m_explorerRow->setObjectName(QStringLiteral("explorer"));
    m_explorerRow->addWidget(centre);
    m_explorerRow->addWidget(m_explorer->predictionPanel());
    m_explorerRow->setStretchFactor(0, 1); // extra room goes to the images
    m_explorerRow->setSizes({720, 390});
    m_explorerRow->setChildrenCollapsible(false);

    m_rows = new QSplitter(Qt::Vertical, this);
    m_rows->setObjectName(QStringLiteral("rows"));
    m_rows->addWidget(m_explorerRow);
    m_rows->addWidget(m_explorer->curvePanel());
    // The curve row as tall as its whole form (it scrolls only where the
    // window cannot give that much); the images take the rest.
    m_rows->setStretchFactor(0, 1);
    m_rows->setSizes({kDefaultSize.height(), m_explorer->curvePanel()->sizeHint().height()});

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

void MainWindow::setStartupNotice(const QString& notice)
{
    m_explorer->setStartupNotice(notice);
}

void MainWindow::openStartupModel(const QString& path)
{
    m_explorer->openStartupModel(path);
}

void MainWindow::openModel(const QString& path)
{
    m_explorer->openModel(path);
}

void MainWindow::openImage(const QString& path)
{
    m_explorer->openImage(path);
}

void MainWindow::showTestImage(int index)
{
    m_explorer->showTestImage(index);
}

void MainWindow::exportResultTo(const QString& stem)
{
    m_explorer->exportResultTo(stem);
}

AttackController* MainWindow::attacks() const
{
    return m_explorer->attacks();
}

SaliencyController* MainWindow::saliency() const
{
    return m_explorer->saliency();
}

QMenu* MainWindow::zooMenu() const
{
    return m_menus->zooMenu();
}

QMenu* MainWindow::deviceMenu() const
{
    return m_menus->deviceMenu();
}

QMenu* MainWindow::samplePhotosMenu() const
{
    return m_menus->samplePhotosMenu();
}

StudiesWindow* MainWindow::studies()
{
    if (!m_studies)
        m_studies = std::make_unique<StudiesWindow>(m_options);
    return m_studies.get();
}

void MainWindow::openFromGallery(const QString& path, int testIndex)
{
    m_explorer->showGalleryImage(path, testIndex);
    if (isMinimized())
        showNormal();
    raise();
    activateWindow();
}

void MainWindow::changeEvent(QEvent* event)
{
    QMainWindow::changeEvent(event);
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
        // The panels retranslate after this window. A curve form seen whole
        // before is seen whole after, though zh_CN's lines are taller.
        if (m_rows->sizes().value(1) >= m_explorer->curvePanel()->sizeHint().height())
            QTimer::singleShot(0, this, &MainWindow::showWholeCurveForm);
    }
}

void MainWindow::showWholeCurveForm()
{
    QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest); // the hints of the new texts
    const QList<int> sizes = m_rows->sizes();
    const int wanted = m_explorer->curvePanel()->sizeHint().height();
    if (sizes.size() == 2 && sizes[1] < wanted)
        m_rows->setSizes({sizes[0] + sizes[1] - wanted, wanted});
}

void MainWindow::retranslate()
{
    m_status.retranslate();
    m_explorer->retranslate();
    updateTitle();
    m_menus->retranslate();
}

void MainWindow::updateTitle()
{
    const QString model = m_explorer->modelName();
    setWindowTitle(model.isEmpty() ? tr("AdvLens") : tr("AdvLens — %1").arg(model));
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    m_gallery->close(); // a gallery left open would keep the application running
    if (m_studies)
        m_studies->close();
    if (m_presenting)
        togglePresentation(false); // remember the normal layout, not the presentation one
    m_settings.setWindowGeometry(saveGeometry());
    m_settings.setSplitterState(QStringLiteral("controls"), m_columns->saveState());
    m_settings.setSplitterState(QStringLiteral("explorer"), m_explorerRow->saveState());
    m_settings.setSplitterState(QStringLiteral("curves"), m_rows->saveState());
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
        if (path.endsWith(QLatin1String(".json"), Qt::CaseInsensitive))
            m_explorer->openModel(path, /*asked=*/true);
        else
            m_explorer->openImage(path, /*asked=*/true);
        event->acceptProposedAction();
    }
}

void MainWindow::togglePresentation(bool on)
{
    // Larger fonts everywhere (the charts follow the widget font) and the whole screen.
    static const QFont normalFont = QApplication::font();
    m_presenting = on;
    QFont font = normalFont;
    if (on)
        font.setPointSizeF(normalFont.pointSizeF() * kPresentationFontScale);
    QApplication::setFont(font);
    if (on)
        showFullScreen();
    else
        showNormal();
    m_explorer->curvePanel()->setVisible(!on); // in class the explorer gets the whole screen
}

} // namespace advlens::ui
