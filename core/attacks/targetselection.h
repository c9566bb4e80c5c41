#pragma once

#include <ATen/core/Tensor.h>

#include <cstdint>

namespace advlens::core {

/// One target class per image, uniform over the classes other than its label,
/// deterministic given `seed` (the usual "random target" protocol).
at::Tensor randomTargets(const at::Tensor& labels, std::int64_t numClasses, std::uint64_t seed);

} // namespace advlens::core
