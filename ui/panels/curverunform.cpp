#include "ui/panels/curverunform.h"

#include "core/attacks/attackregistry.h"
#include "ui/panels/curvedatasource.h"
#include "ui/panels/normchoice.h"
#include "ui/plots/normsymbol.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QStandardItemModel>

#include <algorithm>
#include <utility>

namespace advlens::ui {

namespace {

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
    colours.setColor(QPalette::WindowText, CurveRunForm::kErrorColour);
    label->setPalette(colours);
    label->hide();
    return label;
}

} // namespace

CurveRunForm::CurveRunForm(QWidget* parent)
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
    , m_queries(new QSpinBox(this))
    , m_data(new CurveDataSource(this))
    , m_images(new QSpinBox(this))
    , m_targeted(new QCheckBox(this))
    , m_attackError(errorLabel(this, "attackError"))
    , m_epsilonError(errorLabel(this, "epsilonError"))
    , m_epsilonHint(new QLabel(this))
    , m_fixedEpsilonHint(new QLabel(this))
    , m_stepsError(errorLabel(this, "stepsError"))
    , m_queriesError(errorLabel(this, "queriesError"))
    , m_dataError(errorLabel(this, "dataError"))
    , m_form(new QFormLayout(this))
{
    m_form->setContentsMargins(0, 0, 0, 0);
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    buildControls();
    retranslate();
}

void CurveRunForm::buildControls()
{
    const auto addRow = [this](QWidget* field) {
        auto* label = new QLabel(this);
        label->setBuddy(field);
        m_formLabels << label;
        m_form->addRow(label, field);
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
                                                      {m_queries, "queries"},
                                                      {m_images, "images"},
                                                      {m_targeted, "targeted"}};
    for (const auto& [object, name] : names)
        object->setObjectName(QLatin1String(name));

    for (const NormInput& norm : kNormInputs)
        m_norm->addItem(normSymbol(QLatin1String(norm.id)), QLatin1String(norm.id));
    m_axis->addItem(QString(), CurveRequest::Epsilon);
    m_axis->addItem(QString(), CurveRequest::Iterations);
    m_axis->addItem(QString(), CurveRequest::Queries);
    m_queries->setRange(1, 1000000);
    m_queries->setValue(1000);
    m_queries->setGroupSeparatorShown(true); // budgets run to 10 000 and more
    m_epsilonCount->setRange(2, 50);
    m_epsilonCount->setValue(9);
    m_stepsPerAttack->setRange(1, core::kMaxSteps);
    m_stepsPerAttack->setValue(20);
    m_images->setRange(1, 100000);
    m_images->setValue(256);
    for (QLabel* hint : {m_epsilonHint, m_fixedEpsilonHint})
        hint->setWordWrap(true);
    applyHintPalette();

    addRow(m_attack);
    m_form->addRow(m_attackError);
    addRow(m_norm);
    addRow(m_axis);
    // One form for both axes (rows shown per axis) keeps every field aligned.
    addRow(m_epsilonFrom);
    addRow(m_epsilonTo);
    addRow(m_epsilonCount);
    m_form->addRow(m_epsilonHint);
    m_form->addRow(m_epsilonError);
    addRow(m_stepsPerAttack);
    addRow(m_fixedEpsilon);
    m_form->addRow(m_fixedEpsilonHint);
    addRow(m_stepList);
    m_form->addRow(m_stepsError);
    addRow(m_queries);
    m_form->addRow(m_queriesError);
    addRow(m_data);
    m_form->addRow(m_dataError);
    addRow(m_images);
    m_form->addRow(m_targeted);

    connect(m_axis, &QComboBox::currentIndexChanged, this, &CurveRunForm::showAxisInputs);
    connect(m_attack, &QComboBox::currentIndexChanged, this, &CurveRunForm::applyAttackDescription);
    connect(m_data, &CurveDataSource::choiceChanged, this, [this] {
        if (m_data->hasChoice())
            showError(m_dataError, QString());
    });
    showAxisInputs();
    connect(m_norm, &QComboBox::currentIndexChanged, this, &CurveRunForm::applyNormInputs);
    for (QDoubleSpinBox* box : {m_epsilonFrom, m_epsilonTo, m_fixedEpsilon})
        connect(box, &QDoubleSpinBox::valueChanged, this, &CurveRunForm::updateEpsilonHints);
    connect(m_epsilonCount, &QSpinBox::valueChanged, this, &CurveRunForm::updateEpsilonHints);
    applyNormInputs(0);
    offerQueriesAxis(nullptr); // until setAttacks names a query-based attack
    // After the connections above: the norm's inputs are in place when the plan is read.
    for (QComboBox* box : {m_axis, m_norm})
        connect(box, &QComboBox::currentIndexChanged, this, &CurveRunForm::plannedAxisChanged);
    for (QDoubleSpinBox* box : {m_epsilonFrom, m_epsilonTo})
        connect(box, &QDoubleSpinBox::valueChanged, this, &CurveRunForm::plannedAxisChanged);
    connect(m_stepList, &QLineEdit::textChanged, this, &CurveRunForm::plannedAxisChanged);
    connect(m_queries, &QSpinBox::valueChanged, this, &CurveRunForm::plannedAxisChanged);
}

CurveRunForm::PlannedAxis CurveRunForm::plannedAxis() const
{
    const NormInput& input = kNormInputs[std::max(0, m_norm->currentIndex())];
    PlannedAxis planned;
    planned.axis = static_cast<CurveRequest::Axis>(m_axis->currentData().toInt());
    planned.greyLevels = input.scale == 255.0;
    if (planned.axis == CurveRequest::Epsilon) {
        planned.lower = m_epsilonFrom->value() / input.scale;
        planned.upper = m_epsilonTo->value() / input.scale;
    } else if (planned.axis == CurveRequest::Queries) {
        planned.lower = 1.0;
        planned.upper = m_queries->value();
    } else if (const auto steps = CurveRequest::parseSteps(m_stepList->text())) {
        planned.lower = steps->front();
        planned.upper = steps->back();
    }
    return planned;
}

void CurveRunForm::showAxisInputs()
{
    const int axis = m_axis->currentData().toInt();
    const bool epsilonAxis = axis == CurveRequest::Epsilon;
    for (QWidget* row :
         std::initializer_list<QWidget*>{m_epsilonFrom, m_epsilonTo, m_epsilonCount, m_epsilonHint, m_stepsPerAttack})
        m_form->setRowVisible(row, epsilonAxis);
    for (QWidget* row : std::initializer_list<QWidget*>{m_fixedEpsilon, m_fixedEpsilonHint})
        m_form->setRowVisible(row, !epsilonAxis);
    m_form->setRowVisible(m_stepList, axis == CurveRequest::Iterations);
    m_form->setRowVisible(m_queries, axis == CurveRequest::Queries);
    // About fields no longer shown.
    if (axis != CurveRequest::Epsilon)
        showError(m_epsilonError, QString());
    if (axis != CurveRequest::Iterations)
        showError(m_stepsError, QString());
    if (axis != CurveRequest::Queries)
        showError(m_queriesError, QString());
}

void CurveRunForm::applyNormInputs(int index)
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

void CurveRunForm::setAttacks(const QList<AttackChoice>& attacks)
{
    const QString current = m_attack->currentData().toString();
    m_attackChoices = attacks;
    {
        // Refilled after a language switch too: the attacks passing through
        // while it refills must not reset the axis or the query budget.
        const QSignalBlocker blocker(m_attack);
        m_attack->clear();
        for (const AttackChoice& choice : attacks)
            m_attack->addItem(choice.label, choice.id);
        const int index = m_attack->findData(current);
        if (index >= 0)
            m_attack->setCurrentIndex(index);
    }
    if (!attacks.isEmpty())
        showError(m_attackError, QString());
    applyGradientAvailability();
    applyAttackDescription();
}

const AttackChoice* CurveRunForm::chosenAttack() const
{
    const QString id = m_attack->currentData().toString();
    const auto found = std::find_if(m_attackChoices.cbegin(), m_attackChoices.cend(),
                                    [&](const AttackChoice& choice) { return choice.id == id; });
    return found == m_attackChoices.cend() ? nullptr : &*found;
}

void CurveRunForm::applyAttackDescription()
{
    const AttackChoice* attack = chosenAttack();
    const bool iterative = !attack || attack->iterative;
    m_stepsPerAttack->setEnabled(iterative);
    // Only an iterative attack's limit: FGSM's 1 would clamp the steps the next PGD gets.
    if (iterative)
        m_stepsPerAttack->setMaximum(attack ? attack->maxSteps : core::kMaxSteps);
    offerSupportedNorms(m_norm, attack);
    offerQueriesAxis(attack);
}

void CurveRunForm::offerQueriesAxis(const AttackChoice* attack)
{
    const bool queryBased = attack && attack->isQueryBased();
    if (auto* items = qobject_cast<QStandardItemModel*>(m_axis->model()))
        items->item(m_axis->findData(CurveRequest::Queries))->setEnabled(queryBased);
    if (!queryBased) {
        if (m_axis->currentData().toInt() == CurveRequest::Queries)
            m_axis->setCurrentIndex(m_axis->findData(CurveRequest::Epsilon));
        return;
    }
    // The chosen attack's own default budget and limit, as the attack panel
    // offers them; the same attack again keeps the budget entered.
    const QSignalBlocker blocker(m_queries);
    m_queries->setRange(1, std::max(attack->maxQueries, attack->defaultQueries));
    if (attack->id != m_queriesAttack)
        m_queries->setValue(attack->defaultQueries);
    m_queriesAttack = attack->id;
    Q_EMIT plannedAxisChanged();
}

void CurveRunForm::setGradientsAvailable(bool available, const QString& reason)
{
    m_gradientsAvailable = available;
    m_noGradientReason = reason;
    applyGradientAvailability();
}

bool CurveRunForm::attackUsable(const QString& id) const
{
    if (m_gradientsAvailable)
        return true;
    const auto found = std::find_if(m_attackChoices.cbegin(), m_attackChoices.cend(),
                                    [&](const AttackChoice& choice) { return choice.id == id; });
    return found != m_attackChoices.cend() && !found->needsGradients;
}

void CurveRunForm::applyGradientAvailability()
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
    showError(m_attackError,
              blocked ? tr("This model gives no input gradients, so no attack here can run: %1").arg(m_noGradientReason)
                      : QString());
}

void CurveRunForm::setFashionMnistOffered(bool offered)
{
    m_data->setFashionMnistOffered(offered);
    showError(m_dataError, QString());
}

std::optional<CurveRequest> CurveRunForm::validatedRequest()
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
    request.queries = m_queries->value();
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
    } else if (request.axis == CurveRequest::Queries) {
        check(m_epsilonError, true, {});
        if (request.fixedEpsilon <= 0.0)
            check(m_queriesError, false, tr("ε must be larger than 0."));
        else
            check(m_queriesError, chosenAttack() && chosenAttack()->isQueryBased(),
                  tr("Accuracy vs queries needs a query-based attack, such as Square."));
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

void CurveRunForm::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    else if (event->type() == QEvent::PaletteChange)
        applyHintPalette();
}

void CurveRunForm::retranslate()
{
    const QString labels[] = {tr("&Attack:"), tr("&Norm:"),    tr("A&xis:"),       tr("&From:"),
                              tr("&To:"),     tr("&Points:"),  tr("Iterati&ons:"), tr("&ε:"),
                              tr("&Steps:"),  tr("&Queries:"), tr("&Data:"),       tr("&Images:")};
    for (int i = 0; i < m_formLabels.size() && i < static_cast<int>(std::size(labels)); ++i)
        m_formLabels[i]->setText(labels[i]);
    m_axis->setItemText(0, tr("Accuracy vs ε"));
    m_axis->setItemText(1, tr("Accuracy vs iterations"));
    m_axis->setItemText(2, tr("Accuracy vs queries"));
    m_axis->setItemData(2, tr("Query-based (black-box) attacks only, such as Square"), Qt::ToolTipRole);
    m_queries->setToolTip(tr("The attack's query budget per image; the curve shows the accuracy after every count "
                             "up to it, from one run"));
    m_stepsPerAttack->setToolTip(tr("Iterations of iterative attacks at every ε"));
    m_stepList->setToolTip(tr("Step counts, one point each, e.g. 1,2,5,10,20,50"));
    m_images->setToolTip(tr("The first images of the test set, or images spread evenly over the folder"));
    m_targeted->setText(tr("Tar&geted (random target classes)"));
    updateEpsilonHints();
}

void CurveRunForm::updateEpsilonHints()
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

void CurveRunForm::applyHintPalette()
{
    // Faded text of whatever palette is in use; PlaceholderText is not set by every dark theme.
    QColor faded = palette().color(QPalette::WindowText);
    faded.setAlphaF(0.65F);
    QPalette colours;
    colours.setColor(QPalette::WindowText, faded);
    for (QLabel* hint : {m_epsilonHint, m_fixedEpsilonHint})
        hint->setPalette(colours);
}

void CurveRunForm::showError(QLabel* label, const QString& message)
{
    label->setText(message);
    label->setVisible(!message.isEmpty());
}

} // namespace advlens::ui
