#pragma once

#include "zoonet.h"

#include <torch/nn/modules/linear.h>

namespace advlens::core {

/// Fully connected baseline: C·H·W → 256 → 128 → K with ReLU.
class Mlp : public ZooNet {
public:
    Mlp(const InputSpec& input, std::int64_t numClasses);
    torch::Tensor forwardTapped(torch::Tensor x, FeatureTap* tap) override;
    std::vector<std::string> featureLayers() const override { return {}; }

private:
    torch::nn::Linear m_fc1{nullptr}, m_fc2{nullptr}, m_fc3{nullptr};
};

} // namespace advlens::core
