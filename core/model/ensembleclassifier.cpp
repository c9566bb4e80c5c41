#include "core/model/ensembleclassifier.h"

#include "core/model/modelloader.h"
#include "core/util/error.h"

#include <ATen/ATen.h>

namespace advlens::core {

namespace {

std::string inputText(const InputSpec& input)
{
    return std::to_string(input.channels) + "×" + std::to_string(input.height) + "×" + std::to_string(input.width);
}

/// The first member's metadata as the ensemble's: identity normalisation and
/// no output subset (each member applies its own), checked members.
ModelMetadata ensembleMetadata(const std::vector<std::shared_ptr<Classifier>>& members, std::string name)
{
    if (members.empty())
        throw Error("an ensemble needs at least one model");
    std::string joined;
    for (std::size_t k = 0; k < members.size(); ++k) {
        if (!members[k])
            throw Error("an ensemble's model " + std::to_string(k + 1) + " is missing");
        requireSameInputAndClasses(members.front()->metadata(), members[k]->metadata(), "an ensemble");
        joined += (k == 0 ? "" : "+") + members[k]->metadata().name;
    }
    ModelMetadata meta;
    const ModelMetadata& first = members.front()->metadata();
    meta.name = name.empty() ? joined : std::move(name);
    meta.kind = ModelKind::Ensemble;
    meta.architecture = "ensemble in logits of " + joined;
    meta.input = first.input;
    const auto channels = static_cast<std::size_t>(first.input.channels);
    meta.mean.assign(channels, 0.0F);
    meta.std.assign(channels, 1.0F);
    meta.classNames = first.classNames;
    meta.classIds = first.classIds;
    meta.preprocess = first.preprocess;
    return meta;
}

} // namespace

void requireSameInputAndClasses(const ModelMetadata& first, const ModelMetadata& other, const std::string& purpose)
{
    const InputSpec& a = first.input;
    const InputSpec& b = other.input;
    if (a.channels != b.channels || a.height != b.height || a.width != b.width)
        throw Error(purpose + " needs models of one input: '" + other.name + "' takes " + inputText(b) + ", '" +
                    first.name + "' takes " + inputText(a));
    if (first.classNames.size() != other.classNames.size())
        throw Error(purpose + " needs models of the same classes: '" + other.name + "' has " +
                    std::to_string(other.classNames.size()) + ", '" + first.name + "' has " +
                    std::to_string(first.classNames.size()));
}

EnsembleClassifier::EnsembleClassifier(std::vector<std::shared_ptr<Classifier>> members, std::string name)
    : Classifier(ensembleMetadata(members, std::move(name)))
    , m_members(std::move(members))
{
    for (const auto& member : m_members)
        if (!member->inputGradientSupport().available) {
            setInputGradientSupport(
                {false, "ensemble member '" + member->metadata().name + "': " + member->inputGradientSupport().reason});
            break;
        }
    moveTo(m_members.front()->device());
}

EnsembleClassifier::~EnsembleClassifier() = default;

std::unique_ptr<EnsembleClassifier> EnsembleClassifier::load(const ModelMetadata& metadata, c10::Device device)
{
    std::vector<std::shared_ptr<Classifier>> members;
    for (const std::filesystem::path& path : metadata.members) {
        try {
            // parseModelMetadata checked the first member; a cycle of sidecars through the others would not end.
            if (readModelMetadata(path).kind == ModelKind::Ensemble)
                throw Error("an ensemble's member must be a model, not another ensemble");
            members.push_back(loadClassifier(path, device));
        } catch (const Error& e) {
            throw Error("ensemble '" + metadata.name + "': member '" + path.filename().u8string() + "': " + e.what());
        }
    }
    auto ensemble = std::make_unique<EnsembleClassifier>(std::move(members), metadata.name);
    ensemble->metadata().members = metadata.members;
    ensemble->metadata().cleanAccuracy = metadata.cleanAccuracy;
    ensemble->metadata().evaluatedImages = metadata.evaluatedImages;
    return ensemble;
}

at::Tensor EnsembleClassifier::forwardNormalised(const at::Tensor& normalised)
{
    at::Tensor sum = m_members.front()->logits(normalised);
    for (std::size_t k = 1; k < m_members.size(); ++k)
        sum = sum + m_members[k]->logits(normalised);
    return sum / static_cast<double>(m_members.size());
}

void EnsembleClassifier::moveModuleTo(c10::Device device)
{
    for (const auto& member : m_members)
        member->moveTo(device);
}

std::vector<at::Tensor> EnsembleClassifier::parameters()
{
    std::vector<at::Tensor> all;
    for (const auto& member : m_members)
        for (at::Tensor& p : member->parameters())
            all.push_back(p);
    return all;
}

void EnsembleClassifier::setTrainingMode(bool training)
{
    for (const auto& member : m_members)
        member->setTrainingMode(training);
}

void EnsembleClassifier::save(const std::filesystem::path& jsonPath)
{
    if (metadata().members.size() != m_members.size())
        throw Error("ensemble '" + metadata().name +
                    "' cannot be saved: it was made in memory, so its members have no files to name; save each "
                    "member and write a sidecar with \"kind\": \"ensemble\" and their \"members\"");
    writeModelMetadata(metadata(), jsonPath);
}

std::string EnsembleClassifier::executionNote() const
{
    std::string notes;
    for (const auto& member : m_members) {
        const std::string note = member->executionNote();
        if (!note.empty())
            notes += (notes.empty() ? "" : "; ") + member->metadata().name + ": " + note;
    }
    return notes;
}

} // namespace advlens::core
