#include "ui/gallery/galleryattackbar.h"

#include "ui/panels/normchoice.h"
#include "ui/plots/normsymbol.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSpinBox>

namespace advlens::ui {

namespace {

constexpr double kGreyLevels = 255.0; ///< ℓ∞ budgets are typed as k/255
constexpr double kDefaultLinf = 8.0;  ///< grey levels
constexpr double kDefaultL2 = 1.0;    ///< pixel units

bool isLinf(const QComboBox* norm)
{
    return norm->currentData().toString() == QLatin1String("linf");
}

} // namespace

GalleryAttackBar::GalleryAttackBar(QWidget* parent)
    : QWidget(parent)
    , m_attackLabel(new QLabel(this))
    , m_attack(new QComboBox(this))
    , m_norm(new QComboBox(this))
    , m_epsilonLabel(new QLabel(this))
    , m_epsilon(new QDoubleSpinBox(this))
    , m_stepsLabel(new QLabel(this))
    , m_steps(new QSpinBox(this))
    , m_run(new QPushButton(this))
{
    m_attack->setObjectName(QStringLiteral("galleryAttack"));
    for (const char* norm : {"linf", "l2"})
        m_norm->addItem(normSymbol(QLatin1String(norm)), QLatin1String(norm));
    m_epsilon->setObjectName(QStringLiteral("galleryEpsilon"));
    m_steps->setRange(1, 1000);
    m_steps->setValue(10);
    m_run->setObjectName(QStringLiteral("runGalleryAttack"));

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_attackLabel);
    layout->addWidget(m_attack);
    layout->addWidget(m_norm);
    layout->addWidget(m_epsilonLabel);
    layout->addWidget(m_epsilon);
    layout->addWidget(m_stepsLabel);
    layout->addWidget(m_steps);
    layout->addWidget(m_run);
    layout->addStretch(1);

    connect(m_norm, &QComboBox::currentIndexChanged, this, &GalleryAttackBar::applyNorm);
    connect(m_attack, &QComboBox::currentIndexChanged, this, &GalleryAttackBar::updateSteps);
    connect(m_run, &QPushButton::clicked, this, [this] { Q_EMIT attackRequested(request()); });
    applyNorm();
    retranslate();
}

void GalleryAttackBar::setAttacks(const QList<AttackChoice>& attacks)
{
    const QString current = m_attack->currentData().toString();
    const QSignalBlocker blocker(m_attack);
    m_attacks = attacks;
    m_attack->clear();
    for (const AttackChoice& choice : attacks) {
        m_attack->addItem(choice.label, choice.id);
        m_attack->setItemData(m_attack->count() - 1, choice.description, Qt::ToolTipRole);
    }
    m_attack->setCurrentIndex(std::max(0, m_attack->findData(current.isEmpty() ? defaultAttackId() : current)));
    updateSteps();
}

AttackRequest GalleryAttackBar::request() const
{
    AttackRequest request;
    request.attack = m_attack->currentData().toString();
    request.norm = m_norm->currentData().toString();
    request.epsilon = isLinf(m_norm) ? m_epsilon->value() / kGreyLevels : m_epsilon->value();
    request.steps = m_steps->value();
    return request;
}

void GalleryAttackBar::setRequest(const AttackRequest& request)
{
    m_attack->setCurrentIndex(std::max(0, m_attack->findData(request.attack)));
    m_norm->setCurrentIndex(std::max(0, m_norm->findData(request.norm)));
    m_epsilon->setValue(isLinf(m_norm) ? request.epsilon * kGreyLevels : request.epsilon);
    m_steps->setValue(request.steps);
}

void GalleryAttackBar::applyNorm()
{
    if (isLinf(m_norm)) {
        m_epsilon->setRange(0.0, kGreyLevels);
        m_epsilon->setDecimals(1);
        m_epsilon->setSingleStep(1.0);
        m_epsilon->setSuffix(QStringLiteral("/255")); // as the curve form writes it: "8.0/255"
        m_epsilon->setValue(kDefaultLinf);
    } else {
        m_epsilon->setRange(0.0, 100.0);
        m_epsilon->setDecimals(3);
        m_epsilon->setSingleStep(0.25);
        m_epsilon->setSuffix(QString());
        m_epsilon->setValue(kDefaultL2);
    }
}

void GalleryAttackBar::updateSteps()
{
    const int index = m_attack->currentIndex();
    const AttackChoice* attack = index >= 0 && index < m_attacks.size() ? &m_attacks.at(index) : nullptr;
    const bool iterative = attack && attack->iterative;
    m_steps->setEnabled(iterative);
    m_stepsLabel->setEnabled(iterative);
    if (iterative)
        m_steps->setMaximum(attack->maxSteps);
    offerSupportedNorms(m_norm, attack);
}

void GalleryAttackBar::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::LanguageChange)
        retranslate();
}

void GalleryAttackBar::retranslate()
{
    m_attackLabel->setText(tr("Attack every image:"));
    m_norm->setToolTip(tr("The norm of the budget"));
    m_epsilonLabel->setText(tr("ε"));
    m_epsilon->setToolTip(tr("Budget: grey levels (k/255) under ℓ∞, pixel units under ℓ2"));
    m_stepsLabel->setText(tr("Steps"));
    m_steps->setToolTip(tr("Iterations of iterative attacks"));
    m_run->setText(tr("Run attack"));
    m_run->setToolTip(tr("Attack every classified image (untargeted); then “Fooled by the attack” shows the ones "
                         "it turned from correct to wrong"));
}

} // namespace advlens::ui
