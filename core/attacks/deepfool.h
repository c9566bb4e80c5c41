#pragma once

#include "core/attacks/attack.h"

namespace advlens::core {

/// DeepFool (Moosavi-Dezfooli et al., CVPR 2016): linearises the classifier
/// around the current point and steps onto the nearest linearised decision
/// boundary, until the prediction changes. Returns the minimal perturbation it
/// found, x' = clip₀¹(x + (1 + overshoot)·Σ rᵢ), as in the paper.
///
/// Each step, for every image still classified as its label, the gradients
/// wₖ = ∇ₓ(Z_k − Z_label) of the candidate classes k (the top `candidates`
/// classes of the clean logits, the label first) give the distances
/// |Z_k − Z_label| / ‖wₖ‖_q to the boundaries (q = 2 for ℓ2, q = 1 for ℓ∞);
/// the step rᵢ goes to the nearest one (ℓ2: along wₖ, ℓ∞: along sign wₖ), plus
/// 1e-4 so it crosses rather than lands on it. Images stop as soon as they are
/// fooled. Only images the model classifies correctly are attacked (no other
/// can count as a success); they, and images still not fooled after
/// max_iterations, are returned unchanged.
/// Targeted (not in the paper): only the boundary between the current top
/// class and the target is linearised, until the target wins.
///
/// Reads from AttackConfig: norm (ℓ2 or ℓ∞ DeepFool; ℓ1 is an Error), targeted, and epsilon as
/// a budget on the result (see minimalperturbation.h: ε = +∞ is unbounded,
/// otherwise results outside the ε-ball in `norm` become failures). steps is
/// not read. From extra:
/// - "max_iterations" (default 50): linearisation steps at most;
/// - "overshoot" (default 0.02): the factor 1 + overshoot on the total step;
/// - "candidates" (default 10, capped at the number of classes, at least 2):
///   classes whose boundaries are tried; fewer makes 1000-class models tractable.
///
/// Cost per step and image still running: one forward and (candidates − 1)
/// backward passes on one graph (1 when targeted), counted as that many
/// gradient evaluations (gradientEvaluationsPerImage; gradientEvaluations is
/// the most of any image). config.earlyStop is implied. Progress is
/// (steps done, max_iterations).
class DeepFool : public Attack {
public:
    static AttackInfo describe();
    std::string name() const override { return "deepfool"; }
    AttackResult run(Classifier& classifier, const AttackInput& input, const AttackConfig& config,
                     const RunControl& control = {}) override;
};

} // namespace advlens::core
