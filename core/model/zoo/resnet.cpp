#include "resnet.h"

#include <torch/nn/functional/activation.h>
#include <torch/nn/functional/pooling.h>

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

ResNet::ResNet(const InputSpec& input, std::int64_t numClasses)
{
    m_stem = register_module("stem", torch::nn::Conv2d(conv3x3(input.channels, 16, 1)));
    m_stemBn = register_module("stem_bn", torch::nn::BatchNorm2d(16));
    m_stage1 = register_module("stage1", std::make_shared<BasicBlock>(16, 16, 1));
    m_stage2 = register_module("stage2", std::make_shared<BasicBlock>(16, 32, 2));
    m_stage3 = register_module("stage3", std::make_shared<BasicBlock>(32, 64, 2));
    m_fc = register_module("fc", torch::nn::Linear(64, numClasses));
}

torch::Tensor ResNet::forwardTapped(torch::Tensor x, FeatureTap* tap)
{
    x = torch::relu(m_stemBn(m_stem(x)));
    if (tap)
        tap->offer("stem", x);
    x = m_stage1->forward(x);
    if (tap)
        tap->offer("stage1", x);
    x = m_stage2->forward(x);
    if (tap)
        tap->offer("stage2", x);
    x = m_stage3->forward(x);
    if (tap)
        tap->offer("stage3", x);
    x = torch::nn::functional::adaptive_avg_pool2d(x, torch::nn::functional::AdaptiveAvgPool2dFuncOptions(1));
    return m_fc(x.flatten(1));
}

} // namespace advlens::core
