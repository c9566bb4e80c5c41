#pragma once

#include "attack.h"

namespace advlens::core {

/// Fast Gradient Sign Method (Goodfellow et al. 2015), one step:
/// ℓ∞: x' = clip₀¹(x + ε·sign ∇ₓL); ℓ2 (fast gradient method): x' = clip₀¹(x + ε·∇ₓL/‖∇ₓL‖₂).
/// Targeted: the step descends the loss toward the target. Reads epsilon,
/// norm and targeted; one gradient evaluation per image.
class Fgsm : public Attack {
public:
    std::string name() const override { return "fgsm"; }
    AttackResult run(Classifier& classifier, const AttackInput& input, const AttackConfig& config,
                     const RunControl& control = {}) override;
};

} // namespace advlens::core
