#pragma once

#include "core/attacks/attack.h"

namespace advlens::core {

/// Momentum Iterative Method (Dong et al., CVPR 2018; won NIPS 2017): BIM whose
/// step follows a running sum of ℓ1-normalised gradients,
///     g_{t+1} = μ·g_t + ∇ₓL(x_t) / ‖∇ₓL(x_t)‖₁   (per image),
///     x_{t+1} = clip(x_t + α·sign(g_{t+1}))       for ℓ∞,
/// with g_{t+1}/‖g_{t+1}‖₂ in place of the sign for ℓ2 (as in the paper and
/// ARES) and PGD's sparse step for ℓ1; clip is the ε-ball and the [0, 1] box.
/// From x itself (or AttackInput::start). With μ = 0 it is BIM.
///
/// Reads epsilon, norm, steps, stepSize (default ε/steps), targeted,
/// earlyStop, extra["momentum"] (μ ≥ 0, default 1) and extra["l1_sparsity"]
/// (as Pgd). Deterministic: ignores randomStart, restarts and seed. At most
/// `steps` gradient evaluations per image and one forward.
class Mim : public Attack {
public:
    static AttackInfo describe();
    std::string name() const override { return "mim"; }
    AttackResult run(Classifier& classifier, const AttackInput& input, const AttackConfig& config,
                     const RunControl& control = {}) override;
};

} // namespace advlens::core
