#pragma once

#include "core/model/zoo/zoonet.h"

#include <torch/nn/modules/linear.h>

namespace advlens::core {

/// Fully connected baseline: C·H·W → hidden widths (ReLU after each) → K.
/// "mlp" is 256-128, "mlp-large" 1024-512-256.
class Mlp : public ZooNet {
public:
    Mlp(const InputSpec& input, std::int64_t numClasses, const std::vector<std::int64_t>& hidden = {256, 128});
    torch::Tensor forwardTapped(torch::Tensor x, FeatureTap* tap) override;
    std::vector<std::string> featureLayers() const override { return {}; }

private:
    std::vector<torch::nn::Linear> m_layers; ///< "fc1" … "fcN", the last one gives the logits
};

} // namespace advlens::core
