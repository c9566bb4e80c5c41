#include "core/attacks/attackcommon.h"

#include "core/attacks/attackparameters.h"
#include "core/attacks/imagestreams.h"
#include "core/tensor/finitelogits.h"
#include "core/model/classifier.h"
#include "core/util/error.h"
#include "core/util/tensorformat.h"

#include <ATen/ATen.h>
#include <ATen/core/grad_mode.h>
#include <torch/csrc/autograd/autograd.h>

#include <cmath>
#include <limits>
#include <sstream>

namespace advlens::core {

namespace {
std::string formatNumber(double value)
{
    std::ostringstream text;
    text << value;
    return text.str();
}
} // namespace

std::string toString(Norm norm)
{
    switch (norm) {
    case Norm::Linf:
        return "linf";
    case Norm::L2:
        return "l2";
    case Norm::L1:
        return "l1";
    }
    return "?";
}

Norm parseNorm(const std::string& text)
{
    std::string key = text;
    for (const std::string ell : {"ℓ", "L"})
        if (key.rfind(ell, 0) == 0)
            key = "l" + key.substr(ell.size());
    if (key == "linf" || key == "inf" || key == "lInf" || key == "l∞")
        return Norm::Linf;
    if (key == "l2" || key == "2")
        return Norm::L2;
    if (key == "l1" || key == "1")
        return Norm::L1;
    throw Error("unknown norm '" + text + "' (use linf, l2 or l1)");
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
    if (input.start.defined()) {
        if (!input.start.sizes().equals(input.images.sizes()))
            throw Error("a warm start must have the images' shape " + shapeString(input.images.sizes()) + " (got " +
                        shapeString(input.start.sizes()) + ")");
        prepared.start = input.start.detach().to(device, at::kFloat);
    }
    prepared.indices = imageIndices(input.indices, n);
    return prepared;
}

double extraSetting(const AttackConfig& config, const AttackParameter& parameter)
{
    if (!parameter.defaultValue)
        throw Error("setting " + parameter.key + " has no fixed default: its attack must give one");
    return extraSetting(config, parameter, *parameter.defaultValue);
}

double extraSetting(const AttackConfig& config, const AttackParameter& parameter, double fallback)
{
    const auto found = config.extra.find(parameter.key);
    if (found == config.extra.end())
        return fallback;
    checkAttackParameter(parameter, found->second);
    return found->second;
}

void checkAttackParameter(const AttackParameter& parameter, double value)
{
    if (parameter.integer && value >= parameter.low && value <= parameter.high && !parameter.accepts(value))
        throw Error(parameter.key + " must be a whole number (got " + formatNumber(value) + ")");
    if (!parameter.accepts(value))
        throw Error(parameter.key + " must lie in [" + formatNumber(parameter.low) + ", " +
                    formatNumber(parameter.high) + "] (got " + formatNumber(value) + ")");
}

void requireInputGradients(const Classifier& classifier, const std::string& user)
{
    const InputGradientSupport& support = classifier.inputGradientSupport();
    if (!support.available)
        throw Error(user + " needs input gradients, which model '" + classifier.metadata().name + "' has not (" +
                    support.reason + ")");
}

LossGradient crossEntropyGradient(Classifier& classifier, const at::Tensor& x, const at::Tensor& classes)
{
    return lossGradient(classifier, x, [&](const at::Tensor& logits) {
        return at::cross_entropy_loss(logits, classes, /*weight=*/{}, at::Reduction::None);
    });
}

LossGradient lossGradient(Classifier& classifier, const at::Tensor& x,
                          const std::function<at::Tensor(const at::Tensor&)>& perImageLoss)
{
    at::AutoGradMode enableGrad(true);
    at::Tensor input = x.detach().requires_grad_(true);
    at::Tensor logits = classifier.logits(input);
    const at::Tensor losses = perImageLoss(logits);
    const at::Tensor loss = losses.sum();
    // A loss that does not depend on x through autograd has derivative zero.
    at::Tensor gradient =
        loss.requires_grad()
            ? torch::autograd::grad({loss}, {input}, {}, /*retain_graph=*/false, /*create_graph=*/false,
                                    /*allow_unused=*/true)[0]
            : at::Tensor();
    return {logits.detach(), gradient.defined() ? gradient : at::zeros_like(input), losses.detach()};
}

at::Tensor logitsWithoutGrad(Classifier& classifier, const at::Tensor& x)
{
    at::NoGradGuard noGrad;
    return classifier.logits(x);
}

at::Tensor reachesGoal(const at::Tensor& logits, const at::Tensor& goal, bool targeted)
{
    const at::Tensor predicted = logits.argmax(1);
    return targeted ? predicted.eq(goal) : predicted.ne(goal);
}

at::Tensor attackerScore(const at::Tensor& logits, const at::Tensor& goal, bool targeted)
{
    const at::Tensor loss = at::cross_entropy_loss(logits, goal, {}, at::Reduction::None);
    return targeted ? -loss : loss;
}

BestOutcome BestOutcome::unchanged(const at::Tensor& x, const at::Tensor& cleanLogits)
{
    const std::int64_t n = x.size(0);
    return {x.clone(), cleanLogits.clone(), at::zeros({n}, cleanLogits.options().dtype(at::kBool)),
            at::full({n}, -std::numeric_limits<double>::infinity(), cleanLogits.options())};
}

void BestOutcome::merge(const at::Tensor& rows, const at::Tensor& candidate, const at::Tensor& candidateLogits,
                        const at::Tensor& candidateReached, const at::Tensor& candidateScore)
{
    const bool all = !rows.defined();
    const at::Tensor keptReached = all ? reached : reached.index_select(0, rows);
    const at::Tensor keptScore = all ? score : score.index_select(0, rows);
    const at::Tensor better =
        candidateReached.logical_and(keptReached.logical_not())
            .logical_or_(candidateReached.eq(keptReached).logical_and_(candidateScore > keptScore));
    const at::Tensor keptAdversarial = all ? adversarial : adversarial.index_select(0, rows);
    const at::Tensor keptLogits = all ? logits : logits.index_select(0, rows);
    const at::Tensor newAdversarial = at::where(better.view({-1, 1, 1, 1}), candidate, keptAdversarial);
    const at::Tensor newLogits = at::where(better.view({-1, 1}), candidateLogits, keptLogits);
    const at::Tensor newReached = keptReached.logical_or(candidateReached);
    const at::Tensor newScore = at::where(better, candidateScore, keptScore);
    if (all) {
        adversarial = newAdversarial;
        logits = newLogits;
        reached = newReached;
        score = newScore;
        return;
    }
    adversarial.index_copy_(0, rows, newAdversarial);
    logits.index_copy_(0, rows, newLogits);
    reached.index_copy_(0, rows, newReached);
    score.index_copy_(0, rows, newScore);
}

void completeResult(AttackResult& result, const AttackInput& input, const AttackConfig& config)
{
    result.cleanPredictions = result.cleanLogits.argmax(1);
    result.adversarialPredictions = result.adversarialLogits.argmax(1);
    // NaN or infinite logits have no prediction: such an image is neither
    // classified correctly nor fooled.
    const at::Tensor cleanCorrect = result.cleanPredictions.eq(input.labels).logical_and(finiteRows(result.cleanLogits));
    const at::Tensor reached = (config.targeted ? result.adversarialPredictions.eq(input.targets)
                                                : result.adversarialPredictions.ne(input.labels))
                                   .logical_and(finiteRows(result.adversarialLogits));
    result.success = cleanCorrect.logical_and(reached);
    result.norms = perturbationNorms(result.adversarial - input.images);
    if (!result.gradientEvaluationsPerImage.defined())
        result.gradientEvaluationsPerImage = at::full({input.images.size(0)}, result.gradientEvaluations, at::kLong);
    if (!result.queriesPerImage.defined())
        result.queriesPerImage = result.gradientEvaluationsPerImage.clone();
}

} // namespace advlens::core
