#include "pgd.h"

#include "attackcommon.h"
#include "lpball.h"

#include <ATen/ATen.h>
#include <ATen/CPUGeneratorImpl.h>

namespace advlens::core {

namespace {

/// Per-image loss that each restart is judged by (higher = better for the attacker).
at::Tensor attackerScore(const at::Tensor& logits, const AttackInput& input, bool targeted)
{
    const at::Tensor& goal = targeted ? input.targets : input.labels;
    const at::Tensor loss = at::cross_entropy_loss(logits, goal, {}, at::Reduction::None);
    return targeted ? -loss : loss;
}

at::Tensor reachedGoal(const at::Tensor& logits, const AttackInput& input, bool targeted)
{
    const at::Tensor predicted = logits.argmax(1);
    return targeted ? predicted.eq(input.targets) : predicted.ne(input.labels);
}

} // namespace

AttackResult Pgd::run(Classifier& classifier, const AttackInput& rawInput, const AttackConfig& config,
                      const RunControl& control)
{
    const AttackInput input = prepareAttackInput(classifier, rawInput, config);
    const at::Tensor& x = input.images;
    const at::Tensor& goal = config.targeted ? input.targets : input.labels;
    const double alpha = config.effectiveStepSize() * (config.targeted ? -1.0 : 1.0);
    at::Generator generator = at::detail::createCPUGenerator(config.seed);
    const std::int64_t total = std::int64_t{config.steps} * config.restarts;
    std::int64_t done = 0;

    AttackResult result;
    // Without a random start the first gradient pass is at x and gives the clean
    // logits for free; with one, they cost a single extra forward.
    if (config.randomStart)
        result.cleanLogits = logitsWithoutGrad(classifier, x);

    at::Tensor bestAdversarial, bestLogits, bestScore, bestReached;
    for (int restart = 0; restart < config.restarts && !result.cancelled; ++restart) {
        at::Tensor current = config.randomStart
                                 ? (x + uniformInBall(x, config.epsilon, config.norm, generator)).clamp(0.0, 1.0)
                                 : x.clone();
        for (int step = 0; step < config.steps; ++step) {
            if (control.cancelled()) {
                result.cancelled = true;
                break;
            }
            const LossGradient lg = crossEntropyGradient(classifier, current, goal);
            if (!result.cleanLogits.defined())
                result.cleanLogits = lg.logits;
            current = projectToFeasible(x, current + alpha * steepestDirection(lg.gradient, config.norm),
                                        config.epsilon, config.norm);
            ++result.gradientEvaluations;
            control.report(++done, total);
        }
        const at::Tensor logits = logitsWithoutGrad(classifier, current);
        if (!bestAdversarial.defined()) {
            bestAdversarial = current;
            bestLogits = logits;
            bestScore = attackerScore(logits, input, config.targeted);
            bestReached = reachedGoal(logits, input, config.targeted);
            continue;
        }
        // Keep a restart's iterate where it reaches the goal first, or scores higher
        // while neither reaches it.
        const at::Tensor score = attackerScore(logits, input, config.targeted);
        const at::Tensor reached = reachedGoal(logits, input, config.targeted);
        const at::Tensor better = reached.logical_and(bestReached.logical_not())
                                      .logical_or(reached.eq(bestReached).logical_and(score > bestScore));
        const at::Tensor imageMask = better.view({-1, 1, 1, 1});
        bestAdversarial = at::where(imageMask, current, bestAdversarial);
        bestLogits = at::where(better.view({-1, 1}), logits, bestLogits);
        bestScore = at::where(better, score, bestScore);
        bestReached = bestReached.logical_or(reached);
    }
    if (!result.cleanLogits.defined()) // cancelled before the first gradient
        result.cleanLogits = logitsWithoutGrad(classifier, x);
    result.adversarial = bestAdversarial;
    result.adversarialLogits = bestLogits;
    completeResult(result, input, config);
    return result;
}

} // namespace advlens::core
