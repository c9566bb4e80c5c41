#pragma once

#include "core/attacks/attack.h"

namespace advlens::core {

/// Targeted Fast Adaptive Boundary attack (FAB-T, Croce & Hein, ICML 2020),
/// AutoAttack's third stage, ℓ∞ or ℓ2, as the authors' FABAttack.perturb runs
/// it with targeted = True. Untargeted, one run toward each of the classes
/// ranked 2nd to (target_classes + 1)-th by the clean logits (at most all
/// other classes), each run on the images classified correctly that no earlier
/// run fooled; targeted, one run toward AttackInput::targets, linearising
/// z_target − max of the other logits (the authors' code has no such mode).
///
/// A run repeats `steps` times, from x₁ = x (restarts after the first: a random
/// point at ε/2 from x, clipped to the box): linearise z_target − z_label at
/// x₁ (one gradient), project x₁ and x onto that hyperplane ∩ [0, 1]
/// (projectOntoHyperplaneInBox) giving d₁ and d₂, step to
///     x₁ ← clip₀¹((1 − α)(x₁ + η·d₁) + α(x + η·d₂)),  α = min(‖d₁‖/(‖d₁‖ + ‖d₂‖), α_max),
/// check it with one forward, and where it fooled the model (another class,
/// or the target when targeted) keep it if closer to x than the best so far
/// and pull back to x + β(x₁ − x). An image counts as fooled, and gets its
/// closest adversarial, only when that lies within ε of x; otherwise it is
/// returned unchanged (budgeted, as AutoAttack uses it).
///
/// Reads epsilon, norm, steps, restarts, targeted and seed (random starts from
/// each image's own stream: the same result whatever the batch split), and
/// extra["target_classes"] (whole, 1–999, default 9), ["alpha_max"] ([0, 1],
/// 0.1), ["eta"] (≥ 1, 1.05) and ["beta"] ([0, 1], 0.9); not stepSize or
/// earlyStop. Each image takes steps gradients and steps forwards per run and
/// restart it is attacked in (queriesPerImage counts both), besides the clean
/// forward.
class FabT : public Attack {
public:
    static AttackInfo describe();
    std::string name() const override { return "fab-t"; }
    AttackResult run(Classifier& classifier, const AttackInput& input, const AttackConfig& config,
                     const RunControl& control = {}) override;
};

/// Untargeted FAB (Croce & Hein, ICML 2020), run with 5 restarts in
/// AutoAttack's plus version: FAB-T's loop, but each step linearises every
/// boundary z_k = z_label at the iterate and projects onto the closest one,
/// |z_k − z_label| / ‖∇(z_k − z_label)‖_dual (ℓ1 for an ℓ∞ budget, ℓ2 for ℓ2),
/// as the authors' FABAttack.perturb runs it with targeted = False. One run
/// per restart on the images classified correctly and not yet fooled.
///
/// Reads what FAB-T reads except target_classes; untargeted only. Each image
/// takes K gradients (K backward passes through one forward) and one more
/// forward, the step's check, per step and restart it is attacked in.
class Fab : public Attack {
public:
    static AttackInfo describe();
    std::string name() const override { return "fab"; }
    AttackResult run(Classifier& classifier, const AttackInput& input, const AttackConfig& config,
                     const RunControl& control = {}) override;
};

} // namespace advlens::core
