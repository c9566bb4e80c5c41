#pragma once

#include "core/model/zoo/zoonet.h"

#include <torch/nn/modules/conv.h>
#include <torch/nn/modules/linear.h>

namespace advlens::core {

/// Widths of a LeNet: the two 5×5 convolutions and the hidden fully
/// connected layer. The defaults are "lenet" (Caffe's LeNet widths).
struct LeNetShape {
    std::int64_t conv1 = 32;
    std::int64_t conv2 = 64;
    std::int64_t fc = 256;
};

/// LeNet-style CNN: conv5×5 → pool → conv5×5 → pool → fc → K.
class LeNet : public ZooNet {
public:
    LeNet(const InputSpec& input, std::int64_t numClasses, const LeNetShape& shape = {});
    /// "conv2" (ReLU of the second convolution, conv2×H/2×W/2, the default),
    /// "conv1" (ReLU of the first, conv1×H×W).
    torch::Tensor forwardTapped(torch::Tensor x, FeatureTap* tap) override;
    std::vector<std::string> featureLayers() const override { return {"conv2", "conv1"}; }

private:
    torch::Tensor features(torch::Tensor x, FeatureTap* tap);

    torch::nn::Conv2d m_conv1{nullptr}, m_conv2{nullptr};
    torch::nn::Linear m_fc1{nullptr}, m_fc2{nullptr};
};

} // namespace advlens::core
