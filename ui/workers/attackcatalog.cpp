#include "workers/attackcatalog.h"

#include "attacks/attackregistry.h"

#include <QCoreApplication>

namespace advlens::ui {

namespace {

// Literal strings in QT_TRANSLATE_NOOP, so lupdate files them under this context.
const char* const kDisplayNames[][2] = {
    {"fgsm", QT_TRANSLATE_NOOP("advlens::ui::AttackCatalog", "FGSM")},
    {"pgd", QT_TRANSLATE_NOOP("advlens::ui::AttackCatalog", "PGD")},
    {"bim", QT_TRANSLATE_NOOP("advlens::ui::AttackCatalog", "BIM / I-FGSM")},
    {"mim", QT_TRANSLATE_NOOP("advlens::ui::AttackCatalog", "MIM (momentum)")},
    {"deepfool", QT_TRANSLATE_NOOP("advlens::ui::AttackCatalog", "DeepFool")},
    {"cw-l2", QT_TRANSLATE_NOOP("advlens::ui::AttackCatalog", "Carlini & Wagner ℓ2")},
    {"ead", QT_TRANSLATE_NOOP("advlens::ui::AttackCatalog", "EAD (elastic net)")},
    {"uniform-noise", QT_TRANSLATE_NOOP("advlens::ui::AttackCatalog", "Uniform noise")},
    {"gaussian-noise", QT_TRANSLATE_NOOP("advlens::ui::AttackCatalog", "Gaussian noise")},
};

QString displayName(const std::string& id)
{
    for (const auto& entry : kDisplayNames)
        if (id == entry[0])
            return QCoreApplication::translate("advlens::ui::AttackCatalog", entry[1]);
    return QString::fromStdString(id);
}

} // namespace

QList<AttackChoice> attackCatalog()
{
    QList<AttackChoice> choices;
    for (const core::AttackInfo& info : core::availableAttacks()) {
        AttackChoice choice;
        choice.id = QString::fromStdString(info.name);
        choice.label = displayName(info.name);
        choice.description = QString::fromStdString(info.description);
        choice.iterative = info.iterative;
        choice.minimal = info.minimal;
        choice.needsGradients = info.needsGradients;
        // DeepFool is ℓ2/ℓ∞ only; C&W optimises ℓ2 (its budget may be any norm).
        choice.supportsL1 = info.name != "deepfool";
        choice.supportsLinf = true;
        choices << choice;
    }
    return choices;
}

} // namespace advlens::ui
