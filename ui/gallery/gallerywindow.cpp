#include "ui/gallery/gallerywindow.h"

#include "ui/gallery/confusionmodel.h"
#include "ui/gallery/confusionpanel.h"
#include "ui/gallery/galleryattackbar.h"
#include "ui/gallery/gallerycsv.h"
#include "ui/gallery/gallerydelegate.h"
#include "ui/gallery/galleryfilterbar.h"
#include "ui/gallery/galleryfilterproxy.h"
#include "ui/gallery/gallerymodel.h"
#include "ui/gallery/gallerysourcebar.h"
#include "ui/gallery/gallerysummary.h"
#include "ui/gallery/galleryviews.h"
#include "ui/panels/messagebanner.h"
#include "ui/views/screenfit.h"
#include "ui/workers/attackcatalog.h"
#include "ui/workers/modelsummary.h"

#include <QCloseEvent>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QShortcut>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace advlens::ui {

namespace {

const QSize kDefaultSize(1280, 820);
constexpr int kSummaryIntervalMs = 250; ///< while batches stream in

} // namespace

GalleryWindow::GalleryWindow(const RuntimeOptions& options, QWidget* parent)
    : QWidget(parent, Qt::Window)
    , m_controller(new GalleryController(options, this))
    , m_model(new GalleryModel(this))
    , m_proxy(new GalleryFilterProxy(m_model, this))
    , m_confusion(new ConfusionModel(m_model, this))
{
    setObjectName(QStringLiteral("galleryWindow"));
    m_summaryTimer.setSingleShot(true);
    m_summaryTimer.setInterval(kSummaryIntervalMs);
    connect(&m_summaryTimer, &QTimer::timeout, this, [this] {
        m_confusion->refresh();
        m_confusionPanel->showChosenClass(m_proxy->trueClass());
    });
    createViews();
    connectController();
    m_sourceBar->setFashionMnistImages(m_settings.fashionMnistImages());
    retranslate();
    setBusy(false);
    if (!restoreGeometry(m_settings.windowGeometry()))
        resize(fitToScreen(*this, kDefaultSize));
    m_splitter->restoreState(m_settings.splitterState());
}

GalleryWindow::~GalleryWindow() = default;

void GalleryWindow::createViews()
{
    m_sourceBar = new GallerySourceBar(this);
    m_banner = new MessageBanner(this);
    m_banner->setObjectName(QStringLiteral("galleryBanner"));
    m_filterBar = new GalleryFilterBar(m_proxy, this);
    m_attackBar = new GalleryAttackBar(this);

    m_views = new GalleryViews(m_proxy, this);
    m_confusionPanel = new ConfusionPanel(m_confusion, this);

    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->addWidget(m_views);
    m_splitter->addWidget(m_confusionPanel);
    m_splitter->setStretchFactor(0, 1);
    m_splitter->setChildrenCollapsible(false);
    m_splitter->setSizes({800, 480}); // the table has eight columns, the confusion summary five

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_sourceBar);
    layout->addWidget(m_banner);
    layout->addWidget(m_filterBar);
    layout->addWidget(m_attackBar);
    layout->addWidget(m_splitter, 1);
    layout->addWidget(createFooter());

    new QShortcut(QKeySequence::Close, this, this, &QWidget::close);
    connect(m_sourceBar, &GallerySourceBar::folderRequested, this, &GalleryWindow::chooseFolder);
    connect(m_sourceBar, &GallerySourceBar::fashionMnistRequested, this, &GalleryWindow::openFashionMnist);
    connect(m_sourceBar, &GallerySourceBar::cancelRequested, this, &GalleryWindow::cancel);
    connect(m_attackBar, &GalleryAttackBar::attackRequested, this, &GalleryWindow::runAttack);
    connect(m_views, &GalleryViews::activated, this, &GalleryWindow::openItem);
    connect(m_confusionPanel, &ConfusionPanel::classChosen, this, &GalleryWindow::chooseClass);
    connect(m_proxy, &GalleryFilterProxy::filterChanged, this,
            [this] { m_confusionPanel->showChosenClass(m_proxy->trueClass()); });
    // One order for both views: the bar's choice shows in the table's header and back.
    QHeaderView* header = m_views->table()->horizontalHeader();
    connect(header, &QHeaderView::sortIndicatorChanged, m_filterBar, &GalleryFilterBar::showSort);
    connect(m_filterBar, &GalleryFilterBar::sortChosen, this,
            [header](int column, Qt::SortOrder order) { header->setSortIndicator(column, order); });
    connect(m_model, &QAbstractItemModel::rowsInserted, this, [this] { m_summaryTimer.start(); });
    connect(m_model, &QAbstractItemModel::dataChanged, this, [this] { m_summaryTimer.start(); });
}

QWidget* GalleryWindow::createFooter()
{
    auto* footer = new QWidget(this);
    m_legend = new QLabel(footer);
    m_hint = new QLabel(footer);
    m_hint->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_export = new QPushButton(footer);
    m_export->setObjectName(QStringLiteral("exportCsv"));
    connect(m_export, &QPushButton::clicked, this, &GalleryWindow::chooseCsvFile);
    auto* layout = new QHBoxLayout(footer);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_legend);
    layout->addSpacing(16);
    layout->addWidget(m_hint, 1);
    layout->addWidget(m_export);
    return footer;
}

void GalleryWindow::connectController()
{
    connect(m_controller, &GalleryController::sourceOpened, this, &GalleryWindow::onSourceOpened);
    connect(m_controller, &GalleryController::batchClassified, this, [this](const GalleryBatch& batch) {
        m_model->append(batch.items);
        if (!batch.unreadable.isEmpty()) {
            m_unreadable << batch.unreadable;
            m_sourceBar->setUnreadable(m_unreadable);
        }
    });
    connect(m_controller, &GalleryController::batchAttacked, m_model, &GalleryModel::applyAttack);
    connect(m_controller, &GalleryController::progressed, m_sourceBar, &GallerySourceBar::setProgress);
    connect(m_controller, &GalleryController::jobFinished, this, &GalleryWindow::onJobFinished);
    connect(m_controller, &GalleryController::jobFailed, this, &GalleryWindow::onJobFailed);
}

void GalleryWindow::setModel(const ModelSummary& summary)
{
    const bool changed = summary.path != m_controller->modelPath();
    m_controller->setModelPath(summary.path);
    m_modelName = summary.name;
    m_takesFashionMnist = summary.takesFashionMnist;
    m_sourceBar->setFashionMnistAvailable(summary.takesFashionMnist,
                                          tr("Model %1 takes %2×%3×%4 images, not Fashion-MNIST's")
                                              .arg(summary.name)
                                              .arg(summary.channels)
                                              .arg(summary.height)
                                              .arg(summary.width));
    if (changed && m_source)
        classify(*m_source); // the same images through the new model
    else
        updateStatus();
}

QListView* GalleryWindow::grid() const
{
    return m_views->grid();
}

QTableView* GalleryWindow::table() const
{
    return m_views->table();
}

QTabWidget* GalleryWindow::views() const
{
    return m_views;
}

void GalleryWindow::setDevice(const QString& device)
{
    m_controller->setDevice(device);
}

void GalleryWindow::present()
{
    if (isMinimized())
        showNormal();
    show();
    raise();
    activateWindow();
}

void GalleryWindow::chooseFolder()
{
    present();
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Open image folder"), m_settings.lastFolder());
    if (!folder.isEmpty())
        openFolder(folder);
}

void GalleryWindow::openFolder(const QString& path)
{
    present();
    m_settings.setLastFolder(path);
    classify(GallerySource::fromFolder(path));
}

void GalleryWindow::openFashionMnist(int images)
{
    present();
    m_settings.setFashionMnistImages(images);
    m_sourceBar->setFashionMnistImages(images);
    classify(GallerySource::fashionMnist(images));
}

void GalleryWindow::classify(const GallerySource& source)
{
    m_source = source;
    m_attack.reset();
    m_unreadable.clear();
    m_sourceBar->setUnreadable({});
    m_banner->clearMessage();
    m_model->clear();
    m_proxy->setTrueClass(-1);
    m_filterBar->setAttackRun(false);
    m_confusion->refresh();
    m_controller->classify(source);
    setBusy(true);
}

void GalleryWindow::runAttack(const AttackRequest& request)
{
    if (m_model->rowCount() == 0) {
        m_banner->showMessage(tr("Classify some images first: open a folder or the Fashion-MNIST test set."));
        return;
    }
    m_banner->clearMessage();
    m_attack = request;
    m_model->clearAttack();
    m_filterBar->setAttackRun(true);
    m_controller->attack(request);
    setBusy(true);
}

void GalleryWindow::cancel()
{
    m_controller->cancel();
}

void GalleryWindow::onSourceOpened(const GallerySourceInfo& info)
{
    m_model->reset(info);
    m_filterBar->setLabelsKnown(info.labelsKnown);
    m_confusion->refresh();
    updateStatus();
}

void GalleryWindow::onJobFinished(GalleryController::Job job, bool cancelled)
{
    m_lastJobCancelled = cancelled;
    setBusy(false);
    m_summaryTimer.stop();
    m_confusion->refresh();
    m_confusionPanel->showChosenClass(m_proxy->trueClass());
    if (job == GalleryController::Job::Classification && m_model->rowCount() == 0 && !cancelled)
        m_banner->showMessage(tr("None of the %n image(s) could be read; see “unreadable”.", nullptr,
                                 static_cast<int>(m_unreadable.size())));
    updateStatus();
}

void GalleryWindow::onJobFailed(GalleryController::Job job, const QString& message)
{
    if (job == GalleryController::Job::Attack)
        m_filterBar->setAttackRun(m_model->hasAttackVerdicts());
    m_lastJobCancelled = false;
    setBusy(false);
    m_confusion->refresh();
    m_banner->showMessage(message);
    updateStatus();
}

void GalleryWindow::setBusy(bool busy)
{
    m_sourceBar->setBusy(busy);
    m_attackBar->runButton()->setEnabled(!busy);
    updateStatus();
}

void GalleryWindow::openItem(const QModelIndex& proxyIndex)
{
    if (!proxyIndex.isValid())
        return;
    const GalleryItem& item = m_model->item(m_proxy->mapToSource(proxyIndex).row());
    Q_EMIT openRequested(item.path, item.testIndex);
}

void GalleryWindow::chooseClass(int trueClass)
{
    m_proxy->setTrueClass(m_proxy->trueClass() == trueClass ? -1 : trueClass);
}

void GalleryWindow::chooseCsvFile()
{
    const QString base = m_source && m_source->kind == GallerySource::Folder ? QFileInfo(m_source->folder).fileName()
                                                                             : QStringLiteral("fashion-mnist");
    const QString folder =
        m_settings.lastFolder().isEmpty() ? QDir::homePath() : QFileInfo(m_settings.lastFolder()).absolutePath();
    QString path = QFileDialog::getSaveFileName(this, tr("Export table as CSV"),
                                                QDir(folder).filePath(base + QStringLiteral("-gallery.csv")),
                                                tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".csv");
    exportCsv(path);
}

bool GalleryWindow::exportCsv(const QString& path)
{
    QString error;
    if (!writeGalleryCsv(path, *m_proxy, &error)) {
        m_banner->showMessage(error);
        return false;
    }
    m_hint->setText(tr("Saved %n row(s) to %1", nullptr, m_proxy->rowCount()).arg(QDir::toNativeSeparators(path)));
    return true;
}

void GalleryWindow::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::LanguageChange)
        retranslate();
}

void GalleryWindow::closeEvent(QCloseEvent* event)
{
    m_settings.setWindowGeometry(saveGeometry());
    m_settings.setSplitterState(m_splitter->saveState());
    QWidget::closeEvent(event);
}

void GalleryWindow::retranslate()
{
    m_attackBar->setAttacks(attackCatalog()); // attack names are translated when listed
    m_views->setTabText(0, tr("Grid"));
    m_views->setTabText(1, tr("Table"));
    const auto mark = [](const QColor& colour, const QString& symbol, const QString& text) {
        return QStringLiteral("<span style=\"color:%1\">%2</span>&nbsp;%3")
            .arg(colour.name(), symbol, text.toHtmlEscaped());
    };
    m_legend->setText(mark(GalleryDelegate::correctColour(), QStringLiteral("■"), tr("correct")) +
                      QStringLiteral("&nbsp;&nbsp; ") +
                      mark(GalleryDelegate::wrongColour(), QStringLiteral("■"), tr("misclassified")) +
                      QStringLiteral("&nbsp;&nbsp; ") +
                      mark(GalleryDelegate::fooledColour(), QStringLiteral("◥"), tr("fooled by the attack")));
    m_hint->setText(tr("Double-click an image (or press Enter) to open it in the explorer with its saliency map."));
    m_export->setText(tr("Export CSV…"));
    m_export->setToolTip(tr("Saves the table as shown (filters and order applied) as CSV"));
    m_model->retranslate();
    updateStatus();
}

void GalleryWindow::updateStatus()
{
    const QString title = tr("AdvLens — Gallery");
    setWindowTitle(m_model->source().description.isEmpty()
                       ? title
                       : QStringLiteral("%1 — %2").arg(title, QDir::toNativeSeparators(m_model->source().description)));
    switch (m_controller->runningJob()) {
    case GalleryController::Job::Classification:
        m_sourceBar->setStatus(tr("Classifying with %1…").arg(m_modelName));
        return;
    case GalleryController::Job::Attack:
        m_sourceBar->setStatus(tr("Attacking every image…"));
        return;
    case GalleryController::Job::None:
        break;
    }
    m_sourceBar->setStatus(m_source ? gallerySummary(*m_model, m_attack, m_lastJobCancelled, m_modelName)
                                    : tr("Open a folder of labelled images (one sub-folder per class) or the "
                                         "Fashion-MNIST test set."));
}

} // namespace advlens::ui
