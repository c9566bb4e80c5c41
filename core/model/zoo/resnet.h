#pragma once

#include "core/model/zoo/zoonet.h"

#include <torch/nn/modules/batchnorm.h>
#include <torch/nn/modules/container/sequential.h>
#include <torch/nn/modules/conv.h>
#include <torch/nn/modules/linear.h>

namespace advlens::core {

/// The basic residual block of He et al. (two 3×3 convolutions with BN), with
/// a 1×1 projection on the shortcut when the shape changes.
class BasicBlock : public torch::nn::Module {
public:
    BasicBlock(std::int64_t in, std::int64_t out, std::int64_t stride);
    torch::Tensor forward(torch::Tensor x);

private:
    torch::nn::Conv2d m_conv1{nullptr}, m_conv2{nullptr};
    torch::nn::BatchNorm2d m_bn1{nullptr}, m_bn2{nullptr};
    torch::nn::Sequential m_shortcut{nullptr};
};

/// Stage widths and depth of a ResNet. The defaults are "resnet".
struct ResNetShape {
    std::vector<std::int64_t> widths = {16, 32, 64}; ///< the first stage keeps the resolution, the others halve it
    std::vector<int> blocks = {1, 1, 1};             ///< basic blocks per stage
};

/// Small ResNet for 28×28-class inputs: 3×3 stem (as wide as the first
/// stage), stages of basic blocks, global average pool, fc. "resnet" has one
/// block per stage (16, 32, 64 channels), "resnet-large" four stages (16, 32,
/// 64, 128 channels) of 1, 2, 2, 2 blocks.
class ResNet : public ZooNet {
public:
    ResNet(const InputSpec& input, std::int64_t numClasses, const ResNetShape& shape = {});
    /// Stage outputs, the deepest first: for "resnet" "stage3" (64×H/4×W/4,
    /// the default), "stage2", "stage1", then "stem" (after its BN and ReLU).
    torch::Tensor forwardTapped(torch::Tensor x, FeatureTap* tap) override;
    std::vector<std::string> featureLayers() const override;

private:
    torch::nn::Conv2d m_stem{nullptr};
    torch::nn::BatchNorm2d m_stemBn{nullptr};
    std::vector<std::vector<std::shared_ptr<BasicBlock>>> m_stages;
    torch::nn::Linear m_fc{nullptr};
};

} // namespace advlens::core
