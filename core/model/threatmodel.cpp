#include "core/model/threatmodel.h"

#include "core/util/error.h"

#include <ATen/ATen.h>
#include <ATen/core/grad_mode.h>

#include <algorithm>
#include <cctype>

namespace advlens::core {

namespace {

ModelMetadata wrapperMetadata(const std::shared_ptr<Classifier>& inner, ThreatModel threat)
{
    if (!inner)
        throw Error("a threat model needs a model to wrap");
    ModelMetadata meta = inner->metadata();
    const auto channels = static_cast<std::size_t>(meta.input.channels);
    if (threat == ThreatModel::ScoresOnly)
        meta.name += "+scores-only";
    else if (threat == ThreatModel::LabelOnly)
        meta.name += "+label-only";
    // The inner normalises and selects its output subset itself.
    meta.mean.assign(channels, 0.0f);
    meta.std.assign(channels, 1.0f);
    meta.outputIndices.clear();
    return meta;
}

} // namespace

std::string toString(ThreatModel threat)
{
    switch (threat) {
    case ThreatModel::Full:
        return "full";
    case ThreatModel::ScoresOnly:
        return "scores";
    case ThreatModel::LabelOnly:
        return "label";
    }
    return "full"; // unreachable: every threat model is named above
}

ThreatModel parseThreatModel(const std::string& text)
{
    std::string key = text;
    std::transform(key.begin(), key.end(), key.begin(), [](unsigned char c) { return std::tolower(c); });
    if (key == "full" || key == "white-box")
        return ThreatModel::Full;
    if (key == "scores" || key == "scores-only")
        return ThreatModel::ScoresOnly;
    if (key == "label" || key == "label-only" || key == "decision")
        return ThreatModel::LabelOnly;
    throw Error("unknown threat model '" + text + "' (use full, scores or label)");
}

ThreatModelClassifier::ThreatModelClassifier(std::shared_ptr<Classifier> inner, ThreatModel threat)
    : Classifier(wrapperMetadata(inner, threat))
    , m_inner(std::move(inner))
    , m_threat(threat)
{
    if (m_threat == ThreatModel::Full)
        setInputGradientSupport(m_inner->inputGradientSupport());
    else
        setInputGradientSupport(
            {false, m_threat == ThreatModel::ScoresOnly ? kScoresOnlyReason : kLabelOnlyReason});
    if (m_inner->device() != device())
        moveTo(m_inner->device());
}

ThreatModelClassifier::~ThreatModelClassifier() = default;

at::Tensor ThreatModelClassifier::forwardNormalised(const at::Tensor& normalised)
{
    if (m_threat == ThreatModel::Full)
        return m_inner->logits(normalised);
    at::Tensor logits;
    {
        at::NoGradGuard noGrad;
        logits = m_inner->logits(normalised.detach());
    }
    if (m_threat == ThreatModel::ScoresOnly)
        return logits;
    return at::one_hot(logits.argmax(1), logits.size(1)).to(at::kFloat);
}

FeaturesAndLogits ThreatModelClassifier::forwardNormalisedWithFeatures(const at::Tensor& normalised,
                                                                       const std::string& layer)
{
    if (m_threat == ThreatModel::Full)
        return m_inner->logitsWithFeatures(normalised, layer);
    return Classifier::forwardNormalisedWithFeatures(normalised, layer); // throws: no feature layers
}

void ThreatModelClassifier::moveModuleTo(c10::Device device)
{
    m_inner->moveTo(device);
}

std::vector<at::Tensor> ThreatModelClassifier::parameters()
{
    return m_threat == ThreatModel::Full ? m_inner->parameters() : std::vector<at::Tensor>{};
}

void ThreatModelClassifier::setTrainingMode(bool training)
{
    m_inner->setTrainingMode(training);
}

void ThreatModelClassifier::save(const std::filesystem::path&)
{
    throw Error("model '" + metadata().name +
                "' cannot be saved: the threat model is a run-time setting; save the model without it and "
                "choose the threat model (--threat-model " +
                toString(m_threat) + ") when loading");
}

std::vector<std::string> ThreatModelClassifier::featureLayers()
{
    return m_threat == ThreatModel::Full ? m_inner->featureLayers() : std::vector<std::string>{};
}

} // namespace advlens::core
