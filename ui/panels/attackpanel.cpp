#include "ui/panels/attackpanel.h"

#include "ui/i18n/classnames.h"
#include "ui/panels/normchoice.h"
#include "ui/plots/normsymbol.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSlider>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <limits>

namespace advlens::ui {

AttackPanel::AttackPanel(QWidget* parent)
    : QGroupBox(parent)
    , m_form(new QFormLayout)
    , m_attackLabel(new QLabel)
    , m_attack(new QComboBox)
    , m_threatLabel(new QLabel)
    , m_threat(new QComboBox)
    , m_normLabel(new QLabel)
    , m_norm(new QComboBox)
    , m_epsilonLabel(new QLabel)
    , m_epsilonSlider(new QSlider(Qt::Horizontal))
    , m_epsilon(new EpsilonSpinBox)
    , m_epsilonHint(new QLabel)
    , m_unbounded(new QCheckBox)
    , m_stepsLabel(new QLabel)
    , m_steps(new QSpinBox)
    , m_stepSizeLabel(new QLabel)
    , m_stepSize(new QDoubleSpinBox)
    , m_queriesLabel(new QLabel)
    , m_queriesSlider(new QSlider(Qt::Horizontal))
    , m_queries(new QSpinBox)
    , m_queriesUsed(new QLabel)
    , m_targeted(new QCheckBox)
    , m_target(new QComboBox)
    , m_live(new QCheckBox)
    , m_run(new QPushButton)
    , m_cancel(new QPushButton)
    , m_progress(new QProgressBar)
{
    for (const char* threat : {"full", "scores", "label"})
        m_threat->addItem(QString(), QLatin1String(threat));
    for (const char* norm : {"linf", "l2", "l1"})
        m_norm->addItem(normSymbol(QLatin1String(norm)), QLatin1String(norm));
    m_epsilonSlider->setRange(0, kSliderSteps);
    m_epsilon->setDecimals(4);
    m_epsilon->setRange(0.0, 10000.0);
    m_epsilon->setExactValue(0.1);
    m_epsilon->setKeyboardTracking(false);
    m_steps->setRange(1, 1000);
    m_steps->setValue(10);
    m_stepSize->setDecimals(4);
    m_stepSize->setRange(0.0, 1000.0);
    m_stepSize->setSingleStep(0.001);
    m_queriesSlider->setRange(0, kQuerySliderSteps);
    m_queries->setRange(1, 1000000);
    m_queries->setStepType(QAbstractSpinBox::AdaptiveDecimalStepType);
    m_queries->setGroupSeparatorShown(true);
    m_queries->setKeyboardTracking(false);
    m_queries->setValue(5000);
    m_live->setChecked(true);
    m_cancel->setEnabled(false);
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_progress->setTextVisible(false);
    m_progress->setMaximumHeight(8);
    m_epsilonHint->setMinimumWidth(m_epsilonHint->fontMetrics().horizontalAdvance(QStringLiteral("= 127.5/255  ")));

    auto* epsilonRow = new QHBoxLayout;
    epsilonRow->addWidget(m_epsilonSlider, 1);
    epsilonRow->addWidget(m_epsilon);
    auto* queriesRow = new QHBoxLayout;
    queriesRow->addWidget(m_queriesSlider, 1);
    queriesRow->addWidget(m_queries);
    auto* targetRow = new QHBoxLayout;
    targetRow->addWidget(m_targeted);
    targetRow->addWidget(m_target, 1);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_live);
    buttons->addStretch(1);
    buttons->addWidget(m_run);
    buttons->addWidget(m_cancel);

    m_threat->setObjectName(QStringLiteral("threat"));
    m_attack->setObjectName(QStringLiteral("attack"));
    m_form->addRow(m_threatLabel, m_threat);
    m_form->addRow(m_attackLabel, m_attack);
    m_form->addRow(m_normLabel, m_norm);
    m_form->addRow(m_epsilonLabel, epsilonRow);
    m_form->addRow(QString(), m_epsilonHint);
    m_form->addRow(QString(), m_unbounded);
    m_form->addRow(m_stepsLabel, m_steps);
    m_form->addRow(m_stepSizeLabel, m_stepSize);
    m_form->addRow(m_queriesLabel, queriesRow);
    m_form->addRow(targetRow);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(m_form);
    layout->addLayout(buttons);
    layout->addWidget(m_progress);
    layout->addWidget(m_queriesUsed);
    m_queriesUsed->hide();

    m_liveTimer.setSingleShot(true);
    m_liveTimer.setInterval(kLiveDelayMs);
    connect(&m_liveTimer, &QTimer::timeout, this, [this] { Q_EMIT attackRequested(request()); });
    connect(m_attack, &QComboBox::currentIndexChanged, this, [this] {
        if (const AttackChoice* attack = currentAttack(); attack && attack->isQueryBased()) {
            const QSignalBlocker blocker(m_queries);
            m_queries->setMaximum(attack->maxQueries);
            m_queries->setValue(attack->defaultQueries);
            fromQueryBox(m_queries->value());
        }
        updateApplicability();
        settingsChanged(false);
    });
    connect(m_threat, &QComboBox::currentIndexChanged, this, [this] {
        applyGradientAvailability();
        settingsChanged(false);
    });
    connect(m_norm, &QComboBox::currentIndexChanged, this, [this] {
        updateEpsilonHint();
        fromSpinBox(); // the slider's scale depends on the norm
        settingsChanged(false);
    });
    connect(m_epsilonSlider, &QSlider::valueChanged, this, &AttackPanel::fromSlider);
    connect(m_epsilon, &QDoubleSpinBox::valueChanged, this, &AttackPanel::fromSpinBox);
    connect(m_unbounded, &QCheckBox::toggled, this, [this] {
        updateApplicability();
        settingsChanged(false);
    });
    connect(m_steps, &QSpinBox::valueChanged, this, [this] { settingsChanged(false); });
    connect(m_queriesSlider, &QSlider::valueChanged, this, &AttackPanel::fromQuerySlider);
    connect(m_queries, &QSpinBox::valueChanged, this, &AttackPanel::fromQueryBox);
    connect(m_stepSize, &QDoubleSpinBox::valueChanged, this, [this] { settingsChanged(false); });
    connect(m_targeted, &QCheckBox::toggled, this, [this] {
        updateApplicability();
        settingsChanged(false);
    });
    connect(m_target, &QComboBox::currentIndexChanged, this, [this] {
        if (m_targeted->isChecked())
            settingsChanged(false);
    });
    connect(m_run, &QPushButton::clicked, this, [this] {
        m_liveTimer.stop();
        Q_EMIT attackRequested(request());
    });
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        m_liveTimer.stop();
        Q_EMIT cancelRequested();
    });

    fromSpinBox();
    retranslate();
    updateApplicability();
}

void AttackPanel::setAttacks(const QList<AttackChoice>& attacks)
{
    const QSignalBlocker blocker(m_attack);
    const QString current = m_attack->currentData().toString();
    m_attacks = attacks;
    m_attack->clear();
    for (const AttackChoice& choice : attacks) {
        m_attack->addItem(choice.label, choice.id);
        m_attack->setItemData(m_attack->count() - 1, choice.description, Qt::ToolTipRole);
    }
    const int found = m_attack->findData(current.isEmpty() ? defaultAttackId() : current);
    m_attack->setCurrentIndex(std::max(0, found));
    setGradientsAvailable(m_gradientsAvailable, m_noGradientReason);
    updateApplicability();
}

void AttackPanel::setGradientsAvailable(bool available, const QString& reason)
{
    m_gradientsAvailable = available;
    m_noGradientReason = reason;
    applyGradientAvailability();
}

void AttackPanel::setThreatModel(const QString& threat)
{
    m_threat->setCurrentIndex(std::max(0, m_threat->findData(threat)));
}

void AttackPanel::applyGradientAvailability()
{
    const QString threat = m_threat->currentData().toString();
    bool available = m_gradientsAvailable;
    QString refusal = tr("Needs input gradients, which this model has not: %1").arg(m_noGradientReason);
    if (available && threat != QLatin1String("full")) {
        available = false;
        refusal = threat == QLatin1String("scores")
                      ? tr("Needs input gradients; the attacker sees only the scores")
                      : tr("Needs input gradients; the attacker sees only the predicted class");
    }
    auto* items = qobject_cast<QStandardItemModel*>(m_attack->model());
    if (!items)
        return;
    int firstUsable = -1;
    for (int i = 0; i < m_attack->count() && i < m_attacks.size(); ++i) {
        const bool usable = available || !m_attacks[i].needsGradients;
        items->item(i)->setEnabled(usable);
        items->item(i)->setToolTip(usable ? m_attacks[i].description
                                          : refusal);
        if (usable && firstUsable < 0)
            firstUsable = i;
    }
    const AttackChoice* attack = currentAttack();
    if (attack && !available && attack->needsGradients && firstUsable >= 0)
        m_attack->setCurrentIndex(firstUsable);
}

void AttackPanel::setClassNames(const QStringList& names)
{
    m_classNames = names;
    const QSignalBlocker blocker(m_target);
    const int current = m_target->currentIndex();
    m_target->clear();
    for (int i = 0; i < names.size(); ++i)
        m_target->addItem(QStringLiteral("%1 · %2").arg(i).arg(displayClassName(names[i])), i);
    m_target->setCurrentIndex(current >= 0 && current < names.size() ? current : 0);
}

AttackRequest AttackPanel::request() const
{
    AttackRequest r;
    const AttackChoice* attack = currentAttack();
    r.attack = attack ? attack->id : defaultAttackId();
    r.norm = m_norm->currentData().toString();
    r.threat = m_threat->currentData().toString();
    const bool unbounded = attack && attack->minimal && m_unbounded->isChecked();
    r.epsilon = unbounded ? std::numeric_limits<double>::infinity() : m_epsilon->exactValue();
    r.steps = m_steps->value();
    r.queries = attack && attack->isQueryBased() ? m_queries->value() : 0;
    r.stepSize = m_stepSize->value();
    r.targeted = m_targeted->isChecked();
    r.targetClass = r.targeted ? m_target->currentData().toInt() : -1;
    return r;
}

void AttackPanel::setRunning(bool running)
{
    m_cancel->setEnabled(running);
    if (running)
        m_queriesUsed->hide(); // until the new attack reports queries
    if (!running) {
        m_progress->setRange(0, 1);
        m_progress->setValue(0);
    }
}

void AttackPanel::setProgress(qint64 done, qint64 total)
{
    // QProgressBar counts in int; iteration counts fit.
    m_progress->setRange(0, static_cast<int>(std::max<qint64>(1, total)));
    m_progress->setValue(static_cast<int>(std::min(done, total)));
}

void AttackPanel::setQueryProgress(qint64 used, qint64 budget)
{
    setProgress(used, budget);
    showQueriesUsed(used, budget);
}

void AttackPanel::showQueriesUsed(qint64 used, qint64 budget)
{
    const QLocale locale;
    m_queriesUsed->setText(tr("Queries used: %1 of %2").arg(locale.toString(used), locale.toString(budget)));
    m_queriesUsed->show();
}

QString AttackPanel::queriesUsedText() const
{
    return m_queriesUsed->isHidden() ? QString() : m_queriesUsed->text();
}

bool AttackPanel::isLive() const
{
    return m_live->isChecked();
}

void AttackPanel::setAttack(const QString& id)
{
    m_attack->setCurrentIndex(std::max(0, m_attack->findData(id)));
}

void AttackPanel::setEpsilon(double epsilon)
{
    m_epsilon->setExactValue(epsilon);
}

void AttackPanel::setTargetClass(int index)
{
    m_target->setCurrentIndex(std::max(0, m_target->findData(index)));
}

void AttackPanel::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QGroupBox::changeEvent(event);
}

void AttackPanel::retranslate()
{
    setTitle(tr("Attack"));
    m_threatLabel->setText(tr("Attacker &sees:"));
    m_threatLabel->setBuddy(m_threat);
    m_threat->setItemText(0, tr("Everything (white box)"));
    m_threat->setItemText(1, tr("Scores only (black box)"));
    m_threat->setItemText(2, tr("Predicted class only (decision)"));
    m_threat->setToolTip(tr("What the attack may see of the model: its gradients, only its output scores, or only "
                            "its top-1 decision. The images shown always use the model's own output."));
    m_attackLabel->setText(tr("&Method:"));
    m_attackLabel->setBuddy(m_attack);
    m_normLabel->setText(tr("&Norm:"));
    m_normLabel->setBuddy(m_norm);
    m_epsilonLabel->setText(tr("&Budget ε:"));
    m_epsilonLabel->setBuddy(m_epsilon);
    m_epsilonSlider->setToolTip(tr("Perturbation budget in pixel units of [0, 1] images"));
    m_unbounded->setText(tr("No budget: find the smallest perturbation"));
    m_stepsLabel->setText(tr("&Steps:"));
    m_stepsLabel->setBuddy(m_steps);
    m_stepSizeLabel->setText(tr("Step si&ze:"));
    m_stepSizeLabel->setBuddy(m_stepSize);
    m_stepSize->setSpecialValueText(tr("default"));
    m_stepSize->setToolTip(tr("α per iteration; “default” lets the attack choose (2.5·ε/steps for PGD)"));
    m_queriesLabel->setText(tr("&Queries:"));
    m_queriesLabel->setBuddy(m_queries);
    m_queriesSlider->setToolTip(tr("Query budget per image: the model evaluations a black-box attack may spend"));
    m_queries->setToolTip(m_queriesSlider->toolTip());
    m_targeted->setText(tr("&Targeted:"));
    m_target->setToolTip(tr("The class the attack should make the model predict"));
    m_live->setText(tr("&Live"));
    m_live->setToolTip(tr("Attack again whenever a setting changes"));
    m_run->setText(tr("&Attack"));
    m_run->setToolTip(tr("Run the attack (Ctrl+Return or F5)"));
    m_cancel->setText(tr("Cancel"));
    m_cancel->setToolTip(tr("Stop the running attack (Esc)"));
    for (int i = 0; i < m_target->count() && i < m_classNames.size(); ++i)
        m_target->setItemText(i, QStringLiteral("%1 · %2").arg(i).arg(displayClassName(m_classNames[i])));
    updateEpsilonHint();
}

void AttackPanel::updateApplicability()
{
    const AttackChoice* attack = currentAttack();
    const bool iterative = attack && attack->iterative && !attack->minimal;
    const bool minimal = attack && attack->minimal;
    m_unbounded->setVisible(minimal);
    const bool budgeted = !(minimal && m_unbounded->isChecked());
    m_epsilon->setEnabled(budgeted);
    m_epsilonSlider->setEnabled(budgeted);
    const bool queryBased = attack && attack->isQueryBased();
    // A query-based attack's length is its query budget, not a step count.
    m_steps->setEnabled(iterative && !queryBased);
    m_queriesLabel->setVisible(queryBased);
    m_queriesSlider->setVisible(queryBased);
    m_queries->setVisible(queryBased);
    m_stepSize->setEnabled(iterative);
    if (iterative)
        m_steps->setMaximum(attack->maxSteps);
    m_target->setEnabled(m_targeted->isChecked());
    offerSupportedNorms(m_norm, attack);
}

void AttackPanel::settingsChanged(bool immediate)
{
    if (!m_live->isChecked())
        return;
    const AttackChoice* attack = currentAttack();
    if (immediate && attack && attack->fastSweep) {
        m_liveTimer.stop();
        Q_EMIT attackRequested(request());
    } else {
        m_liveTimer.start();
    }
}

void AttackPanel::fromSlider(int position)
{
    if (m_syncing)
        return;
    m_syncing = true;
    m_epsilon->setExactValue(sliderMaximum() * position / kSliderSteps);
    m_syncing = false;
    updateEpsilonHint();
    settingsChanged(true);
}

void AttackPanel::fromSpinBox()
{
    const double epsilon = m_epsilon->exactValue();
    if (!m_syncing) {
        m_syncing = true;
        const QSignalBlocker blocker(m_epsilonSlider);
        m_epsilonSlider->setValue(
            static_cast<int>(std::lround(std::min(1.0, epsilon / sliderMaximum()) * kSliderSteps)));
        m_syncing = false;
        settingsChanged(true);
    }
    updateEpsilonHint();
}

void AttackPanel::updateEpsilonHint()
{
    const QString norm = m_norm->currentData().toString();
    m_epsilon->setSingleStep(norm == QLatin1String("linf") ? 1.0 / 255.0 : reachOf(norm) / 100.0);
    if (norm == QLatin1String("linf"))
        m_epsilonHint->setText(tr("= %1/255 per pixel").arg(m_epsilon->exactValue() * 255.0, 0, 'f', 1));
    else
        m_epsilonHint->setText(tr("%1 size of the whole perturbation").arg(m_norm->currentText()));
}

void AttackPanel::fromQuerySlider(int position)
{
    if (m_syncing)
        return;
    m_syncing = true;
    // 10^1 … 10^5 queries, rounded to two significant digits.
    const double raw = std::pow(10.0, 1.0 + 4.0 * position / kQuerySliderSteps);
    const double unit = std::pow(10.0, std::floor(std::log10(raw)) - 1.0);
    m_queries->setValue(static_cast<int>(std::min<double>(m_queries->maximum(), std::round(raw / unit) * unit)));
    m_syncing = false;
    settingsChanged(false);
}

void AttackPanel::fromQueryBox(int queries)
{
    if (!m_syncing) {
        m_syncing = true;
        const QSignalBlocker blocker(m_queriesSlider);
        const double position = (std::log10(std::max(queries, 1)) - 1.0) / 4.0 * kQuerySliderSteps;
        m_queriesSlider->setValue(static_cast<int>(std::lround(std::clamp(position, 0.0, double(kQuerySliderSteps)))));
        m_syncing = false;
        settingsChanged(false);
    }
}

const AttackChoice* AttackPanel::currentAttack() const
{
    const QString id = m_attack->currentData().toString();
    for (const AttackChoice& choice : m_attacks)
        if (choice.id == id)
            return &choice;
    return nullptr;
}

/// The slider's reach per norm, in pixel units. ℓ∞ 0.5 is half the pixel
/// range, beyond any meaningful budget on small grey images; photographs are
/// fooled by a few grey levels, so their slider spends its travel there. ℓ2
/// and ℓ1 grow with the image size, so the spin box accepts much more than the
/// slider shows.
double AttackPanel::reachOf(const QString& norm) const
{
    if (norm == QLatin1String("l2"))
        return m_photographs ? 16.0 : 10.0;
    if (norm == QLatin1String("l1"))
        return m_photographs ? 1000.0 : 200.0;
    return m_photographs ? kPhotoLinfReach : 0.5;
}

void AttackPanel::setInputShape(int channels, int height, int width)
{
    const bool photographs = channels == 3 && height * width > 32 * 32;
    if (photographs == m_photographs)
        return;
    m_photographs = photographs;
    // Quietly: the model that asked for this is not loaded into the view yet.
    const QSignalBlocker boxBlocker(m_epsilon), sliderBlocker(m_epsilonSlider);
    m_epsilon->setExactValue(photographs ? 4.0 / 255.0 : 0.1);
    m_epsilonSlider->setValue(
        static_cast<int>(std::lround(std::min(1.0, m_epsilon->exactValue() / sliderMaximum()) * kSliderSteps)));
    updateEpsilonHint();
}

double AttackPanel::sliderMaximum() const
{
    return reachOf(m_norm->currentData().toString());
}

} // namespace advlens::ui
