#include "core/model/zoo/densenet.h"

#include <torch/nn/functional/activation.h>
#include <torch/nn/functional/pooling.h>

#include <cmath>

namespace advlens::core {

namespace F = torch::nn::functional;

DenseLayer::DenseLayer(std::int64_t in, std::int64_t growth)
{
    m_bn = register_module("bn", torch::nn::BatchNorm2d(in));
    m_conv = register_module("conv", torch::nn::Conv2d(torch::nn::Conv2dOptions(in, growth, 3).padding(1).bias(false)));
}

torch::Tensor DenseLayer::forward(torch::Tensor x)
{
    return torch::cat({x, m_conv(torch::relu(m_bn(x)))}, /*dim=*/1);
}

DenseTransition::DenseTransition(std::int64_t in, std::int64_t out)
{
    m_bn = register_module("bn", torch::nn::BatchNorm2d(in));
    m_conv = register_module("conv", torch::nn::Conv2d(torch::nn::Conv2dOptions(in, out, 1).bias(false)));
}

torch::Tensor DenseTransition::activate(const torch::Tensor& x)
{
    return torch::relu(m_bn(x));
}

torch::Tensor DenseTransition::reduce(const torch::Tensor& activated)
{
    return F::avg_pool2d(m_conv(activated), F::AvgPool2dFuncOptions(2));
}

DenseNet::DenseNet(const InputSpec& input, std::int64_t numClasses, const DenseNetShape& shape)
{
    std::int64_t channels = shape.stem;
    m_stem = register_module(
        "stem", torch::nn::Conv2d(torch::nn::Conv2dOptions(input.channels, channels, 3).padding(1).bias(false)));
    m_stemBn = register_module("stem_bn", torch::nn::BatchNorm2d(channels));
    for (std::size_t b = 0; b < shape.blockLayers.size(); ++b) {
        torch::nn::Sequential block;
        for (int l = 0; l < shape.blockLayers[b]; ++l) {
            block->push_back(std::make_shared<DenseLayer>(channels, shape.growth));
            channels += shape.growth;
        }
        m_blocks.push_back(register_module("block" + std::to_string(b + 1), block));
        if (b + 1 < shape.blockLayers.size()) {
            const auto reduced = static_cast<std::int64_t>(std::floor(shape.compression * channels));
            m_transitions.push_back(register_module("transition" + std::to_string(b + 1),
                                                    std::make_shared<DenseTransition>(channels, reduced)));
            channels = reduced;
        }
    }
    m_finalBn = register_module("final_bn", torch::nn::BatchNorm2d(channels));
    m_fc = register_module("fc", torch::nn::Linear(channels, numClasses));
}

std::vector<std::string> DenseNet::featureLayers() const
{
    std::vector<std::string> names;
    for (std::size_t b = m_blocks.size(); b > 0; --b)
        names.push_back("block" + std::to_string(b));
    names.push_back("stem");
    return names;
}

torch::Tensor DenseNet::forwardTapped(torch::Tensor x, FeatureTap* tap)
{
    x = torch::relu(m_stemBn(m_stem(x)));
    if (tap)
        tap->offer("stem", x);
    x = F::avg_pool2d(x, F::AvgPool2dFuncOptions(2));
    for (std::size_t b = 0; b < m_blocks.size(); ++b) {
        x = m_blocks[b]->forward(x);
        const bool last = b + 1 == m_blocks.size();
        x = last ? torch::relu(m_finalBn(x)) : m_transitions[b]->activate(x);
        if (tap)
            tap->offer(("block" + std::to_string(b + 1)).c_str(), x);
        if (!last)
            x = m_transitions[b]->reduce(x);
    }
    x = F::adaptive_avg_pool2d(x, F::AdaptiveAvgPool2dFuncOptions(1));
    return m_fc(x.flatten(1));
}

} // namespace advlens::core
