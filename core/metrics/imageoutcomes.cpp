#include "core/metrics/imageoutcomes.h"

#include "core/tensor/finitelogits.h"

#include <ATen/ATen.h>

#include <algorithm>

namespace advlens::core {

CleanOutcomes cleanOutcomesOf(const at::Tensor& logits, const at::Tensor& labels)
{
    const at::Tensor cpu = logits.to(at::kCPU);
    const at::Tensor truth = labels.to(at::kCPU, at::kLong).view({-1, 1});
    // accuracyOf's ranking: topk, not argmax, decides top-1 (they may differ on ties).
    const std::int64_t k = std::min<std::int64_t>(5, cpu.size(1));
    const at::Tensor top = std::get<1>(cpu.topk(k, 1));
    return {cpu.argmax(1), top.select(1, 0).eq(truth.view(-1)), top.eq(truth).any(1), finiteRows(cpu)};
}

} // namespace advlens::core
