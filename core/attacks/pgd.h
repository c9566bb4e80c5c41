#pragma once

#include "attack.h"

namespace advlens::core {

/// Projected Gradient Descent (Madry et al. 2018) in ℓ∞ or ℓ2: from a random
/// point of the ε-ball (or x itself), `steps` steps of size α along the
/// steepest direction, each projected back into the ε-ball and the [0, 1] box.
/// With restarts, every image keeps the restart that fooled the model, or else
/// the one with the highest loss. Without random start and with α = ε/steps
/// this is I-FGSM/BIM. Reads epsilon, norm, steps, stepSize, randomStart,
/// restarts, targeted and seed; steps·restarts gradient evaluations per image.
class Pgd : public Attack {
public:
    std::string name() const override { return "pgd"; }
    AttackResult run(Classifier& classifier, const AttackInput& input, const AttackConfig& config,
                     const RunControl& control = {}) override;
};

} // namespace advlens::core
