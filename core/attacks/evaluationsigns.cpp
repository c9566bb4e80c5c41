#include "core/attacks/evaluationsigns.h"

#include "core/attacks/attackcommon.h"
#include "core/model/classifier.h"
#include "core/tensor/finitelogits.h"
#include "core/util/error.h"

#include <ATen/ATen.h>

#include <cstdio>

namespace advlens::core {

namespace {

constexpr double kRandomisedTolerance = 1e-4;  ///< ℓ2 between unit-length logits, as the reference
constexpr double kProbabilityTolerance = 1e-5;
constexpr double kGradientFreeShare = 0.002;    ///< check_square_sr's α

at::Tensor unitRows(const at::Tensor& logits)
{
    return logits / (logits.norm(2, {1}, /*keepdim=*/true) + 1e-10);
}

std::string percent(double share)
{
    char text[32];
    std::snprintf(text, sizeof text, "%.2f %%", 100.0 * share);
    return text;
}

} // namespace

EvaluationSigns checkEvaluationSigns(Classifier& classifier, const at::Tensor& x, const at::Tensor& labels)
{
    EvaluationSigns signs;
    signs.checked = true;
    if (x.size(0) == 0)
        return signs;
    const at::Tensor first = logitsWithoutGrad(classifier, x);
    const at::Tensor second = logitsWithoutGrad(classifier, x);
    // Non-finite rows are their own case (counted apart by every report), not randomness.
    const at::Tensor finite = finiteRows(first).logical_and(finiteRows(second));
    const at::Tensor drift = (unitRows(first) - unitRows(second)).norm(2, {1}).masked_select(finite);
    signs.randomised = !first.argmax(1).masked_select(finite).equal(second.argmax(1).masked_select(finite)) ||
                       (drift.numel() > 0 && drift.max().item<double>() > kRandomisedTolerance);
    signs.probabilities = first.max().item<double>() < 1.0 + kProbabilityTolerance &&
                          first.min().item<double>() > -kProbabilityTolerance &&
                          (first.sum(1) - 1.0).abs().lt(kProbabilityTolerance).all().item<bool>();
    // Only the images an attack would work on: classified correctly, finite.
    const at::Tensor gradient = crossEntropyGradient(classifier, x, labels).gradient;
    const at::Tensor attacked = first.argmax(1).eq(labels).logical_and(finiteRows(first));
    signs.zeroGradientImages =
        gradient.abs().flatten(1).sum(1).eq(0.0).logical_and(attacked).sum().item<std::int64_t>();
    return signs;
}

void addStages(std::vector<AttackStage>& total, const std::vector<AttackStage>& batch)
{
    if (total.empty()) {
        total = batch;
        return;
    }
    if (total.size() != batch.size())
        throw Error("stage tables of different attacks cannot be added");
    for (std::size_t s = 0; s < batch.size(); ++s) {
        if (total[s].name != batch[s].name)
            throw Error("stage tables of different attacks cannot be added");
        total[s].attacked += batch[s].attacked;
        total[s].robustAfter += batch[s].robustAfter;
        total[s].queries += batch[s].queries;
        total[s].seconds += batch[s].seconds;
    }
}

std::vector<std::string> evaluationWarnings(const EvaluationSigns& signs, const std::vector<AttackStage>& stages,
                                            std::int64_t images)
{
    std::vector<std::string> warnings;
    if (signs.randomised)
        warnings.push_back("the model seems randomised (two forward passes of the same images differ): gradient "
                           "attacks need expectation over its randomness (autoattack-rand, or --set eot=20 on APGD)");
    if (signs.probabilities)
        warnings.push_back("the model's outputs look like probabilities (in [0, 1], summing to 1): a softmax inside "
                           "the model flattens gradients; attack its logits");
    if (signs.zeroGradientImages > 0)
        warnings.push_back(std::to_string(signs.zeroGradientImages) +
                           " image(s) have an exactly zero loss gradient: gradient attacks cannot move them, so "
                           "their robustness is not measured");
    bool gradientsRan = false;
    for (std::size_t s = 0; s < stages.size(); ++s) {
        const AttackStage& stage = stages[s];
        if (!stage.gradientFree) {
            gradientsRan = true;
            continue;
        }
        const std::int64_t before = s == 0 ? stage.attacked : stages[s - 1].robustAfter;
        const std::int64_t fooled = before - stage.robustAfter;
        if (gradientsRan && images > 0 && double(fooled) / double(images) > kGradientFreeShare)
            warnings.push_back("gradient-free " + stage.name + " fooled " + std::to_string(fooled) + " image(s) (" +
                               percent(double(fooled) / double(images)) +
                               ") that the gradient attacks could not: a sign of gradient masking; try more "
                               "queries and restarts, or an adaptive attack");
    }
    return warnings;
}

} // namespace advlens::core
