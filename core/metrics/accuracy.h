#pragma once

#include "util/runcontrol.h"

#include <ATen/core/Tensor.h>

namespace advlens::core {

class Classifier;

struct Accuracy {
    double top1 = 0.0;
    double top5 = 0.0; ///< equals 1 when the model has ≤ 5 classes
    std::int64_t images = 0;
};

/// Logits for a whole set in batches (no graph), returned on the CPU.
at::Tensor predictLogits(Classifier& classifier, const at::Tensor& images, std::int64_t batchSize,
                         const RunControl& control = {});

/// Top-1/top-5 accuracy of logits (N×K) against labels (N).
Accuracy accuracyOf(const at::Tensor& logits, const at::Tensor& labels);

/// Clean accuracy of a classifier over a set, in batches.
Accuracy evaluateAccuracy(Classifier& classifier, const at::Tensor& images, const at::Tensor& labels,
                          std::int64_t batchSize = 512, const RunControl& control = {});

} // namespace advlens::core
