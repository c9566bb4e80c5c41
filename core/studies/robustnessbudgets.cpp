#include "core/studies/robustnessbudgets.h"

#include "core/attacks/attackinfo.h"
#include "core/attacks/attackregistry.h"
#include "core/metrics/querycurve.h"
#include "core/metrics/robustnessevaluation.h"
#include "core/model/classifier.h"
#include "core/model/modelmetadata.h"
#include "core/tensor/finitelogits.h"
#include "core/util/error.h"

#include <ATen/ATen.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <sstream>

namespace advlens::core::study {

namespace {

constexpr int kAutoAttackClasses = 4;   ///< APGD-T's targeted DLR loss needs the 3rd and 4th classes
constexpr int kDefaultSquareQueries = 1000; ///< the study's Square budget: a fifth of the attack's own default

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point start)
{
    return std::chrono::duration<double>(Clock::now() - start).count();
}

/// The attack's config at the study's budget, checked against its description.
AttackConfig budgetConfig(const std::string& attack, const BudgetSettings& s,
                          const std::map<std::string, double>& extra)
{
    AttackConfig config;
    config.epsilon = s.epsilon;
    config.norm = s.norm;
    config.extra = extra;
    try {
        validateAttackConfig(attackInfo(attack), config);
    } catch (const Error& e) {
        throw Error(std::string("study settings: \"") + (attack == "autoattack" ? "autoattack" : "square") +
                    "\": " + e.what());
    }
    return config;
}

/// A metric that could not run on this model, with the reason (as the
/// minimal metrics record theirs): the study goes on.
Json skipped(const std::string& reason)
{
    Json metric;
    metric["robust_accuracy"] = nullptr;
    metric["skipped"] = reason;
    return metric;
}

std::string fingerprintOf(const std::string& attack, const BudgetSettings& s,
                          const std::map<std::string, double>& extra)
{
    std::ostringstream text;
    text.precision(17);
    text << attack << "|" << s.epsilon << "|" << toString(s.norm);
    for (const auto& [key, value] : extra)
        text << "|" << key << "=" << value;
    return text.str();
}

} // namespace

BudgetSettings parseBudgetSettings(const Json& settings)
{
    BudgetSettings s;
    const auto found = settings.find("autoattack");
    if (found != settings.end()) {
        if (!found->is_object())
            throw Error("study settings: \"autoattack\" must be an object such as {\"epsilon\": 0.1, \"norm\": "
                        "\"linf\"}");
        for (const auto& [key, value] : found->items()) {
            if (key == "norm") {
                const std::vector<Norm>& norms = attackInfo("autoattack").norms;
                const std::string text = value.is_string() ? value.get<std::string>() : value.dump();
                bool known = false;
                try {
                    s.norm = parseNorm(text);
                    known = std::find(norms.begin(), norms.end(), s.norm) != norms.end();
                } catch (const Error&) {
                }
                if (!value.is_string() || !known)
                    throw Error("study settings: \"autoattack.norm\" must be one of AutoAttack's norms (" +
                                normList(norms) + "), not " + (value.is_string() ? "\"" + text + "\"" : text));
            } else if (!value.is_number()) {
                throw Error("study settings: \"autoattack." + key + "\" must be a number");
            } else if (key == "epsilon") {
                s.epsilon = value.get<double>();
                if (!(s.epsilon > 0.0 && std::isfinite(s.epsilon)))
                    throw Error("study settings: \"autoattack.epsilon\" must be a positive number (got " +
                                value.dump() + ")");
            } else {
                s.autoAttack[key] = value.get<double>();
            }
        }
    }
    s.square = attackSettings(settings, "square");
    s.square.emplace("queries", kDefaultSquareQueries);
    budgetConfig("autoattack", s, s.autoAttack);
    budgetConfig("square", s, s.square);
    return s;
}

void checkAutoAttackModels(const StudyConfig& config)
{
    for (const StudyModel& model : config.models) {
        const std::size_t classes = readModelMetadata(model.path).classNames.size();
        if (classes < kAutoAttackClasses)
            throw Error("robustness study: metric \"autoattack\" needs models with at least 4 classes (its APGD-T "
                        "stage uses the targeted DLR loss), but " +
                        model.name + " has " + std::to_string(classes) + "; leave \"autoattack\" out of \"metrics\"");
    }
}

std::string autoAttackFingerprint(const BudgetSettings& s)
{
    return fingerprintOf("autoattack", s, s.autoAttack);
}

std::string squareFingerprint(const BudgetSettings& s)
{
    return fingerprintOf("square", s, s.square);
}

Json autoAttackMetric(Classifier& classifier, const LabelledImages& data, const BudgetSettings& s,
                      std::uint64_t seed, std::int64_t batchSize, const RunControl& control)
{
    const auto started = Clock::now();
    AttackConfig config = budgetConfig("autoattack", s, s.autoAttack);
    config.seed = seed;
    const std::unique_ptr<Attack> attack = createAttack("autoattack");
    RobustnessReport report;
    try {
        report = evaluateRobustness(classifier, data, *attack, config, {s.epsilon}, {batchSize, CurveMethod::Fast},
                                    {control.cancellation, {}, {}});
    } catch (const Error& e) {
        return skipped(e.what()); // e.g. a model without input gradients
    }
    if (report.cancelled)
        return Json();
    if (report.points.empty())
        return skipped("no images");
    const CurvePoint& point = report.points.front();
    const std::int64_t counted = report.clean.counted();
    Json stages = Json::array();
    for (const AttackStage& stage : point.stages)
        stages.push_back({{"attack", stage.name},
                          {"attacked", stage.attacked},
                          {"robust_after", stage.robustAfter},
                          {"robust_accuracy_after", counted ? double(stage.robustAfter) / double(counted) : 0.0},
                          {"queries", stage.queries},
                          {"gradient_free", stage.gradientFree},
                          {"seconds", stage.seconds}});
    Json metric;
    metric["epsilon"] = s.epsilon;
    metric["norm"] = toString(s.norm);
    metric["robust_accuracy"] = point.robustAccuracy;
    metric["clean_accuracy"] = report.clean.top1;
    metric["images"] = counted;
    metric["clean_correct"] = report.cleanCorrect;
    metric["stages"] = stages;
    metric["warnings"] = report.warnings;
    metric["queries"] = point.queries;
    metric["gradient_evaluations"] = point.gradientEvaluations;
    metric["seconds"] = secondsSince(started);
    return metric;
}

Json squareQueriesMetric(Classifier& classifier, const LabelledImages& data, const BudgetSettings& s,
                         std::uint64_t seed, std::int64_t batchSize, const RunControl& control)
{
    const auto started = Clock::now();
    AttackConfig config = budgetConfig("square", s, s.square);
    config.seed = seed;
    const std::unique_ptr<Attack> attack = createAttack("square");
    const auto budget = static_cast<std::int64_t>(std::llround(s.square.at("queries"))) * config.restarts;
    const std::int64_t n = data.size();
    const at::Tensor labels = data.labels.to(at::kCPU);
    PointAccumulator accumulator;
    std::vector<at::Tensor> toSuccess;
    bool everyBatchCounted = true;
    for (std::int64_t begin = 0; begin < n; begin += batchSize) {
        const std::int64_t end = std::min(n, begin + batchSize);
        // Each image's draws come from its index: the batch split changes nothing.
        AttackInput input{data.images.slice(0, begin, end), labels.slice(0, begin, end), at::Tensor()};
        input.indices = at::arange(begin, end, at::kLong);
        AttackResult result;
        try {
            result = attack->run(classifier, input, config, {control.cancellation, {}, {}});
        } catch (const Error& e) {
            return skipped(e.what());
        }
        if (result.cancelled || control.cancelled())
            return Json();
        accumulator.add(result);
        everyBatchCounted = everyBatchCounted && result.queriesToSuccess.defined();
        if (result.queriesToSuccess.defined())
            toSuccess.push_back(result.queriesToSuccess.to(at::kCPU));
    }
    if (n == 0)
        return skipped("no images");
    RobustnessReport report;
    const at::Tensor cleanLogits = accumulator.cleanLogits();
    setCleanResults(report, cleanLogits, labels);
    const CurvePoint point = accumulator.finish(labels, report);
    const at::Tensor robustBefore = cleanLogits.argmax(1).eq(labels).logical_and(finiteRows(cleanLogits));
    Json curve = Json::array();
    if (everyBatchCounted)
        for (const QueryAccuracy& q : accuracyByQueries(robustBefore, at::cat(toSuccess), report.clean.counted(), budget))
            curve.push_back({{"queries", q.queries}, {"robust_accuracy", q.robustAccuracy}});
    Json metric;
    metric["epsilon"] = s.epsilon;
    metric["norm"] = toString(s.norm);
    metric["budget"] = budget;
    metric["robust_accuracy"] = point.robustAccuracy;
    metric["clean_accuracy"] = report.clean.top1;
    metric["images"] = report.clean.counted();
    metric["clean_correct"] = report.cleanCorrect;
    metric["success_rate"] = point.successRate;
    metric["median_queries_to_success"] = finiteOrNull(point.medianQueriesToSuccess);
    metric["queries"] = point.queries;
    metric["curve"] = curve;
    metric["warnings"] = point.warnings;
    metric["seconds"] = secondsSince(started);
    return metric;
}

} // namespace advlens::core::study
