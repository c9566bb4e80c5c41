#pragma once

#include "ui/workers/saliencyrequest.h"

namespace at {
class Tensor;
}
namespace advlens::core {
class Classifier;
struct RunControl;
} // namespace advlens::core

namespace advlens::ui {

/// Computes `request` for `image` and, when defined, `adversarial` (both
/// 1×C×H×W, CPU), on the model worker's thread. Throws core::Error.
SaliencyOutcome computeSaliencyMaps(core::Classifier& classifier, const at::Tensor& image,
                                    const at::Tensor& adversarial, const SaliencyRequest& request,
                                    const core::RunControl& control);

} // namespace advlens::ui
