#include "core/attacks/attackregistry.h"

#include "core/attacks/apgd.h"
#include "core/attacks/attackcommon.h"
#include "core/attacks/autoattack.h"
#include "core/attacks/boundaryattack.h"
#include "core/attacks/fab.h"
#include "core/attacks/hopskipjump.h"
#include "core/attacks/nes.h"
#include "core/attacks/spsa.h"
#include "core/attacks/square.h"
#include "core/attacks/bim.h"
#include "core/attacks/carliniwagner.h"
#include "core/attacks/deepfool.h"
#include "core/attacks/ead.h"
#include "core/attacks/fgsm.h"
#include "core/attacks/mim.h"
#include "core/attacks/noise.h"
#include "core/attacks/pgd.h"
#include "core/attacks/transferattacks.h"
#include "core/util/error.h"

#include <algorithm>

namespace advlens::core {

namespace {

template <typename A>
AttackInfo registered()
{
    AttackInfo info = A::describe();
    info.create = [] { return std::make_unique<A>(); };
    return info;
}

/// A description that would mislead the CLI or the GUI is a programming
/// error: refuse it on first use, where every test sees it.
void checkDescription(const AttackInfo& info, const std::vector<AttackInfo>& before)
{
    const auto fail = [&](const std::string& why) { throw Error("attack description '" + info.name + "': " + why); };
    if (info.name.empty() || info.label.empty() || info.description.empty())
        fail("name, label and description are required");
    for (const AttackInfo& other : before)
        if (other.name == info.name)
            fail("registered twice");
    if (info.norms.empty())
        fail("supports no norm");
    if (info.labelOnly && info.needsGradients)
        fail("a label-only attack cannot need gradients");
    if (info.minimal && info.minimisedNorms.empty())
        fail("a minimal attack must say which norms it minimises");
    for (Norm norm : info.minimisedNorms)
        if (!info.supports(norm))
            fail("minimises " + toString(norm) + " but does not support it");
    for (const AttackParameter& parameter : info.parameters)
        if (!(parameter.low <= parameter.high) || (parameter.defaultValue && !parameter.accepts(*parameter.defaultValue)))
            fail(parameter.key + ": its default lies outside its range");
}

} // namespace

// Adding an attack: implement it in its own files with a static describe()
// (docs/adding-an-attack.md) and register it here, in display order.
const std::vector<AttackInfo>& availableAttacks()
{
    static const std::vector<AttackInfo> attacks = [] {
        const std::vector<AttackInfo> table = {
            registered<Fgsm>(),
            registered<Pgd>(),
            registered<ApgdCe>(),
            registered<ApgdDlr>(),
            registered<ApgdT>(),
            registered<Fab>(),
            registered<FabT>(),
            registered<AutoAttack>(),
            registered<AutoAttackRand>(),
            registered<AutoAttackPlus>(),
            registered<Bim>(),
            registered<Mim>(),
            registered<DiFgsm>(),
            registered<TiFgsm>(),
            registered<DeepFool>(),
            registered<CarliniWagnerL2>(),
            registered<Ead>(),
            registered<Square>(),
            registered<Nes>(),
            registered<Spsa>(),
            registered<BoundaryAttack>(),
            registered<HopSkipJump>(),
            registered<UniformNoise>(),
            registered<GaussianNoise>(),
        };
        std::vector<AttackInfo> checked;
        for (const AttackInfo& info : table) {
            checkDescription(info, checked);
            checked.push_back(info);
        }
        return checked;
    }();
    return attacks;
}

const AttackInfo& defaultAttack()
{
    return availableAttacks().front();
}

bool isMinimalPerturbationAttack(const std::string& name)
{
    for (const AttackInfo& info : availableAttacks())
        if (info.name == name)
            return info.minimal;
    return false;
}

const AttackInfo& attackInfo(const std::string& name)
{
    std::string known;
    for (const AttackInfo& info : availableAttacks()) {
        if (info.name == name)
            return info;
        known += (known.empty() ? "" : ", ") + info.name;
    }
    throw Error("unknown attack '" + name + "' (known: " + known + ")");
}

std::unique_ptr<Attack> createAttack(const std::string& name)
{
    return attackInfo(name).create();
}

std::string normList(const std::vector<Norm>& norms)
{
    std::string text;
    for (Norm norm : norms)
        text += (text.empty() ? "" : ", ") + toString(norm);
    return text;
}

void validateAttackConfig(const AttackInfo& info, const AttackConfig& config, bool measuringMinimal)
{
    const std::vector<Norm>& norms = measuringMinimal && info.minimal ? info.minimisedNorms : info.norms;
    if (std::find(norms.begin(), norms.end(), config.norm) == norms.end())
        throw Error(info.name + (measuringMinimal ? " minimises " : " supports ") +
                    (norms.size() == 1 ? "the " + normList(norms) + " norm only" : "the norms " + normList(norms)) +
                    ", not " + toString(config.norm));
    for (const auto& [key, value] : config.extra) {
        const AttackParameter* parameter = info.parameter(key);
        if (!parameter) {
            std::string known;
            for (const AttackParameter& p : info.parameters)
                known += (known.empty() ? "" : ", ") + p.key;
            throw Error(info.name + " has no setting '" + key + "'" +
                        (known.empty() ? " (it has none)" : " (its settings: " + known + ")"));
        }
        checkAttackParameter(*parameter, value);
    }
    if (config.targeted && !info.targetable)
        throw Error(info.name + " is untargeted only (it chooses its own targets)");
    if (config.steps < 1 || config.steps > kMaxSteps)
        throw Error("steps must lie in [1, " + std::to_string(kMaxSteps) + "] (got " + std::to_string(config.steps) +
                    ")");
    if (config.restarts < 1 || config.restarts > kMaxRestarts)
        throw Error("restarts must lie in [1, " + std::to_string(kMaxRestarts) + "] (got " +
                    std::to_string(config.restarts) + ")");
}

bool AttackInfo::supports(Norm norm) const
{
    return std::find(norms.begin(), norms.end(), norm) != norms.end();
}

bool AttackInfo::minimises(Norm norm) const
{
    return std::find(minimisedNorms.begin(), minimisedNorms.end(), norm) != minimisedNorms.end();
}

const AttackParameter* AttackInfo::parameter(const std::string& key) const
{
    for (const AttackParameter& p : parameters)
        if (p.key == key)
            return &p;
    return nullptr;
}

} // namespace advlens::core
