#include "core/metrics/transferevaluation.h"

#include "core/attacks/attackcommon.h"
#include "core/attacks/targetselection.h"
#include "core/metrics/accuracy.h"
#include "core/metrics/shares.h"
#include "core/model/classifier.h"
#include "core/model/ensembleclassifier.h"
#include "core/util/error.h"

#include <ATen/ATen.h>

#include <algorithm>
#include <chrono>

namespace advlens::core {

namespace {

using Clock = std::chrono::steady_clock;

/// Runs every config as one point: the attack on the surrogate, the verdict
/// of the target; over CurveOptions::images of the set when given, each image
/// keeping its index for its draws and its target, with its outcomes kept for the merge.
RobustnessReport transferCurve(Classifier& surrogate, Classifier& target, const LabelledImages& data, Attack& attack,
                               RobustnessReport report, const std::vector<AttackConfig>& configs,
                               const CurveOptions& options, const RunControl& control, const PointCallback& onPoint)
{
    requireSameInputAndClasses(target.metadata(), surrogate.metadata(), "a transfer evaluation");
    if (options.batchSize < 1)
        throw Error("batch size must be at least 1");
    report.method = "naive";
    report.surrogate = surrogate.metadata().name;
    if (data.size() == 0 || (options.images.defined() && options.images.numel() == 0))
        return report;
    at::Tensor labels = data.labels.to(at::kCPU, at::kLong);
    // Drawn for the whole set, then picked, as evaluateRobustness does.
    at::Tensor targets =
        report.config.targeted ? randomTargets(labels, target.numClasses(), report.config.seed) : at::Tensor();
    at::Tensor images = data.images.to(at::kCPU);
    at::Tensor indices = at::arange(data.size(), at::kLong);
    if (options.images.defined()) {
        indices = checkedImageIndices(options.images, data.size());
        images = images.index_select(0, indices);
        labels = labels.index_select(0, indices);
        if (targets.defined())
            targets = targets.index_select(0, indices);
    }
    report.outcomes.indices = indices;
    const at::Tensor cleanLogits = predictLogits(target, images, options.batchSize);
    setCleanResults(report, cleanLogits, labels);

    const std::int64_t n = indices.size(0);
    const std::int64_t batches = (n + options.batchSize - 1) / options.batchSize;
    const std::int64_t total = batches * static_cast<std::int64_t>(configs.size());
    const RunControl attackControl{control.cancellation, {}, {}};
    for (std::size_t p = 0; p < configs.size(); ++p) {
        const auto started = Clock::now();
        PointAccumulator accumulator;
        for (std::int64_t b = 0; b < batches; ++b) {
            const std::int64_t begin = b * options.batchSize, end = std::min(n, begin + options.batchSize);
            AttackInput input{images.slice(0, begin, end), labels.slice(0, begin, end),
                              configs[p].targeted ? targets.slice(0, begin, end) : at::Tensor()};
            input.indices = indices.slice(0, begin, end);
            const AttackResult made = attack.run(surrogate, input, configs[p], attackControl);
            if (made.cancelled || control.cancelled()) {
                report.cancelled = true;
                return report;
            }
            // The same images, judged by the target; the cost stays the surrogate's.
            AttackResult judged;
            judged.adversarial = made.adversarial.detach().to(at::kCPU);
            judged.cleanLogits = cleanLogits.slice(0, begin, end);
            judged.adversarialLogits = predictLogits(target, judged.adversarial, options.batchSize);
            judged.gradientEvaluations = made.gradientEvaluations;
            if (made.gradientEvaluationsPerImage.defined())
                judged.gradientEvaluationsPerImage = made.gradientEvaluationsPerImage.to(at::kCPU);
            if (made.queriesPerImage.defined())
                judged.queriesPerImage = made.queriesPerImage.to(at::kCPU);
            completeResult(judged, input, configs[p]);
            accumulator.add(judged);
            control.report(static_cast<std::int64_t>(p) * batches + b + 1, total);
        }
        PointOutcomes outcomes = accumulator.outcomes();
        CurvePoint point = curvePointOf(outcomes, report, labels);
        point.epsilon = configs[p].epsilon;
        point.steps = configs[p].steps;
        point.seconds = std::chrono::duration<double>(Clock::now() - started).count();
        addPoint(report, point);
        report.outcomes.points.push_back(std::move(outcomes));
        if (onPoint)
            onPoint(point);
    }
    return report;
}

RobustnessReport emptyReport(Classifier& target, Attack& attack, const AttackConfig& config)
{
    RobustnessReport report;
    report.model = target.metadata().name;
    report.attack = attack.name();
    report.config = config;
    return report;
}

} // namespace

RobustnessReport evaluateTransfer(Classifier& surrogate, Classifier& target, const LabelledImages& data,
                                  Attack& attack, const AttackConfig& config, std::vector<double> epsilons,
                                  const CurveOptions& options, const RunControl& control, const PointCallback& onPoint)
{
    if (epsilons.empty())
        throw Error("a curve needs at least one epsilon");
    std::sort(epsilons.begin(), epsilons.end());
    std::vector<AttackConfig> configs;
    for (double epsilon : epsilons) {
        configs.push_back(config);
        configs.back().epsilon = epsilon;
    }
    return transferCurve(surrogate, target, data, attack, emptyReport(target, attack, config), configs, options,
                         control, onPoint);
}

RobustnessReport evaluateTransferIterations(Classifier& surrogate, Classifier& target, const LabelledImages& data,
                                            Attack& attack, const AttackConfig& config, std::vector<int> steps,
                                            const CurveOptions& options, const RunControl& control,
                                            const PointCallback& onPoint)
{
    if (steps.empty() || *std::min_element(steps.begin(), steps.end()) < 1)
        throw Error("an iteration curve needs step counts of at least 1");
    std::sort(steps.begin(), steps.end());
    steps.erase(std::unique(steps.begin(), steps.end()), steps.end());
    AttackConfig fixed = config;
    fixed.steps = steps.back();
    // As evaluateIterations: 2.5·ε/steps for PGD, ε/steps for BIM and MIM, fixed for the whole curve.
    const bool unitMultiple = attack.name() == "bim" || attack.name() == "mim";
    fixed.stepSize = fixed.effectiveStepSize(unitMultiple ? 1.0 : 2.5);
    std::vector<AttackConfig> configs;
    for (int s : steps) {
        configs.push_back(fixed);
        configs.back().steps = s;
    }
    RobustnessReport report = emptyReport(target, attack, fixed);
    report.axis = "steps";
    return transferCurve(surrogate, target, data, attack, std::move(report), configs, options, control, onPoint);
}

} // namespace advlens::core
