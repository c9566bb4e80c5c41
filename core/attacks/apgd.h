#pragma once

#include "core/attacks/attack.h"

#include <vector>

namespace advlens::core {

/// The iteration counts after which APGD checks its progress, as the authors'
/// code computes the schedule of Croce & Hein (ICML 2020, Sec. 3.2): the first
/// period is max(⌊0.22·steps⌋, 1) iterations, each next one shorter by
/// max(⌊0.03·steps⌋, 1) but not below max(⌊0.06·steps⌋, 1). For 100 steps:
/// 22, 41, 57, 70, 80, 87, 93, 99.
std::vector<int> apgdCheckpoints(int steps);

/// Auto-PGD with the cross-entropy loss (APGD-CE, Croce & Hein 2020), ℓ∞ or
/// ℓ2: from a random point on the ε-sphere (clipped to the box), steps of size
/// η (first 2ε, or stepSize when set) with momentum 0.75 on the iterates,
/// projected into the ε-ball and the box; at each checkpoint an image whose
/// loss rose in at most 75 % of the period's steps, or whose best loss did not
/// improve since the last checkpoint while its η was not halved then, halves η
/// and restarts from its best point. An image's result is its last iterate
/// that fooled the model, else its highest-loss iterate. Targeted: minimises
/// the cross-entropy to AttackInput::targets.
///
/// Reads epsilon, norm, steps, stepSize, randomStart (off: start at x),
/// restarts, targeted and seed (each image draws from its own stream, seeded
/// with its index: the same result whatever the batch split), and extra["eot"]
/// (whole, 1–1000, default 1): each loss and gradient is the mean of that many
/// passes, the expectation over transformation AutoAttack's rand version uses
/// on randomised models (the goal is judged on the last pass, as the authors'
/// code does). Each restart attacks only the images still classified
/// correctly, as AutoAttack does, so earlyStop changes nothing.
/// (steps + 1)·eot gradient evaluations per image and restart, one forward for
/// the clean logits and one for the results.
class ApgdCe : public Attack {
public:
    static AttackInfo describe();
    std::string name() const override { return "apgd-ce"; }
    AttackResult run(Classifier& classifier, const AttackInput& input, const AttackConfig& config,
                     const RunControl& control = {}) override;
};

/// APGD on the untargeted DLR loss (APGD-DLR, Croce & Hein 2020), the second
/// attack of AutoAttack's rand and plus versions: the loop is APGD-CE's,
/// maximising DLR(z, y) (dlrloss.h). Untargeted only; needs 3 classes. Reads
/// what ApgdCe reads.
class ApgdDlr : public Attack {
public:
    static AttackInfo describe();
    std::string name() const override { return "apgd-dlr"; }
    AttackResult run(Classifier& classifier, const AttackInput& input, const AttackConfig& config,
                     const RunControl& control = {}) override;
};

/// Targeted APGD on the targeted DLR loss (APGD-T, Croce & Hein 2020), the
/// second stage of AutoAttack. Untargeted, it is run once toward each of the
/// classes ranked 2nd to (target_classes + 1)-th by the clean logits (at most
/// all other classes), each run on the images no earlier run fooled; an image
/// counts as fooled when any run moves it off its class. Targeted, one run
/// toward AttackInput::targets. The loop is APGD-CE's; needs 4 classes.
///
/// Reads what ApgdCe reads and extra["target_classes"] (whole, 1–999,
/// default 9). Up to (steps + 1)·eot·restarts·target_classes gradient
/// evaluations per image.
class ApgdT : public Attack {
public:
    static AttackInfo describe();
    std::string name() const override { return "apgd-t"; }
    AttackResult run(Classifier& classifier, const AttackInput& input, const AttackConfig& config,
                     const RunControl& control = {}) override;
};

} // namespace advlens::core
