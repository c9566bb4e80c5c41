#include "core/model/zoo/vggnet.h"

#include <torch/nn/modules/activation.h>
#include <torch/nn/modules/batchnorm.h>
#include <torch/nn/modules/conv.h>
#include <torch/nn/modules/pooling.h>

namespace advlens::core {

namespace {
void addConv(torch::nn::Sequential& block, std::int64_t in, std::int64_t out)
{
    block->push_back(torch::nn::Conv2d(torch::nn::Conv2dOptions(in, out, 3).padding(1).bias(false)));
    block->push_back(torch::nn::BatchNorm2d(out));
    block->push_back(torch::nn::ReLU());
}
} // namespace

VggNet::VggNet(const InputSpec& input, std::int64_t numClasses, const std::vector<std::int64_t>& blockWidths,
               std::int64_t fcWidth)
{
    torch::nn::Sequential features;
    std::int64_t channels = input.channels;
    for (const std::int64_t width : blockWidths) {
        addConv(features, channels, width);
        addConv(features, width, width);
        features->push_back(torch::nn::MaxPool2d(2));
        channels = width;
    }
    m_features = register_module("features", features);
    m_features->eval();
    const auto flattened = m_features->forward(torch::zeros({1, input.channels, input.height, input.width})).numel();
    m_features->train();
    m_fc1 = register_module("fc1", torch::nn::Linear(flattened, fcWidth));
    m_fc2 = register_module("fc2", torch::nn::Linear(fcWidth, numClasses));
}

std::vector<std::string> VggNet::featureLayers() const
{
    std::vector<std::string> names;
    for (std::size_t i = m_features->size(); i-- > 0;)
        if (m_features->ptr(i)->as<torch::nn::ReLU>())
            names.push_back("features." + std::to_string(i));
    return names;
}

torch::Tensor VggNet::forwardTapped(torch::Tensor x, FeatureTap* tap)
{
    if (tap) {
        // Layer by layer, so the tap sees each output under torchvision's name.
        std::size_t index = 0;
        for (auto& layer : *m_features) {
            x = layer.forward(x);
            tap->offer(("features." + std::to_string(index++)).c_str(), x);
        }
    } else {
        x = m_features->forward(x);
    }
    x = x.flatten(1);
    return m_fc2(torch::relu(m_fc1(x)));
}

} // namespace advlens::core
