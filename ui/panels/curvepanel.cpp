#include "ui/panels/curvepanel.h"

#include "ui/panels/curvedatasource.h"
#include "ui/panels/messagebanner.h"
#include "ui/plots/robustnesscurveplot.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QVBoxLayout>

#include <algorithm>
#include <utility>

namespace advlens::ui {

namespace {

const QColor kErrorColour(214, 69, 69); // mid-tone red, readable on light and dark
constexpr int kProgressScale = 1000;    // the bar counts per mille: totals may pass INT_MAX

/// ε inputs per norm. Under ℓ∞ they are in grey levels (k/255), the unit
/// people think in; under ℓ2 and ℓ1 in pixel units.
struct NormInput {
    const char* id;
    double scale; ///< ε = shown value / scale
    double from, to, fixed, maximum, step;
    int decimals;
};
const NormInput kNormInputs[] = {
    {"linf", 255.0, 0.0, 32.0, 8.0, 255.0, 1.0, 1},
    {"l2", 1.0, 0.0, 4.0, 1.0, 100.0, 0.25, 3},
    {"l1", 1.0, 0.0, 40.0, 10.0, 1000.0, 1.0, 2},
};

QLabel* errorLabel(QWidget* parent, const char* name)
{
    auto* label = new QLabel(parent);
    label->setObjectName(QLatin1String(name));
    label->setWordWrap(true);
    QPalette colours;
    colours.setColor(QPalette::WindowText, kErrorColour);
    label->setPalette(colours);
    label->hide();
    return label;
}

} // namespace

CurvePanel::CurvePanel(QWidget* parent)
    : QWidget(parent)
    , m_attack(new QComboBox(this))
    , m_norm(new QComboBox(this))
    , m_axis(new QComboBox(this))
    , m_epsilonFrom(new QDoubleSpinBox(this))
    , m_epsilonTo(new QDoubleSpinBox(this))
    , m_epsilonCount(new QSpinBox(this))
    , m_stepsPerAttack(new QSpinBox(this))
    , m_fixedEpsilon(new QDoubleSpinBox(this))
    , m_stepList(new QLineEdit(QStringLiteral("1,2,5,10,20,50"), this))
    , m_data(new CurveDataSource(this))
    , m_images(new QSpinBox(this))
    , m_targeted(new QCheckBox(this))
    , m_attackError(errorLabel(this, "attackError"))
    , m_epsilonError(errorLabel(this, "epsilonError"))
    , m_epsilonHint(new QLabel(this))
    , m_fixedEpsilonHint(new QLabel(this))
    , m_stepsError(errorLabel(this, "stepsError"))
    , m_dataHint(new QLabel(this))
    , m_dataError(errorLabel(this, "dataError"))
    , m_run(new QPushButton(this))
    , m_cancel(new QPushButton(this))
    , m_clear(new QPushButton(this))
    , m_export(new QPushButton(this))
    , m_plot(new RobustnessCurvePlot(this))
    , m_status(new QLabel(this))
    , m_progress(new QProgressBar(this))
    , m_warnings(new MessageBanner(this))
    , m_form(new QFormLayout)
{
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    buildControls(m_form);

    auto* buttons = new QGridLayout;
    buttons->addWidget(m_run, 0, 0);
    buttons->addWidget(m_cancel, 0, 1);
    buttons->addWidget(m_clear, 1, 0);
    buttons->addWidget(m_export, 1, 1);
    auto* controls = new QVBoxLayout;
    controls->addLayout(m_form);
    controls->addLayout(buttons);
    controls->addStretch();
    auto* controlsWidget = new QWidget(this);
    controlsWidget->setLayout(controls);
    controlsWidget->setMaximumWidth(320);
    controls->setContentsMargins(0, 0, 0, 0);

    auto* statusRow = new QHBoxLayout;
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
    layout->addWidget(controlsWidget);
    layout->addLayout(results, 1);

    connect(m_run, &QPushButton::clicked, this, &CurvePanel::run);
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        setStatus([] { return tr("Cancelling…"); });
        Q_EMIT cancelRequested();
    });
    connect(m_clear, &QPushButton::clicked, this, &CurvePanel::clear);
    connect(m_export, &QPushButton::clicked, this, &CurvePanel::exportPlot);
    setRunning(false);
    retranslate();
}

void CurvePanel::buildControls(QFormLayout* form)
{
    const auto addRow = [this, form](QWidget* field) {
        auto* label = new QLabel(this);
        label->setBuddy(field);
        m_formLabels << label;
        form->addRow(label, field);
        return label;
    };
    // Names for tests and style sheets.
    const std::pair<QObject*, const char*> names[] = {{m_attack, "attack"},
                                                      {m_norm, "norm"},
                                                      {m_axis, "axis"},
                                                      {m_epsilonFrom, "epsilonFrom"},
                                                      {m_epsilonTo, "epsilonTo"},
                                                      {m_epsilonCount, "epsilonCount"},
                                                      {m_stepsPerAttack, "stepsPerAttack"},
                                                      {m_fixedEpsilon, "fixedEpsilon"},
                                                      {m_stepList, "steps"},
                                                      {m_images, "images"},
                                                      {m_targeted, "targeted"},
                                                      {m_run, "run"},
                                                      {m_cancel, "cancel"},
                                                      {m_clear, "clear"},
                                                      {m_export, "export"}};
    for (const auto& [object, name] : names)
        object->setObjectName(QLatin1String(name));

    for (const NormInput& norm : kNormInputs)
        m_norm->addItem(CurveRequest::normSymbol(QLatin1String(norm.id)), QLatin1String(norm.id));
    m_axis->addItem(QString(), CurveRequest::Epsilon);
    m_axis->addItem(QString(), CurveRequest::Iterations);
    m_epsilonCount->setRange(2, 50);
    m_epsilonCount->setValue(9);
    m_stepsPerAttack->setRange(1, 10000);
    m_stepsPerAttack->setValue(20);
    m_images->setRange(1, 100000);
    m_images->setValue(256);
    m_dataHint->setObjectName(QStringLiteral("dataHint"));
    m_dataHint->hide();
    for (QLabel* hint : {m_epsilonHint, m_fixedEpsilonHint, m_dataHint})
        hint->setWordWrap(true);
    applyHintPalette();

    addRow(m_attack);
    form->addRow(m_attackError);
    addRow(m_norm);
    addRow(m_axis);
    // One form for both axes (rows shown per axis) keeps every field aligned.
    addRow(m_epsilonFrom);
    addRow(m_epsilonTo);
    addRow(m_epsilonCount);
    form->addRow(m_epsilonHint);
    form->addRow(m_epsilonError);
    addRow(m_stepsPerAttack);
    addRow(m_fixedEpsilon);
    form->addRow(m_fixedEpsilonHint);
    addRow(m_stepList);
    form->addRow(m_stepsError);
    addRow(m_data);
    form->addRow(m_dataError);
    addRow(m_images);
    form->addRow(m_targeted);

    connect(m_axis, &QComboBox::currentIndexChanged, this, &CurvePanel::showAxisInputs);
    connect(m_attack, &QComboBox::currentIndexChanged, this, &CurvePanel::applyAttackDescription);
    connect(m_data, &CurveDataSource::choiceChanged, this, [this] {
        if (m_data->hasChoice())
            showError(m_dataError, QString());
    });
    showAxisInputs();
    connect(m_norm, &QComboBox::currentIndexChanged, this, &CurvePanel::applyNormInputs);
    for (QDoubleSpinBox* box : {m_epsilonFrom, m_epsilonTo, m_fixedEpsilon})
        connect(box, &QDoubleSpinBox::valueChanged, this, &CurvePanel::updateEpsilonHints);
    connect(m_epsilonCount, &QSpinBox::valueChanged, this, &CurvePanel::updateEpsilonHints);
    applyNormInputs(0);
}

void CurvePanel::showAxisInputs()
{
    const bool epsilonAxis = m_axis->currentData().toInt() == CurveRequest::Epsilon;
    for (QWidget* row :
         std::initializer_list<QWidget*>{m_epsilonFrom, m_epsilonTo, m_epsilonCount, m_epsilonHint, m_stepsPerAttack})
        m_form->setRowVisible(row, epsilonAxis);
    for (QWidget* row : std::initializer_list<QWidget*>{m_fixedEpsilon, m_fixedEpsilonHint, m_stepList})
        m_form->setRowVisible(row, !epsilonAxis);
    showError(epsilonAxis ? m_stepsError : m_epsilonError, QString()); // about fields no longer shown
}

void CurvePanel::applyNormInputs(int index)
{
    // ε scales differ by orders of magnitude between norms: start from the new norm's defaults.
    const NormInput& input = kNormInputs[std::max(0, index)];
    for (QDoubleSpinBox* box : {m_epsilonFrom, m_epsilonTo, m_fixedEpsilon}) {
        const QSignalBlocker blocker(box);
        box->setDecimals(input.decimals);
        box->setRange(0.0, input.maximum);
        box->setSingleStep(input.step);
        box->setSuffix(input.scale == 255.0 ? QStringLiteral("/255") : QString());
    }
    m_epsilonFrom->setValue(input.from);
    m_epsilonTo->setValue(input.to);
    m_fixedEpsilon->setValue(input.fixed);
    updateEpsilonHints();
}

void CurvePanel::setAttacks(const QList<AttackChoice>& attacks)
{
    QList<QPair<QString, QString>> labelled;
    QStringList needingGradients;
    for (const AttackChoice& choice : attacks) {
        labelled << qMakePair(choice.id, choice.label);
        if (choice.needsGradients)
            needingGradients << choice.id;
    }
    setAttacks(labelled, needingGradients);
    m_attackChoices = attacks;
    applyAttackDescription();
}

void CurvePanel::applyAttackDescription()
{
    const QString id = m_attack->currentData().toString();
    const auto found = std::find_if(m_attackChoices.cbegin(), m_attackChoices.cend(),
                                    [&](const AttackChoice& choice) { return choice.id == id; });
    const AttackChoice* attack = found == m_attackChoices.cend() ? nullptr : &*found;
    m_stepsPerAttack->setEnabled(!attack || attack->iterative);
    auto* norms = qobject_cast<QStandardItemModel*>(m_norm->model());
    int firstSupported = -1;
    for (int i = 0; i < m_norm->count(); ++i) {
        const bool supported = !attack || attack->supports(m_norm->itemData(i).toString());
        if (norms)
            norms->item(i)->setEnabled(supported);
        if (supported && firstSupported < 0)
            firstSupported = i;
    }
    if (attack && !attack->supports(m_norm->currentData().toString()) && firstSupported >= 0)
        m_norm->setCurrentIndex(firstSupported);
}

void CurvePanel::setAttacks(const QList<QPair<QString, QString>>& attacks, const QStringList& needingGradients)
{
    const QString current = m_attack->currentData().toString();
    m_attackChoices.clear();
    m_needingGradients = needingGradients;
    m_attack->clear();
    for (const auto& [id, label] : attacks)
        m_attack->addItem(label, id);
    const int index = m_attack->findData(current);
    if (index >= 0)
        m_attack->setCurrentIndex(index);
    if (!attacks.isEmpty())
        showError(m_attackError, QString());
    applyGradientAvailability();
}

void CurvePanel::setGradientsAvailable(bool available, const QString& reason)
{
    m_gradientsAvailable = available;
    m_noGradientReason = reason;
    applyGradientAvailability();
}

bool CurvePanel::attackUsable(const QString& id) const
{
    return m_gradientsAvailable || !m_needingGradients.contains(id);
}

void CurvePanel::applyGradientAvailability()
{
    auto* items = qobject_cast<QStandardItemModel*>(m_attack->model());
    if (!items)
        return;
    int firstUsable = -1;
    for (int i = 0; i < m_attack->count(); ++i) {
        const bool usable = attackUsable(m_attack->itemData(i).toString());
        items->item(i)->setEnabled(usable);
        if (usable && firstUsable < 0)
            firstUsable = i;
    }
    if (!attackUsable(m_attack->currentData().toString()) && firstUsable >= 0)
        m_attack->setCurrentIndex(firstUsable);
    // Every curve attack needs gradients today: say so where the choice is made.
    const bool blocked = m_attack->count() > 0 && !attackUsable(m_attack->currentData().toString());
    showError(m_attackError, blocked ? tr("This model gives no input gradients, so no attack here can run: %1")
                                           .arg(m_noGradientReason)
                                     : QString());
}

void CurvePanel::setModelName(const QString& name)
{
    m_modelName = name;
    updateDataHint();
}

void CurvePanel::setModelInput(int channels, int height, int width, bool takesFashionMnist)
{
    m_inputChannels = channels;
    m_inputHeight = height;
    m_inputWidth = width;
    m_data->setFashionMnistOffered(takesFashionMnist);
    showError(m_dataError, QString());
    updateDataHint();
}

void CurvePanel::updateDataHint()
{
    m_dataHint->setVisible(!m_data->fashionMnistOffered());
    if (m_data->fashionMnistOffered())
        return;
    const QString model = m_modelName.isEmpty() ? tr("This model") : m_modelName;
    m_dataHint->setText(tr("%1 takes %2 × %3 × %4 images, and Fashion-MNIST's are 1 × 28 × 28: the curve runs on a "
                           "folder of labelled images, one sub-folder per class. Choose one under “Data” with “…”.")
                            .arg(model)
                            .arg(m_inputChannels)
                            .arg(m_inputHeight)
                            .arg(m_inputWidth));
}

std::optional<CurveRequest> CurvePanel::validatedRequest()
{
    const NormInput& input = kNormInputs[std::max(0, m_norm->currentIndex())];
    CurveRequest request;
    request.attack = m_attack->currentData().toString();
    request.attackLabel = m_attack->currentText();
    request.model = m_modelName;
    request.norm = QLatin1String(input.id);
    request.axis = static_cast<CurveRequest::Axis>(m_axis->currentData().toInt());
    request.epsilonFrom = m_epsilonFrom->value() / input.scale;
    request.epsilonTo = m_epsilonTo->value() / input.scale;
    request.epsilonCount = m_epsilonCount->value();
    request.stepsPerAttack = m_stepsPerAttack->value();
    request.fixedEpsilon = m_fixedEpsilon->value() / input.scale;
    request.images = m_images->value();
    request.dataFolder = m_data->folder();
    request.targeted = m_targeted->isChecked();

    bool valid = true;
    const auto check = [&valid, this](QLabel* label, bool ok, const QString& message) {
        showError(label, ok ? QString() : message);
        valid = valid && ok;
    };
    check(m_attackError, !request.attack.isEmpty(), tr("No attack to run: load a model first."));
    if (valid)
        check(m_attackError, attackUsable(request.attack),
              tr("This model gives no input gradients, so no attack here can run: %1").arg(m_noGradientReason));
    check(m_dataError, m_data->hasChoice(), tr("Choose a folder of labelled images first."));
    if (request.axis == CurveRequest::Epsilon) {
        check(m_epsilonError, request.epsilonFrom < request.epsilonTo, tr("“To” must be larger than “From”."));
        check(m_stepsError, true, {});
        if (valid && (request.epsilonCount < 2 || request.epsilonCount > 50))
            check(m_epsilonError, false, tr("Use 2 to 50 points."));
    } else {
        check(m_epsilonError, true, {});
        const auto steps = CurveRequest::parseSteps(m_stepList->text());
        if (request.fixedEpsilon <= 0.0)
            check(m_stepsError, false, tr("ε must be larger than 0."));
        else if (!steps)
            check(m_stepsError, false,
                  tr("Steps must be whole numbers from 1 up, separated by commas, e.g. 1,2,5,10,20,50."));
        else
            check(m_stepsError, steps->size() <= 50, tr("At most 50 step counts."));
        if (steps)
            request.steps = *steps;
    }
    if (!valid)
        return std::nullopt;
    return request;
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
}

void CurvePanel::curveFailed(const QString& message)
{
    if (m_running && m_pointsOfRun == 0)
        m_plot->removeLastSeries();
    setStatus([message] { return tr("Failed: %1").arg(message); }, /*error=*/true);
    setRunning(false);
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
    else if (event->type() == QEvent::PaletteChange)
        applyHintPalette();
}

void CurvePanel::retranslate()
{
    const QString labels[] = {tr("&Attack:"), tr("&Norm:"),   tr("A&xis:"),       tr("&From:"),
                              tr("&To:"),     tr("&Points:"), tr("Iterati&ons:"), tr("&ε:"),
                              tr("&Steps:"),  tr("&Data:"),   tr("&Images:")};
    for (int i = 0; i < m_formLabels.size() && i < static_cast<int>(std::size(labels)); ++i)
        m_formLabels[i]->setText(labels[i]);
    m_axis->setItemText(0, tr("Accuracy vs ε"));
    m_axis->setItemText(1, tr("Accuracy vs iterations"));
    m_stepsPerAttack->setToolTip(tr("Iterations of iterative attacks at every ε"));
    m_stepList->setToolTip(tr("Step counts, one point each, e.g. 1,2,5,10,20,50"));
    m_images->setToolTip(tr("The first images of the test set, or images spread evenly over the folder"));
    m_targeted->setText(tr("Tar&geted (random target classes)"));
    updateDataHint();
    m_run->setText(tr("&Run"));
    m_cancel->setText(tr("&Cancel"));
    m_clear->setText(tr("C&lear"));
    m_export->setText(tr("&Export…"));
    updateEpsilonHints();
    updateStatus();
}

void CurvePanel::updateEpsilonHints()
{
    const NormInput& input = kNormInputs[std::max(0, m_norm->currentIndex())];
    const QLocale locale;
    const double step = (m_epsilonTo->value() - m_epsilonFrom->value()) / std::max(1, m_epsilonCount->value() - 1);
    if (input.scale == 255.0) {
        m_epsilonHint->setText(tr("A point every %1/255 = %2 in pixel units")
                                   .arg(locale.toString(step, 'g', 3), locale.toString(step / 255.0, 'g', 3)));
        m_fixedEpsilonHint->setText(
            tr("= %1 in pixel units").arg(locale.toString(m_fixedEpsilon->value() / 255.0, 'g', 3)));
    } else {
        m_epsilonHint->setText(tr("A point every %1 (pixel units)").arg(locale.toString(step, 'g', 3)));
        m_fixedEpsilonHint->setText(tr("In pixel units"));
    }
}

void CurvePanel::applyHintPalette()
{
    // Faded text of whatever palette is in use; PlaceholderText is not set by every dark theme.
    QColor faded = palette().color(QPalette::WindowText);
    faded.setAlphaF(0.65F);
    QPalette colours;
    colours.setColor(QPalette::WindowText, faded);
    for (QLabel* hint : {m_epsilonHint, m_fixedEpsilonHint})
        hint->setPalette(colours);
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

void CurvePanel::showError(QLabel* label, const QString& message)
{
    label->setText(message);
    label->setVisible(!message.isEmpty());
}

void CurvePanel::setStatus(std::function<QString()> text, bool error)
{
    m_statusText = std::move(text);
    QPalette colours;
    if (error)
        colours.setColor(QPalette::WindowText, kErrorColour);
    m_status->setPalette(colours);
    updateStatus();
}

void CurvePanel::updateStatus()
{
    m_status->setText(m_statusText ? m_statusText() : QString());
}

} // namespace advlens::ui
