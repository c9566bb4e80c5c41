#pragma once

#include "ui/jobs/workerthread.h"
#include "ui/studies/studyfigures.h"
#include "ui/workers/runtimeoptions.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace advlens::ui {

class StudyFigureBrowser;
class StudyWorker;

/// The Studies view: picks a built-in study (core's registry,
/// core/studies/studyregistry.h) or a config file, runs it on a worker
/// thread with progress and cancel (finished parts are kept, so a later run
/// resumes), and shows a finished study's figures — Su et al.'s scatter plots,
/// the transfer heat maps (click a cell for the images that crossed over) and
/// the curves with their gradient-masking checks, Deep Defense's table, as
/// each study's view (studyviews.h) draws them — with its HTML report. A
/// results.json of a newer schema version is refused with a line in the status.
class StudiesWindow : public QWidget {
    Q_OBJECT

public:
    explicit StudiesWindow(const RuntimeOptions& options, QWidget* parent = nullptr);
    ~StudiesWindow() override;

    /// Shows the window and, when the chosen study's folder holds results, them.
    void present();
    /// Shows the results in `folder`; false (and a message in the status line) when it holds none.
    /// For an unfinished split study the status line then names, once a
    /// background look has found them, the work items still missing.
    bool openResults(const QString& folder);
    /// Starts the chosen study (or `configFile` when not empty) into the output folder.
    void runStudy(const QString& configFile = {});
    void cancel();
    bool isRunning() const { return m_running; }

    /// For tests and the screenshots: the figures shown and the output folder.
    const QVector<StudyFigure>& figures() const;
    void showFigure(int index);
    QString outputFolder() const;
    void setOutputFolder(const QString& folder);
    void setImages(int images);
    /// An index into core's registry of studies (core::studies()).
    void setStudy(int index);

Q_SIGNALS:
    /// A run ended: finished (results shown), cancelled, or failed (message shown).
    void runEnded(bool finished);

protected:
    /// On a language switch the controls are retranslated and the shown
    /// study's figures drawn again, since their titles and axes are texts too.
    void changeEvent(QEvent* event) override;

private:
    void retranslate();
    void studyChanged();
    void chooseFolder();
    void chooseResults();
    void chooseConfig();
    void finished(const QString& folder, bool cancelled, qint64 computed, qint64 reused);
    void failed(const QString& message);
    void setRunning(bool running);
    /// The answer of look `look` for what an unfinished study lacks.
    void showUnfinished(quint64 look, const QString& text);
    QString builtInConfig(int images) const;
    QString defaultFolder() const;

    WorkerThread<StudyWorker> m_worker;
    quint64 m_request = 0; ///< the run whose answers are shown
    quint64 m_unfinishedLook = 0; ///< the last opened folder's look for missing parts
    bool m_running = false;
    StudyResults m_results; ///< the results shown

    QLabel* m_studyLabel;
    QLabel* m_imagesLabel;
    QLabel* m_folderLabel;
    QComboBox* m_study;
    QSpinBox* m_images;
    QLineEdit* m_folder;
    QPushButton* m_browse;
    QPushButton* m_run;
    QPushButton* m_runConfig;
    QPushButton* m_cancel;
    QPushButton* m_openResults;
    QPushButton* m_openReport;
    QProgressBar* m_progress;
    QLabel* m_status;
    StudyFigureBrowser* m_figures;
    QPlainTextEdit* m_log;
};

} // namespace advlens::ui
