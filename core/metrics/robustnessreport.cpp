#include "core/metrics/robustnessreport.h"

#include "core/attacks/evaluationsigns.h"
#include "core/tensor/finitelogits.h"

#include <ATen/ATen.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>

namespace advlens::core {

std::int64_t gradientEvaluationsOf(const AttackResult& r)
{
    if (r.gradientEvaluationsPerImage.defined())
        return r.gradientEvaluationsPerImage.sum().item<std::int64_t>();
    return r.gradientEvaluations * r.adversarial.size(0);
}

void PointAccumulator::add(const AttackResult& r)
{
    m_cleanLogits.push_back(r.cleanLogits.to(at::kCPU));
    m_predictions.push_back(r.adversarialPredictions.to(at::kCPU));
    m_adversarialFinite.push_back(finiteRows(r.adversarialLogits).to(at::kCPU));
    m_success.push_back(r.success.to(at::kCPU));
    m_l0.push_back(r.norms.l0);
    m_l1.push_back(r.norms.l1);
    m_l2.push_back(r.norms.l2);
    m_linf.push_back(r.norms.linf);
    m_gradientEvaluations += gradientEvaluationsOf(r);
    m_queries.push_back(r.queriesPerImage.defined() ? r.queriesPerImage.to(at::kCPU)
                                                    : at::zeros({r.adversarial.size(0)}, at::kLong));
    m_everyBatchCounted = m_everyBatchCounted && r.queriesToSuccess.defined();
    if (r.queriesToSuccess.defined())
        m_queriesToSuccess.push_back(r.queriesToSuccess.to(at::kCPU, at::kLong));
    addStages(m_stages, r.stages);
    m_signs.add(r.signs);
}

at::Tensor PointAccumulator::cleanLogits() const
{
    return at::cat(m_cleanLogits, 0);
}

PointOutcomes PointAccumulator::outcomes() const
{
    PointOutcomes o;
    o.predictions = at::cat(m_predictions, 0);
    o.adversarialFinite = at::cat(m_adversarialFinite, 0);
    o.success = at::cat(m_success, 0);
    o.l0 = at::cat(m_l0, 0);
    o.l1 = at::cat(m_l1, 0);
    o.l2 = at::cat(m_l2, 0);
    o.linf = at::cat(m_linf, 0);
    o.queries = at::cat(m_queries, 0);
    if (m_everyBatchCounted && !m_queriesToSuccess.empty())
        o.queriesToSuccess = at::cat(m_queriesToSuccess, 0);
    o.gradientEvaluations = m_gradientEvaluations;
    o.queriesSpent = o.queries.sum().item<std::int64_t>();
    o.queryBudget = m_queryBudget;
    o.stages = m_stages;
    o.signs = m_signs;
    return o;
}

CurvePoint PointAccumulator::finish(const at::Tensor& labels, const RobustnessReport& report) const
{
    return curvePointOf(outcomes(), report, labels);
}

CurvePoint curvePointOf(const PointOutcomes& o, const RobustnessReport& report, const at::Tensor& labels)
{
    CurvePoint point;
    const at::Tensor* const norms[4] = {&o.l0, &o.l1, &o.l2, &o.linf};
    setPointResults(point, report, labels, o.predictions, o.adversarialFinite, o.success, norms);
    point.gradientEvaluations = o.gradientEvaluations;
    setQueryResults(point, o.queries, o.success, o.stages, o.signs);
    point.queries = o.queriesSpent;
    if (o.queriesToSuccess.defined()) {
        const CleanOutcomes& clean = report.outcomes.clean;
        const at::Tensor robustBefore = clean.predictions.eq(labels).logical_and(clean.finite);
        setQueryCurve(point, report, labels, robustBefore, o.predictions, o.adversarialFinite, o.success, o.queries,
                      o.queriesToSuccess, o.queryBudget);
    }
    return point;
}

void addPoint(RobustnessReport& report, const CurvePoint& point)
{
    for (const std::string& warning : point.warnings)
        if (std::find(report.warnings.begin(), report.warnings.end(), warning) == report.warnings.end())
            report.warnings.push_back(warning);
    report.points.push_back(point);
}

void setCleanResults(RobustnessReport& report, const at::Tensor& cleanLogits, const at::Tensor& labels)
{
    setCleanResults(report, cleanOutcomesOf(cleanLogits, labels), labels);
}

void setCleanResults(RobustnessReport& report, const CleanOutcomes& clean, const at::Tensor& labels)
{
    // accuracyOf's arithmetic, so that a report reads the same as before.
    Accuracy accuracy;
    accuracy.images = clean.finite.size(0);
    accuracy.nonFinite = accuracy.images - clean.finite.sum().item<std::int64_t>();
    if (accuracy.counted() > 0) {
        accuracy.top1 = clean.top1.index({clean.finite}).to(at::kDouble).mean().item<double>();
        accuracy.top5 = clean.top5.index({clean.finite}).to(at::kDouble).mean().item<double>();
    }
    report.clean = accuracy;
    report.cleanCorrect = clean.predictions.eq(labels).logical_and(clean.finite).sum().item<std::int64_t>();
    report.nonFiniteImages = falseIndices(clean.finite);
    report.outcomes.clean = clean;
    report.outcomes.labels = labels;
}

void setQueryResults(CurvePoint& point, const at::Tensor& queries, const at::Tensor& success,
                     const std::vector<AttackStage>& stages, const EvaluationSigns& signs)
{
    point.queries = queries.sum().item<std::int64_t>();
    const at::Tensor succeeded = queries.masked_select(success).to(at::kDouble);
    // The lower middle value for an even count, as torch.median (the reference's figure).
    point.medianQueriesToSuccess =
        succeeded.numel() ? succeeded.median().item<double>() : std::numeric_limits<double>::quiet_NaN();
    point.stages = stages;
    point.warnings = evaluationWarnings(signs, stages, queries.size(0));
}

void setPointResults(CurvePoint& point, const RobustnessReport& report, const at::Tensor& labels,
                     const at::Tensor& predictions, const at::Tensor& adversarialFinite, const at::Tensor& success,
                     const at::Tensor* const norms[4])
{
    at::Tensor cleanFinite = at::ones({labels.size(0)}, at::kBool);
    if (!report.nonFiniteImages.empty())
        cleanFinite.index_fill_(0, at::tensor(report.nonFiniteImages, at::kLong), false);
    const at::Tensor robust = predictions.eq(labels).logical_and(adversarialFinite).logical_and(cleanFinite);
    const std::int64_t counted = report.clean.counted();
    point.robustAccuracy = counted ? double(robust.sum().item<std::int64_t>()) / double(counted) : 0.0;
    point.nonFiniteAdversarial = adversarialFinite.logical_not().logical_and(cleanFinite).sum().item<std::int64_t>();
    const at::Tensor succeeded = success.logical_and(cleanFinite).logical_and(adversarialFinite);
    point.successes = succeeded.sum().item<std::int64_t>();
    point.successRate = report.cleanCorrect ? double(point.successes) / double(report.cleanCorrect) : 0.0;
    point.l0 = summarise(*norms[0], succeeded);
    point.l1 = summarise(*norms[1], succeeded);
    point.l2 = summarise(*norms[2], succeeded);
    point.linf = summarise(*norms[3], succeeded);
}

void setQueryCurve(CurvePoint& point, const RobustnessReport& report, const at::Tensor& labels,
                   const at::Tensor& robustBefore, const at::Tensor& predictions, const at::Tensor& adversarialFinite,
                   const at::Tensor& success, const at::Tensor& queries, const at::Tensor& queriesToSuccess,
                   std::int64_t budget)
{
    const at::Tensor robustAfter = predictions.eq(labels).logical_and(adversarialFinite);
    // Where an image stopped being robust without meeting the goal, only its
    // last query is sure to be past it.
    const at::Tensor lostOtherwise = robustBefore.logical_and(robustAfter.logical_not()).logical_and(success.logical_not());
    const at::Tensor fell = at::where(success, queriesToSuccess, at::where(lostOtherwise, queries, at::full_like(queries, -1)));
    const std::int64_t most = queries.numel() ? queries.max().item<std::int64_t>() : 0;
    point.accuracyByQueries = accuracyByQueries(robustBefore, fell, report.clean.counted(), std::max(budget, most));
}

std::string reportToJson(const RobustnessReport& report)
{
    using nlohmann::json;
    json root;
    root["model"] = report.model;
    root["attack"] = report.attack;
    if (!report.surrogate.empty())
        root["surrogate"] = report.surrogate;
    root["method"] = report.method;
    root["axis"] = report.axis;
    root["norm"] = toString(report.config.norm);
    root["targeted"] = report.config.targeted;
    root["steps"] = report.config.steps;
    root["step_size"] = report.config.stepSize;
    root["random_start"] = report.config.randomStart;
    root["restarts"] = report.config.restarts;
    root["seed"] = report.config.seed;
    root["extra"] = report.config.extra;
    root["images"] = report.clean.images;
    root["clean_top1"] = report.clean.top1;
    root["clean_top5"] = report.clean.top5;
    root["clean_correct"] = report.cleanCorrect;
    // Left out of every accuracy and rate above and below.
    root["non_finite_images"] = report.nonFiniteImages.size();
    root["non_finite_indices"] = report.nonFiniteImages;
    root["cancelled"] = report.cancelled;
    root["warnings"] = report.warnings;
    json checks = json::array();
    for (const SanityCheck& c : report.checks)
        checks.push_back({{"name", c.name}, {"passed", c.passed}, {"description", c.description}});
    root["checks"] = checks;
    json points = json::array();
    for (const CurvePoint& p : report.points) {
        auto norm = [](const NormSummary& s) { return json{{"mean", s.mean}, {"median", s.median}}; };
        points.push_back({{"epsilon", p.epsilon},
                          {"steps", p.steps},
                          {"robust_accuracy", p.robustAccuracy},
                          {"success_rate", p.successRate},
                          {"successes", p.successes},
                          {"non_finite_adversarial", p.nonFiniteAdversarial},
                          {"l0", norm(p.l0)},
                          {"l1", norm(p.l1)},
                          {"l2", norm(p.l2)},
                          {"linf", norm(p.linf)},
                          {"gradient_evaluations", p.gradientEvaluations},
                          {"queries", p.queries},
                          {"seconds", p.seconds}});
        if (!std::isnan(p.medianQueriesToSuccess))
            points.back()["median_queries_to_success"] = p.medianQueriesToSuccess;
        if (!p.accuracyByQueries.empty()) {
            json curve = json::array();
            for (const QueryAccuracy& q : p.accuracyByQueries)
                curve.push_back({{"queries", q.queries}, {"robust_accuracy", q.robustAccuracy}});
            points.back()["accuracy_by_queries"] = curve;
        }
        if (!p.stages.empty()) {
            json stages = json::array();
            for (const AttackStage& s : p.stages)
                stages.push_back({{"attack", s.name},
                                  {"attacked", s.attacked},
                                  {"robust_after", s.robustAfter},
                                  {"robust_accuracy_after",
                                   report.clean.counted() ? double(s.robustAfter) / double(report.clean.counted()) : 0.0},
                                  {"queries", s.queries},
                                  {"gradient_free", s.gradientFree},
                                  {"seconds", s.seconds}});
            points.back()["stages"] = stages;
        }
        // JSON has no infinity (it would be written as a bare null): say what the null means.
        if (std::isinf(p.epsilon))
            points.back()["unbounded"] = true;
    }
    root["points"] = points;
    return root.dump(2) + "\n";
}

std::string reportToCsv(const RobustnessReport& report)
{
    std::ostringstream csv;
    csv << "model,attack,norm,targeted,epsilon,steps,images,clean_top1,robust_accuracy,success_rate,"
           "mean_l0,mean_l1,mean_l2,median_l2,mean_linf,gradient_evaluations,seconds,non_finite_images,"
           "non_finite_adversarial,queries,median_queries_to_success\n";
    for (const CurvePoint& p : report.points) {
        csv << '"' << report.model << "\"," << report.attack << ',' << toString(report.config.norm) << ','
            << (report.config.targeted ? "true" : "false") << ',' << p.epsilon << ',' << p.steps << ','
            << report.clean.images << ',' << report.clean.top1 << ',' << p.robustAccuracy << ',' << p.successRate << ','
            << p.l0.mean << ',' << p.l1.mean << ',' << p.l2.mean << ',' << p.l2.median << ',' << p.linf.mean << ','
            << p.gradientEvaluations << ',' << p.seconds << ',' << report.nonFiniteImages.size() << ','
            << p.nonFiniteAdversarial << ',' << p.queries << ','
            << (std::isnan(p.medianQueriesToSuccess) ? std::string() : std::to_string(p.medianQueriesToSuccess)) << '\n';
    }
    return csv.str();
}

std::string reportQueriesToCsv(const RobustnessReport& report)
{
    std::ostringstream csv;
    csv << "epsilon,queries,robust_accuracy\n";
    for (const CurvePoint& p : report.points)
        for (const QueryAccuracy& q : p.accuracyByQueries)
            csv << p.epsilon << ',' << q.queries << ',' << q.robustAccuracy << '\n';
    return csv.str();
}

} // namespace advlens::core
