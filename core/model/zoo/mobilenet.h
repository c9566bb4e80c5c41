#pragma once

#include "core/model/zoo/zoonet.h"

#include <torch/nn/modules/batchnorm.h>
#include <torch/nn/modules/conv.h>
#include <torch/nn/modules/linear.h>

namespace advlens::core {

/// The inverted residual block of MobileNetV2 (Sandler et al. 2018): 1×1
/// expansion conv + BN + ReLU6 (left out when the expansion is 1), 3×3
/// depthwise conv (groups = channels) + BN + ReLU6, linear 1×1 projection +
/// BN; the input is added when stride and width allow.
class InvertedResidual : public torch::nn::Module {
public:
    InvertedResidual(std::int64_t in, std::int64_t out, std::int64_t stride, std::int64_t expansion);
    /// Sets `depthwise`, when not null, to the activation after the depthwise conv.
    torch::Tensor forward(torch::Tensor x, torch::Tensor* depthwise = nullptr);

private:
    torch::nn::Conv2d m_expand{nullptr}, m_depthwise{nullptr}, m_project{nullptr};
    torch::nn::BatchNorm2d m_expandBn{nullptr}, m_depthwiseBn{nullptr}, m_projectBn{nullptr};
    bool m_residual = false;
};

/// A run of inverted residual blocks with the same output width; the first
/// block has the stride.
struct InvertedResidualStage {
    std::int64_t expansion;
    std::int64_t channels;
    int blocks;
    std::int64_t stride;
};

/// Widths and stages of a MobileNet. The defaults are "mobilenet".
struct MobileNetShape {
    std::int64_t stem = 16;
    std::vector<InvertedResidualStage> stages = {{1, 16, 1, 2}, {4, 24, 2, 2}, {4, 48, 2, 1}};
    std::int64_t head = 128; ///< width of the last 1×1 conv before pooling
};

/// Small MobileNetV2-style CNN for 28×28-class inputs: 3×3 stem conv (stride
/// 1) + BN + ReLU6, stages of inverted residual blocks, 1×1 head conv + BN +
/// ReLU6, global average pool, fc. The first two stages halve the resolution
/// (expanded layers at 28×28 made training about 3× slower). "mobilenet" has three
/// stages (16, 24, 48 channels, expansion 4), "mobilenet-large" four (16, 24,
/// 32, 64, expansion 6).
class MobileNet : public ZooNet {
public:
    MobileNet(const InputSpec& input, std::int64_t numClasses, const MobileNetShape& shape = {});
    /// "head" (after its ReLU6, the default), then for each stage, the
    /// deepest first, "stageN": the depthwise activation of its last block
    /// (after ReLU6, at the stage's resolution), then "stem" (after ReLU6).
    torch::Tensor forwardTapped(torch::Tensor x, FeatureTap* tap) override;
    std::vector<std::string> featureLayers() const override;

private:
    torch::nn::Conv2d m_stem{nullptr}, m_head{nullptr};
    torch::nn::BatchNorm2d m_stemBn{nullptr}, m_headBn{nullptr};
    std::vector<std::vector<std::shared_ptr<InvertedResidual>>> m_stages; ///< "stage1" … (ModuleLists)
    torch::nn::Linear m_fc{nullptr};
};

} // namespace advlens::core
