#pragma once

#include "core/model/classifier.h"

#include <memory>

namespace advlens::core {

/// An ONNX classifier run forward by OpenCV's DNN module, with our metadata
/// beside it ("kind": "onnx", "weights": "model.onnx"). The graph's single
/// input takes an N×C×H×W float batch already normalised with the metadata's
/// mean/std, and its output is N×K logits (N×K×1×1 is accepted).
///
/// Forward only: the logits are plain tensors outside any autograd graph, so
/// inputGradientSupport() is unavailable from construction on (with
/// kNoGradientReason) and gradient attacks, CLEVER and gradient saliency
/// refuse the model; noise, score- and decision-based attacks, transfer from
/// a surrogate and the gallery only need logits. No parameters, no feature
/// layers, and training mode changes nothing.
///
/// Device: the network always runs on the CPU. After moveTo(cuda) inputs are
/// copied to the CPU and the logits back to device(), so the model works
/// beside GPU models; executionNote() says so.
///
/// Not thread-safe, like every Classifier (cv::dnn::Net keeps its buffers
/// between calls).
class OnnxClassifier : public Classifier {
public:
    static constexpr const char* kNoGradientReason = "ONNX models run forward only (OpenCV DNN has no gradients)";

    ~OnnxClassifier() override;

    /// Reads metadata.weights, imports it and runs it once on a batch of
    /// kProbeBatch blank images. Throws Error with one line naming the file:
    /// missing, not ONNX or truncated, the node OpenCV failed to import with
    /// its operator and reason (e.g. "node '/GridSample' (GridSample): OpenCV
    /// 4.6.0's DNN module has no GridSample layer"), or the kind of layer that
    /// failed on the probe batch (a graph that only runs at its export batch
    /// size); never the raw cv::Exception.
    static std::unique_ptr<OnnxClassifier> load(ModelMetadata metadata);

    std::vector<at::Tensor> parameters() override { return {}; }
    void setTrainingMode(bool) override {}
    /// Copies the .onnx file beside `jsonPath` and writes the metadata.
    void save(const std::filesystem::path& jsonPath) override;
    std::string executionNote() const override;

protected:
    at::Tensor forwardNormalised(const at::Tensor& normalised) override;
    void moveModuleTo(c10::Device) override {}

private:
    /// Images in the batch load() runs once: not 2, the batch validateClassifier
    /// tries and a common export batch size.
    static constexpr std::int64_t kProbeBatch = 3;

    struct Network; // the cv::dnn::Net, kept out of this header
    OnnxClassifier(ModelMetadata metadata, std::unique_ptr<Network> network);

    at::Tensor runNetwork(const at::Tensor& batch);

    std::unique_ptr<Network> m_network;
};

} // namespace advlens::core
