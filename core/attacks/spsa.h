#pragma once

#include "core/attacks/attack.h"

namespace advlens::core {

/// SPSA (Uesato et al., "Adversarial Risk and the Dangers of Evaluating
/// Against Weak Attacks", ICML 2018): Adam on a gradient estimated from the
/// model's scores alone. Each estimate draws m Rademacher directions v (±1
/// per value) and queries x ± δv, ĝ = 1/m Σ (f(x+δv) − f(x−δv))/(2δ) v, of the
/// logit margin f (untargeted max_{j≠y} z_j − z_y, targeted z_t − max_{j≠t} z_j),
/// as the paper; Adam (β = 0.9, 0.999) ascends it with learning rate lr, and
/// each iterate is projected into the ε-ball ∩ [0, 1] box. Starts, as the
/// authors' CleverHans code, at a point drawn uniformly from the ε-cube and
/// projected (for ℓ2: onto the ball).
///
/// Reads epsilon, norm (ℓ∞, ℓ2), stepSize (lr; default 0.01, the paper's),
/// targeted, seed, and extra queries (default 5000), samples (2m, default
/// 128 model evaluations: 64 perturbations, each evaluated at ±δ) and sigma
/// (δ, default 0.01). CleverHans's spsa_samples = 128 counts perturbations
/// (256 evaluations, samples=256 here); counted as NES counts its samples,
/// 128 leaves 38 Adam steps in the default budget instead of 19, and fooled
/// twice as many images of the tiny test MLP at 2000 queries (ℓ∞ 0.1). Only forward passes. Query accounting and
/// stopping as runScoreAttack (estimatedgradient.h): 1 + k·(2m + 1) ≤ queries.
class Spsa : public Attack {
public:
    static AttackInfo describe();
    std::string name() const override { return "spsa"; }
    AttackResult run(Classifier& classifier, const AttackInput& input, const AttackConfig& config,
                     const RunControl& control = {}) override;
};

} // namespace advlens::core
