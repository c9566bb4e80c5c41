#pragma once

#include <ATen/core/Tensor.h>

#include <cstdint>

namespace advlens::core {

class Classifier;

/// Per-image scores of one batch, all on the CPU. N is the batch size, k the
/// number of top classes kept (min(topK, K) for K model classes).
struct ImageScores {
    at::Tensor predictions; ///< N int64: the top-1 class
    at::Tensor confidence;  ///< N float32 in [0, 1]: softmax probability of the top-1 class
    /// N float32: for an image with a known label y, z_y − max_{j≠y} z_j (> 0
    /// exactly when the image is classified correctly); for an unknown label,
    /// z_top1 − max_{j≠top1} z_j (≥ 0, how decided the model is). z are logits.
    at::Tensor margin;
    /// N float32: cross-entropy −log softmax(z)_y with respect to the label;
    /// NaN where the label is unknown.
    at::Tensor loss;
    at::Tensor topClasses;       ///< N×k int64, most probable first
    at::Tensor topProbabilities; ///< N×k float32 softmax probabilities, descending
};

/// Scores of logits already computed. `logits`: N×K (K ≥ 2), any device and
/// floating dtype; `labels`: N int64 on any device, a class in [0, K) or −1
/// for unknown. Throws Error for mismatched shapes, a label ≥ K, or logits
/// that are not all finite (the message counts the images concerned).
ImageScores scoreLogits(const at::Tensor& logits, const at::Tensor& labels, std::int64_t topK = 5);

/// One forward pass of `images` (N×C×H×W float32 in [0, 1], any device)
/// without autograd (inference mode, on the calling thread), then
/// scoreLogits. Not thread-safe with other uses of `classifier`.
ImageScores scoreImages(Classifier& classifier, const at::Tensor& images, const at::Tensor& labels,
                        std::int64_t topK = 5);

} // namespace advlens::core
