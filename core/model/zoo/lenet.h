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
    /// "conv2" (ReLU of the second convolution, 64×H/2×W/2, the default),
    /// "conv1" (ReLU of the first, 32×H×W).
    torch::Tensor forwardTapped(torch::Tensor x, FeatureTap* tap) override;
    std::vector<std::string> featureLayers() const override { return {"conv2", "conv1"}; }

private:
    torch::Tensor features(torch::Tensor x, FeatureTap* tap);

    torch::nn::Conv2d m_conv1{nullptr}, m_conv2{nullptr};
    torch::nn::Linear m_fc1{nullptr}, m_fc2{nullptr};
};

} // namespace advlens::core
