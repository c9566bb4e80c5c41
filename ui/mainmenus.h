#pragma once

#include "ui/settings/appsettings.h"

#include <QObject>

class QAction;
class QActionGroup;
class QMainWindow;
class QMenu;

namespace advlens::ui {

class Explorer;
class LanguageSwitcher;

/// The main window's menus and actions, with the dialogs they open (open a
/// model or an image, paste, export) and the lists they show afresh (zoo
/// models, recent images, sample photos). What they ask of the explorer goes
/// to it directly; what they ask of the window comes out as a signal.
class MainMenus : public QObject {
    Q_OBJECT

public:
    /// Makes the actions, children of `window` (so their shortcuts work
    /// anywhere in it). `languages` must outlive this.
    MainMenus(QMainWindow* window, LanguageSwitcher* languages);

    /// Fills `window`'s menu bar and connects the actions to `explorer`.
    void createMenus(Explorer* explorer);
    void retranslate();

    /// The model panel's and the image column's buttons.
    QAction* openModelAction() const { return m_openModel; }
    QAction* openImageAction() const { return m_openImage; }
    /// File ▸ Zoo: the built-in models, listed afresh each time it opens.
    QMenu* zooMenu() const { return m_zooMenu; }
    /// View ▸ Compute device: CPU, and CUDA when this LibTorch sees a GPU.
    QMenu* deviceMenu() const { return m_deviceMenu; }
    /// File ▸ Sample photos: the embedded demo photos.
    QMenu* samplePhotosMenu() const { return m_samplesMenu; }

Q_SIGNALS:
    void galleryRequested();
    void folderRequested(); ///< File ▸ Open image folder: the gallery asks for one
    void studiesRequested();
    void presentationToggled(bool on);
    void deviceChosen(const QString& device);

private:
    void createActions();
    void chooseModel();
    void chooseImage();
    void pasteImage();
    void exportResult();
    void updateRecentImages();
    void updateZooMenu();
    void updateSamplePhotos();
    void showAbout();

    QMainWindow* m_window;
    LanguageSwitcher* m_languages;
    Explorer* m_explorer = nullptr;
    AppSettings m_settings;

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
    QActionGroup* m_deviceGroup = nullptr;
    QAction* m_cpuDevice = nullptr;
    QAction* m_cudaDevice = nullptr;
    QMenu* m_fileMenu = nullptr;
    QMenu* m_imageMenu = nullptr;
    QMenu* m_recentMenu = nullptr;
    QMenu* m_zooMenu = nullptr;
    QMenu* m_samplesMenu = nullptr;
    QMenu* m_deviceMenu = nullptr;
    QMenu* m_attackMenu = nullptr;
    QMenu* m_viewMenu = nullptr;
    QMenu* m_languageMenu = nullptr;
    QMenu* m_helpMenu = nullptr;
};

} // namespace advlens::ui
