#include "core/attacks/dlrloss.h"

#include "core/util/error.h"

#include <ATen/ATen.h>

#include <string>

namespace advlens::core {

namespace {

constexpr double kDenominatorFloor = 1e-12;

void requireClasses(const at::Tensor& logits, std::int64_t needed, const char* loss)
{
    if (logits.dim() != 2 || logits.size(1) < needed)
        throw Error(std::string(loss) + " needs at least " + std::to_string(needed) + " classes (the model has " +
                    std::to_string(logits.dim() == 2 ? logits.size(1) : 0) + ")");
}

at::Tensor logitOf(const at::Tensor& logits, const at::Tensor& classes)
{
    return logits.gather(1, classes.view({-1, 1})).squeeze(1);
}

} // namespace

at::Tensor dlrLoss(const at::Tensor& logits, const at::Tensor& labels)
{
    requireClasses(logits, 3, "the DLR loss");
    const at::Tensor sorted = std::get<0>(logits.sort(1, /*descending=*/true));
    const at::Tensor trueLogit = logitOf(logits, labels);
    // The largest other logit: the runner-up when the true class leads.
    const at::Tensor leads = logits.argmax(1).eq(labels);
    const at::Tensor largestOther = at::where(leads, sorted.select(1, 1), sorted.select(1, 0));
    return -(trueLogit - largestOther) / (sorted.select(1, 0) - sorted.select(1, 2) + kDenominatorFloor);
}

at::Tensor dlrTargetedLoss(const at::Tensor& logits, const at::Tensor& labels, const at::Tensor& targets)
{
    requireClasses(logits, 4, "the targeted DLR loss");
    const at::Tensor sorted = std::get<0>(logits.sort(1, /*descending=*/true));
    const at::Tensor spread = sorted.select(1, 0) - 0.5 * (sorted.select(1, 2) + sorted.select(1, 3));
    return -(logitOf(logits, labels) - logitOf(logits, targets)) / (spread + kDenominatorFloor);
}

} // namespace advlens::core
