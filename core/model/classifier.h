#pragma once

#include "core/model/modelmetadata.h"

#include <ATen/core/Tensor.h>
#include <c10/core/Device.h>

#include <string>
#include <vector>

namespace advlens::core {

/// One forward pass that also hands back an intermediate activation.
struct FeaturesAndLogits {
    at::Tensor features; ///< the layer's output, N×C×h×w for a conv layer; part of the autograd graph
    at::Tensor logits;   ///< N×K, as logits() would return
};

/// Whether logits() has a gradient with respect to its input, as the probe
/// backward of validateClassifier found.
struct InputGradientSupport {
    bool available = true;
    /// Why not, one line (the logits do not depend on the input through
    /// autograd, or LibTorch has no derivative for one of the model's ops).
    std::string reason;
};

/// An image classifier in pixel space.
///
/// Input: an N×C×H×W float32 batch with values in [0, 1] (RGB or grey, as
/// metadata().input says), on any device. Output: N×K raw logits on device().
/// The model's normalisation (mean/std) is applied inside, so perturbation
/// budgets are always in pixel units. logits() is differentiable with respect
/// to its input.
///
/// Not thread-safe: one thread uses a classifier at a time (the GUI's model
/// worker owns it). Parameters are frozen (requires_grad = false) and the
/// model is in evaluation mode unless a trainer says otherwise. A metadata
/// output subset (ImageNet-A/R) is applied after the model's own forward, so
/// K is the subset's size and attacks and saliency see only those classes.
class Classifier {
public:
    explicit Classifier(ModelMetadata metadata);
    virtual ~Classifier();
    Classifier(const Classifier&) = delete;
    Classifier& operator=(const Classifier&) = delete;

    const ModelMetadata& metadata() const { return m_metadata; }
    ModelMetadata& metadata() { return m_metadata; }
    std::int64_t numClasses() const { return static_cast<std::int64_t>(m_metadata.classNames.size()); }
    c10::Device device() const { return m_device; }

    /// Moves weights and normalisation constants to `device`.
    void moveTo(c10::Device device);

    /// N×K logits of `pixels` (see class comment).
    at::Tensor logits(const at::Tensor& pixels);

    /// Layers whose output logitsWithFeatures() can return: N×C×h×w feature
    /// maps with h, w > 1 (Grad-CAM candidates), the default (usually the last
    /// convolutional map) first. Empty when the model has none (an MLP, or a
    /// frozen TorchScript model whose submodules were inlined away).
    virtual std::vector<std::string> featureLayers() { return {}; }

    /// logits(pixels) plus the output of `layer` (a name from featureLayers(),
    /// or any qualified submodule name of a TorchScript model; empty = the
    /// first of featureLayers()), both in one autograd graph, so gradients of
    /// the logits with respect to the features can be taken. Normalisation is
    /// applied inside, as for logits(). Throws Error for a bad input shape, a
    /// model without feature layers, or an unknown layer name.
    FeaturesAndLogits logitsWithFeatures(const at::Tensor& pixels, const std::string& layer = {});

    /// Images this classifier has evaluated through logits() and
    /// logitsWithFeatures() since it was made (a batch of n counts n): the
    /// explorer's live count of a query-based attack's queries.
    std::int64_t imagesEvaluated() const { return m_imagesEvaluated; }

    /// Set by validateClassifier; models built in memory and never validated
    /// count as having gradients.
    const InputGradientSupport& inputGradientSupport() const { return m_gradientSupport; }
    void setInputGradientSupport(InputGradientSupport support) { m_gradientSupport = std::move(support); }

    /// How the model runs when that differs from the plain module, for the
    /// model's info line (e.g. why an optimised copy is not used); empty otherwise.
    virtual std::string executionNote() const { return {}; }

    /// Trainable parameters (empty for frozen TorchScript models is allowed).
    virtual std::vector<at::Tensor> parameters() = 0;
    virtual void setTrainingMode(bool training) = 0;
    void setParametersRequireGrad(bool required);

    /// Writes weights + metadata (JSON path; the weights file name comes from
    /// metadata().weights' file name, placed beside the JSON).
    virtual void save(const std::filesystem::path& jsonPath) = 0;

protected:
    virtual at::Tensor forwardNormalised(const at::Tensor& normalised) = 0;
    /// `layer` is never empty here. The default throws Error (no feature layers).
    virtual FeaturesAndLogits forwardNormalisedWithFeatures(const at::Tensor& normalised, const std::string& layer);
    virtual void moveModuleTo(c10::Device device) = 0;

private:
    /// Checks the shape and applies mean/std on device().
    at::Tensor normalise(const at::Tensor& pixels) const;
    /// The metadata's output subset of raw logits (all of them when none).
    at::Tensor selectOutputs(const at::Tensor& rawLogits) const;

    ModelMetadata m_metadata;
    c10::Device m_device{c10::kCPU};
    at::Tensor m_mean; ///< 1×C×1×1
    at::Tensor m_inverseStd;
    at::Tensor m_outputIndices; ///< int64 column indices; undefined without a subset
    InputGradientSupport m_gradientSupport;
    std::int64_t m_imagesEvaluated = 0;
};

} // namespace advlens::core
