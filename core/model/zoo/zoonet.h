#pragma once

#include "model/modelmetadata.h"

#include <torch/nn/module.h>

namespace advlens::core {

/// Base of the architectures AdvLens trains itself. Input is already
/// normalised (the Classifier does that); output is N×K logits.
class ZooNet : public torch::nn::Module {
public:
    virtual torch::Tensor forward(torch::Tensor x) = 0;
};

} // namespace advlens::core
