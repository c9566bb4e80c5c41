#pragma once

#include "ui/jobs/workerthread.h"
#include "ui/settings/appsettings.h"
#include "ui/workers/modelsummary.h"
#include "ui/workers/prediction.h"
#include "ui/workers/runtimeoptions.h"

#include <QMainWindow>

#include <functional>
#include <memory>

class QActionGroup;
class QMenu;
class QSplitter;

namespace advlens::ui {

class AttackController;
class AttackPanel;
class CurveController;
class CurvePanel;
class GalleryWindow;
class StudiesWindow;
class ImagePanel;
class IterationTimeline;
class LanguageSwitcher;
class MessageBanner;
class ModelPanel;
class ModelWorker;
class PredictionPanel;
class ResultExporter;
class SaliencyController;
class SaliencyPanel;
class TestSetBrowser;

/// The frame: menus, the panels (attack, saliency and model controls down the
/// left | the three image views with the iteration timeline and test-set
/// browser | prediction and top-k shift, with the robustness curves below
/// these two), the message banner and the status
/// bar. It forwards requests to the model worker on its thread and hands the
/// answers to the panels; the controllers run the attack and curve loops and
/// the panels hold the presentation logic.
class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    /// `languages` must outlive the window (main() owns it).
    MainWindow(const RuntimeOptions& options, LanguageSwitcher* languages, QWidget* parent = nullptr);
    ~MainWindow() override;

    /// A notice about how the window was started (e.g. no CUDA, so the CPU),
    /// shown in the banner now and again once the first model has opened.
    void setStartupNotice(const QString& notice);
    /// Opens `path`; when empty, the model used last time, else the default zoo model.
    void openStartupModel(const QString& path);
    void openModel(const QString& path);
    void openImage(const QString& path);
    void showTestImage(int index);
    /// Saves the last attack's figure, numbers and images as STEM-*.
    void exportResultTo(const QString& stem);
    AttackController* attacks() const { return m_attacks; }
    /// File ▸ Zoo: the built-in models, listed afresh each time it opens.
    QMenu* zooMenu() const { return m_zooMenu; }
    /// View ▸ Compute device: CPU, and CUDA when this LibTorch sees a GPU.
    QMenu* deviceMenu() const { return m_deviceMenu; }
    SaliencyController* saliency() const { return m_saliency; }
    /// The gallery (View ▸ Gallery, File ▸ Open image folder): a window of its
    /// own with a worker and model copy of its own, following this window's model.
    GalleryWindow* gallery() const { return m_gallery.get(); }
    /// The Studies view, made when first asked for (so it starts in the current language).
    StudiesWindow* studies();
    /// File ▸ Sample photos: the embedded demo photos.
    QMenu* samplePhotosMenu() const { return m_samplesMenu; }
    /// Shows a gallery image here, with the saliency maps switched on: a file
    /// (`path`) or a Fashion-MNIST test image (`testIndex` ≥ 0).
    void openFromGallery(const QString& path, int testIndex);

protected:
    void changeEvent(QEvent* event) override;
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void createActions();
    void createMenus();
    void createPanels();
    void retranslate();

    void chooseModel();
    void chooseImage();
    void pasteImage();
    void exportResult();
    void updateRecentImages();
    void updateZooMenu();
    void updateSamplePhotos();
    void togglePresentation(bool on);
    void showAbout();

    void onModelLoaded(quint64 generation, const ModelSummary& summary);
    void onModelLoadFailed(quint64 generation, const QString& message);
    void onPredictionReady(quint64 generation, const Prediction& prediction);
    void onPredictionFailed(quint64 generation, const QString& message);
    void reportProblem(const QString& message, bool userAsked);
    static constexpr int kStatusTimeoutMs = 8000;
    /// Shows `text()` in the status bar for `timeoutMs` (0: until replaced),
    /// and words it again when the language changes while it is shown.
    void showStatus(std::function<QString()> text, int timeoutMs = kStatusTimeoutMs);

    RuntimeOptions m_options; ///< with the model cache every worker shares
    WorkerThread<ModelWorker> m_worker;
    LanguageSwitcher* m_languages;
    AppSettings m_settings;

    ModelPanel* m_modelPanel = nullptr;
    ImagePanel* m_imagePanel = nullptr;
    TestSetBrowser* m_browser = nullptr;
    PredictionPanel* m_predictionPanel = nullptr;
    MessageBanner* m_banner = nullptr;
    QString m_startupNotice; ///< shown until the first model has opened, then once more
    AttackPanel* m_attackPanel = nullptr;
    IterationTimeline* m_timeline = nullptr;
    CurvePanel* m_curvePanel = nullptr;
    AttackController* m_attacks = nullptr;
    CurveController* m_curves = nullptr;
    SaliencyPanel* m_saliencyPanel = nullptr;
    SaliencyController* m_saliency = nullptr;
    ResultExporter* m_exporter = nullptr;
    std::unique_ptr<GalleryWindow> m_gallery; ///< top-level, so it never cramps the explorer
    std::unique_ptr<StudiesWindow> m_studies;
    QSplitter* m_columns = nullptr;  ///< controls (the whole height) | the rows
    QSplitter* m_rows = nullptr;     ///< explorer over curves
    QSplitter* m_explorer = nullptr; ///< images | prediction
    std::function<QString()> m_statusText; ///< the status bar's latest message, in the current language
    QString m_statusShown;                 ///< as shown, to tell whether it is still there
    int m_statusTimeoutMs = 0;

    QAction* m_openModel = nullptr;
    QAction* m_openImage = nullptr;
    QAction* m_openFolder = nullptr;
    QAction* m_showGallery = nullptr;
    QAction* m_showStudies = nullptr;
    QAction* m_pasteImage = nullptr;
    QAction* m_exportResult = nullptr;
    QAction* m_runAttack = nullptr;
    QAction* m_cancelAttack = nullptr;
    QAction* m_presentation = nullptr;
    QAction* m_quit = nullptr;
    QAction* m_about = nullptr;
    QActionGroup* m_languageGroup = nullptr;
    QMenu* m_fileMenu = nullptr;
    QMenu* m_imageMenu = nullptr;
    QMenu* m_recentMenu = nullptr;
    QMenu* m_zooMenu = nullptr;
    QMenu* m_samplesMenu = nullptr;
    QMenu* m_deviceMenu = nullptr;
    QActionGroup* m_deviceGroup = nullptr;
    QAction* m_cpuDevice = nullptr;
    QAction* m_cudaDevice = nullptr;
    QMenu* m_attackMenu = nullptr;
    QMenu* m_viewMenu = nullptr;
    QMenu* m_languageMenu = nullptr;
    QMenu* m_helpMenu = nullptr;

    // Generations of the latest requests: older answers are ignored. The
    // "asked" ones came from a dialog, so their failures get a message box.
    quint64 m_modelRequest = 0;
    quint64 m_imageRequest = 0;
    quint64 m_askedModelRequest = 0;
    quint64 m_askedImageRequest = 0;
    QString m_imagePath; ///< the image file shown; empty while browsing the test set
    QString m_modelName;
    QString m_modelPath; ///< the open model's metadata
};

} // namespace advlens::ui
