#pragma once

#include "core/attacks/attack.h"

namespace advlens::core {

/// HopSkipJump (Chen, Jordan & Wainwright, IEEE S&P 2020, Algorithm 1 with the
/// geometric step-size search), ℓ2 or ℓ∞ by AttackConfig::norm: a
/// minimal-perturbation attack that sees only the model's top-1 class.
///
/// Start: uniform noise that reaches the goal, blended toward the image and
/// bisected onto the boundary (decisionsearch.h). Then each iteration t:
/// estimate the boundary's normal at the current point from n_t = min(n₀√t,
/// n_max) random directions of length δ_t (ℓ2: Gaussian; ℓ∞: uniform, both
/// normalised; δ₁ = 0.1, then √d·θ·dist (ℓ2) or d·θ·dist (ℓ∞)), each scored ±1
/// by the decision, with the mean subtracted as the baseline; step along it
/// (ℓ∞: its sign) by dist/√t, halved until the point reaches the goal; then
/// bisect back toward the image to within θ = γ/(d√d) (ℓ2) or γ/d² (ℓ∞).
/// Every point it keeps reaches the goal, so it always returns one.
///
/// Settings: "queries" (default 5000) bounds every model evaluation per image,
/// the noise draws and all bisections included; an iteration starts only
/// when the budget leaves room for its step and bisection (the gradient
/// samples are cut to fit), and a search the budget cuts short keeps its
/// nearest adversarial point. "gradient_samples" n₀ (100), "max_gradient_samples"
/// n_max (10,000), "gamma" γ (1), as the paper.
///
/// Untargeted by default. Targeted: the start is uniform noise the model
/// classifies as the target (the paper starts from a target-class image,
/// which AttackInput does not carry); an image for which none of 1000 draws
/// (within the budget) is the target is not fooled.
///
/// Reads epsilon (minimalperturbation.h: +∞ unbounded; a finite ε keeps only
/// results inside the ε-ball, as C&W and DeepFool), norm (l2 or linf), targeted
/// and seed; every random draw comes from the image's own stream, so results do
/// not depend on the batch split. queriesPerImage counts each image's
/// evaluations exactly; the clean check and the one forward pass that gives
/// the result's logits are not counted.
class HopSkipJump : public Attack {
public:
    static AttackInfo describe();
    std::string name() const override { return "hopskipjump"; }
    AttackResult run(Classifier& classifier, const AttackInput& input, const AttackConfig& config,
                     const RunControl& control = {}) override;
};

} // namespace advlens::core
