#include "core/attacks/targetselection.h"

#include <ATen/ATen.h>
#include <ATen/CPUGeneratorImpl.h>

namespace advlens::core {

at::Tensor randomTargets(const at::Tensor& labels, std::int64_t numClasses, std::uint64_t seed)
{
    at::Generator generator = at::detail::createCPUGenerator(seed);
    const at::Tensor cpuLabels = labels.to(at::kCPU, at::kLong);
    // An offset in 1..K-1 added modulo K never lands on the label itself.
    const at::Tensor offset = at::randint(1, numClasses, cpuLabels.sizes(), generator, at::kLong);
    return (cpuLabels + offset).remainder(numClasses).to(labels.device());
}

} // namespace advlens::core
