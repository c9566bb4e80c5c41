#include "bim.h"

#include "gradientiterations.h"

namespace advlens::core {

AttackResult Bim::run(Classifier& classifier, const AttackInput& input, const AttackConfig& config,
                      const RunControl& control)
{
    SteepestStep rule(config.norm, l1Sparsity(config));
    const IterationSettings settings{config.effectiveStepSize(/*defaultMultiple=*/1.0), /*randomStart=*/false,
                                     /*restarts=*/1};
    return runGradientIterations(classifier, input, config, settings, rule, control);
}

} // namespace advlens::core
