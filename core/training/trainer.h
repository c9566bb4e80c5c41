#pragma once

#include "data/labelledimages.h"
#include "model/modelmetadata.h"
#include "util/runcontrol.h"

#include <c10/core/Device.h>

#include <functional>
#include <memory>

namespace advlens::core {

class NativeClassifier;

/// A training run of one zoo architecture.
struct TrainingConfig {
    std::string name; ///< model name; default "<architecture>-<recipe>"
    std::string architecture = "lenet";
    std::string recipe = "plain"; ///< "plain" or "pgd" (Madry et al. adversarial training)
    int epochs = 4;
    int batchSize = 128;
    double learningRate = 1e-3;  ///< Adam, decayed to 0 along a cosine over all steps
    bool horizontalFlips = true; ///< augment by mirroring half the batch (fine for clothing)
    std::uint64_t seed = 1;
    double adversarialEpsilon = 0.1;     ///< ℓ∞ budget of the PGD inner maximisation
    int adversarialSteps = 7;            ///< PGD steps, α = 2.5·ε / steps, random start
    std::vector<float> mean = {0.2860f}; ///< Fashion-MNIST pixel statistics
    std::vector<float> std = {0.3530f};
};

/// Sent after every batch and at the end of each epoch.
struct TrainingProgress {
    int epoch = 0; ///< 1-based
    int epochs = 0;
    std::int64_t batch = 0; ///< 1-based within the epoch
    std::int64_t batches = 0;
    double loss = 0.0;          ///< running mean over the epoch so far
    double accuracy = 0.0;      ///< running training accuracy (on adversarial inputs for pgd)
    double testAccuracy = -1.0; ///< set at the end of an epoch, else < 0
    double elapsedSeconds = 0.0;
    double etaSeconds = 0.0;
};
using TrainingCallback = std::function<void(const TrainingProgress&)>;

/// Trains a zoo model on `train` and measures clean accuracy on `test`
/// (recorded in the metadata). Deterministic for a given seed and thread
/// count. Returns the trained model (not saved); nullptr when cancelled.
/// Throws Error for an unknown architecture or recipe.
std::unique_ptr<NativeClassifier> trainZooModel(const TrainingConfig& config, const LabelledImages& train,
                                                const LabelledImages& test, c10::Device device,
                                                const CancellationToken* cancellation = nullptr,
                                                const TrainingCallback& onProgress = {});

} // namespace advlens::core
