#include "fgsm.h"

#include "attackcommon.h"
#include "lpball.h"

#include <ATen/ATen.h>

namespace advlens::core {

AttackResult Fgsm::run(Classifier& classifier, const AttackInput& rawInput, const AttackConfig& config,
                       const RunControl& control)
{
    const AttackInput input = prepareAttackInput(classifier, rawInput, config);
    control.report(0, 1);
    const at::Tensor& goal = config.targeted ? input.targets : input.labels;
    // The gradient pass at x also yields the clean logits: no separate forward.
    const LossGradient lg = crossEntropyGradient(classifier, input.images, goal);
    const double signedEpsilon = config.targeted ? -config.epsilon : config.epsilon;

    AttackResult result;
    result.cleanLogits = lg.logits;
    if (config.norm == Norm::L1) {
        const at::Tensor ascent = config.targeted ? lg.gradient.neg() : lg.gradient;
        result.adversarial = (input.images + steepestL1StepInBox(ascent, input.images, config.epsilon)).clamp(0.0, 1.0);
    } else {
        result.adversarial =
            (input.images + signedEpsilon * steepestDirection(lg.gradient, config.norm)).clamp(0.0, 1.0);
    }
    result.adversarialLogits = logitsWithoutGrad(classifier, result.adversarial);
    result.gradientEvaluations = 1;
    completeResult(result, input, config);
    control.report(1, 1);
    return result;
}

} // namespace advlens::core
