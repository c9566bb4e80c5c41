#include "core/model/modelloader.h"

#include "core/model/ensembleclassifier.h"
#include "core/model/nativeclassifier.h"
#include "core/model/onnxclassifier.h"
#include "core/model/torchscriptclassifier.h"
#include "core/util/error.h"
#include "core/util/tensorformat.h"

#include <ATen/ATen.h>
#include <ATen/core/grad_mode.h>
#include <torch/csrc/autograd/autograd.h>

namespace advlens::core {

namespace fs = std::filesystem;

namespace {

fs::path metadataPathFor(const fs::path& path)
{
    std::error_code ec;
    if (fs::is_directory(path, ec))
        throw Error("'" + path.u8string() + "' is a folder: give a model's metadata .json (or its weights file)");
    if (path.extension() == ".json")
        return path;
    fs::path sibling = path;
    sibling.replace_extension(".json");
    if (!fs::exists(path, ec))
        throw Error("model file not found: '" + path.u8string() + "'");
    if (!fs::exists(sibling, ec))
        throw Error("no metadata for '" + path.filename().u8string() + "': expected '" + sibling.filename().u8string() +
                    "' beside it (see README, Model metadata)");
    return sibling;
}

/// One backward through one mid-grey image: whether the logits have an
/// input gradient at all. Some files predict but cannot be differentiated:
/// a module traced under torch.no_grad() can hold fused inference-only ops
/// (torchvision's ViT: _native_multi_head_attention), one that detaches its
/// input has no path back to it.
InputGradientSupport undifferentiable(const std::string& why)
{
    return {false, why + "; re-export it with torch.jit.script, or trace it outside torch.no_grad()"};
}

InputGradientSupport probeInputGradient(Classifier& classifier)
{
    // A model that declares itself forward only (ONNX, a threat model that
    // hides gradients) knows why better than a failed backward can say.
    if (!classifier.inputGradientSupport().available)
        return classifier.inputGradientSupport();
    const InputSpec& in = classifier.metadata().input;
    at::AutoGradMode enableGrad(true);
    at::Tensor x = at::full({1, in.channels, in.height, in.width}, 0.5).requires_grad_(true);
    try {
        const at::Tensor logits = classifier.logits(x);
        if (!logits.requires_grad())
            return undifferentiable("its logits do not depend on the input through autograd: it detaches its "
                                    "input, or was traced without gradients");
        const at::Tensor gradient = torch::autograd::grad({logits.sum()}, {x}, {}, /*retain_graph=*/false,
                                                          /*create_graph=*/false, /*allow_unused=*/true)[0];
        if (!gradient.defined())
            return undifferentiable("its logits do not depend on the input through autograd");
    } catch (const c10::Error& e) {
        return undifferentiable("LibTorch cannot differentiate it: " + torchReason(e.what_without_backtrace()));
    } catch (const std::exception& e) {
        return undifferentiable("LibTorch cannot differentiate it: " + torchReason(e.what()));
    }
    return {};
}

} // namespace

void validateClassifier(Classifier& classifier)
{
    const ModelMetadata& meta = classifier.metadata();
    const InputSpec& in = meta.input;
    at::NoGradGuard noGrad;
    // Two different images: a black one and a mid-grey one.
    at::Tensor probe = at::zeros({2, in.channels, in.height, in.width});
    probe[1].fill_(0.5);
    at::Tensor out;
    const std::string failure = "model '" + meta.name + "' fails on input of shape " + shapeString(probe.sizes()) +
                                " (as its metadata declares): ";
    try {
        out = classifier.logits(probe);
    } catch (const Error& e) {
        throw Error(failure + e.what());
    } catch (const c10::Error& e) {
        throw Error(failure + torchReason(e.what_without_backtrace()));
    } catch (const std::exception& e) {
        throw Error(failure + torchReason(e.what()));
    }
    if (out.dim() != 2 || out.size(0) != 2)
        throw Error("model '" + meta.name + "' returns shape " + shapeString(out.sizes()) +
                    " for 2 images; expected 2×K logits");
    if (out.size(1) != classifier.numClasses())
        throw Error("model '" + meta.name + "' returns " + std::to_string(out.size(1)) +
                    " logits but its metadata names " + std::to_string(classifier.numClasses()) + " classes");
    if (!at::isfinite(out).all().item<bool>())
        throw Error("model '" + meta.name + "' produces NaN or infinite logits");
    classifier.setInputGradientSupport(probeInputGradient(classifier));
}

std::unique_ptr<Classifier> loadClassifier(const fs::path& path, c10::Device device)
{
    ModelMetadata meta = readModelMetadata(metadataPathFor(path));
    std::unique_ptr<Classifier> classifier;
    switch (meta.kind) {
    case ModelKind::Native:
        classifier = NativeClassifier::load(std::move(meta));
        break;
    case ModelKind::TorchScript:
        classifier = TorchScriptClassifier::load(std::move(meta));
        break;
    case ModelKind::Onnx:
        classifier = OnnxClassifier::load(std::move(meta));
        break;
    case ModelKind::Ensemble: // opens and validates every member on `device`
        classifier = EnsembleClassifier::load(meta, device);
        break;
    }
    try {
        classifier->moveTo(device);
    } catch (const c10::Error& e) {
        throw Error("cannot move model to " + device.str() + ": " + firstLine(e.what_without_backtrace()));
    }
    validateClassifier(*classifier);
    return classifier;
}

} // namespace advlens::core
