#include "core/metrics/imagescores.h"

#include "core/model/classifier.h"
#include "core/util/error.h"

#include <ATen/ATen.h>
#include <c10/core/InferenceMode.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

namespace advlens::core {

ImageScores scoreLogits(const at::Tensor& logits, const at::Tensor& labels, std::int64_t topK)
{
    if (logits.dim() != 2 || logits.size(1) < 2)
        throw Error("scores need N×K logits with K ≥ 2");
    const std::int64_t n = logits.size(0);
    const std::int64_t classes = logits.size(1);
    if (labels.dim() != 1 || labels.size(0) != n)
        throw Error("scores need one label per image (" + std::to_string(n) + ")");
    const at::Tensor z = logits.detach().to(at::kCPU, at::kFloat).contiguous();
    const at::Tensor y = labels.to(at::kCPU, at::kLong).contiguous();
    if (n > 0 && y.max().item<std::int64_t>() >= classes)
        throw Error("a label is not one of the model's " + std::to_string(classes) + " classes");
    const std::int64_t nonFinite = n > 0 ? (~at::isfinite(z).all(1)).sum().item<std::int64_t>() : 0;
    if (nonFinite > 0)
        throw Error("the model produced NaN or infinite outputs for " + std::to_string(nonFinite) + " of " +
                    std::to_string(n) + " images");

    ImageScores scores;
    const at::Tensor logProbabilities = at::log_softmax(z, 1);
    const auto [topValues, topIndices] = logProbabilities.topk(std::min(std::max<std::int64_t>(topK, 1), classes), 1);
    scores.topClasses = topIndices;
    scores.topProbabilities = topValues.exp();
    scores.predictions = topIndices.select(1, 0).contiguous();
    scores.confidence = scores.topProbabilities.select(1, 0).contiguous();

    // The reference class: the label where known, else the prediction.
    const at::Tensor known = y >= 0;
    const at::Tensor reference = at::where(known, y, scores.predictions).unsqueeze(1);
    const at::Tensor referenceLogit = z.gather(1, reference).squeeze(1);
    const at::Tensor others = z.scatter(1, reference, -std::numeric_limits<float>::infinity());
    scores.margin = (referenceLogit - std::get<0>(others.max(1))).contiguous();
    const at::Tensor referenceLoss = -logProbabilities.gather(1, reference).squeeze(1);
    scores.loss = at::where(known, referenceLoss, at::full_like(referenceLoss, std::nanf(""))).contiguous();
    return scores;
}

ImageScores scoreImages(Classifier& classifier, const at::Tensor& images, const at::Tensor& labels, std::int64_t topK)
{
    at::Tensor logits;
    {
        c10::InferenceMode inference; // thread-local: set on the thread that runs the model
        logits = classifier.logits(images.to(classifier.device()));
    }
    return scoreLogits(logits, labels, topK);
}

} // namespace advlens::core
