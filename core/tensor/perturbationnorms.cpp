#include "core/tensor/perturbationnorms.h"

#include <ATen/ATen.h>

namespace advlens::core {

PerturbationNorms perturbationNorms(const at::Tensor& delta)
{
    const at::Tensor flat = delta.detach().to(at::kCPU, at::kFloat).flatten(1);
    const at::Tensor magnitude = flat.abs();
    PerturbationNorms norms;
    norms.l0 = (magnitude > PerturbationNorms::kChangedThreshold).sum(1).to(at::kFloat);
    norms.l1 = magnitude.sum(1);
    norms.l2 = flat.norm(2, {1});
    norms.linf = flat.numel() ? std::get<0>(magnitude.max(1)) : at::zeros({0});
    return norms;
}

NormSummary summarise(const at::Tensor& values, const at::Tensor& mask)
{
    const at::Tensor selected = values.masked_select(mask.to(at::kCPU, at::kBool)).to(at::kDouble);
    NormSummary summary;
    summary.count = selected.numel();
    if (summary.count == 0)
        return summary;
    summary.mean = selected.mean().item<double>();
    // The true median (mean of the two middle values), not torch's lower median.
    const at::Tensor sorted = std::get<0>(selected.sort());
    const std::int64_t n = summary.count;
    summary.median =
        n % 2 ? sorted[n / 2].item<double>() : 0.5 * (sorted[n / 2 - 1].item<double>() + sorted[n / 2].item<double>());
    return summary;
}

} // namespace advlens::core
