#pragma once

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
    /// Adds the gradient-masking checks to a report; null: no checks.
    std::function<void(core::RobustnessReport&)> checks;
    std::function<void(std::int64_t done, std::int64_t total)> progress;
};

/// The evaluation split over the job's ranks: every batch is a work item
/// computed as the share {b, batches} of `eval --shard`, and merged by
/// mergeShares, so the report equals one process's whichever rank computed
/// which batch; the checks are an item of their own, handed out first (tens
/// of seconds that would otherwise ride on one batch's rank). Rank 0 gets the
/// report; the other ranks get nothing.
std::optional<core::RobustnessReport> evaluateOnRanks(const EvalOnRanks& run);

} // namespace advlens::cli
