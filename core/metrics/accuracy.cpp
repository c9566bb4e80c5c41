#include "core/metrics/accuracy.h"

#include "core/tensor/finitelogits.h"
#include "core/model/classifier.h"

#include <ATen/ATen.h>
#include <ATen/core/grad_mode.h>

namespace advlens::core {

at::Tensor predictLogits(Classifier& classifier, const at::Tensor& images, std::int64_t batchSize,
                         const RunControl& control)
{
    at::NoGradGuard noGrad;
    std::vector<at::Tensor> chunks;
    const std::int64_t n = images.size(0);
    for (std::int64_t start = 0; start < n && !control.cancelled(); start += batchSize) {
        const std::int64_t end = std::min(n, start + batchSize);
        chunks.push_back(classifier.logits(images.slice(0, start, end)).to(at::kCPU));
        control.report(end, n);
    }
    return chunks.empty() ? at::zeros({0, classifier.numClasses()}) : at::cat(chunks, 0);
}

Accuracy accuracyOf(const at::Tensor& logits, const at::Tensor& labels)
{
    Accuracy accuracy;
    accuracy.images = logits.size(0);
    const at::Tensor finite = finiteRows(logits);
    accuracy.nonFinite = accuracy.images - finite.sum().item<std::int64_t>();
    if (accuracy.counted() == 0)
        return accuracy;
    const at::Tensor kept = logits.index({finite});
    const at::Tensor keptLabels = labels.to(logits.device(), at::kLong).index({finite}).view({-1, 1});
    const std::int64_t k = std::min<std::int64_t>(5, logits.size(1));
    const at::Tensor top = std::get<1>(kept.topk(k, 1));
    accuracy.top1 = top.select(1, 0).eq(keptLabels.view(-1)).to(at::kDouble).mean().item<double>();
    accuracy.top5 = top.eq(keptLabels).any(1).to(at::kDouble).mean().item<double>();
    return accuracy;
}

Accuracy evaluateAccuracy(Classifier& classifier, const at::Tensor& images, const at::Tensor& labels,
                          std::int64_t batchSize, const RunControl& control)
{
    const at::Tensor logits = predictLogits(classifier, images, batchSize, control);
    return accuracyOf(logits, labels.slice(0, 0, logits.size(0)));
}

} // namespace advlens::core
