#include "torchscriptclassifier.h"

#include "util/atomicfile.h"
#include "util/error.h"

#include <torch/script.h>

#include <sstream>

namespace advlens::core {

TorchScriptClassifier::TorchScriptClassifier(ModelMetadata metadata, std::unique_ptr<torch::jit::Module> module)
    : Classifier(std::move(metadata))
    , m_module(std::move(module))
{
    m_module->eval();
    setParametersRequireGrad(false);
}

TorchScriptClassifier::~TorchScriptClassifier() = default;

std::unique_ptr<TorchScriptClassifier> TorchScriptClassifier::load(ModelMetadata metadata)
{
    const std::string bytes = readFileBytes(metadata.weights);
    std::istringstream stream(bytes);
    auto module = std::make_unique<torch::jit::Module>();
    try {
        *module = torch::jit::load(stream, c10::Device(c10::kCPU));
    } catch (const c10::Error& e) {
        throw Error("cannot load TorchScript model '" + metadata.weights.filename().u8string() +
                    "': not a TorchScript file or truncated (" + firstLine(e.what_without_backtrace()) + ")");
    } catch (const std::exception& e) {
        throw Error("cannot load TorchScript model '" + metadata.weights.filename().u8string() +
                    "': " + firstLine(e.what()));
    }
    if (!module->find_method("forward"))
        throw Error("TorchScript model '" + metadata.weights.filename().u8string() + "' has no forward method");
    return std::make_unique<TorchScriptClassifier>(std::move(metadata), std::move(module));
}

std::vector<at::Tensor> TorchScriptClassifier::parameters()
{
    std::vector<at::Tensor> tensors;
    for (auto p : m_module->parameters()) // yields values, not references
        tensors.push_back(p);
    return tensors;
}

void TorchScriptClassifier::setTrainingMode(bool training)
{
    m_module->train(training);
}

void TorchScriptClassifier::save(const std::filesystem::path& jsonPath)
{
    ModelMetadata meta = metadata();
    meta.weights = jsonPath.parent_path() / meta.weights.filename();
    std::ostringstream bytes;
    m_module->save(bytes);
    writeFileAtomically(meta.weights, bytes.str());
    writeModelMetadata(meta, jsonPath);
}

at::Tensor TorchScriptClassifier::forwardNormalised(const at::Tensor& normalised)
{
    c10::IValue output;
    try {
        output = m_module->forward({normalised});
    } catch (const std::exception& e) {
        const auto* torchError = dynamic_cast<const c10::Error*>(&e);
        throw Error("model '" + metadata().name +
                    "' failed: " + torchReason(torchError ? torchError->what_without_backtrace() : e.what()));
    }
    if (output.isTensor())
        return output.toTensor();
    // Some exported models return (logits, aux) tuples; the first is the answer.
    if (output.isTuple() && !output.toTupleRef().elements().empty() && output.toTupleRef().elements()[0].isTensor())
        return output.toTupleRef().elements()[0].toTensor();
    throw Error("model '" + metadata().name + "' returns " + output.tagKind() + ", not a logits tensor");
}

void TorchScriptClassifier::moveModuleTo(c10::Device device)
{
    m_module->to(device);
}

} // namespace advlens::core
