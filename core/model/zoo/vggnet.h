#pragma once

#include "core/model/zoo/zoonet.h"

#include <torch/nn/modules/container/sequential.h>
#include <torch/nn/modules/linear.h>

namespace advlens::core {

/// Small VGG-style CNN: blocks of two 3×3 conv + BN + ReLU, each followed by
/// 2×2 max-pooling, then fc → K. "vgg" has blocks of 32 and 64 channels and
/// fc 256, "vgg-large" 32, 64 and 128 and fc 1024 (with fc 256 the third
/// pooling would leave it fewer parameters than "vgg").
class VggNet : public ZooNet {
public:
    VggNet(const InputSpec& input, std::int64_t numClasses, const std::vector<std::int64_t>& blockWidths = {32, 64},
           std::int64_t fcWidth = 256);
    /// The ReLU outputs of the feature stack, by their index in it, as
    /// torchvision names them, the deepest (the default) first; for "vgg"
    /// "features.12" (64×H/2×W/2), "features.9", "features.5", "features.2".
    torch::Tensor forwardTapped(torch::Tensor x, FeatureTap* tap) override;
    std::vector<std::string> featureLayers() const override;

private:
    torch::nn::Sequential m_features{nullptr};
    torch::nn::Linear m_fc1{nullptr}, m_fc2{nullptr};
};

} // namespace advlens::core
