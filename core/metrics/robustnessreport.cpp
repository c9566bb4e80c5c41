#include "robustnessreport.h"

#include <ATen/ATen.h>
#include <nlohmann/json.hpp>

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
    m_success.push_back(r.success.to(at::kCPU));
    m_l0.push_back(r.norms.l0);
    m_l1.push_back(r.norms.l1);
    m_l2.push_back(r.norms.l2);
    m_linf.push_back(r.norms.linf);
    m_gradientEvaluations += gradientEvaluationsOf(r);
}

at::Tensor PointAccumulator::cleanLogits() const
{
    return at::cat(m_cleanLogits, 0);
}

CurvePoint PointAccumulator::finish(const at::Tensor& labels, std::int64_t cleanCorrect) const
{
    const at::Tensor succeeded = at::cat(m_success, 0);
    CurvePoint point;
    point.robustAccuracy = at::cat(m_predictions, 0).eq(labels).to(at::kDouble).mean().item<double>();
    point.successes = succeeded.sum().item<std::int64_t>();
    point.successRate = cleanCorrect ? double(point.successes) / double(cleanCorrect) : 0.0;
    point.l0 = summarise(at::cat(m_l0, 0), succeeded);
    point.l1 = summarise(at::cat(m_l1, 0), succeeded);
    point.l2 = summarise(at::cat(m_l2, 0), succeeded);
    point.linf = summarise(at::cat(m_linf, 0), succeeded);
    point.gradientEvaluations = m_gradientEvaluations;
    return point;
}

std::string reportToJson(const RobustnessReport& report)
{
    using nlohmann::json;
    json root;
    root["model"] = report.model;
    root["attack"] = report.attack;
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
                          {"l0", norm(p.l0)},
                          {"l1", norm(p.l1)},
                          {"l2", norm(p.l2)},
                          {"linf", norm(p.linf)},
                          {"gradient_evaluations", p.gradientEvaluations},
                          {"seconds", p.seconds}});
    }
    root["points"] = points;
    return root.dump(2) + "\n";
}

std::string reportToCsv(const RobustnessReport& report)
{
    std::ostringstream csv;
    csv << "model,attack,norm,targeted,epsilon,steps,images,clean_top1,robust_accuracy,success_rate,"
           "mean_l0,mean_l1,mean_l2,median_l2,mean_linf,gradient_evaluations,seconds\n";
    for (const CurvePoint& p : report.points) {
        csv << '"' << report.model << "\"," << report.attack << ',' << toString(report.config.norm) << ','
            << (report.config.targeted ? "true" : "false") << ',' << p.epsilon << ',' << p.steps << ','
            << report.clean.images << ',' << report.clean.top1 << ',' << p.robustAccuracy << ',' << p.successRate << ','
            << p.l0.mean << ',' << p.l1.mean << ',' << p.l2.mean << ',' << p.l2.median << ',' << p.linf.mean << ','
            << p.gradientEvaluations << ',' << p.seconds << '\n';
    }
    return csv.str();
}

} // namespace advlens::core
