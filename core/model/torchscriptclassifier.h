#pragma once

#include "classifier.h"

#include <memory>

namespace torch::jit {
struct Module;
}

namespace advlens::core {

/// Any TorchScript classifier (torch.jit.script / trace output) with our
/// metadata beside it. The module's forward takes one N×C×H×W tensor already
/// normalised with the metadata's mean/std (use mean 0, std 1 when the module
/// normalises itself) and returns N×K logits.
class TorchScriptClassifier : public Classifier {
public:
    TorchScriptClassifier(ModelMetadata metadata, std::unique_ptr<torch::jit::Module> module);
    ~TorchScriptClassifier() override;

    /// Throws Error when the file is missing, not TorchScript, or truncated.
    static std::unique_ptr<TorchScriptClassifier> load(ModelMetadata metadata);

    std::vector<at::Tensor> parameters() override;
    void setTrainingMode(bool training) override;
    void save(const std::filesystem::path& jsonPath) override;

protected:
    at::Tensor forwardNormalised(const at::Tensor& normalised) override;
    void moveModuleTo(c10::Device device) override;

private:
    std::unique_ptr<torch::jit::Module> m_module;
};

} // namespace advlens::core
