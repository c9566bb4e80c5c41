#pragma once

#include <cstdint>
#include <vector>

namespace advlens::core {

/// Su et al. (2018) found the distortion an attack needs to fall linearly
/// with the logarithm of the classification error: d = a + b·ln(error).
struct ScalingFit {
    double intercept = 0.0; ///< a
    double slope = 0.0;     ///< b, per unit of ln(error)
    double r2 = 0.0;        ///< coefficient of determination of the fit; 0 when undefined
    std::int64_t points = 0;
    bool valid = false; ///< at least two points with distinct, positive errors
};

/// Least-squares fit of distortion against ln(error); points whose error is
/// not positive or whose distortion is not finite are left out.
ScalingFit fitLogScaling(const std::vector<double>& errors, const std::vector<double>& distortions);

/// Indices of the accuracy–robustness Pareto frontier: the points no other
/// point beats on both counts (lower or equal error and larger or equal
/// distortion, one strictly), ordered by increasing error. Non-finite
/// distortions are never on it.
std::vector<std::size_t> paretoFrontier(const std::vector<double>& errors, const std::vector<double>& distortions);

} // namespace advlens::core
