#include "attackcommon.h"

#include "model/classifier.h"
#include "util/error.h"
#include "util/tensorformat.h"

#include <ATen/ATen.h>
#include <ATen/core/grad_mode.h>
#include <torch/csrc/autograd/autograd.h>

#include <cmath>

namespace advlens::core {

std::string toString(Norm norm)
{
    return norm == Norm::Linf ? "linf" : "l2";
}

Norm parseNorm(const std::string& text)
{
    if (text == "linf" || text == "inf" || text == "Linf" || text == "l∞")
        return Norm::Linf;
    if (text == "l2" || text == "2" || text == "L2")
        return Norm::L2;
    throw Error("unknown norm '" + text + "' (use linf or l2)");
}

AttackInput prepareAttackInput(Classifier& classifier, const AttackInput& input, const AttackConfig& config)
{
    if (!(config.epsilon >= 0.0) || !std::isfinite(config.epsilon))
        throw Error("epsilon must be a finite number ≥ 0");
    if (config.steps < 1)
        throw Error("steps must be at least 1");
    if (config.restarts < 1)
        throw Error("restarts must be at least 1");
    const InputSpec& spec = classifier.metadata().input;
    if (!input.images.defined() || input.images.dim() != 4 || input.images.size(1) != spec.channels ||
        input.images.size(2) != spec.height || input.images.size(3) != spec.width)
        throw Error("attack input must be N×" + std::to_string(spec.channels) + "×" + std::to_string(spec.height) +
                    "×" + std::to_string(spec.width) + " images");
    const std::int64_t n = input.images.size(0);
    if (!input.labels.defined() || input.labels.dim() != 1 || input.labels.size(0) != n)
        throw Error("attack needs one label per image (got " +
                    (input.labels.defined() ? shapeString(input.labels.sizes()) : "none") + ")");
    const std::int64_t classes = classifier.numClasses();
    auto inRange = [classes](const at::Tensor& t) {
        return t.numel() == 0 || (t.min().item<std::int64_t>() >= 0 && t.max().item<std::int64_t>() < classes);
    };
    if (!inRange(input.labels))
        throw Error("labels must lie in 0.." + std::to_string(classes - 1));
    if (config.targeted) {
        if (!input.targets.defined() || input.targets.dim() != 1 || input.targets.size(0) != n)
            throw Error("a targeted attack needs one target class per image");
        if (!inRange(input.targets))
            throw Error("targets must lie in 0.." + std::to_string(classes - 1));
    }
    const c10::Device device = classifier.device();
    AttackInput prepared;
    prepared.images = input.images.detach().to(device, at::kFloat).clamp(0.0, 1.0);
    prepared.labels = input.labels.to(device, at::kLong);
    if (config.targeted)
        prepared.targets = input.targets.to(device, at::kLong);
    return prepared;
}

LossGradient crossEntropyGradient(Classifier& classifier, const at::Tensor& x, const at::Tensor& classes)
{
    at::AutoGradMode enableGrad(true);
    at::Tensor input = x.detach().requires_grad_(true);
    at::Tensor logits = classifier.logits(input);
    at::Tensor loss = at::cross_entropy_loss(logits, classes, /*weight=*/{}, at::Reduction::Sum);
    at::Tensor gradient = torch::autograd::grad({loss}, {input})[0];
    return {logits.detach(), gradient};
}

at::Tensor logitsWithoutGrad(Classifier& classifier, const at::Tensor& x)
{
    at::NoGradGuard noGrad;
    return classifier.logits(x);
}

void completeResult(AttackResult& result, const AttackInput& input, const AttackConfig& config)
{
    result.cleanPredictions = result.cleanLogits.argmax(1);
    result.adversarialPredictions = result.adversarialLogits.argmax(1);
    const at::Tensor cleanCorrect = result.cleanPredictions.eq(input.labels);
    const at::Tensor reached = config.targeted ? result.adversarialPredictions.eq(input.targets)
                                               : result.adversarialPredictions.ne(input.labels);
    result.success = cleanCorrect.logical_and(reached);
    result.norms = perturbationNorms(result.adversarial - input.images);
}

} // namespace advlens::core
