#include "core/metrics/querycurve.h"

#include "core/util/error.h"

#include <ATen/ATen.h>

#include <algorithm>
#include <cmath>

namespace advlens::core {

std::vector<std::int64_t> queryGrid(std::int64_t budget, int points)
{
    std::vector<std::int64_t> grid;
    if (budget < 1)
        return grid;
    const int n = std::max(2, points);
    const double top = std::log(static_cast<double>(budget));
    for (int i = 0; i < n; ++i) {
        const auto q = static_cast<std::int64_t>(std::llround(std::exp(top * i / (n - 1))));
        if (grid.empty() || q > grid.back())
            grid.push_back(std::min(q, budget));
    }
    if (grid.back() != budget)
        grid.push_back(budget);
    return grid;
}

std::vector<QueryAccuracy> accuracyByQueries(const at::Tensor& robustBefore, const at::Tensor& queriesToSuccess,
                                             std::int64_t counted, std::int64_t budget, int points)
{
    if (!queriesToSuccess.defined())
        return {};
    if (robustBefore.numel() != queriesToSuccess.numel())
        throw Error("accuracyByQueries: " + std::to_string(robustBefore.numel()) + " images but " +
                    std::to_string(queriesToSuccess.numel()) + " query counts");
    const at::Tensor before = robustBefore.to(at::kCPU, at::kBool).reshape({-1});
    const at::Tensor spent = queriesToSuccess.to(at::kCPU, at::kLong).reshape({-1});
    // Sorted queries-to-success of the images that were robust and fell: the
    // accuracy at q is the robust count less those that fell within q.
    const at::Tensor fell = std::get<0>(spent.masked_select(before.logical_and(spent.ge(0))).sort());
    const std::int64_t robustCount = before.sum().item<std::int64_t>();
    const auto* sorted = fell.data_ptr<std::int64_t>();
    const std::int64_t fallen = fell.numel();
    std::vector<QueryAccuracy> curve;
    for (const std::int64_t q : queryGrid(budget, points)) {
        const std::int64_t within = std::upper_bound(sorted, sorted + fallen, q) - sorted;
        curve.push_back({q, counted ? double(robustCount - within) / double(counted) : 0.0});
    }
    return curve;
}

} // namespace advlens::core
