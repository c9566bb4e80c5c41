#pragma once

#include "core/tensor/perturbationnorms.h"
#include "core/util/runcontrol.h"

#include <ATen/core/Tensor.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace advlens::core {

class Classifier;
struct AttackInfo; // attackinfo.h

/// The ℓp ball a perturbation must stay in.
enum class Norm { Linf, L2, L1 };
/// "linf", "l2" or "l1".
std::string toString(Norm norm);
/// "linf"/"inf"/"l∞", "l2"/"2" or "l1"/"1" (any case, ℓ for l); throws Error otherwise.
Norm parseNorm(const std::string& text);

/// Knobs shared by the attacks; each attack documents which it reads.
/// Budgets are in pixel units of [0, 1] images (8/255 = eight grey levels).
struct AttackConfig {
    double epsilon = 8.0 / 255.0;
    Norm norm = Norm::Linf;
    int steps = 10;          ///< iterations per restart (iterative attacks)
    double stepSize = 0.0;   ///< α in the attack's norm; ≤ 0 means the attack's default
    bool randomStart = true; ///< PGD: start at a random point of the ε-ball (lpball.h)
    int restarts = 1;        ///< PGD: independent random starts; noise: random draws
    bool targeted = false;   ///< push toward AttackInput::targets instead of away from labels
    /// Iterative attacks: stop working on an image once it is adversarial (its
    /// gradients are no longer computed). Off: every image gets the full budget.
    bool earlyStop = false;
    std::uint64_t seed = 0;              ///< random start and restarts are deterministic given this
    std::map<std::string, double> extra; ///< attack-specific settings by name

    /// α: `stepSize` when set, else defaultMultiple·ε / steps (2.5 for PGD as in
    /// Madry et al.; 1 for BIM and MIM, which then just reach the ball's surface).
    double effectiveStepSize(double defaultMultiple = 2.5) const
    {
        return stepSize > 0.0 ? stepSize : defaultMultiple * epsilon / std::max(1, steps);
    }
};

/// A batch to attack. All tensors on any device; they are moved to the model's.
struct AttackInput {
    at::Tensor images;  ///< N×C×H×W float32 in [0, 1]
    at::Tensor labels;  ///< N int64, the true classes
    at::Tensor targets; ///< N int64, required when the config is targeted
    /// Optional N×C×H×W warm start for iterative attacks (pgd, bim, mim): the
    /// first iterate, after projection into the ε-ball around `images` and the
    /// box, instead of the images themselves or a random start.
    at::Tensor start{};
    /// Optional N int64: each image's index in its data set. Attacks seed each
    /// image's random draws from it and the config's seed (imagestreams.h), so
    /// results do not depend on the batch split; undefined means 0..N−1.
    at::Tensor indices{};
};

/// Signs, found while attacking, that gradient attacks may overstate
/// robustness (AutoAttack's checks, Croce & Hein 2020): facts per batch that
/// add up over an evaluation.
struct EvaluationSigns {
    bool checked = false;    ///< the attack looked for them at all
    bool randomised = false; ///< two forward passes of the same images differ
    bool probabilities = false; ///< outputs in [0, 1] summing to 1: softmax inside the model
    std::int64_t zeroGradientImages = 0; ///< images whose loss gradient is exactly zero

    void add(const EvaluationSigns& other)
    {
        checked = checked || other.checked;
        randomised = randomised || other.randomised;
        probabilities = probabilities || other.probabilities;
        zeroGradientImages += other.zeroGradientImages;
    }
};

/// One stage of a composed attack (AutoAttack's APGD-CE, APGD-T, FAB-T, Square):
/// what it ran on and what was left after it.
struct AttackStage {
    std::string name;                ///< the stage's attack, e.g. "apgd-ce"
    std::int64_t attacked = 0;       ///< images it attacked: those still robust before it
    std::int64_t robustAfter = 0;    ///< images classified correctly and not fooled after it
    std::int64_t queries = 0;        ///< model evaluations it spent, summed over images
    double seconds = 0.0;
    bool gradientFree = false;       ///< it only queried the model (Square)
};

/// What an attack found. Tensors are on the classifier's device unless noted.
struct AttackResult {
    at::Tensor adversarial;            ///< N×C×H×W in [0, 1], inside the ε-ball of the input
    at::Tensor cleanLogits;            ///< N×K
    at::Tensor adversarialLogits;      ///< N×K
    at::Tensor cleanPredictions;       ///< N int64
    at::Tensor adversarialPredictions; ///< N int64
    /// N bool: the model classified the clean image correctly and the attack
    /// reached its goal (another class, or the target when targeted).
    at::Tensor success;
    PerturbationNorms norms; ///< of adversarial − images, CPU
    /// Forward+backward passes run over the batch: what each image got with a
    /// fixed budget, the most any image got with early stopping.
    std::int64_t gradientEvaluations = 0;
    /// N int64, CPU: the passes each image took part in (fewer than
    /// `gradientEvaluations` for images that early stopping retired).
    at::Tensor gradientEvaluationsPerImage;
    /// N int64, CPU: model evaluations (forward passes, with or without a
    /// backward) the attack spent on each image, the clean check aside; what a
    /// query budget bounds. Attacks that leave it unset spent one per gradient.
    at::Tensor queriesPerImage;
    /// N int64, CPU: query-based attacks only (undefined for the others): the
    /// queries an image had spent when the attack first met its goal within
    /// the budget ε, −1 where it never did; what an accuracy-vs-queries curve
    /// is drawn from (querycurve.h).
    at::Tensor queriesToSuccess;
    /// Composed attacks: their stages in order; empty otherwise.
    std::vector<AttackStage> stages;
    /// What the attack saw of the model that makes its numbers suspect; turned
    /// into sentences over a whole evaluation by evaluationWarnings()
    /// (evaluationsigns.h), with the stages' "gradient-free beat gradients".
    EvaluationSigns signs;
    bool cancelled = false; ///< stopped early; `adversarial` is the last valid iterate
};

/// Interface of every attack: one file per attack implements it, with a
/// `static AttackInfo describe()` that says what it is and reads (attackinfo.h),
/// and one line in attackregistry.cpp makes it available to the CLI, the GUI
/// and the tests (docs/adding-an-attack.md).
///
/// run() is called on the worker thread that owns the classifier; it checks
/// control.cancelled() between iterations and reports progress as
/// (iterations done, iterations total).
class Attack {
public:
    virtual ~Attack() = default;
    virtual std::string name() const = 0;
    /// Throws Error for invalid settings (negative ε, missing targets, …).
    virtual AttackResult run(Classifier& classifier, const AttackInput& input, const AttackConfig& config,
                             const RunControl& control = {}) = 0;
};

} // namespace advlens::core
