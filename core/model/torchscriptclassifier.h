#pragma once

#include "core/model/classifier.h"

#include <memory>

namespace c10 {
struct IValue;
}
namespace torch::jit {
struct Module;
}

namespace advlens::core {

/// Any TorchScript classifier (torch.jit.script / trace output) with our
/// metadata beside it. The module's forward takes one N×C×H×W tensor already
/// normalised with the metadata's mean/std (use mean 0, std 1 when the module
/// normalises itself) and returns N×K logits.
///
/// Feature layers are the module's submodules by qualified name ("layer4",
/// "features.7"): the output of that submodule's forward call, found in the
/// forward graph after inlining the method calls of forward's top level (calls
/// inside if/loop bodies are not seen; a submodule called twice gives its last
/// call). featureLayers() runs forward once on a zero image (the first time it
/// is asked) and lists the submodules whose output is N×C×h×w with h, w > 1,
/// the last one to run first; of names that share one output ("layer4",
/// "layer4.1", "layer4.1.relu") only the outermost is listed. Frozen modules
/// (torch.jit.freeze) have no submodules left and so no feature layers.
///
/// Optimised copies (CPU, evaluation mode, frozen parameters): logits() runs
/// a copy of the module made on first use instead of the module itself, the
/// same function up to float rounding. With gradients enabled: the module
/// frozen (torch::jit::freeze: batch norm folded into the convolutions) with
/// 4-D weights and the input in channels-last layout (the gradient w.r.t. the
/// input comes back contiguous). Without (NoGradGuard, InferenceMode): the
/// module after torch::jit::optimize_for_inference, run in InferenceMode. Each
/// copy holds about one more set of weights. They are dropped when the
/// module is moved or put in training mode and rebuilt when the weights
/// changed (in place or replaced) since they were made; a module they cannot
/// be made for runs as loaded. logitsWithFeatures() always runs the module.
///
/// The gradient copy must give the module's gradient: it is not made when
/// the forward graph holds nodes whose autograd meaning freezing loses
/// (detach, grad-mode regions, Python autograd functions), and a copy whose
/// input gradient on a seeded probe batch differs from the module's by more
/// than kGradientCopyTolerance is dropped. Either way executionNote() says so.
class TorchScriptClassifier : public Classifier {
public:
    TorchScriptClassifier(ModelMetadata metadata, std::unique_ptr<torch::jit::Module> module);
    ~TorchScriptClassifier() override;

    /// Whether logits() may use the optimised copies (default true). Off:
    /// the module as loaded, and no memory for copies.
    void setOptimisedCopies(bool enabled);
    bool optimisedCopies() const;

    /// Throws Error when the file is missing, not TorchScript, or truncated.
    static std::unique_ptr<TorchScriptClassifier> load(ModelMetadata metadata);

    std::vector<at::Tensor> parameters() override;
    void setTrainingMode(bool training) override;
    void save(const std::filesystem::path& jsonPath) override;
    std::vector<std::string> featureLayers() override;
    /// Why gradients come from the module as loaded instead of the optimised
    /// copy, once a gradient has been asked for; empty otherwise.
    std::string executionNote() const override;

    /// Largest difference between the gradient copy's probe gradient and the
    /// module's, relative to the largest component, that counts as rounding.
    static constexpr double kGradientCopyTolerance = 1e-3;

protected:
    at::Tensor forwardNormalised(const at::Tensor& normalised) override;
    FeaturesAndLogits forwardNormalisedWithFeatures(const at::Tensor& normalised, const std::string& layer) override;
    void moveModuleTo(c10::Device device) override;

private:
    /// The logits in forward's output (a tensor, or the first of a tuple).
    at::Tensor logitsFrom(const c10::IValue& output) const;

    struct FeatureGraphs;   // compiled forward-with-features graphs, per layer
    struct OptimisedCopies; // see the class comment

    /// The copy for the current grad mode, built if need be; null when the
    /// module must run itself.
    torch::jit::Module* optimisedCopy(bool gradient);
    /// Drops a new gradient copy whose input gradient on a probe batch is not
    /// the module's, and says why in executionNote().
    void checkGradientCopy();

    std::unique_ptr<torch::jit::Module> m_module;
    std::unique_ptr<FeatureGraphs> m_featureGraphs;
    std::unique_ptr<OptimisedCopies> m_copies;
};

} // namespace advlens::core
