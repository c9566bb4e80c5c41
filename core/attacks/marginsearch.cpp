#include "core/attacks/marginsearch.h"

#include "core/attacks/attackcommon.h"
#include "core/attacks/minimalperturbation.h"

#include <ATen/ATen.h>

#include <algorithm>
#include <limits>

namespace advlens::core {

namespace {

constexpr double kNoUpperBound = 1e10;   // the reference's "no successful c yet"
constexpr double kUpperBoundKnown = 1e9; // below this, the upper bound is a real c
constexpr double kStallFactor = 0.9999;  // abort early unless the summed loss fell by 0.01 %
constexpr double kLogitMask = 1e10;      // removes a class from a max over logits

/// Z_class and max_{i≠class} Z_i per row.
std::pair<at::Tensor, at::Tensor> classAndBestOther(const at::Tensor& logits, const at::Tensor& classes)
{
    const at::Tensor own = logits.gather(1, classes.unsqueeze(1)).squeeze(1);
    const at::Tensor others =
        logits.scatter(1, classes.unsqueeze(1), at::full({logits.size(0), 1}, -kLogitMask, logits.options()));
    return {own, std::get<0>(others.max(1))};
}

/// Margin by which the goal is missed: > 0 while the image is not adversarial.
at::Tensor missedBy(const at::Tensor& logits, const at::Tensor& classes, bool targeted)
{
    const auto [own, other] = classAndBestOther(logits, classes);
    return targeted ? other - own : own - other;
}

/// Carlini & Wagner's binary search over the constant c, one per image.
class ConstantSearch {
public:
    ConstantSearch(std::int64_t n, double initial, const at::TensorOptions& options)
        : m_lower(at::zeros({n}, options))
        , m_upper(at::full({n}, kNoUpperBound, options))
        , m_constants(at::full({n}, initial, options))
    {
    }

    const at::Tensor& constants() const { return m_constants; }

    /// Halves toward the failures after a success; after a failure grows ×10
    /// until some c succeeded, then bisects.
    void update(const at::Tensor& succeeded)
    {
        m_upper = at::where(succeeded, at::minimum(m_upper, m_constants), m_upper);
        m_lower = at::where(succeeded, m_lower, at::maximum(m_lower, m_constants));
        const at::Tensor bracketed = m_upper < kUpperBoundKnown;
        m_constants =
            at::where(bracketed, (m_lower + m_upper) / 2, at::where(succeeded, m_constants, m_constants * 10));
    }

    /// The reference's last step of a long search reruns at the smallest successful c.
    void useUpperBound() { m_constants = m_upper.clone(); }

private:
    at::Tensor m_lower, m_upper, m_constants;
};

} // namespace

std::vector<AttackParameter> MarginSearchSettings::parameters(const MarginSearchSettings& defaults)
{
    constexpr double kLarge = 1e6;
    return {
        {"binary_search_steps", 1, 100, true, double(defaults.binarySearchSteps), "rounds of the search on the constant c"},
        {"max_iterations", 1, kLarge, true, double(defaults.maxIterations), "optimiser steps per binary-search step"},
        {"initial_const", 1e-12, 1e9, false, defaults.initialConst, "first constant c"},
        {"confidence", 0.0, kLarge, false, defaults.confidence, "margin kappa the adversarial logit must win by"},
        {"learning_rate", 1e-12, kLarge, false, defaults.learningRate, "the optimiser's (first) step"},
        {"abort_early", 0, 1, true, defaults.abortEarly ? 1.0 : 0.0,
         "1 ends a search round once an image's loss stalls, as the reference"},
    };
}

MarginSearchSettings MarginSearchSettings::read(const AttackConfig& config, const MarginSearchSettings& defaults)
{
    const std::vector<AttackParameter> described = parameters(defaults);
    const auto value = [&](const std::string& key) {
        return extraSetting(config, *std::find_if(described.begin(), described.end(),
                                                  [&](const AttackParameter& p) { return p.key == key; }));
    };
    MarginSearchSettings s;
    s.binarySearchSteps = static_cast<int>(value("binary_search_steps"));
    s.maxIterations = static_cast<int>(value("max_iterations"));
    s.initialConst = value("initial_const");
    s.confidence = value("confidence");
    s.learningRate = value("learning_rate");
    s.abortEarly = value("abort_early") != 0.0;
    return s;
}

at::Tensor marginLoss(const at::Tensor& logits, const at::Tensor& classes, bool targeted, double confidence)
{
    return (missedBy(logits, classes, targeted) + confidence).clamp_min(0.0);
}

at::Tensor reachedWithConfidence(const at::Tensor& logits, const at::Tensor& classes, bool targeted, double confidence)
{
    return (missedBy(logits, classes, targeted) + confidence) < 0.0;
}

AttackResult runMarginSearch(Classifier& classifier, const AttackInput& input, const AttackConfig& config,
                             const MarginSearchSettings& settings, MarginOptimiser& optimiser,
                             const RunControl& control)
{
    const at::Tensor& x = input.images;
    const at::Tensor& goal = config.targeted ? input.targets : input.labels;
    const std::int64_t n = x.size(0);
    const MinimalBudget budget(config);

    AttackResult result;
    result.cleanLogits = logitsWithoutGrad(classifier, x);
    const at::Tensor attacked = worthAttacking(result.cleanLogits, input, config.targeted);
    // The closest admissible adversarial image so far; the clean image until one is found.
    at::Tensor bestImages = x.clone();
    at::Tensor bestLogits = result.cleanLogits.clone();
    at::Tensor bestDistance = at::full({n}, std::numeric_limits<double>::infinity(), x.options());

    ConstantSearch search(n, settings.initialConst, x.options());
    const std::int64_t total = std::int64_t{settings.binarySearchSteps} * settings.maxIterations;
    const int checkEvery = std::max(1, settings.maxIterations / 10);
    at::Tensor steps = at::zeros({n}, x.options().dtype(at::kLong)); // gradient evaluations per image
    at::Tensor optimised; // with an iterate callback: every image's latest optimisation iterate
    for (int round = 0; round < settings.binarySearchSteps && !result.cancelled; ++round) {
        if (settings.binarySearchSteps >= 10 && round == settings.binarySearchSteps - 1)
            search.useUpperBound();
        optimiser.restart(search.constants());
        at::Tensor active = attacked.nonzero().squeeze(1);
        at::Tensor succeeded = at::zeros({n}, x.options().dtype(at::kBool));
        double lastTotal = std::numeric_limits<double>::infinity();
        for (int iteration = 0; iteration < settings.maxIterations && active.numel() > 0; ++iteration) {
            if (control.cancelled()) {
                result.cancelled = true;
                break;
            }
            const at::Tensor evaluated = active;
            const MarginEvaluation e = optimiser.step(active);
            steps.index_add_(0, active, at::ones({active.numel()}, steps.options()));
            const at::Tensor reached =
                reachedWithConfidence(e.logits, goal.index_select(0, active), config.targeted, settings.confidence);
            succeeded.index_fill_(0, active.masked_select(reached), true);
            const at::Tensor closer = reached.logical_and(budget.admits(e.images - x.index_select(0, active)))
                                          .logical_and(e.distance < bestDistance.index_select(0, active));
            const at::Tensor which = closer.nonzero().squeeze(1);
            const at::Tensor rows = active.index_select(0, which);
            bestDistance.index_copy_(0, rows, e.distance.index_select(0, which));
            bestImages.index_copy_(0, rows, e.images.index_select(0, which));
            bestLogits.index_copy_(0, rows, e.logits.index_select(0, which));
            if (settings.abortEarly && iteration % checkEvery == 0) {
                // The reference's rule: every max_iterations/10 steps, stop the
                // optimisation when the summed loss has not fallen by 0.01 %
                // since the last checkpoint. Applied per image (retiring each
                // whose own loss stalled) it stopped images still closing in:
                // mean l2 5-12 % above the run without abort_early.
                const double loss = e.loss.sum().item<double>();
                if (loss > lastTotal * kStallFactor)
                    active = active.slice(0, 0, 0);
                lastTotal = loss;
            }
            control.report(std::int64_t{round} * settings.maxIterations + iteration + 1, total);
            if (control.wantsIterates()) {
                if (!optimised.defined())
                    optimised = x.clone();
                optimised.index_copy_(0, evaluated, e.images.detach());
                control.reportIterate(std::int64_t{round} * settings.maxIterations + iteration + 1, optimised);
            }
        }
        if (!result.cancelled) {
            search.update(succeeded);
            control.report(std::int64_t{round + 1} * settings.maxIterations, total);
        }
    }
    result.adversarial = bestImages;
    result.adversarialLogits = bestLogits;
    result.gradientEvaluationsPerImage = steps.cpu();
    result.gradientEvaluations = n > 0 ? steps.max().item<std::int64_t>() : 0;
    finishMinimalResult(result, input, config);
    return result;
}

} // namespace advlens::core
