#pragma once

#include "zoonet.h"

#include <torch/nn/modules/conv.h>
#include <torch/nn/modules/linear.h>

namespace advlens::core {

/// LeNet-style CNN (Caffe's LeNet widths): conv5×5(32) → pool → conv5×5(64)
/// → pool → fc 256 → K.
class LeNet : public ZooNet {
public:
    LeNet(const InputSpec& input, std::int64_t numClasses);
    torch::Tensor forward(torch::Tensor x) override;

private:
    torch::Tensor features(torch::Tensor x);

    torch::nn::Conv2d m_conv1{nullptr}, m_conv2{nullptr};
    torch::nn::Linear m_fc1{nullptr}, m_fc2{nullptr};
};

} // namespace advlens::core
