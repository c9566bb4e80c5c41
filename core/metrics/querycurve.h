#pragma once

#include <ATen/core/Tensor.h>

#include <cstdint>
#include <vector>

namespace advlens::core {

/// Robust accuracy had every image's attack stopped after `queries` queries.
struct QueryAccuracy {
    std::int64_t queries = 0;
    double robustAccuracy = 0.0;
};

/// An accuracy-vs-queries curve from one run with a query budget: an image
/// counts as robust at q queries when it was robust before the attack
/// (`robustBefore`, N bool: classified correctly with finite logits) and the
/// attack had not met its goal after q of its queries (`queriesToSuccess`, N
/// int64, −1 for never; AttackResult::queriesToSuccess). Accuracies are over
/// `counted` images (the clean accuracy's denominator). The points lie at
/// `points` roughly log-spaced query counts from 1 to `budget`, the budget
/// itself last, so the last point equals the run's robust accuracy.
std::vector<QueryAccuracy> accuracyByQueries(const at::Tensor& robustBefore, const at::Tensor& queriesToSuccess,
                                             std::int64_t counted, std::int64_t budget, int points = 40);

/// The query counts accuracyByQueries() evaluates: distinct, increasing,
/// from 1 to `budget`.
std::vector<std::int64_t> queryGrid(std::int64_t budget, int points);

} // namespace advlens::core
