#include "core/metrics/robustnessevaluation.h"

#include "core/attacks/attackcommon.h"
#include "core/attacks/attackregistry.h"
#include "core/attacks/evaluationsigns.h"
#include "core/attacks/lpball.h"
#include "core/attacks/minimalperturbation.h"
#include "core/attacks/targetselection.h"
#include "core/tensor/finitelogits.h"
#include "core/metrics/minimaldistance.h"
#include "core/metrics/shares.h"
#include "core/model/classifier.h"
#include "core/util/error.h"

#include <ATen/ATen.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>

namespace advlens::core {

namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point start)
{
    return std::chrono::duration<double>(Clock::now() - start).count();
}

/// What every curve shares: the images to attack split into batches,
/// targets, progress.
struct CurveRun {
    Classifier& classifier;
    const AttackConfig& config;
    const CurveOptions& options;
    const RunControl& control;
    at::Tensor images;  ///< the images attacked (CurveOptions::images of the set, or all)
    at::Tensor indices; ///< CPU: their indices in the data set, what their random draws are seeded from
    at::Tensor labels;  ///< CPU
    at::Tensor targets; ///< CPU, defined when targeted
    std::int64_t batches = 0;

    CurveRun(Classifier& c, const LabelledImages& d, const AttackConfig& cfg, const CurveOptions& o,
             const RunControl& ctl)
        : classifier(c)
        , config(cfg)
        , options(o)
        , control(ctl)
        , labels(d.labels.to(at::kCPU))
    {
        if (options.batchSize < 1)
            throw Error("batch size must be at least 1");
        // Targets are drawn for the whole set, then picked: an image's target
        // does not depend on which other images are evaluated with it.
        if (config.targeted)
            targets = randomTargets(labels, classifier.numClasses(), config.seed);
        if (options.images.defined()) {
            indices = checkedImageIndices(options.images, d.size());
            images = d.images.index_select(0, indices.to(d.images.device()));
            labels = labels.index_select(0, indices);
            if (config.targeted)
                targets = targets.index_select(0, indices);
        } else {
            indices = at::arange(d.size(), at::kLong);
            images = d.images;
        }
        batches = (size() + options.batchSize - 1) / options.batchSize;
    }

    std::int64_t size() const { return indices.size(0); }

    AttackInput batch(std::int64_t b) const
    {
        const std::int64_t start = b * options.batchSize, end = std::min(size(), start + options.batchSize);
        AttackInput input{images.slice(0, start, end), labels.slice(0, start, end),
                          config.targeted ? targets.slice(0, start, end) : at::Tensor()};
        input.indices = indices.slice(0, start, end);
        return input;
    }

    /// The control an attack gets: our cancellation, no progress of its own.
    RunControl attackControl() const { return {control.cancellation, {}, {}}; }
};

/// Adds a finished point and its per-image outcomes to the report and tells
/// the caller.
void publish(RobustnessReport& report, const CurvePoint& point, PointOutcomes outcomes, const PointCallback& onPoint)
{
    addPoint(report, point);
    report.outcomes.points.push_back(std::move(outcomes));
    if (onPoint)
        onPoint(point);
}

/// The attack's "queries" setting (the config's, or the attack's default);
/// 0 for an attack that reads none. Accuracy-by-queries curves end there.
std::int64_t queryBudgetOf(const Attack& attack, const AttackConfig& config)
{
    if (const auto it = config.extra.find("queries"); it != config.extra.end())
        return static_cast<std::int64_t>(it->second);
    for (const AttackInfo& info : availableAttacks())
        if (info.name == attack.name())
            if (const AttackParameter* p = info.parameter("queries"); p && p->defaultValue)
                return static_cast<std::int64_t>(*p->defaultValue);
    return 0;
}

void naiveCurve(RobustnessReport& report, CurveRun& run, Attack& attack, const std::vector<AttackConfig>& configs,
                const PointCallback& onPoint)
{
    const std::int64_t total = run.batches * static_cast<std::int64_t>(configs.size());
    for (std::size_t p = 0; p < configs.size(); ++p) {
        const auto started = Clock::now();
        PointAccumulator accumulator;
        accumulator.setQueryBudget(queryBudgetOf(attack, configs[p]));
        for (std::int64_t b = 0; b < run.batches; ++b) {
            const AttackResult r = attack.run(run.classifier, run.batch(b), configs[p], run.attackControl());
            if (r.cancelled || run.control.cancelled()) {
                report.cancelled = true;
                return;
            }
            accumulator.add(r);
            run.control.report(static_cast<std::int64_t>(p) * run.batches + b + 1, total);
        }
        if (p == 0)
            setCleanResults(report, accumulator.cleanLogits(), run.labels);
        PointOutcomes outcomes = accumulator.outcomes();
        CurvePoint point = curvePointOf(outcomes, report, run.labels);
        point.epsilon = configs[p].epsilon;
        point.steps = configs[p].steps;
        point.seconds = secondsSince(started);
        publish(report, point, std::move(outcomes), onPoint);
    }
}

/// The attack at every ε from its fast sweep, one shared computation per
/// batch (FGSM: one gradient per image, exactly what Fgsm::run computes).
void sweepCurve(RobustnessReport& report, CurveRun& run, const AttackInfo& info, const std::vector<double>& epsilons,
                const PointCallback& onPoint)
{
    std::vector<PointAccumulator> accumulators(epsilons.size());
    std::vector<double> seconds(epsilons.size(), 0.0);
    for (std::int64_t b = 0; b < run.batches; ++b) {
        if (run.control.cancelled()) {
            report.cancelled = true;
            return;
        }
        const AttackInput input = prepareAttackInput(run.classifier, run.batch(b), run.config);
        const auto gradientStarted = Clock::now();
        const std::unique_ptr<EpsilonSweep> sweep = info.makeSweep(run.classifier, input, run.config);
        const double gradientSeconds = secondsSince(gradientStarted);
        for (std::size_t e = 0; e < epsilons.size(); ++e) {
            const auto started = Clock::now();
            AttackResult r = sweep->at(epsilons[e]);
            if (e > 0) { // the shared computation is counted once
                r.gradientEvaluations = 0;
                r.gradientEvaluationsPerImage.zero_();
                r.queriesPerImage.zero_();
            }
            accumulators[e].add(r);
            seconds[e] += secondsSince(started) + (e == 0 ? gradientSeconds : 0.0);
        }
        run.control.report(b + 1, run.batches);
    }
    setCleanResults(report, accumulators.front().cleanLogits(), run.labels);
    for (std::size_t e = 0; e < epsilons.size(); ++e) {
        PointOutcomes outcomes = accumulators[e].outcomes();
        CurvePoint point = curvePointOf(outcomes, report, run.labels);
        point.epsilon = epsilons[e];
        point.steps = info.iterative ? run.config.steps : 1;
        point.seconds = seconds[e];
        publish(report, point, std::move(outcomes), onPoint);
    }
}

/// Iterative attacks over ascending ε: an image fooled at a smaller ε keeps its
/// adversarial (it is inside every larger ball), so only the rest are attacked.
void incrementalCurve(RobustnessReport& report, CurveRun& run, Attack& attack, const std::vector<double>& epsilons,
                      const PointCallback& onPoint)
{
    const std::int64_t n = run.size();
    const at::Tensor images = run.images.to(at::kCPU);
    at::Tensor done = at::zeros({n}, at::kBool);
    at::Tensor predictions = at::empty({n}, at::kLong);
    at::Tensor adversarialFinite = at::ones({n}, at::kBool);
    at::Tensor adversarial = images.clone(); // the last iterate, the next ε's warm start
    at::Tensor queries = at::zeros({n}, at::kLong); // over all ε so far: what each success cost
    // Over all ε so far: the queries when the image first met its goal, −1 never.
    at::Tensor toSuccess = at::full({n}, -1, at::kLong);
    bool everyRunCounted = true; // every run gave queriesToSuccess
    at::Tensor cleanLogits;
    at::Tensor norms[4] = {at::zeros({n}), at::zeros({n}), at::zeros({n}), at::zeros({n})};
    const std::int64_t total = run.batches * static_cast<std::int64_t>(epsilons.size());

    for (std::size_t e = 0; e < epsilons.size(); ++e) {
        const auto started = Clock::now();
        AttackConfig config = run.config;
        config.epsilon = epsilons[e];
        std::int64_t gradientEvaluations = 0;
        std::int64_t pointQueries = 0;
        std::vector<AttackStage> stages;
        EvaluationSigns signs;
        for (std::int64_t b = 0; b < run.batches; ++b) {
            const std::int64_t begin = b * run.options.batchSize;
            const std::int64_t end = std::min(n, begin + run.options.batchSize);
            const at::Tensor index =
                at::arange(begin, end, at::kLong).masked_select(done.slice(0, begin, end).logical_not());
            if (index.numel() > 0) {
                AttackInput input{images.index_select(0, index), run.labels.index_select(0, index),
                                  config.targeted ? run.targets.index_select(0, index) : at::Tensor()};
                input.indices = run.indices.index_select(0, index);
                if (e > 0) // continue from where the smaller ball left off
                    input.start = adversarial.index_select(0, index);
                const AttackResult r = attack.run(run.classifier, input, config, run.attackControl());
                if (r.cancelled || run.control.cancelled()) {
                    report.cancelled = true;
                    return;
                }
                if (e == 0) {
                    if (!cleanLogits.defined())
                        cleanLogits = at::empty({n, r.cleanLogits.size(1)});
                    cleanLogits.index_copy_(0, index, r.cleanLogits.to(at::kCPU));
                }
                adversarial.index_copy_(0, index, r.adversarial.to(at::kCPU));
                const at::Tensor predicted = r.adversarialPredictions.to(at::kCPU);
                predictions.index_copy_(0, index, predicted);
                adversarialFinite.index_copy_(0, index, finiteRows(r.adversarialLogits).to(at::kCPU));
                const at::Tensor reached = config.targeted ? predicted.eq(input.targets) : predicted.ne(input.labels);
                done.index_copy_(0, index, reached);
                const at::Tensor* batchNorms[4] = {&r.norms.l0, &r.norms.l1, &r.norms.l2, &r.norms.linf};
                for (int k = 0; k < 4; ++k)
                    norms[k].index_copy_(0, index, *batchNorms[k]);
                gradientEvaluations += gradientEvaluationsOf(r);
                everyRunCounted = everyRunCounted && r.queriesToSuccess.defined();
                if (r.queriesToSuccess.defined()) {
                    const at::Tensor spent = r.queriesToSuccess.to(at::kCPU);
                    toSuccess.index_copy_(0, index,
                                          at::where(spent.ge(0), queries.index_select(0, index) + spent, spent));
                }
                queries.index_add_(0, index, r.queriesPerImage.to(at::kCPU));
                pointQueries += r.queriesPerImage.sum().item<std::int64_t>();
                addStages(stages, r.stages);
                signs.add(r.signs);
            }
            run.control.report(static_cast<std::int64_t>(e) * run.batches + b + 1, total);
        }
        if (e == 0)
            setCleanResults(report, cleanLogits, run.labels);
        const at::Tensor cleanCorrect = cleanLogits.argmax(1).eq(run.labels);
        const at::Tensor goal = config.targeted ? predictions.eq(run.targets) : predictions.ne(run.labels);
        // Copies: the running tensors change at the next ε.
        PointOutcomes outcomes;
        outcomes.predictions = predictions.clone();
        outcomes.adversarialFinite = adversarialFinite.clone();
        outcomes.success = cleanCorrect.logical_and(goal);
        outcomes.l0 = norms[0].clone();
        outcomes.l1 = norms[1].clone();
        outcomes.l2 = norms[2].clone();
        outcomes.linf = norms[3].clone();
        outcomes.queries = queries.clone();
        // The queries of the smaller ε count too: the curve may run past the budget.
        if (everyRunCounted)
            outcomes.queriesToSuccess = toSuccess.clone();
        outcomes.gradientEvaluations = gradientEvaluations;
        outcomes.queriesSpent = pointQueries;
        outcomes.queryBudget = queryBudgetOf(attack, config);
        outcomes.stages = stages;
        outcomes.signs = signs;
        CurvePoint point = curvePointOf(outcomes, report, run.labels);
        point.epsilon = config.epsilon;
        point.steps = config.steps;
        point.seconds = secondsSince(started);
        publish(report, point, std::move(outcomes), onPoint);
    }
}

/// Iteration counts in ascending order, each point resuming the previous
/// point's iterates: the same iterates as fresh runs, for max(steps) passes.
void resumedIterationCurve(RobustnessReport& report, CurveRun& run, Attack& attack,
                           const std::vector<AttackConfig>& configs, const PointCallback& onPoint)
{
    const std::int64_t total = run.batches * static_cast<std::int64_t>(configs.size());
    std::vector<at::Tensor> iterates(static_cast<std::size_t>(run.batches));
    for (std::size_t p = 0; p < configs.size(); ++p) {
        const auto started = Clock::now();
        AttackConfig config = configs[p];
        config.steps = configs[p].steps - (p == 0 ? 0 : configs[p - 1].steps);
        PointAccumulator accumulator;
        for (std::int64_t b = 0; b < run.batches; ++b) {
            AttackInput input = run.batch(b);
            if (p > 0)
                input.start = iterates[static_cast<std::size_t>(b)];
            const AttackResult r = attack.run(run.classifier, input, config, run.attackControl());
            if (r.cancelled || run.control.cancelled()) {
                report.cancelled = true;
                return;
            }
            iterates[static_cast<std::size_t>(b)] = r.adversarial.to(at::kCPU);
            accumulator.add(r);
            run.control.report(static_cast<std::int64_t>(p) * run.batches + b + 1, total);
        }
        if (p == 0)
            setCleanResults(report, accumulator.cleanLogits(), run.labels);
        PointOutcomes outcomes = accumulator.outcomes();
        CurvePoint point = curvePointOf(outcomes, report, run.labels);
        point.epsilon = configs[p].epsilon;
        point.steps = configs[p].steps;
        point.seconds = secondsSince(started);
        publish(report, point, std::move(outcomes), onPoint);
    }
}

/// Minimal-perturbation attacks search without a budget, so one unbounded run
/// per image gives every point: at ε the image is fooled when its minimal
/// perturbation fits the ε-ball, exactly what a run with that budget returns.
void distanceThresholdCurve(RobustnessReport& report, CurveRun& run, Attack& attack,
                            const std::vector<double>& epsilons, const PointCallback& onPoint)
{
    std::vector<PointAccumulator> accumulators(epsilons.size());
    for (PointAccumulator& accumulator : accumulators)
        accumulator.setQueryBudget(queryBudgetOf(attack, run.config));
    AttackConfig unbounded = run.config;
    unbounded.epsilon = std::numeric_limits<double>::infinity();
    const auto started = Clock::now();
    for (std::int64_t b = 0; b < run.batches; ++b) {
        const AttackResult full = attack.run(run.classifier, run.batch(b), unbounded, run.attackControl());
        if (full.cancelled || run.control.cancelled()) {
            report.cancelled = true;
            return;
        }
        const AttackInput input = prepareAttackInput(run.classifier, run.batch(b), AttackConfig{});
        for (std::size_t e = 0; e < epsilons.size(); ++e) {
            AttackConfig config = run.config;
            config.epsilon = epsilons[e];
            AttackResult r = full;
            finishMinimalResult(r, input, config);
            if (e > 0) // the search is shared by every ε
                r.gradientEvaluationsPerImage = at::zeros({input.images.size(0)}, at::kLong);
            // The unbounded run says when each image's first adversarial was
            // found, not when its point first came within a finite ε: no
            // accuracy-by-queries curve there (--naive runs each ε on its own).
            if (std::isfinite(epsilons[e]))
                r.queriesToSuccess = at::Tensor();
            accumulators[e].add(r);
        }
        run.control.report(b + 1, run.batches);
    }
    setCleanResults(report, accumulators.front().cleanLogits(), run.labels);
    for (std::size_t e = 0; e < epsilons.size(); ++e) {
        PointOutcomes outcomes = accumulators[e].outcomes();
        CurvePoint point = curvePointOf(outcomes, report, run.labels);
        point.epsilon = epsilons[e];
        point.steps = run.config.steps;
        point.seconds = e == 0 ? secondsSince(started) : 0.0;
        publish(report, point, std::move(outcomes), onPoint);
    }
}

/// The registry's description of `attack`; nullptr for an attack made
/// outside the registry (it gets the naive curve).
const AttackInfo* descriptionOf(const Attack& attack)
{
    for (const AttackInfo& info : availableAttacks())
        if (info.name == attack.name())
            return &info;
    return nullptr;
}

/// An empty set or share: the report stays without points.
bool nothingToEvaluate(const LabelledImages& data, const CurveOptions& options)
{
    return data.size() == 0 || (options.images.defined() && options.images.numel() == 0);
}

RobustnessReport emptyReport(Classifier& classifier, Attack& attack, const AttackConfig& config)
{
    RobustnessReport report;
    report.model = classifier.metadata().name;
    report.attack = attack.name();
    report.config = config;
    return report;
}

} // namespace

RobustnessReport evaluateRobustness(Classifier& classifier, const LabelledImages& data, Attack& attack,
                                    const AttackConfig& config, std::vector<double> epsilons,
                                    const CurveOptions& options, const RunControl& control,
                                    const PointCallback& onPoint)
{
    if (epsilons.empty())
        throw Error("a curve needs at least one epsilon");
    std::sort(epsilons.begin(), epsilons.end());
    RobustnessReport report = emptyReport(classifier, attack, config);
    if (nothingToEvaluate(data, options))
        return report;
    CurveRun run(classifier, data, config, options, control);
    report.outcomes.indices = run.indices;
    const AttackInfo* info = options.method == CurveMethod::Fast ? descriptionOf(attack) : nullptr;
    if (info && info->minimal) {
        report.method = "distance-threshold";
        distanceThresholdCurve(report, run, attack, epsilons, onPoint);
    } else if (info && info->makeSweep) {
        report.method = "shared-sweep";
        sweepCurve(report, run, *info, epsilons, onPoint);
    } else if (info && info->iterative) {
        report.method = "incremental";
        incrementalCurve(report, run, attack, epsilons, onPoint);
    } else {
        std::vector<AttackConfig> configs;
        for (double epsilon : epsilons) {
            configs.push_back(config);
            configs.back().epsilon = epsilon;
        }
        naiveCurve(report, run, attack, configs, onPoint);
    }
    return report;
}

RobustnessReport evaluateIterations(Classifier& classifier, const LabelledImages& data, Attack& attack,
                                    const AttackConfig& config, std::vector<int> steps, const CurveOptions& options,
                                    const RunControl& control, const PointCallback& onPoint)
{
    if (steps.empty() || *std::min_element(steps.begin(), steps.end()) < 1)
        throw Error("an iteration curve needs step counts of at least 1");
    std::sort(steps.begin(), steps.end());
    steps.erase(std::unique(steps.begin(), steps.end()), steps.end());
    RobustnessReport report = emptyReport(classifier, attack, config);
    report.axis = "steps";
    if (nothingToEvaluate(data, options))
        return report;
    AttackConfig fixed = config;
    fixed.steps = steps.back();
    // Each attack's own default: 2.5·ε/steps for PGD, ε/steps for BIM and MIM.
    const bool unitMultiple = attack.name() == "bim" || attack.name() == "mim";
    fixed.stepSize = fixed.effectiveStepSize(unitMultiple ? 1.0 : 2.5);
    std::vector<AttackConfig> configs;
    for (int s : steps) {
        configs.push_back(fixed);
        configs.back().steps = s;
    }
    report.config = fixed;
    CurveRun run(classifier, data, fixed, options, control);
    report.outcomes.indices = run.indices;
    // PGD and BIM keep no state but the iterate, so s₂ steps are s₁ steps continued
    // for s₂ − s₁ more: the fast curve costs max(steps) instead of their sum.
    const bool resumable =
        (attack.name() == "pgd" || attack.name() == "bim") && fixed.restarts == 1 && !fixed.earlyStop;
    if (options.method == CurveMethod::Fast && resumable) {
        report.method = "resumed-iterations";
        resumedIterationCurve(report, run, attack, configs, onPoint);
    } else {
        naiveCurve(report, run, attack, configs, onPoint);
    }
    return report;
}

} // namespace advlens::core
