#pragma once

#include "core/attacks/attack.h"
#include "core/attacks/attackparameters.h"
#include "core/attacks/minimalperturbation.h"

#include <cstdint>
#include <vector>

namespace advlens::core {

class ImageStreams;

/// What the decision-based attacks (HopSkipJump, the Boundary attack) share:
/// they see only the model's top-1 class, a yes/no per point ("does it reach
/// the goal?"), and spend a per-image query budget.

/// "queries": the budget per image, every model evaluation counted
/// (initialisation, binary searches, gradient samples, proposals).
const AttackParameter& decisionQueriesParameter();

/// prepareAttackInput for a minimal attack that only queries the model:
/// ε = +∞ means unbounded (minimalperturbation.h), and no input gradients
/// are required.
AttackInput prepareDecisionAttackInput(Classifier& classifier, const AttackInput& input, const AttackConfig& config);

/// The attacks' only access to the model: whether points reach their image's
/// goal (another class than the label, or the target), from the argmax alone.
/// Counts the points asked per image and refuses to exceed the budget.
class DecisionOracle {
public:
    /// `goal`: N int64 labels (untargeted) or targets, on the model's device.
    DecisionOracle(Classifier& classifier, at::Tensor goal, bool targeted, std::int64_t budget);

    /// m bool on the CPU: whether each of `points` (m×C×H×W) reaches the goal
    /// of its image `rows[k]` (m int64 batch positions, CPU, may repeat).
    /// Throws Error if an image would exceed its budget: callers ask
    /// remaining() first, so that never happens.
    at::Tensor reaches(const at::Tensor& rows, const at::Tensor& points);

    std::int64_t remaining(std::int64_t row) const { return m_budget - m_spent.at(std::size_t(row)); }
    std::int64_t spent(std::int64_t row) const { return m_spent.at(std::size_t(row)); }
    std::int64_t budget() const { return m_budget; }
    /// N int64, CPU: the queries each image has cost so far.
    at::Tensor queries() const;

private:
    Classifier& m_classifier;
    at::Tensor m_goal;
    bool m_targeted;
    std::int64_t m_budget;
    std::vector<std::int64_t> m_spent;
};

/// When each image's held adversarial point (the one the attack would return
/// were its budget spent then) first lay within ε by the config's norm, in
/// the queries the image had spent: AttackResult::queriesToSuccess. With ε
/// infinite, the query that found its first adversarial.
class FirstWithinBudget {
public:
    /// `images`: the N clean images the held points are measured from.
    FirstWithinBudget(const AttackConfig& config, const at::Tensor& images);
    /// Each of `rows` (int64 CPU) now holds the adversarial `points` (m×…),
    /// found when its image had spent `oracle.spent(row)` queries.
    void hold(const DecisionOracle& oracle, const at::Tensor& rows, const at::Tensor& points);
    /// N int64, CPU: the query of the first hold within ε, −1 where none was.
    const at::Tensor& queries() const { return m_first; }

private:
    MinimalBudget m_budget;
    at::Tensor m_images;
    at::Tensor m_first;
};

/// Progress, cancellation and the live view of one decision-based run.
struct DecisionProgress {
    const RunControl& control;
    std::int64_t total = 0; ///< the budget of every attacked image together
    bool cancelled = false;
    at::Tensor streamed; ///< N×C×H×W: every image's current point, for RunControl::iterate

    DecisionProgress(const RunControl& control, std::int64_t total, const at::Tensor& images);
    /// Whether the run must stop; remembers it.
    bool stop();
    /// After an iteration: queries spent so far out of `total`, and each of
    /// `rows` (int64 CPU) now at its point in `points`.
    void advanced(std::int64_t iteration, const DecisionOracle& oracle, const at::Tensor& rows, const at::Tensor& points);
};

/// Each image's path toward the original: ℓ2 the segment (1 − α)x + αp, α in
/// [0, 1]; ℓ∞ p clipped to the ℓ∞ ball of radius α around x.
at::Tensor towardOriginal(const at::Tensor& x, const at::Tensor& p, const at::Tensor& alpha, Norm norm);

/// For each of `rows` (int64 CPU, aligned with `x` and the adversarial points
/// `p`): the point nearest x on towardOriginal's path that still reaches the
/// goal, by bisection of α until its bracket is at most `tolerance` (ℓ2: of
/// α in [0, 1]; ℓ∞: min(tolerance·‖p − x‖∞, tolerance), as HopSkipJump's
/// reference). One oracle call per halving for all images; an image whose
/// budget runs out keeps the nearest adversarial point found. Every returned
/// point reaches the goal. With `held`, each adversarial point found is
/// held (the search is then what the attack returns when stopped in it).
at::Tensor searchBoundary(DecisionOracle& oracle, const at::Tensor& rows, const at::Tensor& x, const at::Tensor& p,
                          Norm norm, double tolerance, FirstWithinBudget* held = nullptr);

/// Halvings searchBoundary takes at most (for ℓ∞ images inside the box).
int boundarySearchSteps(double tolerance);

/// The starting points: for each of `rows`, uniform noise drawn from its
/// stream until one reaches the goal (at most `maxDraws`, within the budget),
/// then blended toward x: (1 − α)x + α·noise with α bisected to 0.001, as
/// HopSkipJump's reference initialisation. N×… points and N bool found (rows
/// never found keep x). Every point found, noise and blend, goes to `held`.
struct DecisionStart {
    at::Tensor points;
    at::Tensor found;
};
DecisionStart blendedNoiseStart(DecisionOracle& oracle, const at::Tensor& rows, const at::Tensor& x,
                                ImageStreams& streams, DecisionProgress& progress, FirstWithinBudget& held,
                                int maxDraws = 1000);

/// Finishes a decision-based result: each point of `adversarial` moved 0.1 %
/// of its distance further from x where that keeps its class (the search ends
/// within float rounding of the boundary), its logits from forward passes that
/// are not counted (as the clean check; the search already knows each point's
/// class), the per-image queries, no gradients, and finishMinimalResult's
/// ε-ball and goal checks; queriesToSuccess from `held` where the result
/// succeeded, −1 elsewhere.
AttackResult finishDecisionResult(Classifier& classifier, const AttackInput& input, const AttackConfig& config,
                                  const at::Tensor& cleanLogits, const at::Tensor& adversarial,
                                  const DecisionOracle& oracle, const FirstWithinBudget& held, bool cancelled);

} // namespace advlens::core
