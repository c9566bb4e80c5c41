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
#include <QProgressBar>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSlider>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QVBoxLayout>

#include <cmath>
#include <limits>

namespace advlens::ui {

AttackPanel::AttackPanel(QWidget* parent)
    : QGroupBox(parent)
    , m_form(new QFormLayout)
    , m_attackLabel(new QLabel)
    , m_attack(new QComboBox)
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
    , m_targeted(new QCheckBox)
    , m_target(new QComboBox)
    , m_live(new QCheckBox)
    , m_run(new QPushButton)
    , m_cancel(new QPushButton)
    , m_progress(new QProgressBar)
{
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
    auto* targetRow = new QHBoxLayout;
    targetRow->addWidget(m_targeted);
    targetRow->addWidget(m_target, 1);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_live);
    buttons->addStretch(1);
    buttons->addWidget(m_run);
    buttons->addWidget(m_cancel);

    m_form->addRow(m_attackLabel, m_attack);
    m_form->addRow(m_normLabel, m_norm);
    m_form->addRow(m_epsilonLabel, epsilonRow);
    m_form->addRow(QString(), m_epsilonHint);
    m_form->addRow(QString(), m_unbounded);
    m_form->addRow(m_stepsLabel, m_steps);
    m_form->addRow(m_stepSizeLabel, m_stepSize);
    m_form->addRow(targetRow);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(m_form);
    layout->addLayout(buttons);
    layout->addWidget(m_progress);

    m_liveTimer.setSingleShot(true);
    m_liveTimer.setInterval(kLiveDelayMs);
    connect(&m_liveTimer, &QTimer::timeout, this, [this] { Q_EMIT attackRequested(request()); });
    connect(m_attack, &QComboBox::currentIndexChanged, this, [this] {
        updateApplicability();
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
    auto* items = qobject_cast<QStandardItemModel*>(m_attack->model());
    if (!items)
        return;
    int firstUsable = -1;
    for (int i = 0; i < m_attack->count() && i < m_attacks.size(); ++i) {
        const bool usable = available || !m_attacks[i].needsGradients;
        items->item(i)->setEnabled(usable);
        items->item(i)->setToolTip(usable ? m_attacks[i].description
                                          : tr("Needs input gradients, which this model has not: %1").arg(reason));
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
    const bool unbounded = attack && attack->minimal && m_unbounded->isChecked();
    r.epsilon = unbounded ? std::numeric_limits<double>::infinity() : m_epsilon->exactValue();
    r.steps = m_steps->value();
    r.stepSize = m_stepSize->value();
    r.targeted = m_targeted->isChecked();
    r.targetClass = r.targeted ? m_target->currentData().toInt() : -1;
    return r;
}

void AttackPanel::setRunning(bool running)
{
    m_cancel->setEnabled(running);
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
    m_steps->setEnabled(iterative);
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
