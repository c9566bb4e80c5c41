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
    /// The ReLU outputs of the feature stack, by their index in it, as
    /// torchvision names them: "features.12" (64×H/2×W/2, the default),
    /// "features.9", "features.5", "features.2".
    torch::Tensor forwardTapped(torch::Tensor x, FeatureTap* tap) override;
    std::vector<std::string> featureLayers() const override;

private:
    torch::nn::Sequential m_features{nullptr};
    torch::nn::Linear m_fc1{nullptr}, m_fc2{nullptr};
};

} // namespace advlens::core
