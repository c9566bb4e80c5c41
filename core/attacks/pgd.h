#pragma once

#include "core/attacks/attack.h"

namespace advlens::core {

/// Projected Gradient Descent (Madry et al. 2018) in ℓ∞, ℓ2 or ℓ1: from a
/// random point of the ε-ball (or x itself, or AttackInput::start), `steps`
/// steps of size α along the steepest direction, each projected back into the
/// ε-ball and the [0, 1] box. ℓ1 uses the sparse step of SLIDE (Tramèr & Boneh
/// 2019) on the values the box lets move, and the exact ℓ1 projection of Duchi
/// et al. 2008. With restarts, every image keeps the restart that fooled the
/// model, or else the one with the highest loss; within a restart, the last
/// iterate, or the last one that fooled the model if the last did not.
///
/// Reads epsilon, norm, steps, stepSize (default 2.5·ε/steps), randomStart,
/// restarts, targeted, earlyStop, seed and extra["l1_sparsity"] (ℓ1 only:
/// the step moves the top 1 − q fraction of values by |gradient|; q in
/// [0, 1], default 0.99). At most steps·restarts gradient evaluations per
/// image; one forward more for the clean logits with a random or warm start,
/// one per restart for the final iterates.
class Pgd : public Attack {
public:
    static AttackInfo describe();
    std::string name() const override { return "pgd"; }
    AttackResult run(Classifier& classifier, const AttackInput& input, const AttackConfig& config,
                     const RunControl& control = {}) override;
};

} // namespace advlens::core
