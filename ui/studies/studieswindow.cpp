#include "ui/studies/studieswindow.h"

#include "core/studies/studyregistry.h"
#include "ui/studies/studyfigurebrowser.h"
#include "ui/studies/studyreport.h"
#include "ui/studies/studyviews.h"
#include "ui/studies/studyworker.h"
#include "ui/studies/unfinishedstudy.h"

#include <QApplication>
#include <QComboBox>
#include <QDesktopServices>
#include <QDir>
#include <QEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
#include <QShortcut>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QSplitter>
#include <QThread>
#include <QStandardPaths>
#include <QUrl>
#include <QVBoxLayout>

namespace advlens::ui {

StudiesWindow::StudiesWindow(const RuntimeOptions& options, QWidget* parent)
    : QWidget(parent, Qt::Window)
    , m_worker(std::make_unique<StudyWorker>(options), QStringLiteral("StudyWorker"))
    , m_studyLabel(new QLabel(this))
    , m_imagesLabel(new QLabel(this))
    , m_folderLabel(new QLabel(this))
    , m_study(new QComboBox(this))
    , m_images(new QSpinBox(this))
    , m_folder(new QLineEdit(this))
    , m_browse(new QPushButton(this))
    , m_run(new QPushButton(this))
    , m_runConfig(new QPushButton(this))
    , m_cancel(new QPushButton(this))
    , m_openResults(new QPushButton(this))
    , m_openReport(new QPushButton(this))
    , m_progress(new QProgressBar(this))
    , m_status(new QLabel(this))
    , m_figures(new StudyFigureBrowser(this))
    , m_log(new QPlainTextEdit(this))
{
    m_study->setObjectName(QStringLiteral("study"));
    resize(1180, 820);
    // Some lines are long (an unfinished study's missing items): wrap, never widen the window.
    m_status->setWordWrap(true);
    // Answers of a run the window no longer shows (none today: Run is off
    // while one runs) are dropped, as every job's are (jobs/jobtracker.h).
    connect(m_worker.worker(), &StudyWorker::progressed, this, [this](quint64 run, qint64 done, qint64 total) {
        if (run != m_request)
            return;
        m_progress->setRange(0, int(total));
        m_progress->setValue(int(done));
    });
    connect(m_worker.worker(), &StudyWorker::logged, this, [this](quint64 run, const QString& line) {
        if (run == m_request)
            m_log->appendPlainText(line);
    });
    connect(m_worker.worker(), &StudyWorker::finished, this,
            [this](quint64 run, const QString& folder, bool cancelled, qint64 computed, qint64 reused) {
                if (run == m_request)
                    finished(folder, cancelled, computed, reused);
            });
    connect(m_worker.worker(), &StudyWorker::failed, this, [this](quint64 run, const QString& message) {
        if (run == m_request)
            failed(message);
    });

    for (const core::StudyInfo& study : core::studies())
        m_study->addItem(QString(), QString::fromStdString(study.name));
    m_images->setRange(1, 10000);
    m_images->setValue(100);
    m_cancel->setEnabled(false);
    m_progress->setTextVisible(true);
    m_log->setReadOnly(true);
    m_log->setMaximumBlockCount(2000);
    retranslate();

    auto* controls = new QHBoxLayout;
    controls->addWidget(m_studyLabel);
    controls->addWidget(m_study, 2);
    controls->addWidget(m_imagesLabel);
    controls->addWidget(m_images);
    controls->addWidget(m_folderLabel);
    controls->addWidget(m_folder, 3);
    controls->addWidget(m_browse);
    controls->addWidget(m_run);
    controls->addWidget(m_cancel);
    auto* secondRow = new QHBoxLayout;
    secondRow->addWidget(m_runConfig);
    secondRow->addWidget(m_openResults);
    secondRow->addWidget(m_openReport);
    secondRow->addWidget(m_progress, 1);
    secondRow->addWidget(m_status, 2);

    auto* vertical = new QSplitter(Qt::Vertical, this);
    vertical->addWidget(m_figures);
    vertical->addWidget(m_log);
    vertical->setStretchFactor(0, 1);
    vertical->setSizes({740, 70});

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(controls);
    layout->addLayout(secondRow);
    layout->addWidget(vertical, 1);

    connect(m_study, &QComboBox::currentIndexChanged, this, &StudiesWindow::studyChanged);
    connect(m_browse, &QPushButton::clicked, this, &StudiesWindow::chooseFolder);
    connect(m_run, &QPushButton::clicked, this, [this] { runStudy(); });
    connect(m_runConfig, &QPushButton::clicked, this, &StudiesWindow::chooseConfig);
    connect(m_cancel, &QPushButton::clicked, this, &StudiesWindow::cancel);
    connect(m_openResults, &QPushButton::clicked, this, &StudiesWindow::chooseResults);
    connect(m_openReport, &QPushButton::clicked, this, [this] {
        QDesktopServices::openUrl(QUrl::fromLocalFile(QDir(m_results.folder).filePath(QStringLiteral("report.html"))));
    });
    connect(new QShortcut(QKeySequence(Qt::Key_Escape), this), &QShortcut::activated, this, &StudiesWindow::cancel);
    connect(new QShortcut(QKeySequence::Close, this), &QShortcut::activated, this, &QWidget::close);
    studyChanged();
}

StudiesWindow::~StudiesWindow()
{
    // m_worker stops the running study; a look for missing parts is let finish
    // (it reads files only), as its thread is this window's child.
    for (QThread* look : findChildren<QThread*>(QString(), Qt::FindDirectChildrenOnly))
        look->wait();
}

void StudiesWindow::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() != QEvent::LanguageChange)
        return;
    retranslate();
    if (m_running || m_results.folder.isEmpty())
        return;
    const int shown = m_figures->currentIndex();
    if (openResults(m_results.folder))
        showFigure(shown);
}

void StudiesWindow::retranslate()
{
    setWindowTitle(m_results.folder.isEmpty() ? tr("AdvLens — Studies")
                                              : tr("AdvLens — Studies — %1").arg(m_results.title()));
    m_studyLabel->setText(tr("Study:"));
    m_imagesLabel->setText(tr("Images:"));
    m_folderLabel->setText(tr("Folder:"));
    for (int i = 0; i < m_study->count(); ++i) {
        const StudyView* view = findStudyView(m_study->itemData(i).toString());
        m_study->setItemText(i, view ? view->title() : m_study->itemData(i).toString());
    }
    m_study->setToolTip(tr("The built-in studies run on the built-in Fashion-MNIST zoo (train it with "
                           "advlens-cli train --arch all; the defences study also needs mlp and lenet trained "
                           "with --recipe pgd and --recipe deepdefense)"));
    m_images->setToolTip(tr("Test images each model is measured on"));
    m_folder->setToolTip(tr("Where results, figures and the report are written; finished parts there are reused"));
    m_browse->setText(tr("…"));
    m_run->setText(tr("&Run"));
    m_runConfig->setText(tr("Run &config file…"));
    m_cancel->setText(tr("Cancel"));
    m_openResults->setText(tr("&Open results…"));
    m_openReport->setText(tr("Open re&port"));
    m_log->setPlaceholderText(tr("What the study does, part by part"));
}

QString StudiesWindow::defaultFolder() const
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation))
        .filePath(QStringLiteral("studies/") + m_study->currentData().toString());
}

QString StudiesWindow::outputFolder() const
{
    return m_folder->text();
}

void StudiesWindow::setOutputFolder(const QString& folder)
{
    m_folder->setText(folder);
}

void StudiesWindow::setImages(int images)
{
    m_images->setValue(images);
}

void StudiesWindow::setStudy(int index)
{
    m_study->setCurrentIndex(index);
}

void StudiesWindow::studyChanged()
{
    m_folder->setText(defaultFolder());
    if (!m_running && QFileInfo::exists(QDir(m_folder->text()).filePath(QStringLiteral("results.json"))))
        openResults(m_folder->text());
}

void StudiesWindow::present()
{
    show();
    raise();
    activateWindow();
}

void StudiesWindow::chooseFolder()
{
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Study folder"), m_folder->text());
    if (!folder.isEmpty())
        m_folder->setText(folder);
}

void StudiesWindow::chooseResults()
{
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Open a study's results"), m_folder->text());
    if (!folder.isEmpty())
        openResults(folder);
}

void StudiesWindow::chooseConfig()
{
    const QString file =
        QFileDialog::getOpenFileName(this, tr("Study config"), QString(), tr("Study configs (*.json)"));
    if (!file.isEmpty())
        runStudy(file);
}

QString StudiesWindow::builtInConfig(int images) const
{
    QFile file(QStringLiteral(":/studies/%1.json").arg(m_study->currentData().toString()));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QJsonObject config = QJsonDocument::fromJson(file.readAll()).object();
    config.insert(QStringLiteral("images"), images);
    return QString::fromUtf8(QJsonDocument(config).toJson());
}

void StudiesWindow::runStudy(const QString& configFile)
{
    if (m_running)
        return;
    ++m_unfinishedLook; // what a folder opened before lacked is no longer news
    QString config = builtInConfig(m_images->value());
    QString base = QDir::currentPath();
    if (!configFile.isEmpty()) {
        QFile file(configFile);
        if (!file.open(QIODevice::ReadOnly)) {
            failed(tr("cannot read %1").arg(QDir::toNativeSeparators(configFile)));
            return;
        }
        config = QString::fromUtf8(file.readAll());
        base = QFileInfo(configFile).absolutePath();
    }
    const QString folder = m_folder->text().trimmed();
    if (folder.isEmpty()) {
        failed(tr("choose a folder for the study's results"));
        return;
    }
    m_log->clear();
    m_progress->setRange(0, 0);
    m_status->setText(tr("Running…"));
    setRunning(true);
    m_request = m_worker->start(config, base, folder);
}

void StudiesWindow::cancel()
{
    if (!m_running)
        return;
    m_worker->cancel();
    m_status->setText(tr("Cancelling…"));
}

void StudiesWindow::setRunning(bool running)
{
    m_running = running;
    m_run->setEnabled(!running);
    m_runConfig->setEnabled(!running);
    m_study->setEnabled(!running);
    m_images->setEnabled(!running);
    m_folder->setEnabled(!running);
    m_browse->setEnabled(!running);
    m_cancel->setEnabled(running);
}

void StudiesWindow::finished(const QString& folder, bool cancelled, qint64 computed, qint64 reused)
{
    setRunning(false);
    m_progress->setRange(0, 1);
    m_progress->setValue(cancelled ? 0 : 1);
    if (cancelled) {
        m_status->setText(tr("Cancelled: %n part(s) kept; run again to resume.", nullptr, int(computed + reused)));
        Q_EMIT runEnded(false);
        return;
    }
    StudyResults results;
    QString error;
    if (!loadStudyResults(folder, &results, &error) || (writeStudyReport(results, &error), !error.isEmpty())) {
        failed(error);
        return;
    }
    openResults(folder);
    m_status->setText(tr("Finished: %n part(s) computed", nullptr, int(computed)) + QStringLiteral(", ") +
                      tr("%n reused.", nullptr, int(reused)));
    Q_EMIT runEnded(true);
}

void StudiesWindow::failed(const QString& message)
{
    const bool wasRunning = m_running;
    setRunning(false);
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_status->setText(tr("Failed: %1").arg(message));
    m_log->appendPlainText(tr("Failed: %1").arg(message));
    if (wasRunning)
        Q_EMIT runEnded(false);
}

void StudiesWindow::showUnfinished(quint64 look, const QString& text)
{
    if (look != m_unfinishedLook || text.isEmpty())
        return;
    m_status->setText(text);
    m_log->appendPlainText(text);
}

bool StudiesWindow::openResults(const QString& folder)
{
    const quint64 look = ++m_unfinishedLook; // an answer for an earlier folder is no longer shown
    StudyResults results;
    QString error;
    if (!loadStudyResults(folder, &results, &error)) {
        m_status->setText(error);
        // A study split over a cluster that did not all finish says what it
        // lacks. That reads every work item's parts, seconds for the tens of
        // thousands of items of an ImageNet study: not on this thread.
        const QPointer<StudiesWindow> window(this);
        QThread* thread = QThread::create([window, look, folder] {
            const QString unfinished = unfinishedStudyText(folder);
            QMetaObject::invokeMethod(
                qApp,
                [window, look, unfinished] {
                    if (window)
                        window->showUnfinished(look, unfinished);
                },
                Qt::QueuedConnection);
        });
        thread->setParent(this);
        connect(thread, &QThread::finished, thread, &QObject::deleteLater);
        thread->start();
        return false;
    }
    m_results = results;
    // The controls follow what is shown, so Run continues this study in this folder.
    if (const int index = m_study->findData(results.kind()); index >= 0) {
        const QSignalBlocker blocker(m_study);
        m_study->setCurrentIndex(index);
    }
    m_folder->setText(folder);
    if (const int images = int(results.json.value(QLatin1String("images")).toInteger()); images > 0) {
        const QSignalBlocker blocker(m_images);
        m_images->setValue(images);
    }
    m_figures->showResults(m_results);
    m_openReport->setEnabled(QFileInfo::exists(QDir(folder).filePath(QStringLiteral("report.html"))));
    setWindowTitle(tr("AdvLens — Studies — %1").arg(m_results.title()));
    m_status->setText(tr("%n figure(s) from %1", nullptr, int(figures().size())).arg(QDir::toNativeSeparators(folder)));
    return true;
}

const QVector<StudyFigure>& StudiesWindow::figures() const
{
    return m_figures->figures();
}

void StudiesWindow::showFigure(int index)
{
    m_figures->showFigure(index);
}

} // namespace advlens::ui
