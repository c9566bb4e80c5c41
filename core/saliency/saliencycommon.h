#pragma once

#include "core/saliency/saliency.h"

#include <functional>

namespace advlens::core::saliency {

/// Up to this many images go through the model at once (SmoothGrad samples,
/// IG steps); progress and cancellation come between chunks.
constexpr std::int64_t kChunk = 8;
/// …and at most this many input values (8 Fashion-MNIST images, 1 ImageNet
/// image): on a ResNet-50 one 224×224 forward+backward takes a good part of
/// a second on 2 cores, and cancellation must not wait for eight.
constexpr std::int64_t kChunkValues = 8 * 3 * 32 * 32;

/// Images per chunk for inputs shaped like `image` (1×C×H×W).
std::int64_t chunkSize(const at::Tensor& image);

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

/// Σ over `total` inputs of ∂ logit[target] / ∂ input (C×H×W, like `image[0]`),
/// the inputs made chunkSize(image) at a time by `inputs(first, count)` (count×C×H×W);
/// progress is reported and cancellation checked between chunks.
struct GradientSum {
    at::Tensor sum;
    std::int64_t done = 0; ///< inputs summed
    bool cancelled = false;
};
GradientSum sumGradientsInChunks(Classifier& classifier, const at::Tensor& image, std::int64_t target,
                                 std::int64_t total,
                                 const std::function<at::Tensor(std::int64_t first, std::int64_t count)>& inputs,
                                 const RunControl& control);

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
