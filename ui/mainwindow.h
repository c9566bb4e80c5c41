#pragma once

#include "ui/settings/appsettings.h"
#include "ui/statusmessage.h"
#include "ui/workers/runtimeoptions.h"

#include <QMainWindow>

#include <memory>

class QMenu;
class QSplitter;

namespace advlens::ui {

class AttackController;
class Explorer;
class GalleryWindow;
class LanguageSwitcher;
class MainMenus;
class SaliencyController;
class StudiesWindow;

/// The frame: the menus (mainmenus.h), the explorer's panels (explorer.h)
/// laid out in splitters — attack, saliency and model controls down the left
/// | the three image views with the iteration timeline and test-set browser |
/// prediction and top-k shift, with the robustness curves below these two —
/// the message banner and the status bar; and the gallery and Studies
/// windows, which follow this window's model and device.
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
    Explorer* explorer() const { return m_explorer; }
    AttackController* attacks() const;
    SaliencyController* saliency() const;
    /// File ▸ Zoo: the built-in models, listed afresh each time it opens.
    QMenu* zooMenu() const;
    /// View ▸ Compute device: CPU, and CUDA when this LibTorch sees a GPU.
    QMenu* deviceMenu() const;
    /// File ▸ Sample photos: the embedded demo photos.
    QMenu* samplePhotosMenu() const;
    /// The gallery (View ▸ Gallery, File ▸ Open image folder): a window of its
    /// own with a worker and model copy of its own, following this window's model.
    GalleryWindow* gallery() const { return m_gallery.get(); }
    /// The Studies view, made when first asked for (so it starts in the current language).
    StudiesWindow* studies();
    /// Shows a gallery image here, with the saliency maps switched on: a file
    /// (`path`) or a Fashion-MNIST test image (`testIndex` ≥ 0).
    void openFromGallery(const QString& path, int testIndex);

protected:
    void changeEvent(QEvent* event) override;
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void createLayout();
    void retranslate();
    void updateTitle(); ///< names the open model
    /// Makes the curve row as tall as its panel asks, where it is shorter.
    void showWholeCurveForm();
    void togglePresentation(bool on);

    RuntimeOptions m_options; ///< with the model cache every worker shares
    AppSettings m_settings;
    StatusMessage m_status;
    MainMenus* m_menus = nullptr;
    Explorer* m_explorer = nullptr;
    std::unique_ptr<GalleryWindow> m_gallery; ///< top-level, so it never cramps the explorer
    std::unique_ptr<StudiesWindow> m_studies;
    QSplitter* m_columns = nullptr;     ///< controls (the whole height) | the rows
    QSplitter* m_rows = nullptr;        ///< explorer over curves
    QSplitter* m_explorerRow = nullptr; ///< images | prediction
    bool m_presenting = false;
};

} // namespace advlens::ui
