#include "mlp.h"

#include <torch/nn/functional/activation.h>

namespace advlens::core {

Mlp::Mlp(const InputSpec& input, std::int64_t numClasses)
{
    const std::int64_t features = std::int64_t{input.channels} * input.height * input.width;
    m_fc1 = register_module("fc1", torch::nn::Linear(features, 256));
    m_fc2 = register_module("fc2", torch::nn::Linear(256, 128));
    m_fc3 = register_module("fc3", torch::nn::Linear(128, numClasses));
}

torch::Tensor Mlp::forwardTapped(torch::Tensor x, FeatureTap*)
{
    x = torch::relu(m_fc1(x.flatten(1)));
    x = torch::relu(m_fc2(x));
    return m_fc3(x);
}

} // namespace advlens::core
