#include "core/model/onnxclassifier.h"

#include "core/util/atomicfile.h"
#include "core/util/error.h"
#include "core/util/tensorformat.h"

#include <ATen/ATen.h>
#include <opencv2/core/utils/logger.hpp>
#include <opencv2/core/version.hpp>
#include <opencv2/dnn.hpp>

#include <algorithm>
#include <vector>

namespace advlens::core {

namespace fs = std::filesystem;

struct OnnxClassifier::Network {
    cv::dnn::Net net;
    /// The graph holds a Reshape: the usual cause of a batch size it cannot run.
    bool reshapes = false;
    /// Logits per image, known after the first forward; what an empty batch returns.
    std::int64_t outputWidth = -1;
};

namespace {

/// OpenCV logs every failed node to stderr before it throws; the Error we
/// throw says the same in one line. The level is process-wide, so it is put
/// back at once.
class QuietOpenCvLog {
public:
    QuietOpenCvLog()
        : m_previous(cv::utils::logging::setLogLevel(cv::utils::logging::LOG_LEVEL_SILENT))
    {
    }
    ~QuietOpenCvLog() { cv::utils::logging::setLogLevel(m_previous); }
    QuietOpenCvLog(const QuietOpenCvLog&) = delete;
    QuietOpenCvLog& operator=(const QuietOpenCvLog&) = delete;

private:
    cv::utils::logging::LogLevel m_previous;
};

/// The innermost reason of an OpenCV message, without the "OpenCV(4.6.0)
/// file:line: error: (-2:Unspecified error) " prefix and the " in function
/// 'f'" suffix that wrap every level of it.
std::string openCvReason(std::string text)
{
    const auto code = text.rfind("error: (");
    if (code != std::string::npos) {
        const auto close = text.find(") ", code);
        if (close != std::string::npos)
            text.erase(0, close + 2);
    }
    const auto function = text.rfind(" in function '");
    if (function != std::string::npos)
        text.erase(function);
    const auto start = text.find_first_not_of("> \t\r\n");
    return firstLine(start == std::string::npos ? std::string() : text.substr(start));
}

/// The text between `open` and the next `close` after position `from`; empty if absent.
std::string between(const std::string& text, const std::string& open, char close, std::size_t from = 0)
{
    const auto begin = text.find(open, from);
    if (begin == std::string::npos)
        return {};
    const auto end = text.find(close, begin + open.size());
    return end == std::string::npos ? std::string() : text.substr(begin + open.size(), end - begin - open.size());
}

/// One line for an import failure. OpenCV 4.6's importer reports a node it
/// cannot handle as "Node [Type@domain]:(onnx_node!name) parse error: <the
/// layer's own exception>"; the node's name and operator are what a user
/// can look up in the exporting code.
std::string importFailure(const std::string& file, const std::string& message)
{
    const std::string prefix = "cannot load ONNX model '" + file + "': ";
    const auto node = message.find("Node [");
    if (node == std::string::npos) {
        // "Failed to parse ONNX model" from a file, "... onnx model ..." from a buffer
        if (message.find("Failed to parse ONNX model") != std::string::npos ||
            message.find("Failed to parse onnx model") != std::string::npos)
            return prefix + "not an ONNX file, or truncated (OpenCV cannot parse it)";
        return prefix + openCvReason(message);
    }
    std::string op = between(message, "Node [", ']', node);
    if (const auto at = op.find("@ai.onnx"); at != std::string::npos && at + 8 == op.size())
        op.erase(at); // the standard domain says nothing
    const std::string name = between(message, "(onnx_node!", ')', node);
    const auto parse = message.find("parse error:", node);
    std::string reason = openCvReason(parse == std::string::npos ? message : message.substr(parse + 12));
    if (reason.rfind("Can't create layer", 0) == 0)
        reason = "OpenCV " CV_VERSION "'s DNN module has no " + op + " layer";
    return prefix + "node '" + name + "' (" + op + "): " + reason;
}

/// One line for a failed forward. OpenCV 4.6 does not say which node
/// failed; the source file of the assertion says which kind of layer did.
std::string layerFailure(const cv::Exception& e, bool graphReshapes)
{
    std::string where;
    const auto layers = e.file.find("/layers/");
    if (layers != std::string::npos) {
        where = e.file.substr(layers + 8);
        where = where.substr(0, where.rfind('.'));
        if (where.size() > 6 && where.compare(where.size() - 6, 6, "_layer") == 0)
            where.erase(where.size() - 6);
        where = "its " + where + " layer: ";
    }
    std::string hint;
    if (graphReshapes)
        hint = " (a Reshape to a size computed from the input, as x.view(x.size(0), -1) exports, is the usual "
               "cause in OpenCV 4.6: export with torch.flatten(x, 1) instead)";
    return where + openCvReason(e.what()) + hint;
}

} // namespace

OnnxClassifier::OnnxClassifier(ModelMetadata metadata, std::unique_ptr<Network> network)
    : Classifier(std::move(metadata))
    , m_network(std::move(network))
{
    // Declared, not probed: validateClassifier keeps a reason a model gives itself.
    setInputGradientSupport({false, kNoGradientReason});
}

OnnxClassifier::~OnnxClassifier() = default;

std::unique_ptr<OnnxClassifier> OnnxClassifier::load(ModelMetadata metadata)
{
    const fs::path& path = metadata.weights;
    const std::string file = path.filename().u8string();
    std::error_code ec;
    if (!fs::exists(path, ec))
        throw Error("file not found: '" + path.u8string() + "'");
    if (fs::is_directory(path, ec))
        throw Error("'" + path.u8string() + "' is a folder, not a file");
    // Read here rather than by OpenCV from the path: one place that handles
    // non-ASCII names and says which file could not be read.
    const std::string bytes = readFileBytes(path);
    auto network = std::make_unique<Network>();
    try {
        QuietOpenCvLog quiet;
        network->net = cv::dnn::readNetFromONNX(bytes.data(), bytes.size());
    } catch (const cv::Exception& e) {
        throw Error(importFailure(file, e.what()));
    } catch (const std::exception& e) {
        throw Error("cannot load ONNX model '" + file + "': " + firstLine(e.what()));
    } catch (...) { // protobuf on hostile bytes
        throw Error("cannot load ONNX model '" + file + "': OpenCV's importer failed on it");
    }
    if (network->net.empty())
        throw Error("cannot load ONNX model '" + file + "': OpenCV found no layers in it");
    std::vector<cv::String> types;
    network->net.getLayerTypes(types);
    network->reshapes = std::find(types.begin(), types.end(), "Reshape") != types.end();
    const InputSpec input = metadata.input;
    std::unique_ptr<OnnxClassifier> classifier(new OnnxClassifier(std::move(metadata), std::move(network)));
    // Attacks batch as they please; validateClassifier tries 2 images only.
    // OpenCV sizes every layer from the input it is given, so a graph that
    // reshapes to its export batch size runs at that size alone.
    try {
        classifier->runNetwork(at::zeros({kProbeBatch, input.channels, input.height, input.width}));
    } catch (const Error& e) {
        throw Error("cannot use ONNX model '" + file + "': a batch of " + std::to_string(kProbeBatch) +
                    " blank images fails (" + e.what() + ")");
    }
    return classifier;
}

at::Tensor OnnxClassifier::forwardNormalised(const at::Tensor& normalised)
{
    const at::Tensor batch = normalised.detach().to(at::kCPU, at::kFloat).contiguous();
    at::Tensor logits;
    if (batch.size(0) > 0) {
        logits = runNetwork(batch);
    } else {
        if (m_network->outputWidth < 0) // learn the width once from a blank image
            runNetwork(at::zeros({1, batch.size(1), batch.size(2), batch.size(3)}));
        logits = at::empty({0, m_network->outputWidth});
    }
    return logits.to(device());
}

at::Tensor OnnxClassifier::runNetwork(const at::Tensor& batch)
{
    const std::vector<int> shape(batch.sizes().begin(), batch.sizes().end());
    // A view of the tensor's memory: setInput copies it into the network.
    const cv::Mat blob(static_cast<int>(shape.size()), shape.data(), CV_32F, batch.data_ptr<float>());
    cv::Mat out;
    try {
        QuietOpenCvLog quiet;
        m_network->net.setInput(blob);
        out = m_network->net.forward();
    } catch (const cv::Exception& e) {
        throw Error("model '" + metadata().name + "' failed in OpenCV DNN on input of shape " +
                    shapeString(batch.sizes()) + ": " + layerFailure(e, m_network->reshapes));
    }
    const std::int64_t n = batch.size(0);
    if (out.type() != CV_32F || out.dims < 2 || out.size[0] != n)
        throw Error("model '" + metadata().name + "' returns an OpenCV " + std::to_string(out.dims) + "-d blob with " +
                    std::to_string(out.dims > 0 ? out.size[0] : 0) + " rows for " + std::to_string(n) +
                    " images; expected N×K float logits");
    if (!out.isContinuous())
        out = out.clone();
    const auto width = static_cast<std::int64_t>(out.total()) / n;
    m_network->outputWidth = width;
    // The network reuses its output buffer on the next forward: copy.
    return at::from_blob(out.ptr<float>(), {n, width}, at::kFloat).clone();
}

void OnnxClassifier::save(const fs::path& jsonPath)
{
    ModelMetadata meta = metadata();
    // Absolute, so writeModelMetadata stores it relative to the JSON even for a relative jsonPath.
    meta.weights = fs::absolute(jsonPath).parent_path() / meta.weights.filename();
    const std::string bytes = readFileBytes(metadata().weights); // read first: saving onto itself is a no-op copy
    writeFileAtomically(meta.weights, bytes);
    writeModelMetadata(meta, jsonPath);
}

std::string OnnxClassifier::executionNote() const
{
    if (device().type() == c10::kCPU)
        return {};
    return "runs on the CPU (OpenCV DNN): inputs and logits are copied to and from " + device().str();
}

} // namespace advlens::core
