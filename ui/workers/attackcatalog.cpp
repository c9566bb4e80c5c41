#include "workers/attackcatalog.h"

#include "attacks/attackregistry.h"

#include <QCoreApplication>

namespace advlens::ui {

namespace {

QString displayName(const std::string& id)
{
    const auto tr = [](const char* text) { return QCoreApplication::translate("advlens::ui::AttackCatalog", text); };
    if (id == "fgsm")
        return tr("FGSM");
    if (id == "pgd")
        return tr("PGD");
    if (id == "bim")
        return tr("BIM / I-FGSM");
    if (id == "mim")
        return tr("MIM (momentum)");
    if (id == "deepfool")
        return tr("DeepFool");
    if (id == "cw-l2")
        return tr("Carlini & Wagner ℓ2");
    if (id == "ead")
        return tr("EAD (elastic net)");
    if (id == "uniform-noise")
        return tr("Uniform noise");
    if (id == "gaussian-noise")
        return tr("Gaussian noise");
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
        // DeepFool is ℓ2/ℓ∞ only; C&W optimises ℓ2 (its budget may be any norm).
        choice.supportsL1 = info.name != "deepfool";
        choice.supportsLinf = true;
        choices << choice;
    }
    return choices;
}

} // namespace advlens::ui
