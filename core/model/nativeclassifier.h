#pragma once

#include "core/model/classifier.h"

#include <memory>

namespace advlens::core {

class ZooNet;

/// One of our own torch::nn architectures, saved with LibTorch's
/// serialisation (torch::serialize archives).
class NativeClassifier : public Classifier {
public:
    NativeClassifier(ModelMetadata metadata, std::shared_ptr<ZooNet> network);
    ~NativeClassifier() override;

    /// Builds the architecture named in the metadata and loads its weights.
    /// Throws Error when the file is missing, not an archive, truncated, or
    /// holds weights of another shape.
    static std::unique_ptr<NativeClassifier> load(ModelMetadata metadata);

    std::vector<at::Tensor> parameters() override;
    void setTrainingMode(bool training) override;
    void save(const std::filesystem::path& jsonPath) override;
    std::vector<std::string> featureLayers() override;

    ZooNet& network() { return *m_network; }

protected:
    at::Tensor forwardNormalised(const at::Tensor& normalised) override;
    FeaturesAndLogits forwardNormalisedWithFeatures(const at::Tensor& normalised, const std::string& layer) override;
    void moveModuleTo(c10::Device device) override;

private:
    std::shared_ptr<ZooNet> m_network;
};

} // namespace advlens::core
