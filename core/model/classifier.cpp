#include "core/model/classifier.h"

#include "core/util/error.h"
#include "core/util/tensorformat.h"

#include <ATen/ATen.h>

namespace advlens::core {

Classifier::Classifier(ModelMetadata metadata)
    : m_metadata(std::move(metadata))
{
    const auto channels = static_cast<std::int64_t>(m_metadata.input.channels);
    m_mean = at::tensor(m_metadata.mean, at::kFloat).view({1, channels, 1, 1});
    m_inverseStd = at::tensor(m_metadata.std, at::kFloat).reciprocal().view({1, channels, 1, 1});
    if (!m_metadata.outputIndices.empty())
        m_outputIndices = at::tensor(m_metadata.outputIndices, at::kLong);
}

Classifier::~Classifier() = default;

void Classifier::moveTo(c10::Device device)
{
    moveModuleTo(device);
    m_mean = m_mean.to(device);
    m_inverseStd = m_inverseStd.to(device);
    if (m_outputIndices.defined())
        m_outputIndices = m_outputIndices.to(device);
    m_device = device;
}

at::Tensor Classifier::normalise(const at::Tensor& pixels) const
{
    const InputSpec& spec = m_metadata.input;
    if (pixels.dim() != 4 || pixels.size(1) != spec.channels || pixels.size(2) != spec.height ||
        pixels.size(3) != spec.width) {
        throw Error("model '" + m_metadata.name + "' expects N×" + std::to_string(spec.channels) + "×" +
                    std::to_string(spec.height) + "×" + std::to_string(spec.width) + " images, got shape " +
                    shapeString(pixels.sizes()));
    }
    at::Tensor input = pixels.to(m_device, at::kFloat);
    return (input - m_mean) * m_inverseStd;
}

at::Tensor Classifier::selectOutputs(const at::Tensor& rawLogits) const
{
    if (!m_outputIndices.defined())
        return rawLogits;
    const std::int64_t needed = m_metadata.outputIndices.back() + 1;
    if (rawLogits.dim() != 2 || rawLogits.size(1) < needed)
        throw Error("model '" + m_metadata.name + "' returns shape " + shapeString(rawLogits.sizes()) +
                    " but its output subset \"" + m_metadata.outputSubset + "\" needs N×" + std::to_string(needed) +
                    " or wider");
    return rawLogits.index_select(1, m_outputIndices);
}

at::Tensor Classifier::logits(const at::Tensor& pixels)
{
    at::Tensor out = selectOutputs(forwardNormalised(normalise(pixels)));
    m_imagesEvaluated += pixels.size(0);
    return out;
}

FeaturesAndLogits Classifier::logitsWithFeatures(const at::Tensor& pixels, const std::string& layer)
{
    std::string chosen = layer;
    if (chosen.empty()) {
        const std::vector<std::string> layers = featureLayers();
        if (layers.empty())
            throw Error("model '" + m_metadata.name + "' has no convolutional feature map (N×C×h×w) to look into");
        chosen = layers.front();
    }
    FeaturesAndLogits out = forwardNormalisedWithFeatures(normalise(pixels), chosen);
    out.logits = selectOutputs(out.logits);
    m_imagesEvaluated += pixels.size(0);
    return out;
}

FeaturesAndLogits Classifier::forwardNormalisedWithFeatures(const at::Tensor&, const std::string&)
{
    throw Error("model '" + m_metadata.name + "' has no convolutional feature map (N×C×h×w) to look into");
}

void Classifier::setParametersRequireGrad(bool required)
{
    for (at::Tensor& p : parameters())
        p.requires_grad_(required);
}

} // namespace advlens::core
