#pragma once

#include "core/model/modelmetadata.h"

#include <algorithm>
#include <cstdint>

namespace advlens::core {

/// Images per batch for a model taking `input`: `forSmallImages` for inputs up
/// to Fashion-MNIST's 28×28 values, proportionally fewer for larger ones, but
/// at least `atLeast`. Workers check cancellation between batches, and a batch
/// of 32 ImageNet photos through a ResNet-50 takes seconds on 2 cores (and
/// some 100 MB of activations per image when gradients are kept).
inline std::int64_t batchSizeFor(const InputSpec& input, std::int64_t forSmallImages, std::int64_t atLeast = 1)
{
    const std::int64_t values = std::int64_t{input.channels} * input.height * input.width;
    const std::int64_t scaled = forSmallImages * 28 * 28 / std::max<std::int64_t>(1, values);
    return std::clamp(scaled, std::min(atLeast, forSmallImages), forSmallImages);
}

} // namespace advlens::core
