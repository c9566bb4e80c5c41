#include "core/attacks/fab.h"

#include "core/attacks/attackcommon.h"
#include "core/attacks/attackinfo.h"
#include "core/attacks/fabprojection.h"
#include "core/attacks/imagestreams.h"
#include "core/model/classifier.h"
#include "core/util/error.h"

#include <ATen/ATen.h>
#include <torch/csrc/autograd/autograd.h>

#include <algorithm>
#include <functional>
#include <limits>

namespace advlens::core {

namespace {

constexpr double kNormFloor = 1e-8;  ///< the authors' floor on ‖d‖ before the ratio α
constexpr double kStartRadius = 0.5; ///< restarts start at this fraction of ε from x, as the authors' code does
constexpr double kDistanceFloor = 1e-12; ///< the authors' floor on ‖∇f_k‖ when choosing the closest boundary

const AttackParameter& targetClassesParameter()
{
    static const AttackParameter parameter{"target_classes",
                                           1,
                                           999,
                                           true,
                                           /*defaultValue=*/9,
                                           "apgd-t, fab-t: runs toward the classes ranked 2nd, 3rd, ... by the clean "
                                           "logits"};
    return parameter;
}

const AttackParameter& alphaMaxParameter()
{
    static const AttackParameter parameter{"alpha_max",
                                           0.0,
                                           1.0,
                                           false,
                                           /*defaultValue=*/0.1,
                                           "fab, fab-t: the largest weight a step gives to the projection of the clean "
                                           "image (biases the search toward x)"};
    return parameter;
}

const AttackParameter& etaParameter()
{
    static const AttackParameter parameter{"eta",
                                           1.0,
                                           std::numeric_limits<double>::max(),
                                           false,
                                           /*defaultValue=*/1.05,
                                           "fab, fab-t: overshoot of each projection step past the linearised boundary"};
    return parameter;
}

const AttackParameter& betaParameter()
{
    static const AttackParameter parameter{"beta",
                                           0.0,
                                           1.0,
                                           false,
                                           /*defaultValue=*/0.9,
                                           "fab, fab-t: after an adversarial step, the iterate is pulled back to x + "
                                           "beta·(iterate − x)"};
    return parameter;
}

struct FabSettings {
    double alphaMax, eta, beta;
};

at::Tensor imageMask(const at::Tensor& perImage)
{
    return perImage.view({-1, 1, 1, 1});
}

/// N×D → N: the ℓ∞ or ℓ2 norm of each row.
at::Tensor rowNorms(const at::Tensor& rows, Norm norm)
{
    return norm == Norm::Linf ? rows.abs().amax(1) : rows.norm(2, {1});
}

/// The authors' restart: x plus a random vector scaled to ε/2 (ℓ∞: uniform
/// values over their largest; ℓ2: Gaussian over its length), in the box.
at::Tensor randomStart(const at::Tensor& x, const at::Tensor& rows, double epsilon, Norm norm, ImageStreams& streams)
{
    const at::IntArrayRef shape = x.sizes().slice(1);
    const at::Tensor t =
        norm == Norm::Linf ? streams.uniform(rows, shape).mul_(2.0).sub_(1.0) : streams.normal(rows, shape);
    const at::Tensor size = rowNorms(t.flatten(1), norm);
    const at::Tensor delta = t / imageMask(size) * (kStartRadius * epsilon);
    return (x + delta.to(x.device())).clamp(0.0, 1.0);
}

/// One attack call's progress and cancellation across its runs.
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

struct RunOutcome {
    at::Tensor closest;     ///< the adversarial closest to x found, else x
    at::Tensor logits;      ///< at `closest`, undefined rows where none was found
    at::Tensor distance;    ///< its distance to x, +∞ where none was found
    std::int64_t steps = 0; ///< iterations done (fewer when cancelled)
};

/// The decision boundary a step projects onto, linearised at the iterate:
/// w·(x' − iterate) + f = 0, for each image.
struct Linearisation {
    at::Tensor w; ///< N×D
    at::Tensor f; ///< N
};
using Linearise = std::function<Linearisation(const at::Tensor& iterate)>;

/// The authors' targeted boundary z_target − z_label. Given targets, the rival
/// is whichever other class leads: on z_target = z_label a third class may
/// still win.
Linearise towardTargets(Classifier& classifier, const at::Tensor& labels, const at::Tensor& targets, bool targeted)
{
    return [&classifier, labels, targets, targeted](const at::Tensor& iterate) {
        const auto margin = [&](const at::Tensor& logits) {
            const at::Tensor target = logits.gather(1, targets.unsqueeze(1)).squeeze(1);
            if (!targeted)
                return target - logits.gather(1, labels.unsqueeze(1)).squeeze(1);
            const at::Tensor others =
                logits.scatter(1, targets.unsqueeze(1), -std::numeric_limits<double>::infinity());
            return target - std::get<0>(others.max(1));
        };
        const LossGradient lg = lossGradient(classifier, iterate, margin);
        return Linearisation{lg.gradient.flatten(1), lg.loss};
    };
}

/// The untargeted FAB's boundary: of the K − 1 boundaries z_k = z_label, the
/// one closest to the iterate in its linearisation, |f_k| / ‖∇f_k‖_dual, from
/// one forward pass and K backward passes through it, as the authors'
/// get_diff_logits_grads_batch and their choice of `ind` compute it.
Linearise closestBoundary(Classifier& classifier, const at::Tensor& labels, Norm norm)
{
    return [&classifier, labels, norm](const at::Tensor& iterate) {
        at::AutoGradMode enableGrad(true);
        const at::Tensor input = iterate.detach().requires_grad_(true);
        const at::Tensor logits = classifier.logits(input);
        const at::Tensor own = logits.gather(1, labels.unsqueeze(1)).squeeze(1);
        const std::int64_t n = iterate.size(0), classes = logits.size(1);
        Linearisation best{at::zeros({n, iterate[0].numel()}, iterate.options()), at::zeros({n}, iterate.options())};
        at::Tensor bestDistance = at::full({n}, std::numeric_limits<double>::infinity(), iterate.options());
        for (std::int64_t k = 0; k < classes; ++k) {
            const at::Tensor f = logits.select(1, k) - own;
            // Rows are independent images: the gradient of the sum is each row's own.
            const at::Tensor w = torch::autograd::grad({f.sum()}, {input}, {}, /*retain_graph=*/k + 1 < classes)[0]
                                     .flatten(1);
            const at::Tensor dual = norm == Norm::Linf ? w.abs().sum(1) : w.norm(2, {1});
            const at::Tensor distance = (f.detach().abs() / (dual + kDistanceFloor))
                                            .masked_fill(labels.eq(k), std::numeric_limits<double>::infinity());
            const at::Tensor closer = distance < bestDistance;
            best.w = at::where(closer.unsqueeze(1), w, best.w);
            best.f = at::where(closer, f.detach(), best.f);
            bestDistance = at::where(closer, distance, bestDistance);
        }
        return best;
    };
}

/// One FAB run (the loop of the authors' attack_single_run) on the images `x`
/// (rows of the batch), projecting onto the boundaries `linearise` gives;
/// `goal` is what a step must reach: the labels to leave, or the targets to
/// reach when targeted.
RunOutcome fabRun(Classifier& classifier, const at::Tensor& x, const at::Tensor& start, const at::Tensor& rows,
                  const Linearise& linearise, const at::Tensor& goal, bool targeted, const AttackConfig& config,
                  const FabSettings& settings, RunState& state)
{
    const std::int64_t n = x.size(0);
    const at::Tensor clean = x.flatten(1);
    RunOutcome outcome{x.clone(), at::Tensor(), at::full({n}, std::numeric_limits<double>::infinity(), x.options()), 0};
    at::Tensor current = start;
    for (int i = 0; i < config.steps; ++i) {
        if (state.control.cancelled()) {
            state.cancelled = true;
            break;
        }
        // The boundary linearised at the iterate: w·z = b.
        const Linearisation plane = linearise(current);
        const at::Tensor& w = plane.w;
        const at::Tensor b = (w * current.flatten(1)).sum(1) - plane.f;
        const at::Tensor steps = projectOntoHyperplaneInBox(at::cat({current.flatten(1), clean}), at::cat({w, w}),
                                                            at::cat({b, b}), config.norm);
        const at::Tensor fromCurrent = steps.slice(0, 0, n);
        const at::Tensor fromClean = steps.slice(0, n);
        const at::Tensor lengths = rowNorms(steps, config.norm).clamp_min(kNormFloor);
        const at::Tensor a1 = lengths.slice(0, 0, n);
        const at::Tensor alpha = (a1 / (a1 + lengths.slice(0, n))).clamp(0.0, settings.alphaMax).unsqueeze(1);
        const at::Tensor next = ((current.flatten(1) + settings.eta * fromCurrent) * (1.0 - alpha) +
                                 (clean + settings.eta * fromClean) * alpha)
                                    .clamp(0.0, 1.0)
                                    .view_as(x);

        const at::Tensor logits = logitsWithoutGrad(classifier, next);
        const at::Tensor fooled = reachesGoal(logits, goal, targeted);
        const at::Tensor distance = rowNorms((next - x).flatten(1), config.norm);
        const at::Tensor closer = fooled.logical_and(distance < outcome.distance);
        outcome.closest = at::where(imageMask(closer), next, outcome.closest);
        outcome.logits = outcome.logits.defined() ? at::where(closer.unsqueeze(1), logits, outcome.logits) : logits;
        outcome.distance = at::where(closer, distance, outcome.distance);
        current = at::where(imageMask(fooled), x + (next - x) * settings.beta, next);
        ++outcome.steps;
        state.stepped(rows, current);
    }
    return outcome;
}

/// FAB's runs and restarts on the images still classified correctly and not
/// yet fooled. `towardRanked`: untargeted, one run toward each of the classes
/// ranked 2nd to (target_classes + 1)-th (FAB-T); targeted, one run toward the
/// targets; otherwise one run across all boundaries (FAB).
AttackResult runFab(Classifier& classifier, const AttackInput& rawInput, const AttackConfig& config,
                    bool towardRanked, const RunControl& control)
{
    const char* const name = towardRanked ? "fab-t" : "fab";
    if (config.norm == Norm::L1)
        throw Error(std::string(name) + " supports linf and l2 budgets only");
    requireInputGradients(classifier, towardRanked ? "FAB-T" : "FAB");
    const FabSettings settings{extraSetting(config, alphaMaxParameter()), extraSetting(config, etaParameter()),
                               extraSetting(config, betaParameter())};
    const AttackInput input = prepareAttackInput(classifier, rawInput, config);
    const std::int64_t classes = classifier.numClasses();
    if (classes < 2)
        throw Error(std::string(name) + " needs a model with at least 2 classes");
    const bool targeted = towardRanked && config.targeted;
    int runs = 1;
    if (towardRanked && !targeted)
        runs = static_cast<int>(
            std::min(classes - 1, static_cast<std::int64_t>(extraSetting(config, targetClassesParameter()))));
    // A step of FAB linearises all K − 1 boundaries: K backward passes through one forward.
    const std::int64_t gradientsPerStep = towardRanked ? 1 : classes;

    const at::Tensor& x = input.images;
    const at::Tensor cleanLogits = logitsWithoutGrad(classifier, x);
    const at::Tensor cleanCorrect = cleanLogits.argmax(1).eq(input.labels);
    const at::Tensor ranking = towardRanked && !targeted ? cleanLogits.argsort(1, /*descending=*/true) : at::Tensor();
    const at::Tensor& goal = targeted ? input.targets : input.labels;

    RunState state{control, std::int64_t{runs} * config.restarts * config.steps};
    if (control.wantsIterates())
        state.streamed = x.clone();
    ImageStreams streams(config.seed, input.indices);
    at::Tensor adversarial = x.clone();
    at::Tensor adversarialLogits = cleanLogits.clone();
    at::Tensor fooled = at::zeros_like(cleanCorrect);
    at::Tensor passes = at::zeros({x.size(0)}, at::kLong);

    for (int run = 0; run < runs && !state.cancelled; ++run) {
        at::Tensor targets;
        if (towardRanked)
            targets = targeted ? input.targets : ranking.select(1, run + 1).contiguous();
        for (int restart = 0; restart < config.restarts && !state.cancelled; ++restart) {
            const at::Tensor rows = cleanCorrect.logical_and(fooled.logical_not()).nonzero().squeeze(1);
            if (rows.numel() == 0)
                break;
            const at::Tensor attacked = x.index_select(0, rows);
            const at::Tensor start =
                restart == 0 ? attacked : randomStart(attacked, rows, config.epsilon, config.norm, streams);
            const at::Tensor labels = input.labels.index_select(0, rows);
            const Linearise linearise =
                towardRanked ? towardTargets(classifier, labels, targets.index_select(0, rows), targeted)
                             : closestBoundary(classifier, labels, config.norm);
            const RunOutcome outcome = fabRun(classifier, attacked, start, rows, linearise,
                                              goal.index_select(0, rows), targeted, config, settings, state);
            passes.index_add_(0, rows.to(at::kCPU), at::full({rows.numel()}, outcome.steps, at::kLong));
            // Budgeted: an adversarial farther than ε is no success.
            const at::Tensor within = outcome.distance <= config.epsilon;
            const at::Tensor won = within.nonzero().squeeze(1);
            if (won.numel() == 0)
                continue;
            const at::Tensor wonRows = rows.index_select(0, won);
            adversarial.index_copy_(0, wonRows, outcome.closest.index_select(0, won));
            adversarialLogits.index_copy_(0, wonRows, outcome.logits.index_select(0, won));
            fooled.index_fill_(0, wonRows, true);
        }
    }
    if (!state.cancelled && state.done < state.total)
        control.report(state.total, state.total); // every image fooled before the last run

    AttackResult result;
    result.cancelled = state.cancelled;
    result.cleanLogits = cleanLogits;
    result.adversarial = adversarial;
    result.adversarialLogits = adversarialLogits;
    result.gradientEvaluationsPerImage = passes * gradientsPerStep;
    result.gradientEvaluations = passes.numel() ? result.gradientEvaluationsPerImage.max().item<std::int64_t>() : 0;
    // Each step's forward for its gradients and its check.
    result.queriesPerImage = passes * 2;
    completeResult(result, input, config);
    return result;
}

AttackInfo fabInfo(const char* name, const char* label, const char* description)
{
    AttackInfo info;
    info.name = name;
    info.label = label;
    info.description = description;
    info.iterative = true;
    info.randomStart = true;
    info.norms = {Norm::Linf, Norm::L2};
    info.parameters = {alphaMaxParameter(), etaParameter(), betaParameter()};
    return info;
}

} // namespace

AttackInfo FabT::describe()
{
    AttackInfo info = fabInfo("fab-t", "FAB-T",
                              "targeted Fast Adaptive Boundary attack toward the runner-up classes (AutoAttack's "
                              "third stage): projections onto the linearised boundary, biased toward x (linf/l2)");
    info.parameters.insert(info.parameters.begin(), targetClassesParameter());
    return info;
}

AttackResult FabT::run(Classifier& classifier, const AttackInput& input, const AttackConfig& config,
                       const RunControl& control)
{
    return runFab(classifier, input, config, /*towardRanked=*/true, control);
}

AttackInfo Fab::describe()
{
    AttackInfo info = fabInfo("fab", "FAB",
                              "untargeted Fast Adaptive Boundary attack: each step projects onto the closest "
                              "linearised boundary, biased toward x (AutoAttack's plus version; linf/l2)");
    info.targetable = false;
    return info;
}

AttackResult Fab::run(Classifier& classifier, const AttackInput& input, const AttackConfig& config,
                      const RunControl& control)
{
    if (config.targeted)
        throw Error("fab is untargeted only; fab-t runs toward chosen classes");
    return runFab(classifier, input, config, /*towardRanked=*/false, control);
}

} // namespace advlens::core
