#include "attackregistry.h"

#include "bim.h"
#include "carliniwagner.h"
#include "deepfool.h"
#include "ead.h"
#include "fgsm.h"
#include "mim.h"
#include "noise.h"
#include "pgd.h"
#include "attackcommon.h"
#include "util/error.h"

#include <algorithm>
#include <functional>

namespace advlens::core {

namespace {

struct Entry {
    AttackInfo info;
    std::function<std::unique_ptr<Attack>()> make;
};

AttackInfo info(std::string name, std::string description, bool iterative, bool minimal)
{
    AttackInfo i;
    i.name = std::move(name);
    i.description = std::move(description);
    i.iterative = iterative;
    i.minimal = minimal;
    return i;
}

AttackInfo withParameters(AttackInfo i, std::vector<std::string> keys)
{
    i.parameters = std::move(keys);
    return i;
}

// Adding an attack: implement it in its own file and add one entry here.
const std::vector<Entry>& entries()
{
    static const std::vector<Entry> table = [] {
        AttackInfo pgd = withParameters(
            info("pgd", "Projected Gradient Descent: random start, iterative, projected (linf/l2/l1)", true, false),
            {"l1_sparsity", "l2_start"});
        pgd.randomStart = true;
        AttackInfo deepFool = withParameters(
            info("deepfool", "DeepFool: nearest decision boundary by linearisation (minimal, l2/linf)", true, true),
            {"max_iterations", "overshoot", "candidates"});
        deepFool.norms = {Norm::Linf, Norm::L2};
        deepFool.minimisedNorms = {Norm::L2, Norm::Linf};
        const std::vector<std::string> marginSearch = {"binary_search_steps", "max_iterations", "initial_const",
                                                       "confidence",          "learning_rate",  "abort_early"};
        AttackInfo cw = withParameters(
            info("cw-l2", "Carlini & Wagner l2: tanh variables, margin loss, Adam, binary search on c", true, true),
            marginSearch);
        cw.minimisedNorms = {Norm::L2};
        std::vector<std::string> eadKeys = marginSearch;
        eadKeys.insert(eadKeys.end(), {"beta", "decision_rule"});
        AttackInfo ead = withParameters(
            info("ead", "EAD: elastic-net attack (l1 + l2), ISTA/FISTA, binary search on c", true, true), eadKeys);
        ead.minimisedNorms = {Norm::L1, Norm::L2};
        AttackInfo uniform =
            info("uniform-noise", "baseline: uniform random noise in the eps-ball (no gradients)", false, false);
        AttackInfo gaussian = withParameters(
            info("gaussian-noise", "baseline: Gaussian random noise projected into the eps-ball (no gradients)", false,
                 false),
            {"sigma"});
        for (AttackInfo* noise : {&uniform, &gaussian}) {
            noise->needsGradients = false;
            noise->randomStart = true; // restarts are independent draws
        }
        return std::vector<Entry>{
            {info("fgsm", "Fast Gradient Sign Method: one step of size eps", false, false),
             [] { return std::make_unique<Fgsm>(); }},
            {pgd, [] { return std::make_unique<Pgd>(); }},
            {withParameters(info("bim", "Basic Iterative Method / I-FGSM: iterative FGSM from the image, step eps/steps",
                                 true, false),
                            {"l1_sparsity"}),
             [] { return std::make_unique<Bim>(); }},
            {withParameters(
                 info("mim", "Momentum Iterative Method: I-FGSM with momentum on l1-normalised gradients", true, false),
                 {"momentum", "l1_sparsity"}),
             [] { return std::make_unique<Mim>(); }},
            {deepFool, [] { return std::make_unique<DeepFool>(); }},
            {cw, [] { return std::make_unique<CarliniWagnerL2>(); }},
            {ead, [] { return std::make_unique<Ead>(); }},
            {uniform, [] { return std::make_unique<UniformNoise>(); }},
            {gaussian, [] { return std::make_unique<GaussianNoise>(); }},
        };
    }();
    return table;
}

std::string normList(const std::vector<Norm>& norms)
{
    std::string text;
    for (Norm norm : norms)
        text += (text.empty() ? "" : ", ") + toString(norm);
    return text;
}

} // namespace

const std::vector<AttackInfo>& availableAttacks()
{
    static const std::vector<AttackInfo> infos = [] {
        std::vector<AttackInfo> list;
        for (const Entry& entry : entries())
            list.push_back(entry.info);
        return list;
    }();
    return infos;
}

bool isMinimalPerturbationAttack(const std::string& name)
{
    for (const Entry& entry : entries())
        if (entry.info.name == name)
            return entry.info.minimal;
    return false;
}

const AttackInfo& attackInfo(const std::string& name)
{
    std::string known;
    for (const Entry& entry : entries()) {
        if (entry.info.name == name)
            return entry.info;
        known += (known.empty() ? "" : ", ") + entry.info.name;
    }
    throw Error("unknown attack '" + name + "' (known: " + known + ")");
}

void validateAttackConfig(const AttackInfo& info, const AttackConfig& config, bool measuringMinimal)
{
    const std::vector<Norm>& norms = measuringMinimal && info.minimal ? info.minimisedNorms : info.norms;
    if (std::find(norms.begin(), norms.end(), config.norm) == norms.end())
        throw Error(info.name + (measuringMinimal ? " minimises " : " supports ") +
                    (norms.size() == 1 ? "the " + normList(norms) + " norm only" : "the norms " + normList(norms)) +
                    ", not " + toString(config.norm));
    for (const auto& [key, value] : config.extra) {
        if (std::find(info.parameters.begin(), info.parameters.end(), key) == info.parameters.end()) {
            std::string known;
            for (const std::string& k : info.parameters)
                known += (known.empty() ? "" : ", ") + k;
            throw Error(info.name + " has no setting '" + key + "'" +
                        (known.empty() ? " (it has none)" : " (its settings: " + known + ")"));
        }
        checkAttackParameter(key, value);
    }
    if (config.steps < 1 || config.steps > kMaxSteps)
        throw Error("steps must lie in [1, " + std::to_string(kMaxSteps) + "] (got " + std::to_string(config.steps) +
                    ")");
    if (config.restarts < 1 || config.restarts > kMaxRestarts)
        throw Error("restarts must lie in [1, " + std::to_string(kMaxRestarts) + "] (got " +
                    std::to_string(config.restarts) + ")");
}

std::unique_ptr<Attack> createAttack(const std::string& name)
{
    std::string known;
    for (const Entry& entry : entries()) {
        if (entry.info.name == name)
            return entry.make();
        known += (known.empty() ? "" : ", ") + entry.info.name;
    }
    throw Error("unknown attack '" + name + "' (known: " + known + ")");
}

} // namespace advlens::core
