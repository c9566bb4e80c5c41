#include "core/attacks/apgd.h"

#include "core/attacks/attackcommon.h"
#include "core/attacks/attackinfo.h"
#include "core/attacks/dlrloss.h"
#include "core/attacks/imagestreams.h"
#include "core/attacks/lpball.h"
#include "core/model/classifier.h"
#include "core/util/error.h"

#include <ATen/ATen.h>

#include <algorithm>
#include <functional>

namespace advlens::core {

std::vector<int> apgdCheckpoints(int steps)
{
    std::vector<int> checkpoints;
    const int shrink = std::max(int(0.03 * steps), 1);
    const int shortest = std::max(int(0.06 * steps), 1);
    int period = std::max(int(0.22 * steps), 1);
    for (int at = period; at <= steps; period = std::max(period - shrink, shortest), at += period)
        checkpoints.push_back(at);
    return checkpoints;
}

namespace {

constexpr double kNewStepWeight = 0.75;    ///< α of the paper: the momentum keeps 1 − α of the last move
constexpr double kRisingShare = 0.75;      ///< ρ: a period in which the loss rose less often oscillated
constexpr double kNormalisingFloor = 1e-12; ///< as in the authors' code

const AttackParameter& targetClassesParameter()
{
    static const AttackParameter parameter{"target_classes", 1, 999, true, /*defaultValue=*/9,
                                           "apgd-t: runs toward the classes ranked 2nd, 3rd, ... by the clean logits"};
    return parameter;
}

const AttackParameter& eotParameter()
{
    static const AttackParameter parameter{"eot", 1, 1000, true, /*defaultValue=*/1,
                                           "apgd-ce, apgd-dlr, apgd-t, autoattack-rand: forward and backward passes "
                                           "averaged into each gradient (expectation over a randomised model's "
                                           "draws)"};
    return parameter;
}

at::Tensor imageMask(const at::Tensor& perImage)
{
    return perImage.view({-1, 1, 1, 1});
}

/// The authors' random start: a point on the ε-sphere (ℓ∞: a uniform vector
/// scaled so its largest value is ε; ℓ2: a Gaussian one scaled to length ε),
/// for the images `x` (the batch's `rows`) from their own streams.
at::Tensor sphereStart(const at::Tensor& x, const at::Tensor& rows, double epsilon, Norm norm, ImageStreams& streams)
{
    const at::IntArrayRef shape = x.sizes().slice(1);
    at::Tensor t;
    at::Tensor size;
    if (norm == Norm::Linf) {
        t = streams.uniform(rows, shape).mul_(2.0).sub_(1.0);
        size = std::get<0>(t.abs().flatten(1).max(1));
    } else {
        t = streams.normal(rows, shape);
        size = t.flatten(1).norm(2, {1});
    }
    const at::Tensor delta = t / (imageMask(size) + kNormalisingFloor) * epsilon;
    return (x + delta.to(x.device())).clamp(0.0, 1.0);
}

at::Tensor ascentDirectionOf(const at::Tensor& gradient, Norm norm)
{
    if (norm == Norm::Linf)
        return gradient.sign();
    return gradient / (imageMask(gradient.flatten(1).norm(2, {1})) + kNormalisingFloor);
}

/// One attack call's bookkeeping across its runs: progress, cancellation, the
/// streamed iterates and the passes.
struct RunState {
    const RunControl& control;
    std::int64_t total = 0;
    std::int64_t done = 0;
    bool cancelled = false;
    at::Tensor streamed; ///< every image's latest iterate, for RunControl::iterate

    void stepped(const at::Tensor& rows, const at::Tensor& iterates)
    {
        control.report(++done, total);
        if (!control.wantsIterates())
            return;
        streamed.index_copy_(0, rows, iterates.detach());
        control.reportIterate(done, streamed);
    }
};

/// What one APGD run needs to know about its loss and goal.
struct Objective {
    std::function<at::Tensor(const at::Tensor& logits)> loss; ///< N values, higher is better for the attacker
    std::function<at::Tensor(const at::Tensor& logits)> reached; ///< N bool
};

struct RunOutcome {
    at::Tensor adversarial; ///< the last iterate that reached the goal, else the highest-loss one
    at::Tensor reached;     ///< N bool
};

/// Algorithm 1 of Croce & Hein (2020) on the images `x` (rows of the batch).
RunOutcome apgdRun(Classifier& classifier, const at::Tensor& x, const at::Tensor& start, const at::Tensor& rows,
                   const Objective& objective, const AttackConfig& config, int draws, RunState& state)
{
    const FeasibleSet feasible(x, config.epsilon, config.norm);
    // EOT (the authors' eot_iter): loss and gradient averaged over `draws`
    // passes; the goal is judged on the last draw's logits, as theirs is.
    const auto evaluate = [&](const at::Tensor& at) {
        LossGradient sum = lossGradient(classifier, at, objective.loss);
        for (int d = 1; d < draws; ++d) {
            LossGradient next = lossGradient(classifier, at, objective.loss);
            sum.gradient += next.gradient;
            sum.loss += next.loss;
            sum.logits = next.logits;
        }
        if (draws > 1) {
            sum.gradient /= draws;
            sum.loss /= draws;
        }
        return sum;
    };

    at::Tensor current = feasible.project(start);
    LossGradient lg = evaluate(current);
    at::Tensor gradient = lg.gradient;
    at::Tensor reached = objective.reached(lg.logits);
    at::Tensor lastReaching = current;
    at::Tensor best = current, bestGradient = gradient, bestLoss = lg.loss;
    std::vector<at::Tensor> losses{lg.loss}; // f(x⁽⁰⁾), f(x⁽¹⁾), …

    const double firstStep = config.stepSize > 0.0 ? config.stepSize : 2.0 * config.epsilon;
    at::Tensor stepSize = at::full({x.size(0), 1, 1, 1}, firstStep, x.options());
    at::Tensor previous = current;
    at::Tensor bestAtLastCheck = bestLoss;
    at::Tensor halvedAtLastCheck = at::ones_like(reached);
    const std::vector<int> checkpoints = apgdCheckpoints(config.steps);
    std::size_t nextCheckpoint = 0;
    int lastCheck = 0;

    for (int i = 0; i < config.steps; ++i) {
        if (state.control.cancelled()) {
            state.cancelled = true;
            break;
        }
        const double weight = i == 0 ? 1.0 : kNewStepWeight;
        const at::Tensor lastMove = current - previous;
        previous = current;
        const at::Tensor z = feasible.project(current + stepSize * ascentDirectionOf(gradient, config.norm));
        current = feasible.project(current + (z - current) * weight + lastMove * (1.0 - weight));

        lg = evaluate(current);
        gradient = lg.gradient;
        const at::Tensor reachedNow = objective.reached(lg.logits);
        lastReaching = at::where(imageMask(reachedNow), current, lastReaching);
        reached = reached.logical_or(reachedNow);
        losses.push_back(lg.loss);
        const at::Tensor improved = lg.loss.gt(bestLoss);
        best = at::where(imageMask(improved), current, best);
        bestGradient = at::where(imageMask(improved), gradient, bestGradient);
        bestLoss = at::where(improved, lg.loss, bestLoss);
        state.stepped(rows, current);

        if (nextCheckpoint < checkpoints.size() && i + 1 == checkpoints[nextCheckpoint]) {
            const int period = i + 1 - lastCheck;
            at::Tensor rises = at::zeros_like(bestLoss);
            for (int j = lastCheck; j <= i; ++j)
                rises += losses[std::size_t(j) + 1].gt(losses[std::size_t(j)]).to(rises.scalar_type());
            const at::Tensor oscillated = rises.le(period * kRisingShare);
            const at::Tensor stalled = halvedAtLastCheck.logical_not().logical_and(bestAtLastCheck.ge(bestLoss));
            const at::Tensor halve = oscillated.logical_or(stalled);
            halvedAtLastCheck = halve;
            bestAtLastCheck = bestLoss;
            stepSize = at::where(imageMask(halve), stepSize * 0.5, stepSize);
            current = at::where(imageMask(halve), best, current);
            gradient = at::where(imageMask(halve), bestGradient, gradient);
            lastCheck = i + 1;
            ++nextCheckpoint;
        }
    }
    return {at::where(imageMask(reached), lastReaching, best), reached};
}

/// Makes a run's objective from the labels and targets (undefined when the
/// attack has none) of the images it attacks.
using ObjectiveFor = std::function<Objective(const at::Tensor& labels, const at::Tensor& targets)>;
/// Run r's targets for the whole (checked) batch, or from its clean logits;
/// undefined for none.
using TargetsOfRun = std::function<at::Tensor(int run, const AttackInput& input, const at::Tensor& cleanLogits)>;

/// `runs` × config.restarts APGD runs, each on the images still classified
/// correctly and not yet fooled (AutoAttack attacks only robust points).
AttackResult runApgd(Classifier& classifier, const AttackInput& rawInput, const AttackConfig& config, int runs,
                     const ObjectiveFor& objectiveFor, const TargetsOfRun& targetsOfRun, const RunControl& control)
{
    requireInputGradients(classifier, "APGD");
    const AttackInput input = prepareAttackInput(classifier, rawInput, config);
    const int draws = static_cast<int>(extraSetting(config, eotParameter()));
    const at::Tensor& x = input.images;
    const at::Tensor cleanLogits = logitsWithoutGrad(classifier, x);
    const at::Tensor cleanCorrect = cleanLogits.argmax(1).eq(input.labels);

    RunState state{control, std::int64_t{runs} * config.restarts * config.steps};
    if (control.wantsIterates())
        state.streamed = x.clone();
    ImageStreams streams(config.seed, input.indices);
    at::Tensor adversarial = x.clone();
    at::Tensor fooled = at::zeros_like(cleanCorrect);
    at::Tensor passes = at::zeros({x.size(0)}, at::kLong);

    for (int run = 0; run < runs && !state.cancelled; ++run) {
        const at::Tensor targets = targetsOfRun(run, input, cleanLogits);
        for (int restart = 0; restart < config.restarts && !state.cancelled; ++restart) {
            const at::Tensor rows = cleanCorrect.logical_and(fooled.logical_not()).nonzero().squeeze(1);
            if (rows.numel() == 0)
                break;
            const at::Tensor attacked = x.index_select(0, rows);
            const at::Tensor start = config.randomStart
                                         ? sphereStart(attacked, rows, config.epsilon, config.norm, streams)
                                         : attacked;
            const Objective objective = objectiveFor(input.labels.index_select(0, rows),
                                                     targets.defined() ? targets.index_select(0, rows) : at::Tensor());
            const RunOutcome outcome = apgdRun(classifier, attacked, start, rows, objective, config, draws, state);
            adversarial.index_copy_(0, rows, outcome.adversarial);
            fooled.index_copy_(0, rows, outcome.reached);
            passes.index_add_(0, rows.to(at::kCPU), at::full({rows.numel()}, std::int64_t{config.steps + 1} * draws, at::kLong));
        }
    }
    if (!state.cancelled && state.done < state.total)
        control.report(state.total, state.total); // every image fooled before the last run

    AttackResult result;
    result.cancelled = state.cancelled;
    result.cleanLogits = cleanLogits;
    result.adversarial = adversarial;
    result.adversarialLogits = logitsWithoutGrad(classifier, adversarial);
    result.gradientEvaluationsPerImage = passes;
    result.gradientEvaluations = passes.numel() ? passes.max().item<std::int64_t>() : 0;
    completeResult(result, input, config);
    return result;
}

AttackInfo apgdInfo(const char* name, const char* label, const char* description)
{
    AttackInfo info;
    info.name = name;
    info.label = label;
    info.description = description;
    info.iterative = true;
    info.randomStart = true;
    info.norms = {Norm::Linf, Norm::L2};
    info.parameters = {eotParameter()};
    return info;
}

/// The untargeted objective: leave the labels, maximising `loss`.
ObjectiveFor untargetedObjective(std::function<at::Tensor(const at::Tensor&, const at::Tensor&)> loss)
{
    return [loss](const at::Tensor& labels, const at::Tensor&) {
        return Objective{[loss, labels](const at::Tensor& logits) { return loss(logits, labels); },
                         [labels](const at::Tensor& logits) { return logits.argmax(1).ne(labels); }};
    };
}

const TargetsOfRun noTargets = [](int, const AttackInput&, const at::Tensor&) { return at::Tensor(); };

} // namespace

AttackInfo ApgdCe::describe()
{
    return apgdInfo("apgd-ce", "APGD-CE",
                    "Auto-PGD on the cross-entropy (AutoAttack's first stage): adaptive step size, momentum (linf/l2)");
}

AttackResult ApgdCe::run(Classifier& classifier, const AttackInput& input, const AttackConfig& config,
                         const RunControl& control)
{
    const bool targeted = config.targeted;
    if (!targeted)
        return runApgd(classifier, input, config, /*runs=*/1, untargetedObjective([](const at::Tensor& logits,
                                                                                    const at::Tensor& labels) {
                           return at::cross_entropy_loss(logits, labels, {}, at::Reduction::None);
                       }),
                       noTargets, control);
    const ObjectiveFor objectiveFor = [](const at::Tensor&, const at::Tensor& targets) {
        return Objective{[targets](const at::Tensor& logits) {
                             return -at::cross_entropy_loss(logits, targets, {}, at::Reduction::None);
                         },
                         [targets](const at::Tensor& logits) { return logits.argmax(1).eq(targets); }};
    };
    const TargetsOfRun targetsOfRun = [](int, const AttackInput& checked, const at::Tensor&) { return checked.targets; };
    return runApgd(classifier, input, config, /*runs=*/1, objectiveFor, targetsOfRun, control);
}

AttackInfo ApgdDlr::describe()
{
    AttackInfo info = apgdInfo("apgd-dlr", "APGD-DLR",
                               "Auto-PGD on the untargeted DLR loss, which a saturated softmax cannot flatten "
                               "(AutoAttack's rand and plus versions; linf/l2); needs 3 classes");
    info.targetable = false;
    return info;
}

AttackResult ApgdDlr::run(Classifier& classifier, const AttackInput& input, const AttackConfig& config,
                          const RunControl& control)
{
    if (config.targeted)
        throw Error("apgd-dlr is untargeted only; apgd-t runs the targeted DLR loss");
    if (classifier.numClasses() < 3)
        throw Error("apgd-dlr needs at least 3 classes (the DLR loss divides by z_π1 − z_π3); model '" +
                    classifier.metadata().name + "' has " + std::to_string(classifier.numClasses()));
    return runApgd(classifier, input, config, /*runs=*/1, untargetedObjective(dlrLoss), noTargets, control);
}

AttackInfo ApgdT::describe()
{
    AttackInfo info = apgdInfo("apgd-t", "APGD-T",
                               "targeted Auto-PGD on the DLR loss toward the runner-up classes (AutoAttack's second "
                               "stage; linf/l2)");
    info.parameters = {targetClassesParameter(), eotParameter()};
    return info;
}

AttackResult ApgdT::run(Classifier& classifier, const AttackInput& input, const AttackConfig& config,
                        const RunControl& control)
{
    const bool targeted = config.targeted;
    const auto wanted = static_cast<std::int64_t>(extraSetting(config, targetClassesParameter()));
    const int runs = targeted ? 1 : static_cast<int>(std::clamp<std::int64_t>(classifier.numClasses() - 1, 1, wanted));
    const ObjectiveFor objectiveFor = [targeted](const at::Tensor& labels, const at::Tensor& targets) {
        return Objective{[labels, targets](const at::Tensor& logits) { return dlrTargetedLoss(logits, labels, targets); },
                         [targeted, labels, targets](const at::Tensor& logits) {
                             return targeted ? logits.argmax(1).eq(targets) : logits.argmax(1).ne(labels);
                         }};
    };
    const TargetsOfRun targetsOfRun = [targeted](int run, const AttackInput& checked, const at::Tensor& cleanLogits) {
        if (targeted)
            return checked.targets;
        return cleanLogits.argsort(1, /*descending=*/true).select(1, run + 1).contiguous();
    };
    return runApgd(classifier, input, config, runs, objectiveFor, targetsOfRun, control);
}

} // namespace advlens::core
