#pragma once

#include "core/attacks/attack.h"

namespace advlens::core {

/// Basic Iterative Method / I-FGSM (Kurakin et al. 2017): FGSM repeated from x
/// itself, `steps` steps of size α, each clipped to the ε-ball and the [0, 1]
/// box. ℓ∞ steps along sign ∇ₓL, ℓ2 along ∇ₓL/‖∇ₓL‖₂, ℓ1 along PGD's sparse
/// step. Within the run an image keeps the last iterate, or the last one that
/// fooled the model if the last did not.
///
/// Reads epsilon, norm, steps, stepSize (default ε/steps, so the last step
/// can just reach the ball's surface), targeted, earlyStop and
/// extra["l1_sparsity"] (as Pgd). Deterministic: ignores randomStart,
/// restarts and seed. AttackInput::start, when given, replaces x as the first
/// iterate. At most `steps` gradient evaluations per image and one forward.
class Bim : public Attack {
public:
    static AttackInfo describe();
    std::string name() const override { return "bim"; }
    AttackResult run(Classifier& classifier, const AttackInput& input, const AttackConfig& config,
                     const RunControl& control = {}) override;
};

} // namespace advlens::core
