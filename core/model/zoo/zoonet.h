#pragma once

#include "core/model/modelmetadata.h"

#include <torch/nn/module.h>

#include <string>
#include <vector>

namespace advlens::core {

/// Catches one named intermediate activation during a forward pass (for
/// Grad-CAM). The network offers each of its featureLayers() as it passes it.
struct FeatureTap {
    std::string layer;      ///< the name wanted
    torch::Tensor features; ///< that layer's output once the pass reached it

    void offer(const char* name, const torch::Tensor& value)
    {
        if (layer == name)
            features = value;
    }
};

/// Base of the architectures AdvLens trains itself. Input is already
/// normalised (the Classifier does that); output is N×K logits.
class ZooNet : public torch::nn::Module {
public:
    torch::Tensor forward(torch::Tensor x) { return forwardTapped(std::move(x), nullptr); }

    /// forward(), offering every named activation to `tap` when it is not null.
    virtual torch::Tensor forwardTapped(torch::Tensor x, FeatureTap* tap) = 0;

    /// The names forwardTapped() offers, all N×C×h×w maps after a
    /// non-linearity, the deepest (the Grad-CAM default) first. Empty when the
    /// network has no convolutional layers.
    virtual std::vector<std::string> featureLayers() const = 0;
};

} // namespace advlens::core
