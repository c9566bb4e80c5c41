#pragma once

#include "core/metrics/partialreport.h"

#include <string>
#include <vector>

namespace advlens::core {

/// The report a whole run gives, from every share of it (eval --shard):
/// the per-image outcomes joined in the data set's order and every number
/// computed from them by the functions the whole run uses, so that sums,
/// means, medians and curves come out identical. Timings are summed over the
/// shares (the compute time, not the wall-clock time). The gradient-masking
/// checks are the share's that ran them.
///
/// Throws Error with one line, naming the files (`names`, one per share):
/// shares of different configurations (models, data, settings, program
/// versions: the first key that differs), of different share counts, a share
/// given twice or missing, a cancelled share, shares that do not cover the
/// run's images exactly once.
RobustnessReport mergeShares(const std::vector<PartialReport>& shares, const std::vector<std::string>& names);

} // namespace advlens::core
