#include "core/attacks/bim.h"

#include "core/attacks/attackinfo.h"
#include "core/attacks/gradientiterations.h"

namespace advlens::core {

AttackInfo Bim::describe()
{
    AttackInfo info;
    info.name = "bim";
    info.label = "BIM / I-FGSM";
    info.description = "Basic Iterative Method / I-FGSM: iterative FGSM from the image, step eps/steps";
    info.iterative = true;
    info.parameters = {l1SparsityParameter()};
    return info;
}

AttackResult Bim::run(Classifier& classifier, const AttackInput& input, const AttackConfig& config,
                      const RunControl& control)
{
    SteepestStep rule(config.norm, l1Sparsity(config));
    const IterationSettings settings{config.effectiveStepSize(/*defaultMultiple=*/1.0), /*randomStart=*/false,
                                     /*restarts=*/1};
    return runGradientIterations(classifier, input, config, settings, rule, control);
}

} // namespace advlens::core
