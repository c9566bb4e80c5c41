#pragma once

#include "zoonet.h"

#include <torch/nn/modules/container/sequential.h>
#include <torch/nn/modules/linear.h>

namespace advlens::core {

/// Small VGG-style CNN: two blocks of two 3×3 conv + BN + ReLU (32, 64
/// channels), each followed by 2×2 max-pooling, then fc 256 → K.
class VggNet : public ZooNet {
public:
    VggNet(const InputSpec& input, std::int64_t numClasses);
    torch::Tensor forward(torch::Tensor x) override;

private:
    torch::nn::Sequential m_features{nullptr};
    torch::nn::Linear m_fc1{nullptr}, m_fc2{nullptr};
};

} // namespace advlens::core
