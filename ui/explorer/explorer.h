#pragma once

#include "ui/jobs/workerthread.h"
#include "ui/settings/appsettings.h"
#include "ui/workers/modelsummary.h"
#include "ui/workers/prediction.h"
#include "ui/workers/runtimeoptions.h"

#include <QObject>

class QAction;
class QWidget;

namespace advlens::ui {

class AttackController;
class AttackPanel;
class CurveController;
class CurvePanel;
class ImagePanel;
class IterationTimeline;
class MessageBanner;
class ModelPanel;
class ModelWorker;
class PredictionPanel;
class ResultExporter;
class SaliencyController;
class SaliencyPanel;
class StatusMessage;
class TestSetBrowser;

/// The explorer's wiring: the model worker on its thread, the panels, and the
/// controllers that run the attack, saliency and curve loops. It asks the
/// worker for a model or an image (the latest request wins) and hands the
/// answers to the panels. It makes the panels and lays none of them out: the
/// window (mainwindow.h) places them.
class Explorer : public QObject {
    Q_OBJECT

public:
    /// The panels are made as children of `window`, which also parents the
    /// message boxes; `openModelAction` is the model panel's button, and
    /// `status` (which must outlive this) the window's status line.
    Explorer(const RuntimeOptions& options, QAction* openModelAction, StatusMessage* status, QWidget* window);
    ~Explorer() override;

    /// Opens `path`; when empty, the model used last time, else the default zoo model.
    void openStartupModel(const QString& path);
    /// `asked`: a person chose it (a dialog, a menu, a drop), so a failure
    /// gets a message box as well as the banner.
    void openModel(const QString& path, bool asked = false);
    void openImage(const QString& path, bool asked = false);
    void showTestImage(int index, bool asked = false);
    /// A gallery image (a file, or a Fashion-MNIST test image when
    /// `testIndex` ≥ 0), with the saliency maps switched on.
    void showGalleryImage(const QString& path, int testIndex);
    /// The device the explorer's model and the curves compute on ("cpu", "cuda").
    void setDevice(const QString& device);
    /// A notice about how the program was started, shown in the banner now
    /// and again once the first model has opened.
    void setStartupNotice(const QString& notice);
    /// Saves the last attack's figure, numbers and images as STEM-*.
    void exportResultTo(const QString& stem);
    /// Shows `message` in the banner and the status line, and in a message
    /// box when the person asked for what failed.
    void reportProblem(const QString& message, bool userAsked);
    /// Lists the attacks again: their names are translated when listed.
    void retranslate();

    QString modelName() const { return m_modelName; }
    AttackController* attacks() const { return m_attacks; }
    SaliencyController* saliency() const { return m_saliency; }

    ModelPanel* modelPanel() const { return m_modelPanel; }
    ImagePanel* imagePanel() const { return m_imagePanel; }
    TestSetBrowser* browser() const { return m_browser; }
    PredictionPanel* predictionPanel() const { return m_predictionPanel; }
    MessageBanner* banner() const { return m_banner; }
    AttackPanel* attackPanel() const { return m_attackPanel; }
    IterationTimeline* timeline() const { return m_timeline; }
    CurvePanel* curvePanel() const { return m_curvePanel; }
    SaliencyPanel* saliencyPanel() const { return m_saliencyPanel; }

Q_SIGNALS:
    void modelOpened(const advlens::ui::ModelSummary& summary);
    /// The worker computes on `device` now.
    void deviceChanged(const QString& device);
    /// The device asked for was refused (`message` is then shown): the CPU it is.
    void deviceFailed(const QString& message);
    /// An opened image file went into the settings' recent images.
    void recentImagesChanged();

private:
    void createPanels(QAction* openModelAction);
    void onModelLoaded(quint64 generation, const ModelSummary& summary);
    void onModelLoadFailed(quint64 generation, const QString& message);
    void onPredictionReady(quint64 generation, const Prediction& prediction);
    void onPredictionFailed(quint64 generation, const QString& message);
    void onDeviceChanged(const QString& device);

    QWidget* m_window;
    StatusMessage* m_status;
    WorkerThread<ModelWorker> m_worker;
    AppSettings m_settings;

    ModelPanel* m_modelPanel = nullptr;
    ImagePanel* m_imagePanel = nullptr;
    TestSetBrowser* m_browser = nullptr;
    PredictionPanel* m_predictionPanel = nullptr;
    MessageBanner* m_banner = nullptr;
    AttackPanel* m_attackPanel = nullptr;
    IterationTimeline* m_timeline = nullptr;
    CurvePanel* m_curvePanel = nullptr;
    SaliencyPanel* m_saliencyPanel = nullptr;
    AttackController* m_attacks = nullptr;
    CurveController* m_curves = nullptr;
    SaliencyController* m_saliency = nullptr;
    ResultExporter* m_exporter = nullptr;
    QString m_startupNotice; ///< shown until the first model has opened, then once more

    // Generations of the latest requests: older answers are ignored. The
    // "asked" ones came from a person, so their failures get a message box.
    quint64 m_modelRequest = 0;
    quint64 m_imageRequest = 0;
    quint64 m_askedModelRequest = 0;
    quint64 m_askedImageRequest = 0;
    QString m_imagePath; ///< the image file shown; empty while browsing the test set
    QString m_modelName;
    QString m_modelPath; ///< the open model's metadata
};

} // namespace advlens::ui
