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

at::Tensor checkedImageIndices(const at::Tensor& chosen, std::int64_t images)
{
    const at::Tensor list = chosen.to(at::kCPU, at::kLong).contiguous();
    if (list.dim() != 1)
        throw Error("the images to evaluate must be a list of indices");
    if (list.numel() > 0 && (list.min().item<std::int64_t>() < 0 || list.max().item<std::int64_t>() >= images))
        throw Error("an image index lies outside the data set of " + std::to_string(images) + " images");
    if (list.numel() > 1 && !list.slice(0, 1).gt(list.slice(0, 0, -1)).all().item<bool>())
        throw Error("the images to evaluate must be in ascending order, each once");
    return list;
}

} // namespace advlens::core
