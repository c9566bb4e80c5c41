#pragma once

#include "core/defences/inputtransforms.h"
#include "core/model/classifier.h"

#include <memory>
#include <string>

namespace advlens::core {

/// Which gradient a DefendedClassifier hands to attacks.
enum class DefenceGradient {
    /// The transform as implemented: bit-depth reduction through at::round,
    /// JPEG computed off the graph (its output enters as a constant). Either
    /// way ∇ₓ is exactly zero: what a naive white-box attacker sees.
    Obfuscated,
    /// Backward Pass Differentiable Approximation (Athalye et al. 2018) with
    /// the identity: forward T(x), backward as if T(x) = x, i.e.
    /// x + (T(x) − x).detach(). ∇ₓ is the inner model's gradient at T(x).
    Bpda,
};

/// "obfuscated" or "bpda".
std::string toString(DefenceGradient gradient);

/// A classifier behind an input-transformation defence: logits(x) =
/// inner.logits(T(x)) with T applied in pixel space [0, 1].
///
/// The inner model keeps its own normalisation and output subset; this
/// wrapper's metadata is the inner's with mean 0, std 1 and no output
/// indices, so both are applied exactly once (by the inner). Its name is
/// "INNER+SPEC" (e.g. "lenet-plain+bits:2"). Moving, parameters, training
/// mode and feature layers (Grad-CAM sees the inner's maps of T(x)) are the
/// inner's. Not thread-safe, like every Classifier; the inner must not be
/// used from another thread meanwhile.
class DefendedClassifier : public Classifier {
public:
    /// `inner` must not be null (Error); a unique_ptr converts. The wrapper
    /// starts on the inner's device.
    DefendedClassifier(std::shared_ptr<Classifier> inner, InputDefence defence,
                       DefenceGradient gradient = DefenceGradient::Obfuscated);
    ~DefendedClassifier() override;

    const InputDefence& defence() const { return m_defence; }
    DefenceGradient gradientMode() const { return m_gradient; }
    /// Switches between naive and BPDA gradients; the forward pass is the same.
    void setGradientMode(DefenceGradient gradient) { m_gradient = gradient; }
    Classifier& inner() { return *m_inner; }
    const std::shared_ptr<Classifier>& sharedInner() const { return m_inner; }

    /// T(x) on the graph as the gradient mode says (see DefenceGradient),
    /// for N×C×H×W pixels of the model's input shape (Error otherwise).
    at::Tensor transform(const at::Tensor& pixels) const;

    std::vector<at::Tensor> parameters() override;
    void setTrainingMode(bool training) override;
    /// Always throws Error: a defence is a run-time setting, not a model file
    /// (save the inner model and pass the defence again when loading).
    void save(const std::filesystem::path& jsonPath) override;
    std::vector<std::string> featureLayers() override;

protected:
    /// `normalised` is in pixel space here (identity normalisation).
    at::Tensor forwardNormalised(const at::Tensor& normalised) override;
    FeaturesAndLogits forwardNormalisedWithFeatures(const at::Tensor& normalised, const std::string& layer) override;
    void moveModuleTo(c10::Device device) override;

private:
    std::shared_ptr<Classifier> m_inner;
    InputDefence m_defence;
    DefenceGradient m_gradient;
};

/// parseInputDefence(spec) in front of `inner`: the CLI's --defence.
std::unique_ptr<DefendedClassifier> defendClassifier(std::shared_ptr<Classifier> inner, const std::string& spec,
                                                     DefenceGradient gradient = DefenceGradient::Obfuscated);

} // namespace advlens::core
