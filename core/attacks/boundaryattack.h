#pragma once

#include "core/attacks/attack.h"

namespace advlens::core {

/// The Boundary attack (Brendel, Rauber & Bethge, ICLR 2018), as in Foolbox 3
/// (the authors' library): a minimal-ℓ2 attack that sees only the model's
/// top-1 class. From a point that reaches the goal, each step draws a
/// Gaussian direction orthogonal to the way back to the image, scaled to
/// `spherical_step` times the current distance and projected back onto the
/// sphere around the image (the spherical candidate), then moves
/// `source_step` of the distance toward the image (the candidate); the
/// candidate replaces the point when it reaches the goal and is closer.
/// Every 10th step the spherical candidate is judged too, and the last 100
/// spherical and 30 candidate outcomes (one per 10 steps) adapt the steps by
/// ×1.5 or ÷1.5: both when the spherical success rate is above 50 % or below
/// 20 % (the boundary looks flat or curved at this scale), the source step
/// when the candidates' is above 25 % or below 10 %. An image stops when its
/// source step falls below 1e-7 or its budget is spent.
///
/// Start: uniform noise that reaches the goal, blended toward the image and
/// bisected to 0.001 of the blend (decisionsearch.h; Foolbox's default is a
/// 50-step linear search of the same blend).
///
/// Settings: "queries" (default 5000: every model evaluation per image, the
/// start's included; an image not converged spends all of it),
/// "spherical_step" (0.01) and "source_step" (0.01), as the paper.
/// Untargeted by default. Targeted: starts from uniform noise the model
/// classifies as the target (the paper starts from a target-class image,
/// which AttackInput does not carry); an image for which none of 1000 draws
/// is the target is not fooled.
///
/// Reads epsilon (minimalperturbation.h: +∞ unbounded; a finite ε keeps only
/// results inside the ε-ball of `norm`), norm (any, as the budget; the search
/// is ℓ2), targeted and seed; every random draw comes from the image's own
/// stream, so results do not depend on the batch split. queriesPerImage counts
/// each image's evaluations exactly; the clean check and the one forward pass
/// that gives the result's logits are not counted.
class BoundaryAttack : public Attack {
public:
    static AttackInfo describe();
    std::string name() const override { return "boundary"; }
    AttackResult run(Classifier& classifier, const AttackInput& input, const AttackConfig& config,
                     const RunControl& control = {}) override;
};

} // namespace advlens::core
