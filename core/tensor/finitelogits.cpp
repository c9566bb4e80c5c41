#include "core/tensor/finitelogits.h"

#include <ATen/ATen.h>

namespace advlens::core {

at::Tensor finiteRows(const at::Tensor& logits)
{
    if (logits.dim() != 2)
        return at::isfinite(logits.reshape({logits.size(0), -1})).all(1);
    return at::isfinite(logits).all(1);
}

std::vector<std::int64_t> falseIndices(const at::Tensor& mask)
{
    const at::Tensor found = mask.to(at::kCPU).logical_not().nonzero().view(-1).contiguous();
    const std::int64_t* begin = found.data_ptr<std::int64_t>();
    return {begin, begin + found.numel()};
}

std::string describeNonFinite(const std::vector<std::int64_t>& indices, std::int64_t total, std::size_t shown)
{
    std::string text = std::to_string(indices.size()) + " of " + std::to_string(total) +
                       (total == 1 ? " image" : " images") + " gave NaN or infinite logits (";
    text += indices.size() == 1 ? "index " : "indices ";
    for (std::size_t i = 0; i < indices.size() && i < shown; ++i)
        text += (i ? ", " : "") + std::to_string(indices[i]);
    if (indices.size() > shown)
        text += ", …";
    return text + ")";
}

} // namespace advlens::core
