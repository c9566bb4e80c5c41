#pragma once

#include "core/attacks/attack.h"

namespace advlens::core {

/// EAD, the elastic-net attack (Chen et al., AAAI 2018): minimises
/// c·f(x') + ‖x' − x‖₂² + β‖x' − x‖₁ over the [0, 1] box by FISTA. The smooth
/// part g = c·f + ‖·‖₂² takes a gradient step at the slack point y, the ℓ1 part
/// the paper's projected shrinkage-thresholding S_β (eq. 6), which also
/// projects onto the box: x⁽ᵏ⁺¹⁾ = S_β(y⁽ᵏ⁾ − αₖ∇g(y⁽ᵏ⁾)),
/// y⁽ᵏ⁺¹⁾ = x⁽ᵏ⁺¹⁾ + k/(k+3)·(x⁽ᵏ⁺¹⁾ − x⁽ᵏ⁾), with αₖ = α₀·√(1 − k/K) (the
/// reference's polynomial decay) and threshold β, as in the paper and the
/// reference code. f is the margin loss with confidence κ and c is found per
/// image by binary search (marginsearch.h). Of all iterates x⁽ᵏ⁾ that reach
/// the goal, the result is the one with the smallest elastic-net distance
/// ‖δ‖₂² + β‖δ‖₁ (EN rule) or ℓ1 distance ‖δ‖₁ (L1 rule).
///
/// Reads from AttackConfig: targeted, and epsilon with norm as a budget on the
/// result (minimalperturbation.h: ε = +∞ is unbounded, otherwise only
/// iterates inside the ε-ball of `norm` compete, whatever the decision rule).
/// steps is not read. From extra (reference values in brackets where ours differ):
/// - "beta" (default 0.001): β, the weight of ℓ1;
/// - "decision_rule" (default 0): 0 = EN, 1 = L1;
/// - "binary_search_steps" (default 5 [9]), "max_iterations" (default 100
///   [10000]), "learning_rate" (default 0.01): α₀, "initial_const" (default 1
///   [0.001]), "confidence" (default 0): κ, "abort_early" (default 1), as for
///   cw-l2 (marginsearch.h says why these defaults).
///
/// Per FISTA step and image: one forward and backward pass at y (the gradient
/// evaluation counted) and one forward at x⁽ᵏ⁺¹⁾, the point that is judged.
class Ead : public Attack {
public:
    static AttackInfo describe();
    std::string name() const override { return "ead"; }
    AttackResult run(Classifier& classifier, const AttackInput& input, const AttackConfig& config,
                     const RunControl& control = {}) override;
};

} // namespace advlens::core
