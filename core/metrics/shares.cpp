#include "core/metrics/shares.h"

#include "core/util/error.h"

#include <ATen/ATen.h>

#include <algorithm>
#include <vector>

namespace advlens::core {

at::Tensor shareImages(std::int64_t images, std::int64_t batchSize, const Share& share)
{
    if (batchSize < 1)
        throw Error("batch size must be at least 1");
    if (share.count < 1 || share.index < 0 || share.index >= share.count)
        throw Error("share " + std::to_string(share.index) + " of " + std::to_string(share.count) + " does not exist");
    std::vector<at::Tensor> batches;
    for (std::int64_t start = share.index * batchSize; start < images; start += share.count * batchSize)
        batches.push_back(at::arange(start, std::min(images, start + batchSize), at::kLong));
    return batches.empty() ? at::empty({0}, at::kLong) : at::cat(batches);
}

} // namespace advlens::core
