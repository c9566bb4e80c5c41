#include "core/model/torchscriptclassifier.h"

#include "core/model/modelfilecheck.h"
#include "core/util/atomicfile.h"
#include "core/util/error.h"

#include <ATen/CPUGeneratorImpl.h>
#include <ATen/core/grad_mode.h>
#include <c10/core/InferenceMode.h>
#include <torch/csrc/autograd/autograd.h>
#include <torch/csrc/autograd/custom_function.h>
#include <torch/csrc/jit/api/function_impl.h>
#include <torch/csrc/jit/ir/ir.h>
#include <torch/csrc/jit/passes/inliner.h>
#include <torch/csrc/jit/runtime/graph_iterator.h>
#include <torch/script.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <functional>
#include <map>
#include <optional>
#include <sstream>

namespace advlens::core {

namespace {

using torch::jit::Graph;
using torch::jit::Node;
using torch::jit::Value;

/// Qualified name of the submodule a value holds ("layer4.1"): the chain of
/// prim::GetAttr from `self`; nullopt when it is not such a chain.
std::optional<std::string> submodulePath(Value* value, const Value* self)
{
    std::vector<std::string> parts;
    while (value != self) {
        Node* node = value->node();
        if (node->kind() != c10::prim::GetAttr)
            return std::nullopt;
        parts.push_back(node->s(c10::attr::name));
        value = node->input(0);
    }
    std::string path;
    for (auto it = parts.rbegin(); it != parts.rend(); ++it)
        path += (path.empty() ? "" : ".") + *it;
    return path;
}

struct SubmoduleOutput {
    std::string path;
    Value* output;
};

/// Inlines every method call on the module and its submodules in the top-level
/// block of `graph` (the module's forward, input 0 = self) and returns the
/// output of each submodule's forward call, outer calls before inner ones
/// that share their output, in the order they run.
std::vector<SubmoduleOutput> inlineSubmoduleCalls(Graph& graph)
{
    const Value* self = graph.inputs().at(0);
    std::vector<SubmoduleOutput> outputs;
    for (Node* node = graph.block()->nodes().front(); node != graph.block()->return_node();) {
        if (node->kind() != c10::prim::CallMethod) {
            node = node->next();
            continue;
        }
        const auto classType = node->input(0)->type()->cast<c10::ClassType>();
        torch::jit::Function* method = classType ? classType->findMethod(node->s(c10::attr::name)) : nullptr;
        torch::jit::GraphFunction* callee = method ? torch::jit::tryToGraphFunction(*method) : nullptr;
        if (!callee) {
            node = node->next();
            continue;
        }
        callee->ensure_defined(); // methods may be compiled lazily
        const std::optional<std::string> path = submodulePath(node->input(0), self);
        const bool record =
            path && !path->empty() && node->s(c10::attr::name) == "forward" && node->outputs().size() == 1;
        const std::vector<Value*> before(node->outputs().begin(), node->outputs().end());
        Node* previous = node->prev();
        // The unoptimised graph keeps the callee's own method calls, so deeper
        // submodules are inlined (and recorded) when the loop reaches them.
        const std::vector<Value*> after = torch::jit::inlineCallTo(node, callee, callee->graph().get());
        for (SubmoduleOutput& known : outputs)
            for (std::size_t i = 0; i < before.size(); ++i)
                if (known.output == before[i])
                    known.output = after[i];
        if (record)
            outputs.push_back({*path, after.at(0)});
        node = previous->next();
    }
    // Block inputs (a submodule that returns its input) have no place in the order.
    outputs.erase(std::remove_if(outputs.begin(), outputs.end(),
                                 [](const SubmoduleOutput& o) { return o.output->node()->kind() == c10::prim::Param; }),
                  outputs.end());
    std::stable_sort(outputs.begin(), outputs.end(), [](const SubmoduleOutput& a, const SubmoduleOutput& b) {
        return a.output != b.output && a.output->node()->isBefore(b.output->node());
    });
    return outputs;
}

bool isTensor(const Value* value)
{
    return value->type()->isSubtypeOf(*c10::TensorType::get());
}

/// Makes `graph` return the tuple (its own output, extra…): executors run
/// graphs of one output only.
void returnAlso(Graph& graph, const std::vector<Value*>& extra)
{
    std::vector<Value*> values{graph.outputs().at(0)};
    values.insert(values.end(), extra.begin(), extra.end());
    Node* tuple = graph.insertNode(graph.createTuple(values));
    graph.eraseOutput(0);
    graph.registerOutput(tuple->output());
}

/// The input of the gradient copy: channels-last for the convolutions, and
/// its gradient handed back contiguous, as the rest of core expects.
struct ChannelsLastInput : torch::autograd::Function<ChannelsLastInput> {
    static at::Tensor forward(torch::autograd::AutogradContext*, const at::Tensor& input)
    {
        return input.contiguous(at::MemoryFormat::ChannelsLast);
    }
    static torch::autograd::variable_list backward(torch::autograd::AutogradContext*,
                                                   torch::autograd::variable_list gradients)
    {
        return {gradients.at(0).contiguous()};
    }
};

/// Copy for forward+backward passes. bench_imagenet on random ResNet-18/50
/// (2 threads, batch 1 and 8) measured a forward+backward at 0.79–0.98 of the
/// module's time with batch norm folded into the convolutions (freeze), at
/// 0.88–0.97 with channels-last weights and input (oneDNN then convolves NHWC
/// directly instead of reordering every activation and gradient), and at
/// 0.74–0.87 with both. Optimisations the graph executor would add (or the
/// legacy executor) changed nothing measurable (0.98–1.09).
torch::jit::Module makeGradientCopy(const torch::jit::Module& module)
{
    torch::jit::Module frozen = torch::jit::freeze(module); // a clone: the module keeps its weights
    std::shared_ptr<Graph> graph = frozen.get_method("forward").graph();
    for (torch::jit::DepthFirstGraphNodeIterator it(graph); Node* node = it.next();) {
        if (node->kind() != c10::prim::Constant || !node->hasAttribute(c10::attr::value) ||
            node->kindOf(c10::attr::value) != torch::jit::AttributeKind::t)
            continue;
        const at::Tensor& weight = node->t(c10::attr::value);
        if (weight.dim() == 4) {
            at::Tensor channelsLast = weight.contiguous(at::MemoryFormat::ChannelsLast);
            node->t_(c10::attr::value, channelsLast);
            node->output()->inferTypeFrom(channelsLast);
        }
    }
    return frozen;
}

/// The first node in `module`'s forward, with every call inlined, whose
/// autograd meaning a frozen copy would lose: freeze drops aten::detach (a
/// straight-through estimator then has no gradient, a detached input gets
/// one), and grad-mode regions and Python autograd functions are not ours to
/// second-guess. Empty when there is none.
std::string autogradSensitiveNode(const torch::jit::Module& module)
{
    static const std::vector<c10::Symbol> kSensitive = {
        c10::Symbol::fromQualString("aten::detach"),          c10::Symbol::fromQualString("aten::detach_"),
        c10::Symbol::fromQualString("aten::set_grad_enabled"), c10::Symbol::fromQualString("prim::Enter"),
        c10::Symbol::fromQualString("prim::Exit"),             c10::Symbol::fromQualString("prim::PythonOp"),
        c10::Symbol::fromQualString("aten::requires_grad_"),
    };
    std::shared_ptr<Graph> graph = module.get_method("forward").graph()->copy();
    torch::jit::Inline(*graph);
    for (torch::jit::DepthFirstGraphNodeIterator it(graph); Node* node = it.next();)
        if (std::find(kSensitive.begin(), kSensitive.end(), node->kind()) != kSensitive.end())
            return node->kind().toQualString();
    return {};
}

/// Input gradient of a random projection of the logits (`logitsOf` its
/// output) of `module` for one seeded batch in normalised space; zeros when
/// the output does not depend on the input through autograd.
at::Tensor probeGradient(torch::jit::Module& module, const InputSpec& spec, bool channelsLast,
                         const std::function<at::Tensor(const c10::IValue&)>& logitsOf)
{
    at::AutoGradMode enableGrad(true);
    at::Generator generator = at::detail::createCPUGenerator(/*seed=*/20261204);
    at::Tensor input = (at::rand({2, spec.channels, spec.height, spec.width}, generator) * 4 - 2).requires_grad_(true);
    const at::Tensor logits =
        logitsOf(module.forward({channelsLast ? input.contiguous(at::MemoryFormat::ChannelsLast) : input}));
    if (!logits.requires_grad())
        return at::zeros_like(input);
    const at::Tensor weights = at::randn(logits.sizes(), generator, logits.scalar_type());
    const at::Tensor gradient =
        torch::autograd::grad({(logits * weights).sum()}, {input}, {}, /*retain_graph=*/false,
                              /*create_graph=*/false, /*allow_unused=*/true)[0];
    return gradient.defined() ? gradient.contiguous() : at::zeros_like(input);
}

/// Copy for forward passes without gradients: optimize_for_inference adds
/// oneDNN layouts and fused convolution + ReLU/add to the frozen graph; a
/// forward costs 0.64–0.76 of the module's (measured as above; the gradient
/// copy would give 0.72–0.91, for one set of weights less).
torch::jit::Module makeInferenceCopy(const torch::jit::Module& module)
{
    torch::jit::Module frozen = torch::jit::freeze(module);
    return torch::jit::optimize_for_inference(frozen); // converts `frozen` itself
}

/// A parameter or buffer as a copy saw it (batch-norm statistics are folded
/// too). Only this class can replace the module's tensors, so watching the
/// ones it had is enough: in-place changes bump the version, set_data changes
/// the data pointer. (Walking the module's parameters on every call instead
/// cost 0.4 ms for ResNet-50, 1 % of a prediction.)
struct WeightState {
    at::Tensor tensor;
    const void* data;
    std::int64_t version;

    /// Unchanged, and still frozen (a copy holds the weights as constants).
    bool holds() const { return !tensor.requires_grad() && tensor.data_ptr() == data && tensor._version() == version; }
};

/// The module's parameters and buffers now; nullopt when a parameter requires grad.
std::optional<std::vector<WeightState>> weightStates(const torch::jit::Module& module)
{
    std::vector<WeightState> states;
    for (auto p : module.parameters()) {
        if (p.requires_grad())
            return std::nullopt;
        states.push_back({p, p.data_ptr(), p._version()});
    }
    for (auto b : module.buffers())
        states.push_back({b, b.data_ptr(), b._version()});
    return states;
}

} // namespace

struct TorchScriptClassifier::OptimisedCopies {
    bool enabled = true;
    std::string gradientNote; ///< why the module runs instead of a gradient copy
    std::optional<std::vector<WeightState>> madeFrom; ///< set while copies exist or are being made
    std::optional<torch::jit::Module> gradient, inference;
    bool gradientFailed = false, inferenceFailed = false; ///< the module cannot have that copy

    void drop()
    {
        madeFrom.reset();
        gradient.reset();
        inference.reset();
    }
};

struct TorchScriptClassifier::FeatureGraphs {
    std::optional<std::vector<std::string>> layers;
    std::map<std::string, std::shared_ptr<torch::jit::GraphFunction>> functions;
};

TorchScriptClassifier::TorchScriptClassifier(ModelMetadata metadata, std::unique_ptr<torch::jit::Module> module)
    : Classifier(std::move(metadata))
    , m_module(std::move(module))
    , m_featureGraphs(std::make_unique<FeatureGraphs>())
    , m_copies(std::make_unique<OptimisedCopies>())
{
    m_module->eval();
    setParametersRequireGrad(false);
}

TorchScriptClassifier::~TorchScriptClassifier() = default;

std::unique_ptr<TorchScriptClassifier> TorchScriptClassifier::load(ModelMetadata metadata)
{
    // Read by the loader as it goes. Reading the whole file first held two
    // more copies of it at once: for ResNet-50 (98 MB) peak memory 550 MiB
    // instead of 256 MiB, 0.39–0.53 s instead of 0.15–0.17 s.
    const std::filesystem::path& path = metadata.weights;
    std::error_code ec;
    if (!std::filesystem::exists(path, ec))
        throw Error("file not found: '" + path.u8string() + "'");
    if (std::filesystem::is_directory(path, ec))
        throw Error("'" + path.u8string() + "' is a folder, not a file");
    std::ifstream stream(path, std::ios::binary);
    if (!stream)
        throw Error("cannot read '" + path.u8string() + "': " + std::strerror(errno));
    try {
        checkTorchScriptFile(path);
    } catch (const Error& e) {
        throw Error("cannot load TorchScript model '" + metadata.weights.filename().u8string() + "': " + e.what());
    }
    auto module = std::make_unique<torch::jit::Module>();
    try {
        *module = torch::jit::load(stream, c10::Device(c10::kCPU));
    } catch (const c10::Error& e) {
        throw Error("cannot load TorchScript model '" + metadata.weights.filename().u8string() +
                    "': not a TorchScript file or truncated (" + firstLine(e.what_without_backtrace()) + ")");
    } catch (const std::exception& e) {
        throw Error("cannot load TorchScript model '" + metadata.weights.filename().u8string() +
                    "': " + firstLine(e.what()));
    } catch (...) { // the deserializer may throw anything on hostile bytes
        throw Error("cannot load TorchScript model '" + metadata.weights.filename().u8string() +
                    "': LibTorch's loader failed on it");
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
    if (training)
        m_copies->drop(); // the weights are about to change
}

void TorchScriptClassifier::setOptimisedCopies(bool enabled)
{
    m_copies->enabled = enabled;
    if (!enabled)
        m_copies->drop();
}

bool TorchScriptClassifier::optimisedCopies() const
{
    return m_copies->enabled;
}

torch::jit::Module* TorchScriptClassifier::optimisedCopy(bool gradient)
{
    OptimisedCopies& copies = *m_copies;
    // CPU only: the levers were measured there (oneDNN); GPUs run the module.
    if (!copies.enabled || device().type() != c10::kCPU || m_module->is_training())
        return nullptr;
    if (copies.madeFrom &&
        !std::all_of(copies.madeFrom->begin(), copies.madeFrom->end(), [](const WeightState& w) { return w.holds(); }))
        copies.drop(); // the weights changed since the copies were made
    if (!copies.madeFrom) {
        copies.madeFrom = weightStates(*m_module);
        if (!copies.madeFrom)
            return nullptr;
    }
    std::optional<torch::jit::Module>& copy = gradient ? copies.gradient : copies.inference;
    bool& failed = gradient ? copies.gradientFailed : copies.inferenceFailed;
    if (!copy && !failed) {
        try {
            if (gradient) {
                const std::string sensitive = autogradSensitiveNode(*m_module);
                if (!sensitive.empty()) {
                    copies.gradientNote = "gradients from the module as loaded: its graph holds " + sensitive +
                                          ", whose meaning a frozen copy would lose";
                    failed = true;
                    return nullptr;
                }
            }
            {
                at::NoGradGuard noGrad;
                copy = gradient ? makeGradientCopy(*m_module) : makeInferenceCopy(*m_module);
            }
            if (gradient)
                checkGradientCopy();
        } catch (const std::exception&) {
            failed = true; // e.g. a module freeze cannot handle: it runs as loaded
            copy.reset();
        }
    }
    return copy ? &*copy : nullptr;
}

void TorchScriptClassifier::checkGradientCopy()
{
    // The guard behind autogradSensitiveNode: whatever else a frozen graph
    // may change, the gradient attacks use must be the module's.
    OptimisedCopies& copies = *m_copies;
    const auto logitsOf = [this](const c10::IValue& output) { return logitsFrom(output); };
    const at::Tensor expected = probeGradient(*m_module, metadata().input, /*channelsLast=*/false, logitsOf);
    const at::Tensor got = probeGradient(*copies.gradient, metadata().input, /*channelsLast=*/true, logitsOf);
    const double scale = std::max(expected.abs().max().item<double>(), got.abs().max().item<double>());
    const double difference = (got - expected).abs().max().item<double>();
    if (difference <= kGradientCopyTolerance * scale)
        return;
    std::ostringstream note;
    note << "gradients from the module as loaded: its optimised copy's input gradient differed by " << difference
         << " (largest component " << scale << ") on a probe";
    copies.gradientNote = note.str();
    copies.gradient.reset();
    copies.gradientFailed = true;
}

std::string TorchScriptClassifier::executionNote() const
{
    return m_copies->gradientNote;
}

void TorchScriptClassifier::save(const std::filesystem::path& jsonPath)
{
    ModelMetadata meta = metadata();
    // Absolute, so writeModelMetadata stores it relative to the JSON even for a relative jsonPath.
    meta.weights = std::filesystem::absolute(jsonPath).parent_path() / meta.weights.filename();
    std::ostringstream bytes;
    m_module->save(bytes);
    writeFileAtomically(meta.weights, bytes.str());
    writeModelMetadata(meta, jsonPath);
}

namespace {

[[noreturn]] void rethrowModelFailure(const std::string& name, const std::exception& e)
{
    const auto* torchError = dynamic_cast<const c10::Error*>(&e);
    throw Error("model '" + name +
                "' failed: " + torchReason(torchError ? torchError->what_without_backtrace() : e.what()));
}

} // namespace

std::vector<std::string> TorchScriptClassifier::featureLayers()
{
    if (m_featureGraphs->layers)
        return *m_featureGraphs->layers;
    std::shared_ptr<Graph> graph = m_module->get_method("forward").graph()->copy();
    std::vector<SubmoduleOutput> outputs = inlineSubmoduleCalls(*graph);
    // One graph output per distinct tensor value; the outermost name wins.
    std::vector<SubmoduleOutput> distinct;
    std::vector<Value*> values;
    for (const SubmoduleOutput& o : outputs) {
        const bool seen = std::find(values.begin(), values.end(), o.output) != values.end();
        if (!seen && isTensor(o.output)) {
            values.push_back(o.output);
            distinct.push_back(o);
        }
    }
    std::vector<std::string> layers;
    if (!distinct.empty()) {
        returnAlso(*graph, values);
        const InputSpec& spec = metadata().input;
        torch::jit::Stack stack{m_module->_ivalue(),
                                at::zeros({1, spec.channels, spec.height, spec.width}, at::TensorOptions(device()))};
        try {
            at::NoGradGuard noGrad;
            torch::jit::GraphFunction probe("advlens_probe_feature_layers", graph, nullptr);
            probe.run(stack);
        } catch (const std::exception& e) {
            rethrowModelFailure(metadata().name, e);
        }
        // (forward's own output, then one per distinct value)
        const auto& returned = stack.at(0).toTupleRef().elements();
        for (std::size_t i = distinct.size(); i-- > 0;) {
            const c10::IValue& value = returned.at(i + 1);
            if (value.isTensor() && value.toTensor().dim() == 4 && value.toTensor().size(2) > 1 &&
                value.toTensor().size(3) > 1)
                layers.push_back(distinct[i].path);
        }
    }
    m_featureGraphs->layers = layers;
    return layers;
}

FeaturesAndLogits TorchScriptClassifier::forwardNormalisedWithFeatures(const at::Tensor& normalised,
                                                                       const std::string& layer)
{
    std::shared_ptr<torch::jit::GraphFunction>& function = m_featureGraphs->functions[layer];
    if (!function) {
        std::shared_ptr<Graph> graph = m_module->get_method("forward").graph()->copy();
        const std::vector<SubmoduleOutput> outputs = inlineSubmoduleCalls(*graph);
        const auto found =
            std::find_if(outputs.rbegin(), outputs.rend(), [&](const SubmoduleOutput& o) { return o.path == layer; });
        if (found == outputs.rend() || !isTensor(found->output)) {
            m_featureGraphs->functions.erase(layer);
            std::string known;
            for (const std::string& name : featureLayers())
                known += (known.empty() ? "" : ", ") + name;
            throw Error(
                "model '" + metadata().name + "' has no submodule \"" + layer + "\" whose tensor output forward uses" +
                (known.empty() ? std::string(" (it has no feature layers)") : " (feature layers: " + known + ")"));
        }
        returnAlso(*graph, {found->output});
        function = std::make_shared<torch::jit::GraphFunction>("advlens_forward_with_" + layer, graph, nullptr);
    }
    torch::jit::Stack stack{m_module->_ivalue(), normalised};
    try {
        function->run(stack);
    } catch (const std::exception& e) {
        rethrowModelFailure(metadata().name, e);
    }
    const auto& returned = stack.at(0).toTupleRef().elements();
    return {returned.at(1).toTensor(), logitsFrom(returned.at(0))};
}

at::Tensor TorchScriptClassifier::forwardNormalised(const at::Tensor& normalised)
{
    const bool gradient = at::GradMode::is_enabled();
    bool copyFailed = false;
    if (torch::jit::Module* copy = optimisedCopy(gradient)) {
        try {
            if (gradient)
                return logitsFrom(copy->forward({ChannelsLastInput::apply(normalised)}));
            at::Tensor logits;
            {
                // Forward-only: no version counters or view tracking (0–4 %, measured as above).
                c10::InferenceMode inference;
                logits = logitsFrom(copy->forward({normalised}));
            }
            // Callers outside InferenceMode may modify the logits in place or
            // use them with autograd, which inference tensors forbid.
            return c10::InferenceMode::is_enabled() ? logits : logits.clone();
        } catch (const std::exception&) {
            copyFailed = true; // the module itself says below whether the input is at fault
        }
    }
    c10::IValue output;
    try {
        output = m_module->forward({normalised});
    } catch (const std::exception& e) {
        rethrowModelFailure(metadata().name, e);
    }
    if (copyFailed) { // the module ran where its copy failed: not worth trying again
        (gradient ? m_copies->gradientFailed : m_copies->inferenceFailed) = true;
        (gradient ? m_copies->gradient : m_copies->inference).reset();
    }
    return logitsFrom(output);
}

at::Tensor TorchScriptClassifier::logitsFrom(const c10::IValue& output) const
{
    if (output.isTensor())
        return output.toTensor();
    // Some exported models return (logits, aux) tuples; the first is the answer.
    if (output.isTuple() && !output.toTupleRef().elements().empty() && output.toTupleRef().elements()[0].isTensor())
        return output.toTupleRef().elements()[0].toTensor();
    // Others a dict of named outputs (Hugging Face style); "logits" is the answer.
    if (output.isGenericDict()) {
        std::string keys;
        for (const auto& entry : output.toGenericDict()) {
            if (!entry.key().isString())
                continue;
            if (entry.key().toStringRef() == "logits" && entry.value().isTensor())
                return entry.value().toTensor();
            keys += (keys.empty() ? "" : ", ") + entry.key().toStringRef();
        }
        throw Error("model '" + metadata().name + "' returns a dict without a \"logits\" tensor (keys: " + keys + ")");
    }
    throw Error("model '" + metadata().name + "' returns " + output.tagKind() + ", not a logits tensor");
}

void TorchScriptClassifier::moveModuleTo(c10::Device device)
{
    m_copies->drop();
    m_module->to(device);
}

} // namespace advlens::core
