#include "core/model/nativeclassifier.h"

#include "core/util/atomicfile.h"
#include "core/util/error.h"
#include "core/model/zoo/zooarchitectures.h"
#include "core/model/zoo/zoonet.h"

#include <torch/serialize/input-archive.h>
#include <torch/serialize/output-archive.h>

#include <sstream>

namespace advlens::core {

NativeClassifier::NativeClassifier(ModelMetadata metadata, std::shared_ptr<ZooNet> network)
    : Classifier(std::move(metadata))
    , m_network(std::move(network))
{
    m_network->eval();
    setParametersRequireGrad(false);
}

NativeClassifier::~NativeClassifier() = default;

std::unique_ptr<NativeClassifier> NativeClassifier::load(ModelMetadata metadata)
{
    auto network =
        makeZooNet(metadata.architecture, metadata.input, static_cast<std::int64_t>(metadata.classNames.size()));
    const std::string bytes = readFileBytes(metadata.weights);
    const std::string where = "cannot load weights '" + metadata.weights.filename().u8string() + "'";
    torch::serialize::InputArchive archive;
    try {
        archive.load_from(bytes.data(), bytes.size());
    } catch (const c10::Error& e) {
        throw Error(where + ": not a LibTorch archive or truncated (" + firstLine(e.what_without_backtrace()) + ")");
    }
    try {
        network->load(archive);
    } catch (const c10::Error& e) {
        throw Error(where + ": weights do not fit architecture \"" + metadata.architecture + "\" (" +
                    firstLine(e.what_without_backtrace()) + ")");
    }
    return std::make_unique<NativeClassifier>(std::move(metadata), std::move(network));
}

std::vector<at::Tensor> NativeClassifier::parameters()
{
    return m_network->parameters();
}

void NativeClassifier::setTrainingMode(bool training)
{
    m_network->train(training);
}

void NativeClassifier::save(const std::filesystem::path& jsonPath)
{
    ModelMetadata meta = metadata();
    if (meta.weights.empty())
        meta.weights = jsonPath.stem().u8string() + ".pt";
    // Absolute, so writeModelMetadata stores it relative to the JSON even for a relative jsonPath.
    meta.weights = std::filesystem::absolute(jsonPath).parent_path() / meta.weights.filename();
    meta.kind = ModelKind::Native;

    torch::serialize::OutputArchive archive;
    m_network->save(archive);
    std::ostringstream bytes;
    archive.save_to(bytes);
    writeFileAtomically(meta.weights, bytes.str());
    writeModelMetadata(meta, jsonPath);
    metadata().weights = meta.weights;
}

at::Tensor NativeClassifier::forwardNormalised(const at::Tensor& normalised)
{
    return m_network->forward(normalised);
}

std::vector<std::string> NativeClassifier::featureLayers()
{
    return m_network->featureLayers();
}

FeaturesAndLogits NativeClassifier::forwardNormalisedWithFeatures(const at::Tensor& normalised,
                                                                  const std::string& layer)
{
    FeatureTap tap{layer, {}};
    at::Tensor logits = m_network->forwardTapped(normalised, &tap);
    if (!tap.features.defined()) {
        std::string known;
        for (const std::string& name : m_network->featureLayers())
            known += (known.empty() ? "" : ", ") + name;
        throw Error("model '" + metadata().name + "' (" + metadata().architecture + ") has no layer \"" + layer + "\"" +
                    (known.empty() ? std::string(" and no feature layers at all") : " (known: " + known + ")"));
    }
    return {tap.features, logits};
}

void NativeClassifier::moveModuleTo(c10::Device device)
{
    m_network->to(device);
}

} // namespace advlens::core
