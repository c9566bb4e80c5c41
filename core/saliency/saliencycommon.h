#pragma once

#include "saliency.h"

namespace advlens::core::saliency {

/// Up to this many images go through the model at once (SmoothGrad samples,
/// IG steps); progress and cancellation come between chunks.
constexpr std::int64_t kChunk = 8;

/// The image moved to the classifier's device after checking shape, finiteness
/// and range; throws Error otherwise.
at::Tensor checkedImage(Classifier& classifier, const at::Tensor& image);

/// config.targetClass, or the predicted class of `image` when it is −1;
/// throws Error when outside [0, K).
std::int64_t resolveTarget(Classifier& classifier, const at::Tensor& image, std::int64_t targetClass);

/// ∂ logit[target] / ∂ batch for each image of a B×C×H×W batch (B×C×H×W,
/// detached) and the target logits (B).
struct TargetGradient {
    at::Tensor gradient;
    at::Tensor targetLogits;
};
TargetGradient targetGradient(Classifier& classifier, const at::Tensor& batch, std::int64_t target);

/// H×W display map: max over channels of |attribution| (C×H×W), scaled to [0, 1].
at::Tensor absoluteHeat(const at::Tensor& attribution);

/// `map` (H×W, ≥ 0) divided by its maximum; zeros when that is 0.
at::Tensor normalisedHeat(const at::Tensor& map);

SaliencyMap gradientSaliency(Classifier& classifier, const at::Tensor& image, std::int64_t target);
SaliencyMap smoothGrad(Classifier& classifier, const at::Tensor& image, std::int64_t target,
                       const SaliencyConfig& config, const RunControl& control);
SaliencyMap integratedGradients(Classifier& classifier, const at::Tensor& image, std::int64_t target,
                                const SaliencyConfig& config, const RunControl& control);
SaliencyMap gradCam(Classifier& classifier, const at::Tensor& image, std::int64_t target, const std::string& layer);

} // namespace advlens::core::saliency
