#include "ui/panels/curvepanel.h"

#include "ui/panels/curvedatasource.h"
#include "ui/panels/curverunform.h"
#include "ui/panels/messagebanner.h"
#include "ui/plots/robustnesscurveplot.h"

#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QVBoxLayout>

#include <algorithm>
#include <utility>

namespace advlens::ui {

namespace {

constexpr int kProgressScale = 1000; // the bar counts per mille: totals may pass INT_MAX

} // namespace

namespace {

/// A vertical scroll area as wide as its widget plus the scroll bar, so a
/// scrolled form is never clipped at the right, and as tall as the whole
/// widget where there is room. Unlike QScrollArea's, its hints follow the
/// widget's when they change (labels in another language, a message shown).
class FormScrollArea : public QScrollArea {
public:
    using QScrollArea::QScrollArea;

    // The widget's height at its width beside the bar: unscrolled it gets the bar's
    // width too, and may wrap a line less, but the bar must not come and go with that.
    QSize sizeHint() const override
    {
        return widget() ? widget()->sizeHint() + QSize(barWidth() + 2 * frameWidth(), 2 * frameWidth())
                        : QScrollArea::sizeHint();
    }
    QSize minimumSizeHint() const override
    {
        return {(widget() ? widget()->minimumSizeHint().width() : 0) + barWidth() + 2 * frameWidth(), 0};
    }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        // QScrollArea filters its widget's events already; a layout request there means new hints.
        if (watched == widget() && event->type() == QEvent::LayoutRequest)
            updateGeometry();
        return QScrollArea::eventFilter(watched, event);
    }

private:
    int barWidth() const { return verticalScrollBar()->sizeHint().width(); }
};

} // namespace

CurvePanel::CurvePanel(QWidget* parent)
    : QWidget(parent)
    , m_form(new CurveRunForm(this))
    , m_dataHint(new QLabel(this))
    , m_run(new QPushButton(this))
    , m_cancel(new QPushButton(this))
    , m_clear(new QPushButton(this))
    , m_export(new QPushButton(this))
    , m_plot(new RobustnessCurvePlot(this))
    , m_status(new QLabel(this))
    , m_progress(new QProgressBar(this))
    , m_warnings(new MessageBanner(this))
{
    const std::pair<QObject*, const char*> names[] = {
        {m_dataHint, "dataHint"}, {m_run, "run"}, {m_cancel, "cancel"}, {m_clear, "clear"}, {m_export, "export"}};
    for (const auto& [object, name] : names)
        object->setObjectName(QLatin1String(name)); // for tests and style sheets
    m_dataHint->setWordWrap(true);
    m_dataHint->hide();

    // Where the curve row is shorter than the form, the form scrolls: its rows
    // keep their height instead of being squeezed over each other.
    auto* formScroll = new FormScrollArea(this);
    formScroll->setWidget(m_form);
    formScroll->setWidgetResizable(true);
    formScroll->setFrameShape(QFrame::NoFrame);
    formScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    formScroll->viewport()->setAutoFillBackground(false);
    m_form->setAutoFillBackground(false);
    // As wide as the form asks (its labels in the language shown); the plot takes the rest.
    formScroll->setSizePolicy(QSizePolicy::Maximum, QSizePolicy::Expanding);

    // The buttons go under the plot, beside the status: under the form they
    // would make the curve row two button rows taller than the form, which
    // already takes the height of the images at 1280×800.
    auto* statusRow = new QHBoxLayout;
    for (QPushButton* button : {m_run, m_cancel, m_clear, m_export})
        statusRow->addWidget(button);
    statusRow->addSpacing(6);
    statusRow->addWidget(m_status, 1);
    statusRow->addWidget(m_progress);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_progress->setRange(0, kProgressScale);
    m_progress->setMaximumWidth(160);
    m_progress->hide();
    auto* results = new QVBoxLayout;
    results->addWidget(m_warnings);
    results->addWidget(m_dataHint); // over the plot: the controls column has no room for three lines more
    results->addWidget(m_plot, 1);
    results->addLayout(statusRow);

    auto* layout = new QHBoxLayout(this);
    layout->addWidget(formScroll);
    layout->addLayout(results, 1);

    connect(m_run, &QPushButton::clicked, this, &CurvePanel::run);
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        setStatus([] { return tr("Cancelling…"); });
        Q_EMIT cancelRequested();
    });
    connect(m_clear, &QPushButton::clicked, this, &CurvePanel::clear);
    connect(m_export, &QPushButton::clicked, this, &CurvePanel::exportPlot);
    connect(m_form, &CurveRunForm::plannedAxisChanged, this, &CurvePanel::showPlannedAxis);
    setRunning(false);
    retranslate();
    showPlannedAxis();
}

void CurvePanel::setAttacks(const QList<AttackChoice>& attacks)
{
    m_form->setAttacks(attacks);
}

void CurvePanel::setGradientsAvailable(bool available, const QString& reason)
{
    m_form->setGradientsAvailable(available, reason);
}

CurveDataSource* CurvePanel::dataSource() const
{
    return m_form->dataSource();
}

std::optional<CurveRequest> CurvePanel::validatedRequest()
{
    return m_form->validatedRequest();
}

void CurvePanel::showPlannedAxis()
{
    if (isRunning())
        return; // until its first point the plot shows the range of the run, not of the form
    const CurveRunForm::PlannedAxis planned = m_form->plannedAxis();
    m_plot->setEmptyRange(planned.axis, planned.lower, planned.upper);
    if (m_plot->seriesCount() == 0)
        m_plot->setAxis(planned.axis, planned.greyLevels);
}

void CurvePanel::setModelName(const QString& name)
{
    m_modelName = name;
    m_form->setModelName(name);
    updateDataHint();
}

void CurvePanel::setModelInput(int channels, int height, int width, bool takesFashionMnist)
{
    m_inputChannels = channels;
    m_inputHeight = height;
    m_inputWidth = width;
    m_form->setFashionMnistOffered(takesFashionMnist);
    updateDataHint();
}

void CurvePanel::updateDataHint()
{
    const bool offered = m_form->dataSource()->fashionMnistOffered();
    m_dataHint->setVisible(!offered);
    if (offered)
        return;
    const QString model = m_modelName.isEmpty() ? tr("This model") : m_modelName;
    m_dataHint->setText(tr("%1 takes %2 × %3 × %4 images, and Fashion-MNIST's are 1 × 28 × 28: the curve runs on a "
                           "folder of labelled images, one sub-folder per class. Choose one under “Data” with “…”.")
                            .arg(model)
                            .arg(m_inputChannels)
                            .arg(m_inputHeight)
                            .arg(m_inputWidth));
}

QString CurvePanel::statusText() const
{
    return m_status->text();
}

void CurvePanel::run()
{
    if (isRunning())
        return;
    std::optional<CurveRequest> request = validatedRequest();
    if (!request)
        return;
    const bool axisChanged = m_plot->seriesCount() > 0 && m_plot->axis() != request->axis;
    // Grey levels on top only while every curve is ℓ∞; other norms are not in 255ths.
    m_allLinf = request->norm == QLatin1String("linf") && (axisChanged || m_plot->seriesCount() == 0 || m_allLinf);
    m_plot->setAxis(request->axis, m_allLinf); // a new axis drops the earlier curves
    // The same settings again (another seed, a retrained model of the same name) get a number.
    QString label = request->label();
    int repeats = 1;
    for (int i = 0; i < m_plot->seriesCount(); ++i) {
        const QString other = m_plot->seriesLabel(i);
        repeats += other == label || other.startsWith(label + QStringLiteral(" (")) ? 1 : 0;
    }
    if (repeats > 1)
        label += QStringLiteral(" (%1)").arg(repeats);
    request->series = m_plot->addSeries(label);
    m_running = request;
    m_pointsOfRun = 0;
    m_warnings->clearMessage();
    m_progress->setValue(0);
    setRunning(true);
    setStatus([axisChanged, label] {
        return axisChanged ? tr("Computing “%1”… (earlier curves had another x axis and were cleared)").arg(label)
                           : tr("Computing “%1”…").arg(label);
    });
    Q_EMIT runRequested(*request);
}

void CurvePanel::curveStarted(int series)
{
    if (m_running && m_running->series == series)
        setStatus([label = m_plot->seriesLabel(series)] { return tr("Computing “%1”…").arg(label); });
}

void CurvePanel::addPoint(const CurvePointValue& point)
{
    m_plot->addPoint(point);
    if (!m_running || point.series != m_running->series)
        return;
    ++m_pointsOfRun;
    if (m_running->axis == CurveRequest::Queries) {
        // All of them come at once from the one run, its budget last: no "point i of n".
        setStatus([point] {
            return tr("After %n queries: accuracy %1 %", nullptr, static_cast<int>(point.x))
                .arg(QLocale().toString(100.0 * point.accuracy, 'f', 1));
        });
        return;
    }
    const int total =
        m_running->axis == CurveRequest::Epsilon ? m_running->epsilonCount : static_cast<int>(m_running->steps.size());
    const bool epsilonAxis = m_running->axis == CurveRequest::Epsilon;
    setStatus([done = m_pointsOfRun, total, epsilonAxis, norm = m_running->norm, point] {
        const QString x = epsilonAxis ? tr("ε = %1").arg(CurveRequest::epsilonText(point.x, norm))
                                      : tr("%n step(s)", nullptr, static_cast<int>(point.x));
        return tr("Point %1 of %2: %3, accuracy %4 %")
            .arg(done)
            .arg(total)
            .arg(x, QLocale().toString(100.0 * point.accuracy, 'f', 1));
    });
}

void CurvePanel::setProgress(qint64 done, qint64 total)
{
    m_progress->setValue(total > 0 ? static_cast<int>(kProgressScale * std::clamp(done, qint64{0}, total) / total) : 0);
}

void CurvePanel::curveFinished(bool cancelled)
{
    if (!m_running)
        return;
    if (cancelled && m_pointsOfRun == 0)
        m_plot->removeLastSeries(); // nothing to show for it
    setStatus([cancelled, points = m_pointsOfRun] {
        return cancelled ? tr("Cancelled after %n point(s).", nullptr, points)
                         : tr("Finished: %n point(s).", nullptr, points);
    });
    setRunning(false);
    showPlannedAxis(); // the form may have changed meanwhile
}

void CurvePanel::curveFailed(const QString& message)
{
    if (m_running && m_pointsOfRun == 0)
        m_plot->removeLastSeries();
    setStatus([message] { return tr("Failed: %1").arg(message); }, /*error=*/true);
    setRunning(false);
    showPlannedAxis();
}

void CurvePanel::setWarnings(const QStringList& warnings)
{
    if (warnings.isEmpty())
        m_warnings->clearMessage();
    else
        m_warnings->showMessage(tr("Possible gradient masking:") + QLatin1Char('\n') +
                                warnings.join(QLatin1Char('\n')));
}

void CurvePanel::clear()
{
    if (isRunning())
        return;
    m_plot->clear();
    showPlannedAxis();
    m_allLinf = true;
    m_warnings->clearMessage();
    setStatus({});
}

void CurvePanel::exportPlot()
{
    const QString png = tr("PNG image (*.png)");
    const QString pdf = tr("PDF document (*.pdf)");
    const QString csv = tr("CSV table (*.csv)");
    QString filter = png;
    QString path = QFileDialog::getSaveFileName(this, tr("Export robustness curves"), QString(),
                                                QStringList{png, pdf, csv}.join(QStringLiteral(";;")), &filter,
                                                QFileDialog::DontUseNativeDialog);
    if (path.isEmpty())
        return;
    const QString suffix = filter == pdf   ? QStringLiteral("pdf")
                           : filter == csv ? QStringLiteral("csv")
                                           : QStringLiteral("png");
    if (QFileInfo(path).suffix().isEmpty())
        path += QLatin1Char('.') + suffix;
    exportTo(path);
}

bool CurvePanel::exportTo(const QString& path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    const bool ok = suffix == QLatin1String("pdf")   ? m_plot->exportPdf(path)
                    : suffix == QLatin1String("csv") ? m_plot->exportCsv(path)
                                                     : m_plot->exportPng(path);
    setStatus(
        [ok, path] { return ok ? tr("Saved %1").arg(QFileInfo(path).fileName()) : tr("Could not write %1").arg(path); },
        !ok);
    return ok;
}

void CurvePanel::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::LanguageChange)
        retranslate();
}

void CurvePanel::retranslate()
{
    updateDataHint();
    m_run->setText(tr("&Run"));
    m_cancel->setText(tr("&Cancel"));
    m_clear->setText(tr("C&lear"));
    m_export->setText(tr("&Export…"));
    updateStatus();
}

void CurvePanel::setRunning(bool running)
{
    if (!running)
        m_running.reset();
    m_run->setEnabled(!running);
    m_cancel->setEnabled(running);
    m_clear->setEnabled(!running);
    m_progress->setVisible(running);
}

void CurvePanel::setStatus(std::function<QString()> text, bool error)
{
    m_statusText = std::move(text);
    QPalette colours;
    if (error)
        colours.setColor(QPalette::WindowText, CurveRunForm::kErrorColour);
    m_status->setPalette(colours);
    updateStatus();
}

void CurvePanel::updateStatus()
{
    m_status->setText(m_statusText ? m_statusText() : QString());
}

} // namespace advlens::ui
