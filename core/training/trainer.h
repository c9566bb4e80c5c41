#pragma once

#include "core/data/labelledimages.h"
#include "core/training/deepdefense.h"
#include "core/model/modelmetadata.h"
#include "core/util/runcontrol.h"

#include <c10/core/Device.h>

#include <filesystem>
#include <functional>
#include <memory>

namespace advlens::core {

class NativeClassifier;

/// A training run of one zoo architecture.
struct TrainingConfig {
    std::string name; ///< model name; default "<architecture>-<recipe>"
    std::string architecture = "lenet";
    /// "plain", "pgd" (Madry et al. adversarial training) or "deepdefense"
    /// (Yan et al. 2018: fine-tunes `reference` with the regulariser of
    /// deepdefense.h, SGD with momentum, the learning rate halved for the last
    /// 20 % of the epochs; the architecture, input and mean/std are the
    /// reference's, `architecture`, `mean` and `std` are not read).
    std::string recipe = "plain";
    int epochs = 4;
    int batchSize = 128;
    double learningRate = 1e-3;  ///< Adam, decayed to 0 along a cosine over all steps (deepdefense: SGD, see above)
    bool horizontalFlips = true; ///< augment by mirroring half the batch (fine for clothing)
    std::uint64_t seed = 1;
    double adversarialEpsilon = 0.1;     ///< ℓ∞ budget of the PGD inner maximisation
    int adversarialSteps = 7;            ///< PGD steps, α = 2.5·ε / steps, random start
    std::vector<float> mean = {0.2860f}; ///< Fashion-MNIST pixel statistics
    std::vector<float> std = {0.3530f};
    std::filesystem::path reference; ///< deepdefense: metadata JSON of the native model to fine-tune
    DeepDefenseSettings deepDefense; ///< deepdefense: λ, c, d, DeepFool iterations, optimiser
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
/// Throws Error for an unknown architecture or recipe, and for deepdefense
/// the errors of fineTuneDeepDefense().
std::unique_ptr<NativeClassifier> trainZooModel(const TrainingConfig& config, const LabelledImages& train,
                                                const LabelledImages& test, c10::Device device,
                                                const CancellationToken* cancellation = nullptr,
                                                const TrainingCallback& onProgress = {});

/// The deepdefense recipe: loads config.reference (a native zoo model; its
/// file is not changed), fine-tunes it on `train` with cross-entropy plus the
/// Deep Defense regulariser in evaluation mode (batch-norm statistics stay
/// the reference's), and records recipe, λ, c, d, DeepFool iterations,
/// overshoot and the reference's name in the metadata. Default name
/// "<architecture>-deepdefense". Deterministic for a given seed and thread
/// count; nullptr when cancelled. Throws Error for a missing or non-native
/// reference, a reference whose input or classes do not match `train`, and
/// settings out of range.
std::unique_ptr<NativeClassifier> fineTuneDeepDefense(const TrainingConfig& config, const LabelledImages& train,
                                                      const LabelledImages& test, c10::Device device,
                                                      const CancellationToken* cancellation = nullptr,
                                                      const TrainingCallback& onProgress = {});

} // namespace advlens::core
