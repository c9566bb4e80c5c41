#pragma once

#include "core/metrics/gradientmasking.h"
#include "core/metrics/robustnessreport.h"
#include "core/metrics/robustnessevaluation.h"

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace advlens::cli {

/// What `advlens-cli eval` under mpirun needs to split its evaluation.
struct EvalOnRanks {
    std::int64_t images = 0; ///< of the whole run
    core::CurveOptions options; ///< its batch size makes the items
    std::vector<double> epsilons; ///< the curve's budgets (empty for a steps curve)
    /// eval --shard's configuration of the run, which every item carries.
    std::map<std::string, std::string> configuration;
    /// The evaluation over `options.images` (indices into the data set).
    std::function<core::RobustnessReport(const core::CurveOptions&)> evaluate;
    /// The gradient-masking checks' images (core::maskingCheckImages) and the
    /// images of [begin, end) of them a pass leaves correct; null: no checks.
    core::LabelledImages checkImages;
    std::function<std::int64_t(const core::MaskingCheckPass&, std::int64_t begin, std::int64_t end)> checkCorrect;
    std::function<void(std::int64_t done, std::int64_t total)> progress;
};

/// The evaluation split over the job's ranks: every batch is a work item
/// computed as the share {b, batches} of `eval --shard`, and merged by
/// mergeShares, so the report equals one process's whichever rank computed
/// which batch. The checks are items too, one per pass and batch of their
/// images, handed out first (the unbounded PGD-50 is the longest item), and
/// their verdicts come from the summed counts, as in one process. Rank 0
/// gets the report; the other ranks get nothing.
std::optional<core::RobustnessReport> evaluateOnRanks(const EvalOnRanks& run);

} // namespace advlens::cli
