#pragma once

#include "core/attacks/attack.h"
#include "core/attacks/attackinfo.h"

namespace advlens::core {

/// Fast Gradient Sign Method (Goodfellow et al. 2015), one step:
/// ℓ∞: x' = clip₀¹(x + ε·sign ∇ₓL); ℓ2 (fast gradient method): x' = clip₀¹(x + ε·∇ₓL/‖∇ₓL‖₂);
/// ℓ1: the steepest ℓ1 step, which puts the budget on the values of largest
/// |∇ₓL|: each in turn is pushed to the box's edge until ε is spent (the step
/// of ℓ1 size ε that most increases the linearised loss inside [0, 1]; a lone
/// pixel could take at most 1 of it).
/// Targeted: the step descends the loss toward the target. Reads epsilon,
/// norm and targeted; one gradient evaluation per image.
class Fgsm : public Attack {
public:
    static AttackInfo describe();
    std::string name() const override { return "fgsm"; }
    AttackResult run(Classifier& classifier, const AttackInput& input, const AttackConfig& config,
                     const RunControl& control = {}) override;
};

/// FGSM at many ε from one gradient: the gradient does not depend on ε, so
/// construction runs the one forward+backward pass and each at() one forward.
/// at(ε) gives exactly what Fgsm::run gives with that ε. FGSM's description
/// offers it as its fast ε-sweep (AttackInfo::makeSweep), which robustness
/// curves and the explorer's ε slider use.
class FgsmSweep : public EpsilonSweep {
public:
    /// `config` gives norm and targeted; its epsilon is not read.
    FgsmSweep(Classifier& classifier, const AttackInput& input, const AttackConfig& config);

    /// The attack at `epsilon` ≥ 0; gradientEvaluations is 1 (the shared pass).
    AttackResult at(double epsilon) const override;
    const at::Tensor& cleanLogits() const { return m_cleanLogits; }

private:
    Classifier& m_classifier;
    AttackInput m_input;
    AttackConfig m_config;
    at::Tensor m_cleanLogits;
    at::Tensor m_ascent;    ///< the loss gradient, negated when targeted
    at::Tensor m_direction; ///< ℓ∞/ℓ2: the unit step ε scales
};

} // namespace advlens::core
