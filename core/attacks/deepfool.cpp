#include "core/attacks/deepfool.h"

#include "core/attacks/attackcommon.h"
#include "core/attacks/attackinfo.h"
#include "core/attacks/minimalperturbation.h"
#include "core/model/classifier.h"
#include "core/util/error.h"

#include <ATen/ATen.h>
#include <ATen/core/grad_mode.h>
#include <torch/csrc/autograd/autograd.h>

#include <cmath>

namespace advlens::core {

namespace {

constexpr double kCrossing = 1e-4; // added to every step so it crosses the boundary, not lands on it
constexpr double kTiny = 1e-8;     // keeps divisions by gradient norms finite

struct Settings {
    int maxIterations = 50;
    double overshoot = 0.02;
    std::int64_t candidates = 10;
};

// The defaults of the description are Settings' own.
const AttackParameter& maxIterationsParameter()
{
    static const AttackParameter parameter{"max_iterations", 1, 1e6, true, double(Settings{}.maxIterations),
                                           "linearisation steps at most"};
    return parameter;
}

const AttackParameter& overshootParameter()
{
    static const AttackParameter parameter{"overshoot", 0.0, 1e3, false, Settings{}.overshoot,
                                           "how far past the boundary to go"};
    return parameter;
}

const AttackParameter& candidatesParameter()
{
    static const AttackParameter parameter{"candidates", 2, 1e9, true, double(Settings{}.candidates),
                                           "classes considered, by clean logit (capped at the model's)"};
    return parameter;
}

Settings readSettings(const AttackConfig& config, std::int64_t classes)
{
    if (config.norm == Norm::L1)
        throw Error("deepfool supports the l2 and linf norms");
    Settings s;
    s.maxIterations = static_cast<int>(extraSetting(config, maxIterationsParameter()));
    s.overshoot = extraSetting(config, overshootParameter());
    const double candidates = extraSetting(config, candidatesParameter());
    s.candidates = std::min(classes, static_cast<std::int64_t>(candidates));
    return s;
}

at::Tensor perImage(const at::Tensor& values)
{
    return values.view({-1, 1, 1, 1});
}

/// Nearest linearised boundary of each image: the boundary's logit difference
/// f (< 0 on the current side) and its gradient w give the distance
/// |f| / ‖w‖_q, where q is the dual of the attack's norm.
struct Boundary {
    at::Tensor distance;  ///< A
    at::Tensor direction; ///< A×C×H×W, the gradient w of the nearest boundary
};

at::Tensor dualNorm(const at::Tensor& w, Norm norm)
{
    return norm == Norm::Linf ? w.flatten(1).abs().sum(1) : w.flatten(1).norm(2, {1});
}

/// Boundaries between `from` (A, the class to leave) and each column of `to`
/// (A×m) from the graph of `logits` (A×K), m backward passes on one graph.
/// `logits` are the rows `rows` of the graph's input `x` (all rows when undefined).
Boundary nearestBoundary(const at::Tensor& x, const at::Tensor& rows, const at::Tensor& logits, const at::Tensor& from,
                         const at::Tensor& to, Norm norm)
{
    const at::Tensor fromLogit = logits.gather(1, from.unsqueeze(1)).squeeze(1);
    Boundary nearest;
    const std::int64_t m = to.size(1);
    for (std::int64_t k = 0; k < m; ++k) {
        const at::Tensor difference = logits.gather(1, to.select(1, k).unsqueeze(1)).squeeze(1) - fromLogit;
        // Rows are independent images, so the gradient of the sum is each row's own.
        at::Tensor w = torch::autograd::grad({difference.sum()}, {x}, {}, /*retain_graph=*/k + 1 < m)[0];
        if (rows.defined())
            w = w.index_select(0, rows);
        const at::Tensor distance = difference.detach().abs() / (dualNorm(w, norm) + kTiny);
        if (k == 0) {
            nearest = {distance, w};
            continue;
        }
        const at::Tensor closer = distance < nearest.distance;
        nearest.distance = at::where(closer, distance, nearest.distance);
        nearest.direction = at::where(perImage(closer), w, nearest.direction);
    }
    return nearest;
}

/// The step onto the linearised boundary: ℓ2 along w, ℓ∞ along sign w.
at::Tensor stepOnto(const Boundary& boundary, Norm norm)
{
    const at::Tensor length = perImage(boundary.distance + kCrossing);
    if (norm == Norm::Linf)
        return length * boundary.direction.sign();
    return length * boundary.direction / perImage(boundary.direction.flatten(1).norm(2, {1}) + kTiny);
}

} // namespace

AttackInfo DeepFool::describe()
{
    AttackInfo info;
    info.name = "deepfool";
    info.label = "DeepFool";
    info.description = "DeepFool: nearest decision boundary by linearisation (minimal, l2/linf)";
    info.iterative = true;
    info.minimal = true;
    info.norms = {Norm::Linf, Norm::L2};
    info.minimisedNorms = {Norm::L2, Norm::Linf};
    info.parameters = {maxIterationsParameter(), overshootParameter(), candidatesParameter()};
    return info;
}

AttackResult DeepFool::run(Classifier& classifier, const AttackInput& rawInput, const AttackConfig& config,
                           const RunControl& control)
{
    const AttackInput input = prepareMinimalAttackInput(classifier, rawInput, config);
    const Settings settings = readSettings(config, classifier.numClasses());
    const at::Tensor& x = input.images;
    const at::Tensor& goal = config.targeted ? input.targets : input.labels;
    const std::int64_t n = x.size(0);
    const std::int64_t passesPerStep = config.targeted ? 1 : settings.candidates - 1;
    at::AutoGradMode enableGrad(true);

    AttackResult result;
    result.adversarial = x.clone(); // every image's current iterate; final once it stops
    at::Tensor totalStep = at::zeros_like(x);
    at::Tensor running = at::arange(n, x.options().dtype(at::kLong)); // images not fooled yet
    at::Tensor candidates; // N×candidates classes by clean logit, the label first
    at::Tensor passes = at::zeros({n}, x.options().dtype(at::kLong)); // gradient evaluations per image
    // What each image needed, whatever rode along in its batch's graph: its queries.
    at::Tensor needed = at::zeros({n}, x.options().dtype(at::kLong));

    for (int step = 0; running.numel() > 0; ++step) {
        const bool outOfSteps = step == settings.maxIterations;
        at::Tensor current = result.adversarial.index_select(0, running).requires_grad_(!outOfSteps);
        at::Tensor logits;
        {
            at::AutoGradMode graph(!outOfSteps); // the last check needs no graph
            logits = classifier.logits(current);
        }
        if (step == 0) {
            result.cleanLogits = logits.detach().clone();
            result.adversarialLogits = result.cleanLogits.clone();
            if (!config.targeted)
                candidates = std::get<1>(result.cleanLogits.topk(settings.candidates, 1));
        } else {
            result.adversarialLogits.index_copy_(0, running, logits.detach());
        }
        if (outOfSteps)
            break;
        if (control.cancelled()) {
            result.cancelled = true;
            break;
        }
        // Fooled images are done; at step 0, so are those not worth attacking.
        const at::Tensor goOn =
            (step == 0 ? worthAttacking(result.cleanLogits, input, config.targeted)
                       : reachesGoal(logits.detach(), goal.index_select(0, running), config.targeted).logical_not())
                .nonzero()
                .squeeze(1);
        const std::int64_t stopped = running.numel() - goOn.numel();
        at::Tensor graphImages = running; // the images the backward passes will run over
        running = running.index_select(0, goOn);
        if (running.numel() == 0)
            break;
        at::Tensor rowsInGraph; // undefined: the graph holds exactly the running images
        if (stopped > 0) {
            // Backward passes cost each row of the graph, finished or not; when the
            // finished rows would cost more than one more forward of the others, rebuild.
            if (stopped * 2 * passesPerStep > running.numel()) {
                current = current.detach().index_select(0, goOn).requires_grad_(true);
                logits = classifier.logits(current);
                graphImages = running;
            } else {
                logits = logits.index_select(0, goOn);
                rowsInGraph = goOn;
            }
        }
        const at::Tensor candidatesNow = config.targeted ? at::Tensor() : candidates.index_select(0, running);
        const Boundary boundary = config.targeted
                                      ? nearestBoundary(current, rowsInGraph, logits, logits.detach().argmax(1),
                                                        goal.index_select(0, running).unsqueeze(1), config.norm)
                                      : nearestBoundary(current, rowsInGraph, logits, candidatesNow.select(1, 0),
                                                        candidatesNow.slice(1, 1), config.norm);
        passes.index_add_(0, graphImages, at::full({graphImages.numel()}, passesPerStep, passes.options()));
        needed.index_add_(0, running, at::full({running.numel()}, passesPerStep, needed.options()));
        totalStep.index_add_(0, running, stepOnto(boundary, config.norm));
        const at::Tensor next =
            (x.index_select(0, running) + (1.0 + settings.overshoot) * totalStep.index_select(0, running))
                .clamp(0.0, 1.0);
        result.adversarial.index_copy_(0, running, next);
        control.report(step + 1, settings.maxIterations);
        control.reportIterate(step + 1, result.adversarial);
    }
    if (!result.cleanLogits.defined()) // empty batch
        result.cleanLogits = result.adversarialLogits = logitsWithoutGrad(classifier, x);
    result.gradientEvaluationsPerImage = passes.cpu();
    result.queriesPerImage = needed.cpu();
    result.gradientEvaluations = n > 0 ? passes.max().item<std::int64_t>() : 0;
    if (!result.cancelled)
        control.report(settings.maxIterations, settings.maxIterations);
    finishMinimalResult(result, input, config);
    return result;
}

} // namespace advlens::core
