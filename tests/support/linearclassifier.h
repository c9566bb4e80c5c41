#pragma once

#include "core/model/classifier.h"
#include "core/util/error.h"

#include <ATen/ATen.h>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace advlens::test {

/// logits = W · flatten(x) + b, in memory: W is K×D, b has K values, and the
/// input C×H×W must hold D = C·H·W pixels. Normalisation is the identity, so
/// the pixels reach W as they are; classes are named c0 … c(K−1). Counts every
/// row it evaluates, so tests can check the queries an attack reports.
class LinearClassifier : public core::Classifier {
public:
    LinearClassifier(const at::Tensor& weight, const at::Tensor& bias, core::InputSpec input = {1, 8, 8})
        : LinearClassifier(metadataFor(weight.size(0), input), weight, bias)
    {
    }

    /// Rows evaluated since construction or the last resetRowsSeen().
    std::int64_t rowsSeen() const { return m_rows; }
    void resetRowsSeen() { m_rows = 0; }

    std::vector<at::Tensor> parameters() override { return {m_weight, m_bias}; }
    void setTrainingMode(bool) override {}
    void save(const std::filesystem::path&) override { throw core::Error("a test's linear classifier is not saved"); }

    /// The metadata the public constructor uses: identity mean/std, K class names.
    static core::ModelMetadata metadataFor(std::int64_t classes, core::InputSpec input)
    {
        core::ModelMetadata meta;
        meta.name = "linear";
        meta.input = input;
        meta.mean.assign(static_cast<std::size_t>(input.channels), 0.0F);
        meta.std.assign(static_cast<std::size_t>(input.channels), 1.0F);
        for (std::int64_t k = 0; k < classes; ++k)
            meta.classNames.push_back("c" + std::to_string(k));
        return meta;
    }

protected:
    /// For a test model that needs other metadata (a real mean/std, class names).
    LinearClassifier(core::ModelMetadata metadata, const at::Tensor& weight, const at::Tensor& bias)
        : core::Classifier(std::move(metadata))
        , m_weight(weight.to(at::kFloat))
        , m_bias(bias.to(at::kFloat))
    {
    }

    at::Tensor forwardNormalised(const at::Tensor& normalised) override
    {
        m_rows += normalised.size(0);
        return normalised.flatten(1).matmul(m_weight.t()) + m_bias;
    }
    void moveModuleTo(c10::Device) override {}

private:
    at::Tensor m_weight, m_bias;
    std::int64_t m_rows = 0;
};

} // namespace advlens::test
