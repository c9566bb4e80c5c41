#pragma once

#include "core/model/zoo/zoonet.h"

#include <torch/nn/modules/batchnorm.h>
#include <torch/nn/modules/container/sequential.h>
#include <torch/nn/modules/conv.h>
#include <torch/nn/modules/linear.h>

namespace advlens::core {

/// One layer of a dense block (Huang et al. 2017): BN → ReLU → 3×3 conv to
/// `growth` new channels, concatenated to its input.
class DenseLayer : public torch::nn::Module {
public:
    DenseLayer(std::int64_t in, std::int64_t growth);
    torch::Tensor forward(torch::Tensor x);

private:
    torch::nn::BatchNorm2d m_bn{nullptr};
    torch::nn::Conv2d m_conv{nullptr};
};

/// Between dense blocks: BN → ReLU (activate()), then 1×1 conv to fewer
/// channels and 2×2 average pooling (reduce()).
class DenseTransition : public torch::nn::Module {
public:
    DenseTransition(std::int64_t in, std::int64_t out);
    torch::Tensor activate(const torch::Tensor& x);
    torch::Tensor reduce(const torch::Tensor& activated);

private:
    torch::nn::BatchNorm2d m_bn{nullptr};
    torch::nn::Conv2d m_conv{nullptr};
};

/// Growth rate, stem width and layers per dense block of a DenseNet. The
/// defaults are "densenet".
struct DenseNetShape {
    std::int64_t growth = 12;
    std::int64_t stem = 24;                ///< channels of the stem convolution
    std::vector<int> blockLayers = {4, 4}; ///< one entry per dense block
    double compression = 0.5;              ///< channel factor of each transition
};

/// Small DenseNet for 28×28-class inputs: 3×3 stem conv + BN + ReLU, 2×2
/// average pooling, dense blocks separated by transitions (each halves the
/// resolution), a final BN + ReLU, global average pool, fc. "densenet" has
/// growth 12 and two blocks of 4 layers, "densenet-large" growth 12 and
/// three blocks of 6.
class DenseNet : public ZooNet {
public:
    DenseNet(const InputSpec& input, std::int64_t numClasses, const DenseNetShape& shape = {});
    /// "blockN": the output of dense block N after BN + ReLU (what its
    /// transition, or for the last block the classifier, goes on with), the
    /// deepest (the default) first, then "stem" (after its BN and ReLU).
    torch::Tensor forwardTapped(torch::Tensor x, FeatureTap* tap) override;
    std::vector<std::string> featureLayers() const override;

private:
    torch::nn::Conv2d m_stem{nullptr};
    torch::nn::BatchNorm2d m_stemBn{nullptr};
    std::vector<torch::nn::Sequential> m_blocks;                 ///< "block1" … of DenseLayer
    std::vector<std::shared_ptr<DenseTransition>> m_transitions; ///< "transition1" …, one fewer
    torch::nn::BatchNorm2d m_finalBn{nullptr};
    torch::nn::Linear m_fc{nullptr};
};

} // namespace advlens::core
