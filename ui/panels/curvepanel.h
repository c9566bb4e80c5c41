#pragma once

#include "ui/workers/attackcatalog.h"
#include "ui/workers/curverequest.h"

#include <QList>
#include <QStringList>
#include <QWidget>

#include <functional>
#include <optional>

class QLabel;
class QProgressBar;
class QPushButton;

namespace advlens::ui {

class CurveDataSource;
class CurveRunForm;
class MessageBanner;
class RobustnessCurvePlot;

/// Robustness curves, live: the controls of one run (curverunform.h) with Run,
/// Cancel, Clear and Export, a plot where every run is a series of its own,
/// progress, and gradient-masking warnings. The panel computes
/// nothing: Run emits runRequested() with a validated request, and whoever
/// computes the curve feeds points back through the slots. One run at a time.
class CurvePanel : public QWidget {
    Q_OBJECT

public:
    explicit CurvePanel(QWidget* parent = nullptr);

    /// The attacks to offer, from their descriptions (attackCatalog()): each
    /// one's label, whether it needs input gradients, and the norms and steps
    /// it takes (the others are greyed out while it is chosen).
    void setAttacks(const QList<AttackChoice>& attacks);
    /// Off for a model that gives no input gradients: the attacks that need
    /// them are greyed out and a run of one is refused with `reason`.
    void setGradientsAvailable(bool available, const QString& reason = {});
    /// The model the next runs use; it goes into the series labels.
    void setModelName(const QString& name);
    /// The open model's input shape. The Fashion-MNIST test set is offered
    /// only to a model that takes it (`takesFashionMnist`); for any other the
    /// data must be a folder of images, and a note over the plot says why.
    void setModelInput(int channels, int height, int width, bool takesFashionMnist);
    /// The labelled images the next runs use (see CurveDataSource).
    CurveDataSource* dataSource() const;
    bool isRunning() const { return m_running.has_value(); }
    /// The request the controls describe, or nothing when an input is wrong
    /// (the message is then shown next to that input).
    std::optional<CurveRequest> validatedRequest();
    RobustnessCurvePlot* plot() const { return m_plot; }
    QString statusText() const;

public Q_SLOTS:
    /// Validates the controls; emits runRequested() and enters the running state.
    void run();
    /// Optional: the worker began computing `series`.
    void curveStarted(int series);
    void addPoint(const CurvePointValue& point);
    void setProgress(qint64 done, qint64 total);
    void curveFinished(bool cancelled);
    void curveFailed(const QString& message);
    /// Gradient-masking warnings of the latest run (empty: none, hidden).
    void setWarnings(const QStringList& warnings);
    void clear();
    /// Asks for a file name and format (PNG, PDF, CSV) and writes the plot.
    void exportPlot();
    /// Writes the plot as PNG, PDF or CSV, chosen by the file's suffix.
    bool exportTo(const QString& path);

Q_SIGNALS:
    void runRequested(const advlens::ui::CurveRequest& request);
    void cancelRequested();

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();
    void updateDataHint();
    /// Before any point, the plot's x axis and range are the form's.
    void showPlannedAxis();
    void setRunning(bool running);
    /// `text` words the status in the current language, again after a language switch.
    void setStatus(std::function<QString()> text, bool error = false);
    void updateStatus();

    CurveRunForm* m_form;
    QLabel* m_dataHint; ///< over the plot: why only folders, for a model of other images than Fashion-MNIST's
    QPushButton* m_run;
    QPushButton* m_cancel;
    QPushButton* m_clear;
    QPushButton* m_export;
    RobustnessCurvePlot* m_plot;
    QLabel* m_status;
    QProgressBar* m_progress;
    MessageBanner* m_warnings;
    QString m_modelName;
    int m_inputChannels = 1, m_inputHeight = 28, m_inputWidth = 28;
    std::optional<CurveRequest> m_running; ///< the run in progress
    int m_pointsOfRun = 0;
    bool m_allLinf = true;                 ///< every series so far is ℓ∞
    std::function<QString()> m_statusText; ///< empty: no status
};

} // namespace advlens::ui
