#include "robustnessevaluation.h"

#include "attacks/targetselection.h"
#include "model/classifier.h"

#include <ATen/ATen.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <sstream>

namespace advlens::core {

RobustnessReport evaluateRobustness(Classifier& classifier, const LabelledImages& data, Attack& attack,
                                    const AttackConfig& config, const std::vector<double>& epsilons,
                                    std::int64_t batchSize, const RunControl& control, const PointCallback& onPoint)
{
    RobustnessReport report;
    report.model = classifier.metadata().name;
    report.attack = attack.name();
    report.config = config;
    const std::int64_t n = data.size();
    const at::Tensor targets =
        config.targeted ? randomTargets(data.labels, classifier.numClasses(), config.seed) : at::Tensor();
    const std::int64_t total = n * static_cast<std::int64_t>(epsilons.size());

    bool cleanKnown = false;
    for (std::size_t e = 0; e < epsilons.size() && !report.cancelled; ++e) {
        const auto started = std::chrono::steady_clock::now();
        AttackConfig pointConfig = config;
        pointConfig.epsilon = epsilons[e];
        std::vector<at::Tensor> cleanLogits, advPredictions, success, l0, l2, linf;
        std::int64_t gradientEvaluations = 0;
        for (std::int64_t start = 0; start < n; start += batchSize) {
            if (control.cancelled()) {
                report.cancelled = true;
                break;
            }
            const std::int64_t end = std::min(n, start + batchSize);
            AttackInput input{data.images.slice(0, start, end), data.labels.slice(0, start, end),
                              config.targeted ? targets.slice(0, start, end) : at::Tensor()};
            RunControl batchControl{control.cancellation, {}};
            const AttackResult r = attack.run(classifier, input, pointConfig, batchControl);
            if (r.cancelled) {
                report.cancelled = true;
                break;
            }
            cleanLogits.push_back(r.cleanLogits.to(at::kCPU));
            advPredictions.push_back(r.adversarialPredictions.to(at::kCPU));
            success.push_back(r.success.to(at::kCPU));
            l0.push_back(r.norms.l0);
            l2.push_back(r.norms.l2);
            linf.push_back(r.norms.linf);
            gradientEvaluations = r.gradientEvaluations;
            control.report(static_cast<std::int64_t>(e) * n + end, total);
        }
        if (report.cancelled)
            break;
        const at::Tensor labels = data.labels.to(at::kCPU);
        if (!cleanKnown) {
            const at::Tensor logits = at::cat(cleanLogits, 0);
            report.clean = accuracyOf(logits, labels);
            report.cleanCorrect = logits.argmax(1).eq(labels).sum().item<std::int64_t>();
            cleanKnown = true;
        }
        const at::Tensor succeeded = at::cat(success, 0);
        EpsilonPoint point;
        point.epsilon = epsilons[e];
        point.robustAccuracy = at::cat(advPredictions, 0).eq(labels).to(at::kDouble).mean().item<double>();
        point.successes = succeeded.sum().item<std::int64_t>();
        point.successRate = report.cleanCorrect ? double(point.successes) / double(report.cleanCorrect) : 0.0;
        point.l0 = summarise(at::cat(l0, 0), succeeded);
        point.l2 = summarise(at::cat(l2, 0), succeeded);
        point.linf = summarise(at::cat(linf, 0), succeeded);
        point.gradientEvaluations = gradientEvaluations;
        point.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        report.points.push_back(point);
        if (onPoint)
            onPoint(point);
    }
    return report;
}

std::string reportToJson(const RobustnessReport& report)
{
    using nlohmann::json;
    json root;
    root["model"] = report.model;
    root["attack"] = report.attack;
    root["norm"] = toString(report.config.norm);
    root["targeted"] = report.config.targeted;
    root["steps"] = report.config.steps;
    root["step_size"] = report.config.stepSize;
    root["random_start"] = report.config.randomStart;
    root["restarts"] = report.config.restarts;
    root["seed"] = report.config.seed;
    root["images"] = report.clean.images;
    root["clean_top1"] = report.clean.top1;
    root["clean_top5"] = report.clean.top5;
    root["clean_correct"] = report.cleanCorrect;
    root["cancelled"] = report.cancelled;
    json points = json::array();
    for (const EpsilonPoint& p : report.points) {
        auto norm = [](const NormSummary& s) { return json{{"mean", s.mean}, {"median", s.median}}; };
        points.push_back({{"epsilon", p.epsilon},
                          {"robust_accuracy", p.robustAccuracy},
                          {"success_rate", p.successRate},
                          {"successes", p.successes},
                          {"l0", norm(p.l0)},
                          {"l2", norm(p.l2)},
                          {"linf", norm(p.linf)},
                          {"gradient_evaluations_per_image", p.gradientEvaluations},
                          {"seconds", p.seconds}});
    }
    root["points"] = points;
    return root.dump(2) + "\n";
}

std::string reportToCsv(const RobustnessReport& report)
{
    std::ostringstream csv;
    csv << "model,attack,norm,targeted,epsilon,images,clean_top1,robust_accuracy,success_rate,"
           "mean_l0,mean_l2,median_l2,mean_linf,gradient_evaluations_per_image,seconds\n";
    for (const EpsilonPoint& p : report.points) {
        csv << '"' << report.model << "\"," << report.attack << ',' << toString(report.config.norm) << ','
            << (report.config.targeted ? "true" : "false") << ',' << p.epsilon << ',' << report.clean.images << ','
            << report.clean.top1 << ',' << p.robustAccuracy << ',' << p.successRate << ',' << p.l0.mean << ','
            << p.l2.mean << ',' << p.l2.median << ',' << p.linf.mean << ',' << p.gradientEvaluations << ',' << p.seconds
            << '\n';
    }
    return csv.str();
}

} // namespace advlens::core
