#include "pgd.h"

#include "gradientiterations.h"

namespace advlens::core {

AttackResult Pgd::run(Classifier& classifier, const AttackInput& input, const AttackConfig& config,
                      const RunControl& control)
{
    SteepestStep rule(config.norm, l1Sparsity(config));
    const IterationSettings settings{config.effectiveStepSize(), config.randomStart, config.restarts};
    return runGradientIterations(classifier, input, config, settings, rule, control);
}

} // namespace advlens::core
