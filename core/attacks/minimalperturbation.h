#pragma once

#include "core/attacks/attack.h"

namespace advlens::core {

/// What the minimal-perturbation attacks (DeepFool, C&W ℓ2, EAD) share.
///
/// They search for the smallest perturbation that reaches the goal, without a
/// budget. A finite AttackConfig::epsilon ≥ 0 is a budget on what they return:
/// an image whose perturbation would leave the ε-ball of AttackConfig::norm is
/// replaced by its clean image and counts as a failure, so every returned image
/// lies in the ε-ball and the [0, 1] box (so ε = 0 fools nothing, as for every
/// other attack). ε = +∞ means unbounded; a negative or NaN ε is an error. Every
/// returned image is either adversarial or the clean image itself.

/// The ε-ball of a minimal attack's config, or no bound at all.
class MinimalBudget {
public:
    explicit MinimalBudget(const AttackConfig& config);
    bool bounded() const { return m_bounded; }
    /// N bool on δ's device: which perturbations δ (N×…) lie in the ball (all when unbounded).
    at::Tensor admits(const at::Tensor& delta) const;

private:
    bool m_bounded = false;
    double m_epsilon = 0.0;
    Norm m_norm = Norm::L2;
};

/// Per-image distance of δ (N×…) in `norm`: N float on δ's device.
at::Tensor perImageDistance(const at::Tensor& delta, Norm norm);

/// prepareAttackInput for an attack that accepts ε = +∞ ("unbounded").
AttackInput prepareMinimalAttackInput(Classifier& classifier, const AttackInput& input, const AttackConfig& config);

/// N bool: the images worth attacking, those the model classifies correctly
/// (no other can count as a success) that do not reach the goal already.
at::Tensor worthAttacking(const at::Tensor& cleanLogits, const AttackInput& input, bool targeted);

/// Finishes a result whose adversarial batch and logits are set: images that
/// miss the goal or leave the ε-ball go back to the clean image and logits,
/// then completeResult().
void finishMinimalResult(AttackResult& result, const AttackInput& input, const AttackConfig& config);

} // namespace advlens::core
