#pragma once

#include <ATen/core/Tensor.h>

#include <string>
#include <vector>

namespace advlens::core {

/// A labelled image set in pixel space.
struct LabelledImages {
    at::Tensor images; ///< N×C×H×W float32 in [0, 1], CPU
    at::Tensor labels; ///< N int64 in [0, K)
    std::vector<std::string> classNames;

    std::int64_t size() const { return images.defined() ? images.size(0) : 0; }
};

} // namespace advlens::core
