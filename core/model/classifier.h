#pragma once

#include "modelmetadata.h"

#include <ATen/core/Tensor.h>
#include <c10/core/Device.h>

#include <vector>

namespace advlens::core {

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
/// model is in evaluation mode unless a trainer says otherwise.
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

    /// Trainable parameters (empty for frozen TorchScript models is allowed).
    virtual std::vector<at::Tensor> parameters() = 0;
    virtual void setTrainingMode(bool training) = 0;
    void setParametersRequireGrad(bool required);

    /// Writes weights + metadata (JSON path; the weights file name comes from
    /// metadata().weights' file name, placed beside the JSON).
    virtual void save(const std::filesystem::path& jsonPath) = 0;

protected:
    virtual at::Tensor forwardNormalised(const at::Tensor& normalised) = 0;
    virtual void moveModuleTo(c10::Device device) = 0;

private:
    ModelMetadata m_metadata;
    c10::Device m_device{c10::kCPU};
    at::Tensor m_mean; ///< 1×C×1×1
    at::Tensor m_inverseStd;
};

} // namespace advlens::core
