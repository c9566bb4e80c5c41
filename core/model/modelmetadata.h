#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace advlens::core {

/// Shape of one input image: C×H×W, C = 1 (grey) or 3 (RGB).
struct InputSpec {
    int channels = 1;
    int height = 28;
    int width = 28;
};

/// Native: one of our zoo architectures (LibTorch weights). TorchScript: any
/// scripted or traced module. Onnx: an ONNX graph run forward only by
/// OpenCV's DNN module (no input gradients). Ensemble: the mean of other
/// models' logits (EnsembleClassifier), no weights of its own.
enum class ModelKind { Native, TorchScript, Onnx, Ensemble };
enum class ResizeMode { Stretch, ShorterSideCenterCrop };
enum class Interpolation { Bilinear, Area, Nearest, Bicubic };

/// How an arbitrary image becomes an InputSpec-sized tensor.
struct PreprocessPolicy {
    ResizeMode resize = ResizeMode::Stretch;
    /// Shorter side after resizing, before the centre crop (e.g. 256 for 224
    /// ImageNet crops). 0 means "the input size" (no crop margin).
    int resizeShorterSide = 0;
    Interpolation interpolation = Interpolation::Bilinear;
    /// Low-pass filter when shrinking (bilinear and bicubic), as PIL always
    /// does and torchvision's Resize(antialias=True) does on tensors.
    bool antialias = false;
};

/// How one of our own zoo models was trained.
struct TrainingRecord {
    std::string dataset = "fashion-mnist";
    std::string recipe = "plain"; ///< "plain", "pgd" (Madry adversarial training) or "deepdefense"
    int epochs = 0;
    int batchSize = 0;
    double learningRate = 0.0;
    std::string schedule;     ///< learning-rate schedule, e.g. "cosine"
    std::string augmentation; ///< e.g. "hflip", empty for none
    std::uint64_t seed = 0;
    std::int64_t trainImages = 0;
    double adversarialEpsilon = 0.0; ///< ℓ∞ budget of the PGD inner maximisation
    int adversarialSteps = 0;
    /// deepdefense (Yan et al. 2018): the fine-tuned reference model's name and
    /// the regulariser's λ, c, d, DeepFool iterations, candidate classes and
    /// overshoot. Stored as "reference" and "deep_defense": {...} only for
    /// that recipe; candidates is 0 in files written before it was recorded.
    std::string reference;
    double deepDefenseLambda = 0.0;
    double deepDefenseC = 0.0;
    double deepDefenseD = 0.0;
    int deepFoolIterations = 0;
    std::int64_t deepFoolCandidates = 0;
    double deepFoolOvershoot = 0.0;
    double seconds = 0.0;
    int threads = 0;
};

/// The JSON file that sits beside every model's weights; see README "Model
/// metadata" for the format. Paths inside are relative to the JSON's folder.
struct ModelMetadata {
    std::string name;
    ModelKind kind = ModelKind::Native;
    std::string architecture;
    std::filesystem::path weights; ///< absolute after reading
    InputSpec input;
    std::vector<float> mean; ///< one per channel, pixel units
    std::vector<float> std;  ///< one per channel, > 0
    std::vector<std::string> classNames;
    /// Optional stable ids of the classes, one per name (WordNet ids such as
    /// "n02510455" for ImageNet); image folders may be named by them.
    std::vector<std::string> classIds;
    /// When not empty, the model's raw outputs are reduced to these columns
    /// (logits[:, outputIndices]) and classNames/classIds name the subset, as
    /// ImageNet-A and ImageNet-R evaluate 1000-class models on 200 classes.
    std::vector<std::int64_t> outputIndices;
    std::string outputSubset; ///< the subset's name, e.g. "imagenet-a"
    PreprocessPolicy preprocess;
    std::optional<TrainingRecord> training;
    std::optional<double> cleanAccuracy; ///< top-1 on the test split, in [0, 1]
    std::optional<std::int64_t> evaluatedImages;
    /// Ensemble: the members' metadata files, absolute after reading
    /// ("members", relative to the sidecar's folder); empty otherwise. The
    /// ensemble's input, classes and pre-processing are its first member's.
    std::vector<std::filesystem::path> members;
};

/// Reads and validates a metadata file. Throws Error with a one-line reason
/// (missing field, wrong type, channel/mean/std mismatch, unreadable labels file).
ModelMetadata readModelMetadata(const std::filesystem::path& jsonPath);

/// Writes the metadata as JSON (atomically); `weights` is stored relative to
/// the JSON's folder when it lies inside it.
void writeModelMetadata(const ModelMetadata& metadata, const std::filesystem::path& jsonPath);

/// Parses JSON text; `folder` resolves relative paths. Throws Error.
ModelMetadata parseModelMetadata(const std::string& json, const std::filesystem::path& folder);

std::string toString(ModelKind kind);
std::string toString(ResizeMode mode);
std::string toString(Interpolation interpolation);

} // namespace advlens::core
