#include "core/model/zoo/mlp.h"

#include <torch/nn/functional/activation.h>

namespace advlens::core {

Mlp::Mlp(const InputSpec& input, std::int64_t numClasses, const std::vector<std::int64_t>& hidden)
{
    std::int64_t width = std::int64_t{input.channels} * input.height * input.width;
    std::vector<std::int64_t> outputs = hidden;
    outputs.push_back(numClasses);
    for (const std::int64_t out : outputs) {
        const std::string name = "fc" + std::to_string(m_layers.size() + 1);
        m_layers.push_back(register_module(name, torch::nn::Linear(width, out)));
        width = out;
    }
}

torch::Tensor Mlp::forwardTapped(torch::Tensor x, FeatureTap*)
{
    x = x.flatten(1);
    for (std::size_t i = 0; i + 1 < m_layers.size(); ++i)
        x = torch::relu(m_layers[i](x));
    return m_layers.back()(x);
}

} // namespace advlens::core
