#include "core/studies/robustnessstudy.h"

#include "core/studies/robustnessbudgets.h"
#include "core/studies/scalinglaw.h"
#include "core/studies/studyparts.h"

#include "core/attacks/attackregistry.h"
#include "core/data/datasource.h"
#include "core/metrics/accuracy.h"
#include "core/metrics/clever.h"
#include "core/metrics/minimaldistance.h"
#include "core/model/classifier.h"
#include "core/model/modelloader.h"
#include "core/util/atomicfile.h"
#include "core/util/error.h"

#include <ATen/ATen.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <cmath>
#include <limits>
#include <sstream>

namespace advlens::core {

namespace {

using study::Json;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

struct Settings {
    std::vector<std::string> metrics;
    int ifgsmSteps = 10;
    int bisectionRounds = 8;
    double ifgsmMaxEpsilon = 0.5;
    std::map<std::string, double> cw, ead;
    std::int64_t minimalImages = 0;
    std::int64_t accuracyImages = 0;
    std::int64_t cleverImages = 20;
    std::int64_t cleverBatches = 50;
    std::int64_t cleverSamples = 128;
    CleverTargets cleverTargets = CleverTargets::Top2;
    study::BudgetSettings budget; ///< "autoattack" and "square-queries"
};

/// Metrics at a fixed budget ε (robust accuracy), not minimal distortions:
/// no scatter plot, fit or Pareto frontier.
bool isBudgetMetric(const std::string& metric)
{
    return metric == "autoattack" || metric == "square-queries";
}

Settings parseSettings(const std::string& text)
{
    const Json json = study::parseSettings(text);
    Settings s;
    s.metrics = study::strings(json, "metrics", robustnessMetrics());
    for (const std::string& metric : s.metrics)
        if (metric != "deepfool-l2" && !isBudgetMetric(metric) &&
            std::find(robustnessMetrics().begin(), robustnessMetrics().end(), metric) == robustnessMetrics().end())
            throw Error("study settings: unknown metric \"" + metric +
                        "\" (known: ifgsm-linf, cw-l2, ead-l1, clever-l2, clever-linf, deepfool-l2, autoattack, "
                        "square-queries)");
    s.ifgsmSteps = static_cast<int>(study::number(json, "ifgsm_steps", s.ifgsmSteps, 1, 10000));
    s.bisectionRounds = static_cast<int>(study::number(json, "bisection_rounds", s.bisectionRounds, 0, 30));
    s.ifgsmMaxEpsilon = study::number(json, "ifgsm_max_eps", s.ifgsmMaxEpsilon, 1e-6, 1.0);
    s.cw = study::attackSettings(json, "cw");
    s.ead = study::attackSettings(json, "ead");
    s.minimalImages = static_cast<std::int64_t>(study::number(json, "minimal_images", 0, 0, 1e9));
    s.accuracyImages = static_cast<std::int64_t>(study::number(json, "accuracy_images", 0, 0, 1e9));
    s.cleverImages = static_cast<std::int64_t>(study::number(json, "clever_images", s.cleverImages, 1, 1e6));
    s.cleverBatches = static_cast<std::int64_t>(study::number(json, "clever_batches", s.cleverBatches, 3, 1e6));
    s.cleverSamples = static_cast<std::int64_t>(study::number(json, "clever_samples", s.cleverSamples, 1, 1e6));
    if (json.contains("clever_targets"))
        s.cleverTargets = parseCleverTargets(json["clever_targets"].get<std::string>());
    s.budget = study::parseBudgetSettings(json);
    return s;
}

LabelledImages firstImages(const LabelledImages& data, std::int64_t count)
{
    if (count <= 0 || count >= data.size())
        return data;
    return {data.images.slice(0, 0, count), data.labels.slice(0, 0, count), data.classNames};
}

/// `data` are the study's images; with "accuracy_images" set, clean accuracy is
/// measured on that many images of the split instead, because on a hundred
/// images the error axis is too coarse to order well-trained models.
Json describeModel(Classifier& classifier, const LabelledImages& data, const StudyConfig& config,
                   const Settings& s, const RunControl& control)
{
    const LabelledImages accuracyData =
        s.accuracyImages > 0 ? loadDataSource(config.data, config.split, s.accuracyImages, classifier.metadata())
                             : LabelledImages();
    const LabelledImages& measured = s.accuracyImages > 0 ? accuracyData : data;
    const Accuracy accuracy = evaluateAccuracy(classifier, measured.images, measured.labels, config.batchSize,
                                               {control.cancellation, {}, {}});
    if (control.cancelled())
        return Json();
    std::int64_t parameters = 0;
    for (const at::Tensor& p : classifier.parameters())
        parameters += p.numel();
    const ModelMetadata& meta = classifier.metadata();
    Json model;
    model["architecture"] = meta.architecture;
    model["family"] = study::familyOf(meta.architecture);
    model["parameters"] = parameters;
    model["accuracy"] = accuracy.top1;
    model["images"] = accuracy.images;
    return model;
}

Json minimalMetric(Classifier& classifier, const LabelledImages& data, const std::string& attackName, Norm norm,
                   const AttackConfig& base, const BisectionOptions& bisection, std::int64_t batchSize,
                   const RunControl& control)
{
    auto attack = createAttack(attackName);
    AttackConfig config = base;
    config.norm = norm;
    MinimalDistanceReport report;
    try {
        report =
            minimalDistances(classifier, data, *attack, config, bisection, batchSize, {control.cancellation, {}, {}});
    } catch (const Error& e) {
        // E.g. a weak model that classifies none of a few images correctly:
        // the metric is recorded as skipped, with the reason, and the study goes on.
        Json metric;
        metric["mean"] = nullptr;
        metric["median"] = nullptr;
        metric["found"] = 0;
        metric["attacked"] = 0;
        metric["skipped"] = e.what();
        return metric;
    }
    if (report.cancelled)
        return Json();
    Json metric;
    metric["mean"] = study::finiteOrNull(report.summary.count > 0 ? report.summary.mean : kNaN);
    metric["median"] = study::finiteOrNull(report.summary.count > 0 ? report.summary.median : kNaN);
    metric["found"] = report.summary.count;
    metric["attacked"] = report.cleanCorrect;
    metric["method"] = report.method;
    metric["gradient_evaluations"] = report.gradientEvaluations;
    metric["seconds"] = report.seconds;
    return metric;
}

Json cleverMetric(Classifier& classifier, const LabelledImages& data, Norm norm, const Settings& s,
                  std::uint64_t seed, const RunControl& control)
{
    const auto started = std::chrono::steady_clock::now();
    CleverOptions options;
    options.norm = norm;
    options.batches = s.cleverBatches;
    options.samplesPerBatch = s.cleverSamples;
    options.targets = s.cleverTargets;
    options.seed = seed;
    const CleverReport report =
        cleverScores(classifier, firstImages(data, s.cleverImages).images, options, {control.cancellation, {}, {}});
    if (report.cancelled)
        return Json();
    std::vector<double> scores;
    std::int64_t fellBack = 0;
    double sampledBound = 0.0;
    for (const CleverImageResult& image : report.images) {
        scores.push_back(image.score);
        const CleverTargetResult& lowest = image.targets[image.lowest];
        fellBack += lowest.fellBack ? 1 : 0;
        sampledBound += lowest.sampledBound;
    }
    Json metric;
    double mean = kNaN, median = kNaN;
    if (!scores.empty()) {
        mean = 0.0;
        for (double v : scores)
            mean += v;
        mean /= double(scores.size());
        std::vector<double> sorted = scores;
        std::sort(sorted.begin(), sorted.end());
        median = sorted[sorted.size() / 2];
        sampledBound /= double(scores.size());
    }
    metric["mean"] = study::finiteOrNull(mean);
    metric["median"] = study::finiteOrNull(median);
    metric["found"] = static_cast<std::int64_t>(scores.size());
    metric["attacked"] = static_cast<std::int64_t>(scores.size());
    metric["method"] = "clever " + toString(norm) + " R=" + std::to_string(report.radius);
    metric["fits_failed"] = fellBack;
    metric["mean_sampled_bound"] = study::finiteOrNull(scores.empty() ? kNaN : sampledBound);
    metric["seconds"] = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return metric;
}

std::string settingsFingerprint(const StudyConfig& config, const Settings& s, const std::string& metric)
{
    std::ostringstream text;
    text.precision(17);
    text << config.data << "|" << config.split << "|" << config.images << "|" << config.seed << "|" << metric;
    if (metric == "model")
        text << "|" << s.accuracyImages;
    if (metric == "ifgsm-linf")
        text << "|" << s.ifgsmSteps << "|" << s.bisectionRounds << "|" << s.ifgsmMaxEpsilon << "|" << s.minimalImages;
    if (metric == "cw-l2" || metric == "ead-l1" || metric == "deepfool-l2") {
        text << "|" << s.minimalImages;
        for (const auto& [k, v] : metric == "cw-l2" ? s.cw : s.ead)
            text << "|" << k << "=" << v;
    }
    if (metric == "autoattack")
        text << "|" << study::autoAttackFingerprint(s.budget);
    if (metric == "square-queries")
        text << "|" << study::squareFingerprint(s.budget);
    if (metric.rfind("clever", 0) == 0)
        text << "|" << s.cleverImages << "|" << s.cleverBatches << "|" << s.cleverSamples << "|"
             << toString(s.cleverTargets);
    return text.str();
}

std::string csvNumber(const Json& value)
{
    if (!value.is_number())
        return "";
    std::ostringstream text;
    text.precision(8);
    text << value.get<double>();
    return text.str();
}

} // namespace

const std::vector<std::string>& robustnessMetrics()
{
    static const std::vector<std::string> metrics = {"ifgsm-linf", "cw-l2", "ead-l1", "clever-l2", "clever-linf"};
    return metrics;
}

std::vector<StudyConfig> splitRobustnessStudy(const StudyConfig& config)
{
    const Settings s = parseSettings(config.settingsJson);
    // Metric by metric, so that every model's first item, which computes its
    // clean accuracy, comes before the model's other items, which need it too.
    std::vector<StudyConfig> items;
    for (const std::string& metric : s.metrics)
        for (const StudyModel& model : config.models) {
            StudyConfig item = config;
            item.title = model.name + ": " + metric;
            item.models = {model};
            Json settings = study::parseSettings(config.settingsJson);
            settings["metrics"] = Json::array({metric});
            item.settingsJson = settings.dump();
            items.push_back(item);
        }
    return items;
}

StudyOutcome runRobustnessStudy(const StudyConfig& config, const StudyStore& store, const StudyRunOptions& options)
{
    const Settings s = parseSettings(config.settingsJson);
    if (std::find(s.metrics.begin(), s.metrics.end(), "autoattack") != s.metrics.end())
        study::checkAutoAttackModels(config);
    const std::int64_t total = std::int64_t(config.models.size()) * std::int64_t(1 + s.metrics.size());
    study::StudyParts parts(store, options, total);

    Json models = Json::array();
    for (const StudyModel& model : config.models) {
        const std::string modelPrint = fileFingerprint(model.path);
        study::LazyStudyModel lazy(config, model, options.device);
        Json entry = parts.get("model-" + model.name, modelPrint + "|" + settingsFingerprint(config, s, "model"),
                               model.name + ": clean accuracy",
                               [&] { return describeModel(lazy.classifier(), lazy.data(), config, s, parts.control()); });
        if (entry.is_null())
            return parts.outcome();
        entry["name"] = model.name;
        entry["error"] = 1.0 - entry["accuracy"].get<double>();
        Json metrics = Json::object();
        for (const std::string& metric : s.metrics) {
            const std::string fingerprint = modelPrint + "|" + settingsFingerprint(config, s, metric);
            Json value = parts.get(metric + "-" + model.name, fingerprint, model.name + ": " + metric, [&]() -> Json {
                Classifier& c = lazy.classifier();
                const LabelledImages& data = lazy.data();
                const LabelledImages minimalData = firstImages(data, s.minimalImages);
                AttackConfig attack;
                attack.seed = config.seed;
                if (metric == "ifgsm-linf") {
                    attack.steps = s.ifgsmSteps;
                    attack.earlyStop = true;
                    return minimalMetric(c, minimalData, "bim", Norm::Linf, attack,
                                         {s.ifgsmMaxEpsilon, s.bisectionRounds}, config.batchSize, parts.control());
                }
                if (metric == "cw-l2") {
                    attack.extra = s.cw;
                    return minimalMetric(c, minimalData, "cw-l2", Norm::L2, attack, {}, config.batchSize,
                                         parts.control());
                }
                if (metric == "ead-l1") {
                    attack.extra = s.ead;
                    attack.extra.emplace("decision_rule", 1); // the L1 rule, as Su et al. report EAD-L1
                    return minimalMetric(c, minimalData, "ead", Norm::L1, attack, {}, config.batchSize,
                                         parts.control());
                }
                if (metric == "autoattack")
                    return study::autoAttackMetric(c, data, s.budget, config.seed, config.batchSize,
                                                   parts.control());
                if (metric == "square-queries")
                    return study::squareQueriesMetric(c, data, s.budget, config.seed, config.batchSize,
                                                      parts.control());
                if (metric == "deepfool-l2")
                    return minimalMetric(c, minimalData, "deepfool", Norm::L2, attack, {}, config.batchSize,
                                         parts.control());
                return cleverMetric(c, data, metric == "clever-l2" ? Norm::L2 : Norm::Linf, s, config.seed,
                                    parts.control());
            });
            if (value.is_null())
                return parts.outcome();
            if (value.contains("skipped"))
                parts.log("skipped " + model.name + ": " + metric + ": " + value["skipped"].get<std::string>());
            metrics[metric] = value;
        }
        entry["metrics"] = metrics;
        models.push_back(entry);
    }

    Json fits = Json::object(), pareto = Json::object();
    for (const std::string& metric : s.metrics) {
        if (isBudgetMetric(metric))
            continue;
        std::vector<double> errors, distortions;
        for (const Json& model : models) {
            errors.push_back(model["error"].get<double>());
            const Json& mean = model["metrics"][metric]["mean"];
            distortions.push_back(mean.is_number() ? mean.get<double>() : kNaN);
        }
        const ScalingFit fit = fitLogScaling(errors, distortions);
        fits[metric] = {{"intercept", fit.intercept}, {"slope", fit.slope}, {"r2", fit.r2},
                        {"points", fit.points},       {"valid", fit.valid}};
        Json frontier = Json::array();
        for (std::size_t i : paretoFrontier(errors, distortions))
            frontier.push_back(models[i]["name"]);
        pareto[metric] = frontier;
    }

    Json results = study::StudyParts::resultsFields(config);
    results["metrics"] = s.metrics;
    results["models"] = models;
    results["fits"] = fits;
    results["pareto"] = pareto;

    std::ostringstream csv;
    csv << "model,architecture,family,parameters,accuracy,error";
    for (const std::string& metric : s.metrics)
        if (isBudgetMetric(metric))
            csv << "," << metric << "_robust_accuracy";
        else
            csv << "," << metric << "_mean," << metric << "_median," << metric << "_found," << metric << "_attacked";
    csv << "\n";
    for (const Json& model : models) {
        csv << model["name"].get<std::string>() << "," << model["architecture"].get<std::string>() << ","
            << model["family"].get<std::string>() << "," << model["parameters"].get<std::int64_t>() << ","
            << csvNumber(model["accuracy"]) << "," << csvNumber(model["error"]);
        for (const std::string& metric : s.metrics) {
            const Json& m = model["metrics"][metric];
            if (isBudgetMetric(metric)) {
                csv << "," << csvNumber(m["robust_accuracy"]);
                continue;
            }
            csv << "," << csvNumber(m["mean"]) << "," << csvNumber(m["median"]) << "," << m["found"].get<std::int64_t>()
                << "," << m["attacked"].get<std::int64_t>();
        }
        csv << "\n";
    }
    std::vector<std::pair<std::string, std::string>> tables = {{"robustness.csv", csv.str()}};
    if (std::find(s.metrics.begin(), s.metrics.end(), "square-queries") != s.metrics.end()) {
        std::ostringstream queries;
        queries << "model,queries,robust_accuracy\n";
        for (const Json& model : models)
            for (const Json& point : model["metrics"]["square-queries"].value("curve", Json::array()))
                queries << model["name"].get<std::string>() << "," << point["queries"].get<std::int64_t>() << ","
                        << csvNumber(point["robust_accuracy"]) << "\n";
        tables.emplace_back("robustness-queries.csv", queries.str());
    }
    return parts.finish(config, results, tables);
}

} // namespace advlens::core
