#pragma once

#include "core/attacks/attack.h"
#include "core/metrics/accuracy.h"
#include "core/metrics/imageoutcomes.h"
#include "core/metrics/querycurve.h"

#include <functional>
#include <string>
#include <vector>

namespace advlens::core {

/// One point of an accuracy-vs-budget (or vs-iterations) curve.
struct CurvePoint {
    double epsilon = 0.0;
    int steps = 0;               ///< iterations of the attack at this point
    /// Adversarial prediction == label with finite logits, over the images
    /// whose clean logits are finite (RobustnessReport::nonFiniteImages are out).
    double robustAccuracy = 0.0;
    /// Images with finite clean logits whose adversarial logits are NaN or
    /// infinite; they count as not robust and not fooled.
    std::int64_t nonFiniteAdversarial = 0;
    double successRate = 0.0;    ///< over images the model classified correctly
    std::int64_t successes = 0;
    NormSummary l0, l1, l2, linf;         ///< of successful perturbations
    std::int64_t gradientEvaluations = 0; ///< spent on this point, summed over images
    /// Model evaluations spent on this point, summed over images
    /// (AttackResult::queriesPerImage).
    std::int64_t queries = 0;
    /// Median queries of the successful images (NaN when none succeeded).
    double medianQueriesToSuccess = 0.0;
    /// Query-based attacks (AttackResult::queriesToSuccess): robust accuracy
    /// had each image's attack stopped after q queries, at q from 1 to the
    /// point's query budget (setQueryCurve); empty for other attacks.
    std::vector<QueryAccuracy> accuracyByQueries;
    /// Composed attacks (AutoAttack): each stage over the whole set.
    std::vector<AttackStage> stages;
    /// evaluationWarnings() of the point; they are also in the report's warnings.
    std::vector<std::string> warnings;
    double seconds = 0.0;
};

/// One gradient-masking sanity check (see gradientmasking.h).
struct SanityCheck {
    std::string name; ///< e.g. "unbounded-pgd"
    bool passed = true;
    std::string description; ///< one line with the numbers
};

/// A whole curve with what it was measured on.
struct RobustnessReport {
    std::string model;
    std::string attack;
    /// A transfer evaluation's surrogate, the model the attack ran on (the
    /// numbers are `model`'s verdicts); empty otherwise.
    std::string surrogate;
    std::string method = "naive"; ///< how the curve was computed (naive, shared-sweep, incremental, distance-threshold)
    std::string axis = "epsilon"; ///< "epsilon" or "steps"
    AttackConfig config;          ///< epsilon/steps vary per point
    Accuracy clean;
    std::int64_t cleanCorrect = 0;
    /// Indices of the images whose clean logits are NaN or infinite: left out
    /// of every accuracy and rate of the report. Positions in the report's
    /// images (outcomes.indices says which images of the data set they are).
    std::vector<std::int64_t> nonFiniteImages;
    std::vector<CurvePoint> points;
    std::vector<SanityCheck> checks;   ///< gradient-masking sanity checks, when run
    std::vector<std::string> warnings; ///< one line per failed check, and similar
    bool cancelled = false;
    /// Per image, what the clean results and the points were computed from:
    /// what a share of a run split over processes keeps for the merge.
    ImageOutcomes outcomes;
};

/// Forward+backward passes an attack result cost, summed over its images.
std::int64_t gradientEvaluationsOf(const AttackResult& result);

/// Called after each finished point so a caller can draw the curve as it grows.
using PointCallback = std::function<void(const CurvePoint&)>;

/// Collects per-batch attack results of one point.
class PointAccumulator {
public:
    /// `labels` N on the CPU; add() batches in order.
    void add(const AttackResult& result);
    /// The batches' per-image outcomes, joined; queries to success only when
    /// every batch gave them.
    PointOutcomes outcomes() const;
    /// Closes the point, given the report's clean results (setCleanResults):
    /// curvePointOf(outcomes(), …).
    CurvePoint finish(const at::Tensor& labels, const RobustnessReport& report) const;
    at::Tensor cleanLogits() const; ///< of all batches added, CPU
    /// The attack's query budget per image, the curve's last query count
    /// (raised to the most any image spent); 0 (the default): that most.
    void setQueryBudget(std::int64_t budget) { m_queryBudget = budget; }

private:
    std::vector<at::Tensor> m_cleanLogits, m_predictions, m_adversarialFinite, m_success, m_l0, m_l1, m_l2, m_linf,
        m_queries, m_queriesToSuccess;
    bool m_everyBatchCounted = true; ///< every batch gave queriesToSuccess
    std::int64_t m_queryBudget = 0;
    std::int64_t m_gradientEvaluations = 0;
    std::vector<AttackStage> m_stages;
    EvaluationSigns m_signs;
};

/// Fills the report's clean accuracy, clean-correct count and non-finite
/// images from the clean logits of the whole set (CPU) and its labels; keeps
/// their per-image outcomes and the labels in report.outcomes.
void setCleanResults(RobustnessReport& report, const at::Tensor& cleanLogits, const at::Tensor& labels);
/// The same from per-image clean outcomes (cleanOutcomesOf).
void setCleanResults(RobustnessReport& report, const CleanOutcomes& clean, const at::Tensor& labels);

/// Every number of a point (but its ε, steps and seconds) from its per-image
/// outcomes, given the report's clean results (setCleanResults) and labels.
CurvePoint curvePointOf(const PointOutcomes& outcomes, const RobustnessReport& report, const at::Tensor& labels);

/// Appends a finished point to the report, and its warnings that the report
/// does not have yet.
void addPoint(RobustnessReport& report, const CurvePoint& point);

/// The point's robust accuracy, successes, success rate, non-finite count and
/// norm summaries from per-image adversarial predictions (CPU), whether their
/// logits were finite and whether the attack succeeded, given the report's
/// clean results.
/// The point's queries, median queries to success (over `success`, N bool),
/// stage table and warnings from per-image queries (CPU) and the signs and
/// stages summed over its batches.
void setQueryResults(CurvePoint& point, const at::Tensor& queries, const at::Tensor& success,
                     const std::vector<AttackStage>& stages, const EvaluationSigns& signs);

void setPointResults(CurvePoint& point, const RobustnessReport& report, const at::Tensor& labels,
                     const at::Tensor& predictions, const at::Tensor& adversarialFinite, const at::Tensor& success,
                     const at::Tensor* const norms[4]);

/// The point's accuracyByQueries (accuracyByQueries() in querycurve.h) from
/// per-image results on the CPU: whether the image was robust before the
/// attack (classified correctly with finite logits), adversarial predictions, whether their
/// logits were finite, success, the queries each image spent and its queries
/// to success (−1: never). An image robust before the attack but not after it
/// without meeting the goal (a NaN, or a targeted attack's third class) falls
/// at its last query. The curve ends at `budget`, raised to the most queries
/// an image spent, so that its last point is the point's robust accuracy.
void setQueryCurve(CurvePoint& point, const RobustnessReport& report, const at::Tensor& labels,
                   const at::Tensor& robustBefore, const at::Tensor& predictions, const at::Tensor& adversarialFinite,
                   const at::Tensor& success,
                   const at::Tensor& queries, const at::Tensor& queriesToSuccess, std::int64_t budget);

std::string reportToJson(const RobustnessReport& report);
/// One row per point (accuracyByQueries is left out: see reportQueriesToCsv).
std::string reportToCsv(const RobustnessReport& report);
/// The points' accuracy-by-queries curves, one row per (point, query count):
/// epsilon,queries,robust_accuracy. Only the header when no point has one.
std::string reportQueriesToCsv(const RobustnessReport& report);

} // namespace advlens::core
