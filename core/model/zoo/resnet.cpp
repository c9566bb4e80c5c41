#include "core/model/zoo/resnet.h"

#include <torch/nn/functional/activation.h>
#include <torch/nn/functional/pooling.h>
#include <torch/nn/modules/container/modulelist.h>

namespace advlens::core {

namespace {
torch::nn::Conv2dOptions conv3x3(std::int64_t in, std::int64_t out, std::int64_t stride)
{
    return torch::nn::Conv2dOptions(in, out, 3).stride(stride).padding(1).bias(false);
}
} // namespace

BasicBlock::BasicBlock(std::int64_t in, std::int64_t out, std::int64_t stride)
{
    m_conv1 = register_module("conv1", torch::nn::Conv2d(conv3x3(in, out, stride)));
    m_bn1 = register_module("bn1", torch::nn::BatchNorm2d(out));
    m_conv2 = register_module("conv2", torch::nn::Conv2d(conv3x3(out, out, 1)));
    m_bn2 = register_module("bn2", torch::nn::BatchNorm2d(out));
    if (stride != 1 || in != out) {
        m_shortcut = register_module(
            "shortcut",
            torch::nn::Sequential(torch::nn::Conv2d(torch::nn::Conv2dOptions(in, out, 1).stride(stride).bias(false)),
                                  torch::nn::BatchNorm2d(out)));
    }
}

torch::Tensor BasicBlock::forward(torch::Tensor x)
{
    torch::Tensor y = torch::relu(m_bn1(m_conv1(x)));
    y = m_bn2(m_conv2(y));
    return torch::relu(y + (m_shortcut ? m_shortcut->forward(x) : x));
}

ResNet::ResNet(const InputSpec& input, std::int64_t numClasses, const ResNetShape& shape)
{
    std::int64_t channels = shape.widths.front();
    m_stem = register_module("stem", torch::nn::Conv2d(conv3x3(input.channels, channels, 1)));
    m_stemBn = register_module("stem_bn", torch::nn::BatchNorm2d(channels));
    for (std::size_t s = 0; s < shape.widths.size(); ++s) {
        const std::string name = "stage" + std::to_string(s + 1);
        std::vector<std::shared_ptr<BasicBlock>> blocks;
        for (int b = 0; b < shape.blocks[s]; ++b) {
            const std::int64_t stride = (s > 0 && b == 0) ? 2 : 1;
            blocks.push_back(std::make_shared<BasicBlock>(channels, shape.widths[s], stride));
            channels = shape.widths[s];
        }
        // One block is registered as the stage itself (the names "resnet" files have always had:
        // "stage1.conv1.weight"), several as a list ("stage1.0.conv1.weight").
        if (blocks.size() == 1) {
            register_module(name, blocks.front());
        } else {
            torch::nn::ModuleList list;
            for (const auto& block : blocks)
                list->push_back(block);
            register_module(name, list);
        }
        m_stages.push_back(std::move(blocks));
    }
    m_fc = register_module("fc", torch::nn::Linear(channels, numClasses));
}

std::vector<std::string> ResNet::featureLayers() const
{
    std::vector<std::string> names;
    for (std::size_t s = m_stages.size(); s > 0; --s)
        names.push_back("stage" + std::to_string(s));
    names.push_back("stem");
    return names;
}

torch::Tensor ResNet::forwardTapped(torch::Tensor x, FeatureTap* tap)
{
    x = torch::relu(m_stemBn(m_stem(x)));
    if (tap)
        tap->offer("stem", x);
    for (std::size_t s = 0; s < m_stages.size(); ++s) {
        for (const auto& block : m_stages[s])
            x = block->forward(x);
        if (tap)
            tap->offer(("stage" + std::to_string(s + 1)).c_str(), x);
    }
    x = torch::nn::functional::adaptive_avg_pool2d(x, torch::nn::functional::AdaptiveAvgPool2dFuncOptions(1));
    return m_fc(x.flatten(1));
}

} // namespace advlens::core
