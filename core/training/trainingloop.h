#pragma once

#include "core/data/labelledimages.h"
#include "core/training/trainer.h"

#include <ATen/core/Tensor.h>
#include <c10/core/Device.h>

#include <chrono>
#include <cstdint>
#include <functional>

namespace advlens::core {

class NativeClassifier;

/// What one optimisation step on a batch reports back to the loop.
struct StepOutcome {
    double loss = 0.0; ///< the batch's mean loss (for the running mean)
    at::Tensor logits; ///< N×K logits the step's accuracy is counted on
};

/// One optimisation step: images (N×C×H×W on the device, already augmented),
/// labels (N on the device), the 1-based epoch, the 0-based batch and the
/// fraction of all steps done before this one (for learning-rate schedules).
using TrainingStep = std::function<StepOutcome(const at::Tensor& images, const at::Tensor& labels, int epoch,
                                               std::int64_t batch, double progress)>;

/// The data loop every recipe shares: a seeded shuffle per epoch, batches of
/// `config.batchSize`, optional mirroring of half of each batch, cancellation
/// before every batch, and TrainingProgress after every batch with the clean
/// test accuracy (evaluation mode) at the end of each epoch. Reads epochs,
/// batchSize, horizontalFlips and seed from `config`. The step sets the
/// training mode it needs. Returns false when cancelled.
bool runTrainingLoop(NativeClassifier& classifier, const TrainingConfig& config, const LabelledImages& train,
                     const LabelledImages& test, c10::Device device, const CancellationToken* cancellation,
                     const TrainingCallback& onProgress, const TrainingStep& step);

/// Ends a run: evaluation mode, frozen parameters, the seconds since
/// `started` and the clean test accuracy in the metadata.
void finishTraining(NativeClassifier& classifier, const LabelledImages& test,
                    std::chrono::steady_clock::time_point started);

} // namespace advlens::core
