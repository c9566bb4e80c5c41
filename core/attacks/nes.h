#pragma once

#include "core/attacks/attack.h"

namespace advlens::core {

/// NES (Ilyas et al., "Black-box Adversarial Attacks with Limited Queries and
/// Information", ICML 2018): PGD on a gradient estimated from the model's
/// scores alone. Each estimate draws n/2 Gaussian directions u and queries
/// x ± σu (antithetic sampling), ĝ = 1/(nσ) Σ (f(x+σu) − f(x−σu)) u, of the
/// logit margin f (logitMarginObjective), then x ← Π(x + α·sign ĝ) for ℓ∞ or
/// Π(x + α·ĝ/‖ĝ‖₂) for ℓ2, Π the projection into the ε-ball ∩ [0, 1] box.
/// Starts at x itself. The paper ascends the cross-entropy of its targeted
/// attacks; untargeted, that loss rounds to 0 in float32 once the model gives
/// the label p > 1 − 6e-8, and every finite difference with it, so an attack
/// on a confident image would never move; the margin has no such floor
/// (tst_scoreattacks::crossEntropySaturatesWhereTheMarginDoesNot), and on the
/// tiny test MLP both fool as many (ℓ∞ 0.1, 2000 queries: 27 % vs 25 %).
///
/// Reads epsilon, norm (ℓ∞, ℓ2), stepSize (α; default ε/4, in the ball's own
/// norm), targeted, seed, and extra queries (default 5000), samples (n,
/// default 50) and sigma (σ, default 0.001). Only forward passes: runs on
/// models without input gradients. Query accounting and stopping as
/// runScoreAttack (estimatedgradient.h): 1 + k·(n + 1) ≤ queries per image.
class Nes : public Attack {
public:
    static AttackInfo describe();
    std::string name() const override { return "nes"; }
    AttackResult run(Classifier& classifier, const AttackInput& input, const AttackConfig& config,
                     const RunControl& control = {}) override;
};

} // namespace advlens::core
