#pragma once

#include "ui/gallery/gallerycontroller.h"
#include "ui/gallery/gallerysettings.h"
#include "ui/gallery/gallerysource.h"
#include "ui/workers/attackrequest.h"
#include "ui/workers/runtimeoptions.h"

#include <QTimer>
#include <QWidget>

#include <optional>

class QLabel;
class QListView;
class QPushButton;
class QSplitter;
class QTabWidget;
class QTableView;

namespace advlens::ui {

class ConfusionModel;
class ConfusionPanel;
class GalleryAttackBar;
class GalleryFilterBar;
class GalleryFilterProxy;
class GalleryModel;
class GallerySourceBar;
class GalleryViews;
class MessageBanner;
struct GalleryItem;
struct ModelSummary;

/// The gallery of natural adversarial examples: a window of its own (so the
/// explorer keeps its room) that classifies a folder of labelled images or
/// the Fashion-MNIST test set with the explorer's model on a worker of its
/// own, and shows the results as a grid of thumbnails and as a table (one
/// shared filter/sort proxy), with the per-class confusion summary beside
/// them, an attack run over every image, and CSV export. Double-click or
/// Enter on an image asks the explorer to open it (openRequested).
class GalleryWindow : public QWidget {
    Q_OBJECT

public:
    explicit GalleryWindow(const RuntimeOptions& options, QWidget* parent = nullptr);
    ~GalleryWindow() override;

    /// The explorer's model: later jobs use it, and an open gallery is
    /// classified again when it changed.
    void setModel(const ModelSummary& summary);
    void setDevice(const QString& device);

    /// Shows the window and asks for a folder (starting at the last one).
    void chooseFolder();
    void openFolder(const QString& path);
    void openFashionMnist(int images);
    void runAttack(const AttackRequest& request);
    void cancel();
    bool isBusy() const { return m_controller->runningJob() != GalleryController::Job::None; }
    /// Asks for a file name, then exportCsv().
    void chooseCsvFile();
    /// Writes the table as shown (filters and order applied); false on failure (banner says why).
    bool exportCsv(const QString& path);
    /// Brings the window up, in front.
    void present();

    GalleryModel* model() const { return m_model; }
    GalleryFilterProxy* proxy() const { return m_proxy; }
    ConfusionModel* confusion() const { return m_confusion; }
    ConfusionPanel* confusionPanel() const { return m_confusionPanel; }
    QListView* grid() const;
    QTableView* table() const;
    QTabWidget* views() const;
    GallerySourceBar* sourceBar() const { return m_sourceBar; }
    GalleryFilterBar* filterBar() const { return m_filterBar; }
    GalleryAttackBar* attackBar() const { return m_attackBar; }
    MessageBanner* banner() const { return m_banner; }

Q_SIGNALS:
    /// Open this image in the explorer: a file (`path`), or a test image (`testIndex` ≥ 0).
    void openRequested(const QString& path, int testIndex);

protected:
    void changeEvent(QEvent* event) override;
    void closeEvent(QCloseEvent* event) override;

private:
    void createViews();
    QWidget* createFooter();
    void connectController();
    void retranslate();
    void classify(const GallerySource& source);
    void openItem(const QModelIndex& proxyIndex);
    void chooseClass(int trueClass);
    void onSourceOpened(const GallerySourceInfo& info);
    void onJobFinished(GalleryController::Job job, bool cancelled);
    void onJobFailed(GalleryController::Job job, const QString& message);
    void setBusy(bool busy);
    void updateStatus();

    GallerySettings m_settings;
    GalleryController* m_controller;
    GalleryModel* m_model;
    GalleryFilterProxy* m_proxy;
    ConfusionModel* m_confusion;
    GallerySourceBar* m_sourceBar = nullptr;
    MessageBanner* m_banner = nullptr;
    GalleryFilterBar* m_filterBar = nullptr;
    GalleryAttackBar* m_attackBar = nullptr;
    GalleryViews* m_views = nullptr;
    ConfusionPanel* m_confusionPanel = nullptr;
    QSplitter* m_splitter = nullptr;
    QLabel* m_legend = nullptr;
    QLabel* m_hint = nullptr;
    QPushButton* m_export = nullptr;
    QTimer m_summaryTimer; ///< rebuilds the confusion summary a few times a second while batches stream in

    std::optional<GallerySource> m_source; ///< the last one asked for
    QStringList m_unreadable;
    QString m_modelName;
    bool m_takesFashionMnist = true;
    std::optional<AttackRequest> m_attack; ///< the last attack run (or running)
    bool m_lastJobCancelled = false;
};

} // namespace advlens::ui
