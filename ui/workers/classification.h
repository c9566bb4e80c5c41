#pragma once

#include "ui/workers/prediction.h"

#include <string>

// Worker-side only (LibTorch types are forward-declared; see tensorpixels.h).
namespace at {
class Tensor;
}
namespace advlens::core {
class Classifier;
}

namespace advlens::ui {

/// Softmax and top classes of one 1×C×H×W image in [0, 1] (any device).
/// `trueClass` is the image's label name when known, empty otherwise. Throws
/// core::Error when the model's outputs are not finite.
Prediction classify(core::Classifier& classifier, const at::Tensor& image, const std::string& trueClass);

/// The same from logits already computed for `image` (1×K, any device).
Prediction predictionFromLogits(const core::Classifier& classifier, const at::Tensor& image, const at::Tensor& logits,
                                const std::string& trueClass);

} // namespace advlens::ui
