#pragma once

#include "core/attacks/attack.h"

#include <ATen/core/Tensor.h>

#include <cstdint>
#include <vector>

namespace advlens::core {

/// What the clean pass found per image: the inputs of the report's clean
/// accuracy (setCleanResults), kept instead of the logits, which would be
/// K times larger.
struct CleanOutcomes {
    at::Tensor predictions; ///< N int64: argmax of the logits
    at::Tensor top1;        ///< N bool: the first of the top-k is the label
    at::Tensor top5;        ///< N bool: the label is among the top min(5, K)
    at::Tensor finite;      ///< N bool: every logit finite
};

/// Per image, what the clean results come from (CPU).
CleanOutcomes cleanOutcomesOf(const at::Tensor& logits, const at::Tensor& labels);

/// What one curve point found per image (CPU, in the report's image order),
/// and what adds up over images. Every number of the point is computed from
/// these alone (curvePointOf), so the images of a run may be split over
/// processes and joined again (sharemerge.h) for the same numbers.
struct PointOutcomes {
    at::Tensor predictions;       ///< N int64, adversarial
    at::Tensor adversarialFinite; ///< N bool
    at::Tensor success;           ///< N bool: clean correct and the goal met
    at::Tensor l0, l1, l2, linf;  ///< N float: perturbation norms
    /// N int64: the queries the median and the accuracy-by-queries curve are
    /// drawn from (an incremental curve's include the smaller ε's).
    at::Tensor queries;
    /// N int64, −1 never; undefined when the attack gives none (no curve).
    at::Tensor queriesToSuccess;
    std::int64_t gradientEvaluations = 0; ///< summed over images
    std::int64_t queriesSpent = 0;        ///< at this point, summed over images
    std::int64_t queryBudget = 0;         ///< setQueryCurve's budget
    std::vector<AttackStage> stages;      ///< summed over images
    EvaluationSigns signs;                ///< summed over images
};

/// The per-image record of a whole report: which images of the data set it
/// covers, their labels, and the outcomes of the clean pass and every point.
struct ImageOutcomes {
    at::Tensor indices; ///< N int64: each image's index in the data set, ascending
    at::Tensor labels;  ///< N int64
    CleanOutcomes clean;
    std::vector<PointOutcomes> points; ///< one per RobustnessReport::points
};

} // namespace advlens::core
