#pragma once

#include "core/attacks/attack.h"

namespace advlens::core {

/// DI-FGSM (Xie et al., CVPR 2019, "Improving Transferability of Adversarial
/// Examples with Input Diversity"): I-FGSM whose gradient is taken, with
/// probability diversity_prob (default 0.5) per image and step, at a random
/// resize (side from [resize_rate·side, side), default 0.9) padded back to the
/// input size at a random place; with momentum > 0 it is M-DI²-FGSM. Made on a
/// surrogate for transfer (runTransferIterations, transferiterations.h).
///
/// Reads epsilon, norm (linf, l2), steps, stepSize (default ε/steps),
/// targeted, seed and extra diversity_prob, resize_rate, momentum (default 0).
class DiFgsm : public Attack {
public:
    static AttackInfo describe();
    std::string name() const override { return "di-fgsm"; }
    AttackResult run(Classifier& classifier, const AttackInput& input, const AttackConfig& config,
                     const RunControl& control = {}) override;
};

/// TI-FGSM (Dong et al., CVPR 2019, "Evading Defenses to Transferable
/// Adversarial Examples by Translation-Invariant Attacks"): I-FGSM whose
/// gradient is convolved with a Gaussian kernel of side kernel_size (±3σ;
/// default 15 at 299×299, scaled to the input: 3 at 28×28), as if attacking
/// an ensemble of translated images. Combines with DI (diversity_prob,
/// default 0) and momentum (default 0) as the paper's TI-DIM.
///
/// Reads what DiFgsm reads and extra kernel_size.
class TiFgsm : public Attack {
public:
    static AttackInfo describe();
    std::string name() const override { return "ti-fgsm"; }
    AttackResult run(Classifier& classifier, const AttackInput& input, const AttackConfig& config,
                     const RunControl& control = {}) override;
};

} // namespace advlens::core
