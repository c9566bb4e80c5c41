#pragma once

#include <ATen/core/Tensor.h>

namespace advlens::core {

/// Per-image norms of a perturbation δ = x' − x over all C·H·W values.
/// ℓ0 counts values with |δ| > kChangedThreshold (float rounding is not a change).
struct PerturbationNorms {
    at::Tensor l0, l1, l2, linf; ///< each N float32, CPU

    static constexpr double kChangedThreshold = 1e-7;
};

/// δ: N×… tensor on any device.
PerturbationNorms perturbationNorms(const at::Tensor& delta);

/// Mean and median of one norm over the images selected by `mask` (N bool).
struct NormSummary {
    double mean = 0.0;
    double median = 0.0;
    std::int64_t count = 0;
};
NormSummary summarise(const at::Tensor& values, const at::Tensor& mask);

} // namespace advlens::core
