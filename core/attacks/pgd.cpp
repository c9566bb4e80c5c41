#include "core/attacks/pgd.h"

#include "core/attacks/attackinfo.h"
#include "core/attacks/gradientiterations.h"

namespace advlens::core {

AttackInfo Pgd::describe()
{
    AttackInfo info;
    info.name = "pgd";
    info.label = "PGD";
    info.description = "Projected Gradient Descent: random start, iterative, projected (linf/l2/l1)";
    info.iterative = true;
    info.randomStart = true;
    info.parameters = {l1SparsityParameter(), l2StartParameter()};
    return info;
}

AttackResult Pgd::run(Classifier& classifier, const AttackInput& input, const AttackConfig& config,
                      const RunControl& control)
{
    SteepestStep rule(config.norm, l1Sparsity(config));
    const IterationSettings settings{config.effectiveStepSize(), config.randomStart, config.restarts};
    return runGradientIterations(classifier, input, config, settings, rule, control);
}

} // namespace advlens::core
