#pragma once

#include "core/attacks/attack.h"
#include "core/attacks/attackparameters.h"

namespace advlens::core {

/// How an iterative gradient attack turns the loss gradient into a step. The
/// shared loop (runGradientIterations) owns everything else: starts, restarts,
/// projection, early stopping, cancellation, progress and the result.
class StepRule {
public:
    virtual ~StepRule() = default;
    /// A restart begins: forget any state.
    virtual void restart() {}
    /// The direction, of unit size in the attack's norm, to move the active
    /// images along. `ascent` is the loss gradient already signed so that
    /// moving along it helps the attacker; `current` the iterates (both N×C×H×W).
    virtual at::Tensor direction(const at::Tensor& ascent, const at::Tensor& current) = 0;
    /// Early stopping retired some images: keep the state of `rows` (int64
    /// indices into the previous batch of active images) only.
    virtual void keepRows(const at::Tensor& rows) {}
};

/// The steepest step in the attack's norm (sparse SLIDE step for ℓ1): PGD, BIM.
class SteepestStep : public StepRule {
public:
    SteepestStep(Norm norm, double l1Sparsity);
    at::Tensor direction(const at::Tensor& ascent, const at::Tensor& current) override;

private:
    Norm m_norm;
    double m_l1Sparsity;
};

/// What distinguishes one iterative attack from another besides its StepRule.
struct IterationSettings {
    double stepSize = 0.0;    ///< α > 0, in the attack's norm
    bool randomStart = false; ///< restarts without a warm start begin at a uniform point of the ε-ball
    int restarts = 1;         ///< independent runs; each image keeps its best
};

/// The loop every iterative gradient attack shares. Per restart: start at the
/// warm start (AttackInput::start, first restart only), a uniform point of the
/// ε-ball, or x; then config.steps times: one forward+backward pass, a step of
/// α along rule.direction, projection into the ε-ball and the [0, 1] box.
///
/// An image's outcome is the last iterate, unless that one does not reach the
/// goal and an earlier iterate did (its logits came with its gradient pass, so
/// knowing costs nothing): then that iterate. Across restarts an image keeps
/// the run that reached the goal, or else the one with the highest loss.
///
/// With config.earlyStop an image leaves the batch as soon as a pass shows it
/// adversarial (its success known from that pass's logits), and images the model
/// already misclassifies are not attacked at all (returned unchanged); later
/// passes and restarts run on the remaining images only.
///
/// Cost: one pass per active image and step, one forward for the clean logits
/// unless the first pass is at x, one forward per restart for the final iterates
/// still active. Host syncs: none per step with a fixed budget, one with early stop.
AttackResult runGradientIterations(Classifier& classifier, const AttackInput& input, const AttackConfig& config,
                                   const IterationSettings& settings, StepRule& rule, const RunControl& control);

/// "l1_sparsity", which every attack built on SteepestStep or ℓ1 steps reads.
const AttackParameter& l1SparsityParameter();

/// "l2_start", how the loop draws an ℓ2 random start (PGD).
const AttackParameter& l2StartParameter();

/// config.extra["l1_sparsity"], default 0.99, checked to lie in [0, 1].
double l1Sparsity(const AttackConfig& config);

} // namespace advlens::core
