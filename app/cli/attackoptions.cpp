#include "attackoptions.h"

#include "attacks/attackregistry.h"
#include "defences/defendedclassifier.h"
#include "util/error.h"

#include <cmath>
#include <sstream>

namespace advlens::cli {

std::vector<OptionSpec> attackOptions(const std::string& defaultEpsilon)
{
    std::string names;
    for (const auto& info : core::availableAttacks())
        names += (names.empty() ? "" : ", ") + info.name;
    return {
        {"attack", "NAME", "attack: " + names, "pgd"},
        {"eps", "EPS", "budget in pixel units of [0,1] images; 8/255 is accepted", defaultEpsilon},
        {"norm", "NORM", "linf, l2 or l1 (deepfool: linf or l2)", "linf"},
        {"steps", "N", "iterations (pgd, bim, mim)", "10"},
        {"step-size", "X", "step size alpha (pgd, bim, mim); 0 = 2.5*eps/steps for pgd, eps/steps otherwise", "0"},
        {"restarts", "N", "random restarts (pgd); random draws (noise baselines)", "1"},
        {"no-random-start", "", "start pgd at the image itself (BIM / I-FGSM)", ""},
        {"early-stop", "", "iterative attacks stop working on an image once it is fooled", ""},
        {"set", "K=V,..", "attack-specific settings, e.g. momentum=0.9 or confidence=5,binary_search_steps=9", ""},
    };
}

core::AttackConfig attackConfigFrom(const CommandLine& line, bool measuringMinimal)
{
    core::AttackConfig config;
    config.norm = core::parseNorm(line.value("norm"));
    config.steps = line.intValue("steps");
    config.stepSize = line.doubleValue("step-size");
    config.restarts = line.intValue("restarts");
    config.randomStart = !line.has("no-random-start");
    config.seed = static_cast<std::uint64_t>(line.int64Value("seed"));
    config.earlyStop = line.has("early-stop");
    std::stringstream settings(line.value("set"));
    for (std::string item; std::getline(settings, item, ',');) {
        const auto eq = item.find('=');
        if (eq == std::string::npos || eq == 0)
            throw UsageError("--set expects KEY=VALUE pairs separated by commas, not '" + item + "'");
        config.extra[item.substr(0, eq)] = parseNumber(item.substr(eq + 1), "set");
    }
    if (!(config.stepSize >= 0) || !std::isfinite(config.stepSize))
        throw UsageError("--step-size must be a finite number ≥ 0");
    try {
        core::validateAttackConfig(core::attackInfo(line.value("attack")), config, measuringMinimal);
    } catch (const core::Error& e) {
        throw UsageError(e.what());
    }
    return config;
}

std::vector<OptionSpec> defenceOptions()
{
    return {
        {"defence", "SPEC",
         "input-transform defence in front of the model: jpeg:QUALITY (1-100) or bits:BITS (1-8); "
         "attacks see its true gradient (zero: obfuscated) unless --bpda",
         ""},
        {"bpda", "", "attack the defence with straight-through gradients (BPDA: forward T(x), backward identity)", ""},
    };
}

std::optional<core::InputDefence> defenceFrom(const CommandLine& line)
{
    if (!line.has("defence")) {
        if (line.has("bpda"))
            throw UsageError("--bpda needs a --defence to approximate");
        return std::nullopt;
    }
    try {
        return core::parseInputDefence(line.value("defence"));
    } catch (const core::Error& e) {
        throw UsageError(std::string("--defence: ") + e.what());
    }
}

std::unique_ptr<core::Classifier> defendModel(std::unique_ptr<core::Classifier> model,
                                              const std::optional<core::InputDefence>& defence, const CommandLine& line)
{
    if (!defence)
        return model;
    return std::make_unique<core::DefendedClassifier>(
        std::move(model), *defence, line.has("bpda") ? core::DefenceGradient::Bpda : core::DefenceGradient::Obfuscated);
}

} // namespace advlens::cli
