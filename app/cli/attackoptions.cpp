#include "attackoptions.h"

#include "attacks/attackregistry.h"

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
    if (config.steps < 1 || config.restarts < 1)
        throw UsageError("--steps and --restarts must be at least 1");
    if (config.stepSize < 0)
        throw UsageError("--step-size must be ≥ 0");
    return config;
}

} // namespace advlens::cli
