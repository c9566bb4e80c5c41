#include "core/model/zoo/mobilenet.h"

#include <torch/nn/functional/activation.h>
#include <torch/nn/functional/pooling.h>
#include <torch/nn/modules/container/modulelist.h>

namespace advlens::core {

namespace F = torch::nn::functional;

namespace {
torch::nn::Conv2dOptions pointwise(std::int64_t in, std::int64_t out)
{
    return torch::nn::Conv2dOptions(in, out, 1).bias(false);
}
} // namespace

InvertedResidual::InvertedResidual(std::int64_t in, std::int64_t out, std::int64_t stride, std::int64_t expansion)
    : m_residual(stride == 1 && in == out)
{
    const std::int64_t hidden = in * expansion;
    if (expansion != 1) {
        m_expand = register_module("expand", torch::nn::Conv2d(pointwise(in, hidden)));
        m_expandBn = register_module("expand_bn", torch::nn::BatchNorm2d(hidden));
    }
    m_depthwise = register_module(
        "depthwise",
        torch::nn::Conv2d(
            torch::nn::Conv2dOptions(hidden, hidden, 3).stride(stride).padding(1).groups(hidden).bias(false)));
    m_depthwiseBn = register_module("depthwise_bn", torch::nn::BatchNorm2d(hidden));
    m_project = register_module("project", torch::nn::Conv2d(pointwise(hidden, out)));
    m_projectBn = register_module("project_bn", torch::nn::BatchNorm2d(out));
}

torch::Tensor InvertedResidual::forward(torch::Tensor x, torch::Tensor* depthwise)
{
    torch::Tensor y = m_expand ? torch::relu6(m_expandBn(m_expand(x))) : x;
    y = torch::relu6(m_depthwiseBn(m_depthwise(y)));
    if (depthwise)
        *depthwise = y;
    y = m_projectBn(m_project(y));
    return m_residual ? x + y : y;
}

MobileNet::MobileNet(const InputSpec& input, std::int64_t numClasses, const MobileNetShape& shape)
{
    std::int64_t channels = shape.stem;
    m_stem = register_module(
        "stem", torch::nn::Conv2d(torch::nn::Conv2dOptions(input.channels, channels, 3).padding(1).bias(false)));
    m_stemBn = register_module("stem_bn", torch::nn::BatchNorm2d(channels));
    for (std::size_t s = 0; s < shape.stages.size(); ++s) {
        const InvertedResidualStage& stage = shape.stages[s];
        torch::nn::ModuleList list;
        std::vector<std::shared_ptr<InvertedResidual>> blocks;
        for (int b = 0; b < stage.blocks; ++b) {
            blocks.push_back(std::make_shared<InvertedResidual>(channels, stage.channels, b == 0 ? stage.stride : 1,
                                                                stage.expansion));
            list->push_back(blocks.back());
            channels = stage.channels;
        }
        register_module("stage" + std::to_string(s + 1), list);
        m_stages.push_back(std::move(blocks));
    }
    m_head = register_module("head", torch::nn::Conv2d(pointwise(channels, shape.head)));
    m_headBn = register_module("head_bn", torch::nn::BatchNorm2d(shape.head));
    m_fc = register_module("fc", torch::nn::Linear(shape.head, numClasses));
}

std::vector<std::string> MobileNet::featureLayers() const
{
    std::vector<std::string> names{"head"};
    for (std::size_t s = m_stages.size(); s > 0; --s)
        names.push_back("stage" + std::to_string(s));
    names.push_back("stem");
    return names;
}

torch::Tensor MobileNet::forwardTapped(torch::Tensor x, FeatureTap* tap)
{
    x = torch::relu6(m_stemBn(m_stem(x)));
    if (tap)
        tap->offer("stem", x);
    for (std::size_t s = 0; s < m_stages.size(); ++s) {
        torch::Tensor depthwise;
        for (const auto& block : m_stages[s])
            x = block->forward(x, tap ? &depthwise : nullptr);
        if (tap)
            tap->offer(("stage" + std::to_string(s + 1)).c_str(), depthwise);
    }
    x = torch::relu6(m_headBn(m_head(x)));
    if (tap)
        tap->offer("head", x);
    x = F::adaptive_avg_pool2d(x, F::AdaptiveAvgPool2dFuncOptions(1));
    return m_fc(x.flatten(1));
}

} // namespace advlens::core
