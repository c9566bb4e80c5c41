#include "core/attacks/fgsm.h"

#include "core/attacks/attackcommon.h"
#include "core/attacks/lpball.h"
#include "core/util/error.h"

#include <ATen/ATen.h>

namespace advlens::core {

AttackInfo Fgsm::describe()
{
    AttackInfo info;
    info.name = "fgsm";
    info.label = "FGSM";
    info.description = "Fast Gradient Sign Method: one step of size eps";
    info.makeSweep = [](Classifier& classifier, const AttackInput& input, const AttackConfig& config) {
        return std::make_unique<FgsmSweep>(classifier, input, config);
    };
    return info;
}

AttackResult Fgsm::run(Classifier& classifier, const AttackInput& input, const AttackConfig& config,
                       const RunControl& control)
{
    control.report(0, 1);
    const AttackResult result = FgsmSweep(classifier, prepareAttackInput(classifier, input, config), config)
                                    .at(config.epsilon);
    control.report(1, 1);
    return result;
}

FgsmSweep::FgsmSweep(Classifier& classifier, const AttackInput& input, const AttackConfig& config)
    : m_classifier(classifier)
    , m_input(input)
    , m_config(config)
{
    requireInputGradients(classifier, "FGSM");
    // The gradient pass at x also yields the clean logits: no separate forward.
    const LossGradient lg =
        crossEntropyGradient(classifier, input.images, config.targeted ? input.targets : input.labels);
    m_cleanLogits = lg.logits;
    m_ascent = config.targeted ? lg.gradient.neg() : lg.gradient;
    if (config.norm != Norm::L1)
        m_direction = steepestDirection(m_ascent, config.norm);
}

AttackResult FgsmSweep::at(double epsilon) const
{
    if (!(epsilon >= 0.0))
        throw Error("epsilon must be ≥ 0");
    AttackConfig config = m_config;
    config.epsilon = epsilon;
    AttackResult result;
    result.cleanLogits = m_cleanLogits;
    // ℓ1 is not a scaled direction: which values the budget reaches depends on ε.
    const at::Tensor step = m_config.norm == Norm::L1 ? steepestL1StepInBox(m_ascent, m_input.images, epsilon)
                                                      : epsilon * m_direction;
    result.adversarial = (m_input.images + step).clamp(0.0, 1.0);
    result.adversarialLogits = logitsWithoutGrad(m_classifier, result.adversarial);
    result.gradientEvaluations = 1;
    completeResult(result, m_input, config);
    return result;
}

} // namespace advlens::core
