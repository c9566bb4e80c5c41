#pragma once

#include "zoonet.h"

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

/// Small ResNet for 28×28-class inputs: 3×3 stem (16) and three stages of one
/// basic block (16, 32, 64 channels; strides 1, 2, 2), global average pool, fc.
class ResNet : public ZooNet {
public:
    ResNet(const InputSpec& input, std::int64_t numClasses);
    /// Block outputs: "stage3" (64×H/4×W/4, the default), "stage2",
    /// "stage1", "stem" (after its BN and ReLU).
    torch::Tensor forwardTapped(torch::Tensor x, FeatureTap* tap) override;
    std::vector<std::string> featureLayers() const override { return {"stage3", "stage2", "stage1", "stem"}; }

private:
    torch::nn::Conv2d m_stem{nullptr};
    torch::nn::BatchNorm2d m_stemBn{nullptr};
    std::shared_ptr<BasicBlock> m_stage1, m_stage2, m_stage3;
    torch::nn::Linear m_fc{nullptr};
};

} // namespace advlens::core
