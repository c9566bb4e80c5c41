#pragma once

#include "core/attacks/attack.h"
#include "core/attacks/attackparameters.h"

#include <cstdint>
#include <functional>

namespace advlens::core {

class ImageStreams;

/// What score-based attacks (NES, SPSA) share: a gradient estimated from the
/// model's scores alone, and the loop that steps on it under a query budget.

/// The law of the directions v along which the model is probed.
enum class ProbeDistribution {
    Gaussian,   ///< N(0, I): NES (Ilyas et al., ICML 2018)
    Rademacher, ///< ±1 per value: SPSA (Uesato et al., ICML 2018)
};

struct GradientProbe {
    ProbeDistribution distribution = ProbeDistribution::Gaussian;
    std::int64_t pairs = 25; ///< antithetic pairs per estimate: 2·pairs model evaluations
    double spacing = 1e-3;   ///< h: the probes are x ± h·v (pixel units; not clipped to the box)
};

/// The attacker's objective per image from N×K logits and N goal classes (the
/// labels, or the targets when targeted): N values, higher is better for the
/// attacker.
using ScoreObjective = std::function<at::Tensor(const at::Tensor& logits, const at::Tensor& goal)>;

/// Logit margin (Carlini & Wagner; Uesato et al. 2018): untargeted
/// max_{j≠y} z_j − z_y, targeted z_t − max_{j≠t} z_j. Linear in the logits, so
/// it never saturates the way the cross-entropy of a confident model does.
ScoreObjective logitMarginObjective(bool targeted);
/// Cross-entropy of the softmax: untargeted CE(z, y), targeted −CE(z, t).
ScoreObjective crossEntropyObjective(bool targeted);

/// For each image of x (N×C×H×W, the images at `streamRows` of `streams`) the
/// antithetic finite-difference estimate
///   ĝ = 1/(2h·m) Σᵢ (f(x + h·vᵢ) − f(x − h·vᵢ)) vᵢ,  i = 1..m = probe.pairs,
/// of ∇ₓ objective(logits(x), goal), with vᵢ drawn from each image's own stream
/// (so an image's estimate does not depend on the batch it is in). For NES this
/// is 1/(nσ) Σ (f(x+σu) − f(x−σu)) u over n = 2m samples; for SPSA
/// 1/m Σ (f(x+δv) − f(x−δv))/(2δ) v. Costs 2m model evaluations per image,
/// run without a graph in chunks of bounded memory. Returns a tensor like x.
at::Tensor estimateGradient(Classifier& classifier, const at::Tensor& x, const at::Tensor& goal,
                            const at::Tensor& streamRows, ImageStreams& streams, const GradientProbe& probe,
                            const ScoreObjective& objective);

/// How an attack moves its iterates on the estimated gradient. Holds its own
/// per-image state (Adam's moments), indexed by the image's position among
/// the attacked ones.
class IterateUpdate {
public:
    virtual ~IterateUpdate() = default;
    /// Called once with the number of attacked images and their shape before any step.
    virtual void reset(std::int64_t images, const at::Tensor& like) = 0;
    /// The next iterate, before projection, of the images at `active` (int64
    /// positions among the attacked ones) from their `current` iterates and
    /// ascent estimates `gradient`.
    virtual at::Tensor step(const at::Tensor& current, const at::Tensor& gradient, const at::Tensor& active) = 0;
};

/// What distinguishes one score-based attack in the shared loop.
struct ScoreAttackPlan {
    std::int64_t queries = 5000; ///< budget per image, counting the start's evaluation
    GradientProbe probe;
    ScoreObjective objective;
    /// The first iterates of the attacked images `x` (their batch positions
    /// `rows`), drawn from `streams`; projected by the loop. Empty: x itself.
    std::function<at::Tensor(const at::Tensor& x, const at::Tensor& rows, ImageStreams& streams)> start;
};

/// The settings both attacks read: `queries` (whole, 1–1,000,000, default
/// 5000: the budget per image), `samples` (whole, 2–100,000: model
/// evaluations per estimate, 2 per antithetic pair, an odd count rounded down)
/// and `sigma` (the probes' spacing h), with each attack's defaults.
const AttackParameter& queryBudgetParameter();
AttackParameter samplesParameter(double defaultValue, const std::string& help);
AttackParameter spacingParameter(double defaultValue, const std::string& help);

/// Model evaluations one iteration costs an image: the estimate's 2·pairs
/// probes and the check of the new iterate.
std::int64_t queriesPerIteration(const GradientProbe& probe);

/// Iterations the budget allows: ⌊(queries − 1) / queriesPerIteration⌋, the
/// first query being the start's evaluation.
std::int64_t iterationsWithin(std::int64_t queries, const GradientProbe& probe);

/// The loop of a score-based attack. The images the model classifies
/// correctly are attacked (the others get 0 queries); each attacked image's
/// start is evaluated (1 query), then each iteration estimates the gradient at
/// the current iterate (2·pairs queries), steps with `update`, projects into
/// the ε-ball ∩ [0, 1] box and evaluates the new iterate (1 query). An image
/// stops once it reaches the goal (its result is that iterate) or when the
/// next iteration would exceed the budget (its result is the last iterate), so
/// it spends 1 + k·(2·pairs + 1) ≤ queries; a successful image's queries are
/// its queriesToSuccess. ε = 0 spends nothing. Only forward
/// passes without a graph; progress is (iterations done, iterationsWithin);
/// cancellation is checked before each iteration.
AttackResult runScoreAttack(Classifier& classifier, const AttackInput& input, const AttackConfig& config,
                            const ScoreAttackPlan& plan, IterateUpdate& update, const RunControl& control);

} // namespace advlens::core
