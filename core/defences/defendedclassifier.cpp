#include "core/defences/defendedclassifier.h"

#include "core/util/error.h"
#include "core/util/tensorformat.h"

#include <ATen/ATen.h>

namespace advlens::core {

namespace {

/// The inner's metadata with normalisation and output subset taken out:
/// the inner applies them itself when the wrapper calls inner.logits().
ModelMetadata wrapperMetadata(const std::shared_ptr<Classifier>& inner, const InputDefence& defence)
{
    if (!inner)
        throw Error("a defended classifier needs a model to defend");
    ModelMetadata meta = inner->metadata();
    const auto channels = static_cast<std::size_t>(meta.input.channels);
    meta.name += "+" + toString(defence);
    meta.mean.assign(channels, 0.0f);
    meta.std.assign(channels, 1.0f);
    meta.outputIndices.clear();
    meta.cleanAccuracy.reset(); // measured without the defence
    meta.evaluatedImages.reset();
    return meta;
}

} // namespace

std::string toString(DefenceGradient gradient)
{
    return gradient == DefenceGradient::Bpda ? "bpda" : "obfuscated";
}

DefendedClassifier::DefendedClassifier(std::shared_ptr<Classifier> inner, InputDefence defence,
                                       DefenceGradient gradient)
    : Classifier(wrapperMetadata(inner, defence))
    , m_inner(std::move(inner))
    , m_defence(defence)
    , m_gradient(gradient)
{
    // Validates the level before the first batch does.
    parseInputDefence(toString(m_defence));
    if (m_inner->device() != device())
        moveTo(m_inner->device());
}

DefendedClassifier::~DefendedClassifier() = default;

at::Tensor DefendedClassifier::transform(const at::Tensor& pixels) const
{
    const InputSpec& spec = metadata().input;
    if (pixels.dim() != 4 || pixels.size(1) != spec.channels || pixels.size(2) != spec.height ||
        pixels.size(3) != spec.width)
        throw Error("model '" + metadata().name + "' expects N×" + std::to_string(spec.channels) + "×" +
                    std::to_string(spec.height) + "×" + std::to_string(spec.width) + " images, got shape " +
                    shapeString(pixels.sizes()));
    const at::Tensor x = pixels.to(at::kFloat);
    if (m_gradient == DefenceGradient::Bpda) {
        const at::Tensor y = applyInputDefence(m_defence, x.detach());
        return x + (y - x.detach());
    }
    if (m_defence.kind == InputDefence::Kind::BitDepth)
        return reduceBitDepth(x, m_defence.level); // round: on the graph, zero gradient
    // JPEG off the graph: its output is a constant for autograd. Adding 0·x keeps
    // x in the graph, so attacks get the zero gradient a naive implementation
    // gives instead of an "input not used" error.
    return jpegRecompress(x, m_defence.level) + x * 0.0;
}

at::Tensor DefendedClassifier::forwardNormalised(const at::Tensor& normalised)
{
    return m_inner->logits(transform(normalised));
}

FeaturesAndLogits DefendedClassifier::forwardNormalisedWithFeatures(const at::Tensor& normalised,
                                                                    const std::string& layer)
{
    return m_inner->logitsWithFeatures(transform(normalised), layer);
}

void DefendedClassifier::moveModuleTo(c10::Device device)
{
    m_inner->moveTo(device);
}

std::vector<at::Tensor> DefendedClassifier::parameters()
{
    return m_inner->parameters();
}

void DefendedClassifier::setTrainingMode(bool training)
{
    m_inner->setTrainingMode(training);
}

void DefendedClassifier::save(const std::filesystem::path&)
{
    throw Error("model '" + metadata().name +
                "' cannot be saved: the input defence is a run-time setting; save the model without it and "
                "apply the defence (--defence " +
                toString(m_defence) + ") when loading");
}

std::vector<std::string> DefendedClassifier::featureLayers()
{
    return m_inner->featureLayers();
}

std::unique_ptr<DefendedClassifier> defendClassifier(std::shared_ptr<Classifier> inner, const std::string& spec,
                                                     DefenceGradient gradient)
{
    return std::make_unique<DefendedClassifier>(std::move(inner), parseInputDefence(spec), gradient);
}

} // namespace advlens::core
