#pragma once

#include "core/util/runcontrol.h"

#include <ATen/core/Tensor.h>

namespace advlens::core {

class Classifier;

/// Over the images whose logits are finite: those with NaN or ±∞ logits are
/// counted in `nonFinite` and left out of both rates (finitelogits.h).
struct Accuracy {
    double top1 = 0.0;
    double top5 = 0.0; ///< equals 1 when the model has ≤ 5 classes
    std::int64_t images = 0;    ///< all images given
    std::int64_t nonFinite = 0; ///< of which left out
    std::int64_t counted() const { return images - nonFinite; }
};

/// Logits for a whole set in batches (no graph), returned on the CPU.
at::Tensor predictLogits(Classifier& classifier, const at::Tensor& images, std::int64_t batchSize,
                         const RunControl& control = {});

/// Top-1/top-5 accuracy of logits (N×K) against labels (N), over finite rows.
Accuracy accuracyOf(const at::Tensor& logits, const at::Tensor& labels);

/// Clean accuracy of a classifier over a set, in batches.
Accuracy evaluateAccuracy(Classifier& classifier, const at::Tensor& images, const at::Tensor& labels,
                          std::int64_t batchSize = 512, const RunControl& control = {});

} // namespace advlens::core
