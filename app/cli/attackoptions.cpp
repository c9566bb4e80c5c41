#include "attackoptions.h"

#include "attacks/attackregistry.h"

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
        {"norm", "NORM", "linf or l2", "linf"},
        {"steps", "N", "iterations (pgd)", "10"},
        {"step-size", "X", "step size alpha (pgd); 0 = 2.5*eps/steps", "0"},
        {"restarts", "N", "random restarts (pgd)", "1"},
        {"no-random-start", "", "start pgd at the image itself (BIM / I-FGSM)", ""},
        {"early-stop", "", "iterative attacks stop working on an image once it is fooled", ""},
        {"set", "K=V,..", "attack-specific settings, e.g. momentum=0.9 or confidence=5,binary_search_steps=9", ""},
    };
}

core::AttackConfig attackConfigFrom(const CommandLine& line)
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
    if (config.steps < 1 || config.restarts < 1)
        throw UsageError("--steps and --restarts must be at least 1");
    if (config.stepSize < 0)
        throw UsageError("--step-size must be ≥ 0");
    return config;
}

} // namespace advlens::cli
