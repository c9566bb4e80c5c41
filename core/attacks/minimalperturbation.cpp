#include "core/attacks/minimalperturbation.h"

#include "core/attacks/attackcommon.h"
#include "core/util/error.h"

#include <ATen/ATen.h>

#include <cmath>

namespace advlens::core {

MinimalBudget::MinimalBudget(const AttackConfig& config)
    : m_bounded(std::isfinite(config.epsilon))
    , m_epsilon(config.epsilon)
    , m_norm(config.norm)
{
}

at::Tensor MinimalBudget::admits(const at::Tensor& delta) const
{
    if (!m_bounded)
        return at::ones({delta.size(0)}, delta.options().dtype(at::kBool));
    return perImageDistance(delta, m_norm).le(m_epsilon);
}

at::Tensor perImageDistance(const at::Tensor& delta, Norm norm)
{
    const at::Tensor flat = delta.flatten(1);
    switch (norm) {
    case Norm::Linf:
        return flat.numel() ? std::get<0>(flat.abs().max(1)) : at::zeros({delta.size(0)}, delta.options());
    case Norm::L2:
        return flat.norm(2, {1});
    case Norm::L1:
        return flat.abs().sum(1);
    }
    throw Error("unsupported norm " + toString(norm));
}

AttackInput prepareMinimalAttackInput(Classifier& classifier, const AttackInput& input, const AttackConfig& config)
{
    if (std::isnan(config.epsilon) || config.epsilon < 0.0)
        throw Error("epsilon must be ≥ 0, or infinite for no budget");
    requireInputGradients(classifier, "a minimal-perturbation attack");
    // The shared checks reject ε = ∞, which means "unbounded" here.
    AttackConfig checked = config;
    checked.epsilon = 0.0;
    return prepareAttackInput(classifier, input, checked);
}

at::Tensor worthAttacking(const at::Tensor& cleanLogits, const AttackInput& input, bool targeted)
{
    const at::Tensor correct = cleanLogits.argmax(1).eq(input.labels);
    return targeted ? correct.logical_and(input.targets.ne(input.labels)) : correct;
}

void finishMinimalResult(AttackResult& result, const AttackInput& input, const AttackConfig& config)
{
    const at::Tensor& goal = config.targeted ? input.targets : input.labels;
    const at::Tensor admitted = MinimalBudget(config)
                                    .admits(result.adversarial - input.images)
                                    .logical_and(reachesGoal(result.adversarialLogits, goal, config.targeted));
    result.adversarial = at::where(admitted.view({-1, 1, 1, 1}), result.adversarial, input.images);
    result.adversarialLogits = at::where(admitted.view({-1, 1}), result.adversarialLogits, result.cleanLogits);
    completeResult(result, input, config);
}

} // namespace advlens::core
