#include "core/studies/scalinglaw.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace advlens::core {

ScalingFit fitLogScaling(const std::vector<double>& errors, const std::vector<double>& distortions)
{
    std::vector<double> x, y;
    for (std::size_t i = 0; i < std::min(errors.size(), distortions.size()); ++i) {
        if (errors[i] > 0.0 && std::isfinite(errors[i]) && std::isfinite(distortions[i])) {
            x.push_back(std::log(errors[i]));
            y.push_back(distortions[i]);
        }
    }
    ScalingFit fit;
    fit.points = static_cast<std::int64_t>(x.size());
    if (x.size() < 2)
        return fit;
    const double n = double(x.size());
    const double meanX = std::accumulate(x.begin(), x.end(), 0.0) / n;
    const double meanY = std::accumulate(y.begin(), y.end(), 0.0) / n;
    double sxx = 0.0, sxy = 0.0, syy = 0.0;
    for (std::size_t i = 0; i < x.size(); ++i) {
        sxx += (x[i] - meanX) * (x[i] - meanX);
        sxy += (x[i] - meanX) * (y[i] - meanY);
        syy += (y[i] - meanY) * (y[i] - meanY);
    }
    if (sxx <= 0.0)
        return fit;
    fit.valid = true;
    fit.slope = sxy / sxx;
    fit.intercept = meanY - fit.slope * meanX;
    fit.r2 = syy > 0.0 ? (sxy * sxy) / (sxx * syy) : 0.0;
    return fit;
}

std::vector<std::size_t> paretoFrontier(const std::vector<double>& errors, const std::vector<double>& distortions)
{
    const std::size_t n = std::min(errors.size(), distortions.size());
    std::vector<std::size_t> frontier;
    for (std::size_t i = 0; i < n; ++i) {
        if (!std::isfinite(distortions[i]) || !std::isfinite(errors[i]))
            continue;
        bool dominated = false;
        for (std::size_t j = 0; j < n && !dominated; ++j) {
            if (j == i || !std::isfinite(distortions[j]) || !std::isfinite(errors[j]))
                continue;
            const bool noWorse = errors[j] <= errors[i] && distortions[j] >= distortions[i];
            const bool better = errors[j] < errors[i] || distortions[j] > distortions[i];
            dominated = noWorse && better;
        }
        if (!dominated)
            frontier.push_back(i);
    }
    std::sort(frontier.begin(), frontier.end(), [&](std::size_t a, std::size_t b) { return errors[a] < errors[b]; });
    return frontier;
}

} // namespace advlens::core
