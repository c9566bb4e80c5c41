#include "ui/explorer/explorer.h"

#include "ui/controllers/attackcontroller.h"
#include "ui/controllers/curvecontroller.h"
#include "ui/controllers/resultexporter.h"
#include "ui/controllers/saliencycontroller.h"
#include "ui/panels/attackpanel.h"
#include "ui/panels/curvepanel.h"
#include "ui/panels/imagepanel.h"
#include "ui/panels/iterationtimeline.h"
#include "ui/panels/messagebanner.h"
#include "ui/panels/modelpanel.h"
#include "ui/panels/predictionpanel.h"
#include "ui/panels/saliencypanel.h"
#include "ui/panels/testsetbrowser.h"
#include "ui/statusmessage.h"
#include "ui/views/imagecomparisonview.h"
#include "ui/workers/attackcatalog.h"
#include "ui/workers/modelworker.h"

#include <QDir>
#include <QFileInfo>
#include <QMessageBox>
#include <QSlider>
#include <QStandardPaths>
#include <QWidget>

namespace advlens::ui {

Explorer::Explorer(const RuntimeOptions& options, QAction* openModelAction, StatusMessage* status, QWidget* window)
    : QObject(window)
    , m_window(window)
    , m_status(status)
    , m_worker(std::make_unique<ModelWorker>(options), QStringLiteral("ModelWorker"))
{
    connect(m_worker.worker(), &ModelWorker::modelLoaded, this, &Explorer::onModelLoaded);
    connect(m_worker.worker(), &ModelWorker::modelLoadFailed, this, &Explorer::onModelLoadFailed);
    connect(m_worker.worker(), &ModelWorker::predictionReady, this, &Explorer::onPredictionReady);
    connect(m_worker.worker(), &ModelWorker::predictionFailed, this, &Explorer::onPredictionFailed);
    connect(m_worker.worker(), &ModelWorker::deviceChanged, this, &Explorer::onDeviceChanged);
    connect(m_worker.worker(), &ModelWorker::deviceFailed, this, [this](const QString& message) {
        Q_EMIT deviceFailed(message);
        reportProblem(message, true);
    });

    createPanels(openModelAction);
    m_curves = new CurveController(options, m_curvePanel, this);
}

// m_worker, destroyed first, drops its jobs and ends its thread (WorkerThread);
// the controllers go next, and the panels (the window's children) after them.
Explorer::~Explorer() = default;

void Explorer::createPanels(QAction* openModelAction)
{
    m_modelPanel = new ModelPanel(openModelAction, m_window);
    m_imagePanel = new ImagePanel(m_window);
    m_browser = new TestSetBrowser(m_window);
    m_browser->setEnabled(false); // until a model that takes Fashion-MNIST is open
    connect(m_browser, &TestSetBrowser::indexChosen, this, [this](int index) { showTestImage(index); });
    m_predictionPanel = new PredictionPanel(m_window);
    m_banner = new MessageBanner(m_window);
    m_banner->setObjectName(QStringLiteral("windowBanner")); // the curve panel has a banner of its own
    m_attackPanel = new AttackPanel(m_window);
    m_attackPanel->setEnabled(false); // until an image is shown
    m_timeline = new IterationTimeline(m_window);
    m_curvePanel = new CurvePanel(m_window);
    m_saliencyPanel = new SaliencyPanel(m_window);

    m_attacks = new AttackController(m_worker.worker(), m_attackPanel, m_imagePanel->view(), m_predictionPanel,
                                     m_timeline, this);
    connect(m_attacks, &AttackController::problemOccurred, this,
            [this](const QString& message) { reportProblem(message, false); });
    m_exporter = new ResultExporter(m_worker.worker(), m_imagePanel, m_predictionPanel, this);
    connect(m_exporter, &ResultExporter::finished, this, [this](const QStringList& files) {
        m_status->show(
            [files] { return tr("Saved %1 files: %2").arg(files.size()).arg(files.join(QStringLiteral(", "))); });
    });
    connect(m_exporter, &ResultExporter::failed, this,
            [this](const QString& message) { reportProblem(message, true); });
    m_saliency = new SaliencyController(m_worker.worker(), m_saliencyPanel, m_attacks, m_imagePanel->view(), this);
    connect(m_saliency, &SaliencyController::problemOccurred, this,
            [this](const QString& message) { reportProblem(message, false); });
}

void Explorer::openStartupModel(const QString& path)
{
    const QString last = m_settings.lastModelPath();
    if (!path.isEmpty() || last.isEmpty() || !QFileInfo::exists(last))
        openModel(path); // empty: the worker looks for the default model
    else
        openModel(last);
}

void Explorer::openModel(const QString& path, bool asked)
{
    m_modelRequest = m_worker->requestModel(path);
    if (asked)
        m_askedModelRequest = m_modelRequest;
    m_status->show([] { return tr("Opening model…"); }, /*timeoutMs=*/0);
}

void Explorer::openImage(const QString& path, bool asked)
{
    m_imagePath = path;
    m_imageRequest = m_worker->requestImageFile(path);
    if (asked)
        m_askedImageRequest = m_imageRequest;
}

void Explorer::showTestImage(int index, bool asked)
{
    m_imagePath.clear();
    m_imageRequest = m_worker->requestTestImage(index);
    if (asked)
        m_askedImageRequest = m_imageRequest;
}

void Explorer::showGalleryImage(const QString& path, int testIndex)
{
    if (testIndex >= 0)
        showTestImage(testIndex, /*asked=*/true);
    else
        openImage(path, /*asked=*/true);
    m_saliencyPanel->setShown(true); // what the model looked at, for this image
}

void Explorer::setDevice(const QString& device)
{
    m_worker->requestDevice(device);
    m_curves->setDevice(device);
}

void Explorer::setStartupNotice(const QString& notice)
{
    m_startupNotice = notice;
    m_banner->showMessage(notice);
}

void Explorer::exportResultTo(const QString& stem)
{
    if (!m_attacks->outcome())
        return;
    m_timeline->setPosition(m_timeline->slider()->maximum()); // the figure shows the final result
    m_exporter->exportOutcome(stem, *m_attacks->outcome(), m_modelName);
}

void Explorer::retranslate()
{
    const QList<AttackChoice> attacks = attackCatalog();
    m_attackPanel->setAttacks(attacks);
    m_curvePanel->setAttacks(attacks); // greys out the norms and steps an attack does not take
}

void Explorer::onModelLoaded(quint64 generation, const ModelSummary& summary)
{
    if (generation != m_modelRequest)
        return;
    m_modelName = summary.name;
    m_settings.setLastModelPath(summary.path);
    m_modelPanel->setSummary(summary);
    m_modelPath = summary.path;
    m_attackPanel->setClassNames(summary.classNames);
    m_attackPanel->setInputShape(summary.channels, summary.height, summary.width);
    m_saliencyPanel->setLayers(summary.featureLayers);
    m_attackPanel->setGradientsAvailable(summary.hasInputGradients, summary.noGradientReason);
    m_saliencyPanel->setGradientsAvailable(summary.hasInputGradients, summary.noGradientReason);
    m_curvePanel->setGradientsAvailable(summary.hasInputGradients, summary.noGradientReason);
    m_curves->setModel(summary.path, summary.name);
    m_curvePanel->setModelInput(summary.channels, summary.height, summary.width, summary.takesFashionMnist);
    Q_EMIT modelOpened(summary); // the device menu, the gallery and the window title follow
    m_banner->clearMessage();
    if (!m_startupNotice.isEmpty()) {
        m_banner->showMessage(m_startupNotice);
        m_startupNotice.clear();
    }
    m_status->show([name = summary.name] { return tr("Opened model %1.").arg(name); });
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

void Explorer::onModelLoadFailed(quint64 generation, const QString& message)
{
    if (generation == m_modelRequest)
        reportProblem(message, generation == m_askedModelRequest);
}

void Explorer::onPredictionReady(quint64 generation, const Prediction& prediction)
{
    if (generation != m_imageRequest)
        return;
    m_imagePanel->setPrediction(prediction);
    m_predictionPanel->setPrediction(prediction);
    if (prediction.testIndex >= 0)
        m_browser->setIndex(prediction.testIndex);
    // Pasted pictures are kept in the cache folder: they are not worth a recent entry.
    if (!prediction.sourcePath.isEmpty() && QFileInfo(prediction.sourcePath).dir() !=
                                                QDir(QStandardPaths::writableLocation(QStandardPaths::CacheLocation))) {
        m_settings.addRecentImage(prediction.sourcePath);
        Q_EMIT recentImagesChanged();
    }
    m_banner->clearMessage();
    m_attacks->imageChanged(prediction);
}

void Explorer::onPredictionFailed(quint64 generation, const QString& message)
{
    if (generation != m_imageRequest)
        return;
    // A stale prediction beside a different image would mislead: clear both.
    m_imagePanel->clear();
    m_predictionPanel->clear();
    m_attacks->imageCleared();
    reportProblem(message, generation == m_askedImageRequest);
}

void Explorer::onDeviceChanged(const QString& device)
{
    Q_EMIT deviceChanged(device);
    m_status->show([device] { return tr("Computing on %1.").arg(device); });
    if (!m_modelPath.isEmpty())
        openModel(m_modelPath); // shows the device in the model panel, and classifies again
}

void Explorer::reportProblem(const QString& message, bool userAsked)
{
    m_banner->showMessage(message);
    m_status->show([message] { return message; });
    if (userAsked)
        QMessageBox::warning(m_window, tr("AdvLens"), message);
}

} // namespace advlens::ui
