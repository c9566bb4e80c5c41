#include "ui/workers/attackcatalog.h"

#include "core/attacks/attackregistry.h"

#include <QCoreApplication>

#include <algorithm>

namespace advlens::ui {

namespace {

constexpr const char* kContext = "advlens::ui::AttackCatalog";

// The labels core gives (AttackInfo::label), repeated here only so lupdate
// files them for translation; a label missing here is shown in English.
[[maybe_unused]] const char* const kTranslatedLabels[] = {
    QT_TRANSLATE_NOOP("advlens::ui::AttackCatalog", "FGSM"),
    QT_TRANSLATE_NOOP("advlens::ui::AttackCatalog", "PGD"),
    QT_TRANSLATE_NOOP("advlens::ui::AttackCatalog", "BIM / I-FGSM"),
    QT_TRANSLATE_NOOP("advlens::ui::AttackCatalog", "MIM (momentum)"),
    QT_TRANSLATE_NOOP("advlens::ui::AttackCatalog", "DeepFool"),
    QT_TRANSLATE_NOOP("advlens::ui::AttackCatalog", "Carlini & Wagner ℓ2"),
    QT_TRANSLATE_NOOP("advlens::ui::AttackCatalog", "EAD (elastic net)"),
    QT_TRANSLATE_NOOP("advlens::ui::AttackCatalog", "Uniform noise"),
    QT_TRANSLATE_NOOP("advlens::ui::AttackCatalog", "Gaussian noise"),
    QT_TRANSLATE_NOOP("advlens::ui::AttackCatalog", "Square"),
    QT_TRANSLATE_NOOP("advlens::ui::AttackCatalog", "Boundary attack"),
    QT_TRANSLATE_NOOP("advlens::ui::AttackCatalog", "AutoAttack (rand)"),
};

AttackChoice choiceOf(const core::AttackInfo& info)
{
    AttackChoice choice;
    choice.id = QString::fromStdString(info.name);
    choice.label = QCoreApplication::translate(kContext, info.label.c_str());
    choice.description = QString::fromStdString(info.description);
    choice.iterative = info.iterative;
    choice.minimal = info.minimal;
    choice.needsGradients = info.needsGradients;
    choice.fastSweep = static_cast<bool>(info.makeSweep);
    for (core::Norm norm : info.norms)
        choice.norms << QString::fromStdString(core::toString(norm));
    choice.maxSteps = info.iterative ? core::kMaxSteps : 1;
    // AutoAttack's "queries" is only its last stage's; it is a gradient attack.
    const core::AttackParameter* queries = info.parameter("queries");
    if (queries && !info.needsGradients) {
        choice.defaultQueries = static_cast<int>(queries->defaultValue.value_or(1000.0));
        choice.maxQueries = static_cast<int>(std::min(queries->high, 1e6));
    }
    return choice;
}

} // namespace

QList<AttackChoice> attackCatalog()
{
    QList<AttackChoice> choices;
    for (const core::AttackInfo& info : core::availableAttacks())
        choices << choiceOf(info);
    return choices;
}

QString defaultAttackId()
{
    return QString::fromStdString(core::defaultAttack().name);
}

bool attackIsIterative(const QString& id)
{
    for (const core::AttackInfo& info : core::availableAttacks())
        if (info.name == id.toStdString())
            return info.iterative;
    return false;
}

bool attackIsQueryBased(const QString& id)
{
    for (const core::AttackInfo& info : core::availableAttacks())
        if (info.name == id.toStdString())
            return choiceOf(info).isQueryBased();
    return false;
}

} // namespace advlens::ui
