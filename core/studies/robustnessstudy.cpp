#include "core/studies/robustnessstudy.h"

#include "core/studies/robustnessbudgets.h"
#include "core/studies/scalinglaw.h"
#include "core/studies/studyparts.h"

#include "core/attacks/attackregistry.h"
#include "core/data/datasource.h"
#include "core/metrics/accuracy.h"
#include "core/tensor/finitelogits.h"
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
    /// Images per part of a minimal-distortion metric: small enough that an
    /// ImageNet study keeps many ranks busy (docs/benchmarks.md, "Scheduling
    /// at scale"), large enough for batches that keep a CPU busy.
    std::int64_t chunkImages = 10;
    /// Images per part of a CLEVER metric: one, since CLEVER scores an image
    /// at a time anyway and an ImageNet image alone takes minutes.
    std::int64_t cleverChunk = 1;
    /// Set by splitRobustnessStudy in its work items ("work_item"): compute the
    /// models' clean accuracy only, or the metrics' parts only (one chunk of
    /// each, or all), and write nothing else.
    enum class Only { Everything, CleanAccuracy, Metrics } only = Only::Everything;
    std::int64_t onlyChunk = -1; ///< with Only::Metrics: the chunk, or −1 for all
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
    s.chunkImages = static_cast<std::int64_t>(study::number(json, "chunk_images", s.chunkImages, 1, 1e9));
    s.cleverChunk = static_cast<std::int64_t>(study::number(json, "clever_chunk", s.cleverChunk, 1, 1e6));
    if (const auto item = json.find("work_item"); item != json.end()) {
        if (!item->is_object())
            throw Error("study settings: \"work_item\" is set by the study's split, as an object");
        if (item->value("clean_accuracy", false)) {
            s.only = Settings::Only::CleanAccuracy;
        } else {
            s.only = Settings::Only::Metrics;
            s.onlyChunk = static_cast<std::int64_t>(study::number(*item, "chunk", -1, 0, 1e9));
        }
    }
    return s;
}

bool isMinimalMetric(const std::string& metric)
{
    return metric == "ifgsm-linf" || metric == "cw-l2" || metric == "ead-l1" || metric == "deepfool-l2";
}

bool isCleverMetric(const std::string& metric)
{
    return metric.rfind("clever", 0) == 0;
}

/// A metric's parts: the images it measures (the first of the study's), in
/// chunks of consecutive images, each a part of its own, so that a split
/// study's work items can be (model, metric, chunk). Budget metrics are one
/// part over all images.
struct MetricChunks {
    std::int64_t images = 0; ///< as the config asks; a data set with fewer ends the last chunks early
    std::int64_t size = 0;   ///< images per chunk
    std::int64_t count() const { return std::max<std::int64_t>(1, (images + size - 1) / size); }
    std::int64_t begin(std::int64_t chunk) const { return chunk * size; }
    std::int64_t end(std::int64_t chunk) const { return std::min(images, (chunk + 1) * size); }
};

MetricChunks chunksOf(const StudyConfig& config, const Settings& s, const std::string& metric)
{
    if (isMinimalMetric(metric)) {
        const std::int64_t images = s.minimalImages > 0 ? std::min(s.minimalImages, config.images) : config.images;
        return {images, s.chunkImages};
    }
    if (isCleverMetric(metric))
        return {std::min(s.cleverImages, config.images), s.cleverChunk};
    return {config.images, std::max<std::int64_t>(1, config.images)};
}

/// How many of a metric's parts a run computes or reuses.
std::int64_t partsOf(const StudyConfig& config, const Settings& s, const std::string& metric)
{
    return s.onlyChunk >= 0 ? 1 : chunksOf(config, s, metric).count();
}

/// Images [begin, end) of `data`, fewer (or none) where the data set ends first.
LabelledImages imageRange(const LabelledImages& data, std::int64_t begin, std::int64_t end)
{
    const std::int64_t b = std::min(begin, data.size()), e = std::min(end, data.size());
    return {data.images.slice(0, b, e), data.labels.slice(0, b, e), data.classNames};
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

/// One chunk of a minimal-distortion metric, per image: the distance found
/// (null where the model was wrong or the attack failed), with the chunk's
/// counts. A chunk whose images the model all gets wrong has nothing to
/// attack; any other reason the attack could not run is kept as "failed".
Json minimalChunk(Classifier& classifier, const LabelledImages& data, std::int64_t firstIndex,
                  const std::string& attackName, Norm norm, const AttackConfig& base, const BisectionOptions& bisection,
                  std::int64_t batchSize, const RunControl& control)
{
    Json chunk;
    chunk["images"] = data.size();
    chunk["attacked"] = 0;
    chunk["distance"] = Json::array();
    if (data.size() == 0)
        return chunk;
    auto attack = createAttack(attackName);
    AttackConfig config = base;
    config.norm = norm;
    MinimalDistanceReport report;
    try {
        report = minimalDistances(classifier, data, *attack, config, bisection, batchSize,
                                  {control.cancellation, {}, {}}, firstIndex);
    } catch (const Error& e) {
        const at::Tensor logits = predictLogits(classifier, data.images, batchSize);
        const bool noneCorrect =
            logits.argmax(1).eq(data.labels.to(at::kCPU)).logical_and(finiteRows(logits)).sum().item<std::int64_t>() ==
            0;
        if (!noneCorrect)
            chunk["failed"] = e.what();
        return chunk;
    }
    if (report.cancelled)
        return Json();
    const auto found = report.found.accessor<bool, 1>();
    const auto distance = report.distance.accessor<double, 1>();
    for (std::int64_t i = 0; i < report.images; ++i)
        chunk["distance"].push_back(found[i] ? Json(distance[i]) : Json());
    chunk["attacked"] = report.cleanCorrect;
    chunk["method"] = report.method;
    chunk["gradient_evaluations"] = report.gradientEvaluations;
    chunk["seconds"] = report.seconds;
    return chunk;
}

/// The metric over all its chunks, in image order: the numbers one pass over
/// all the images gives. Skipped, with the reason, when a chunk failed or no
/// image was classified correctly, as the metric of one pass would be.
Json combineMinimalChunks(const std::vector<Json>& chunks, const std::string& model)
{
    std::vector<double> distances;
    std::vector<std::uint8_t> found;
    std::int64_t images = 0, attacked = 0, gradients = 0;
    double seconds = 0.0;
    std::string method, skipped;
    for (const Json& chunk : chunks) {
        images += chunk["images"].get<std::int64_t>();
        for (const Json& d : chunk["distance"]) {
            distances.push_back(d.is_number() ? d.get<double>() : std::numeric_limits<double>::infinity());
            found.push_back(d.is_number() ? 1 : 0);
        }
        attacked += chunk["attacked"].get<std::int64_t>();
        gradients += chunk.value("gradient_evaluations", std::int64_t{0});
        seconds += chunk.value("seconds", 0.0);
        if (method.empty())
            method = chunk.value("method", std::string());
        if (skipped.empty())
            skipped = chunk.value("failed", std::string());
    }
    if (skipped.empty() && attacked == 0)
        skipped = "model '" + model + "' classifies none of the " + std::to_string(images) +
                  " images correctly, so there is no minimal perturbation to measure";
    Json metric;
    if (!skipped.empty()) {
        metric["mean"] = nullptr;
        metric["median"] = nullptr;
        metric["found"] = 0;
        metric["attacked"] = 0;
        metric["skipped"] = skipped;
        return metric;
    }
    const auto n = static_cast<std::int64_t>(distances.size());
    const at::Tensor distance = at::tensor(at::ArrayRef<double>(distances), at::kDouble);
    const at::Tensor mask = at::tensor(at::ArrayRef<std::uint8_t>(found), at::kByte).to(at::kBool).reshape({n});
    const NormSummary summary = summarise(distance, mask);
    metric["mean"] = study::finiteOrNull(summary.count > 0 ? summary.mean : kNaN);
    metric["median"] = study::finiteOrNull(summary.count > 0 ? summary.median : kNaN);
    metric["found"] = summary.count;
    metric["attacked"] = attacked;
    metric["method"] = method;
    metric["gradient_evaluations"] = gradients;
    metric["seconds"] = seconds;
    return metric;
}

/// One chunk of a CLEVER metric: each image's score, whether its fit fell
/// back to the sampled bound, and that bound (of its lowest-scoring target).
Json cleverChunk(Classifier& classifier, const LabelledImages& data, std::int64_t firstIndex, Norm norm,
                 const Settings& s, std::uint64_t seed, const RunControl& control)
{
    const auto started = std::chrono::steady_clock::now();
    Json chunk;
    chunk["scores"] = Json::array();
    chunk["fell_back"] = Json::array();
    chunk["sampled_bound"] = Json::array();
    if (data.size() == 0)
        return chunk;
    CleverOptions options;
    options.norm = norm;
    options.batches = s.cleverBatches;
    options.samplesPerBatch = s.cleverSamples;
    options.targets = s.cleverTargets;
    options.seed = seed;
    options.firstIndex = firstIndex;
    const CleverReport report = cleverScores(classifier, data.images, options, {control.cancellation, {}, {}});
    if (report.cancelled)
        return Json();
    for (const CleverImageResult& image : report.images) {
        const CleverTargetResult& lowest = image.targets[image.lowest];
        chunk["scores"].push_back(image.score);
        chunk["fell_back"].push_back(lowest.fellBack);
        chunk["sampled_bound"].push_back(lowest.sampledBound);
    }
    chunk["seconds"] = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return chunk;
}

Json combineCleverChunks(const std::vector<Json>& chunks, Norm norm)
{
    std::vector<double> scores;
    std::int64_t fellBack = 0;
    double sampledBound = 0.0, seconds = 0.0;
    for (const Json& chunk : chunks) {
        for (std::size_t i = 0; i < chunk["scores"].size(); ++i) {
            scores.push_back(chunk["scores"][i].get<double>());
            fellBack += chunk["fell_back"][i].get<bool>() ? 1 : 0;
            sampledBound += chunk["sampled_bound"][i].get<double>();
        }
        seconds += chunk.value("seconds", 0.0);
    }
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
    Json metric;
    metric["mean"] = study::finiteOrNull(mean);
    metric["median"] = study::finiteOrNull(median);
    metric["found"] = static_cast<std::int64_t>(scores.size());
    metric["attacked"] = static_cast<std::int64_t>(scores.size());
    metric["method"] = "clever " + toString(norm) + " R=" + std::to_string(defaultCleverRadius(norm));
    metric["fits_failed"] = fellBack;
    metric["mean_sampled_bound"] = study::finiteOrNull(scores.empty() ? kNaN : sampledBound);
    metric["seconds"] = seconds;
    return metric;
}

/// What a part's numbers depend on, for the store. A chunk of images
/// (`chunkSize` > 0; its range is in its key) does not depend on how many
/// images the study or the metric takes, so raising "images" reuses the
/// chunks already computed; it depends on the batches it is attacked in.
std::string settingsFingerprint(const StudyConfig& config, const Settings& s, const std::string& metric,
                                std::int64_t chunkSize = 0)
{
    const bool chunk = chunkSize > 0;
    std::ostringstream text;
    text.precision(17);
    text << config.data << "|" << config.split << "|";
    if (!chunk)
        text << config.images;
    text << "|" << config.seed << "|" << metric;
    if (metric == "model")
        text << "|" << s.accuracyImages;
    if (metric == "ifgsm-linf") {
        text << "|" << s.ifgsmSteps << "|" << s.bisectionRounds << "|" << s.ifgsmMaxEpsilon;
        if (!chunk)
            text << "|" << s.minimalImages;
    }
    if (metric == "cw-l2" || metric == "ead-l1" || metric == "deepfool-l2") {
        if (!chunk)
            text << "|" << s.minimalImages;
        for (const auto& [k, v] : metric == "cw-l2" ? s.cw : s.ead)
            text << "|" << k << "=" << v;
    }
    if (metric == "autoattack")
        text << "|" << study::autoAttackFingerprint(s.budget);
    if (metric == "square-queries")
        text << "|" << study::squareFingerprint(s.budget);
    if (isCleverMetric(metric)) {
        if (!chunk)
            text << "|" << s.cleverImages;
        text << "|" << s.cleverBatches << "|" << s.cleverSamples << "|" << toString(s.cleverTargets);
    }
    if (chunk)
        text << "|batch " << std::min(config.batchSize, chunkSize);
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
    const Json json = study::parseSettings(config.settingsJson);
    std::vector<StudyConfig> items;
    // The clean accuracies first: cheap, and then no two ranks compute one.
    for (const StudyModel& model : config.models) {
        StudyConfig item = config;
        item.title = model.name + ": clean accuracy";
        item.models = {model};
        Json settings = json;
        settings["work_item"] = {{"clean_accuracy", true}};
        item.settingsJson = settings.dump();
        items.push_back(item);
    }
    for (const std::string& metric : s.metrics)
        for (const StudyModel& model : config.models) {
            const MetricChunks chunks = chunksOf(config, s, metric);
            for (std::int64_t c = 0; c < chunks.count(); ++c) {
                StudyConfig item = config;
                item.title = model.name + ": " + metric;
                if (chunks.count() > 1)
                    item.title += ", images " + std::to_string(chunks.begin(c)) + "-" +
                                  std::to_string(chunks.end(c) - 1);
                item.models = {model};
                Json settings = json;
                settings["metrics"] = Json::array({metric});
                settings["work_item"] = {{"chunk", c}};
                item.settingsJson = settings.dump();
                items.push_back(item);
            }
        }
    return items;
}

namespace {

/// One metric of one model: its parts (those of the work item, when the run
/// is one), from the store or computed; then, unless a work item, the metric
/// they add up to. Null when cancelled.
Json measureMetric(const StudyConfig& config, const Settings& s, const std::string& metric, const StudyModel& model,
                   const std::string& modelPrint, study::LazyStudyModel& lazy, study::StudyParts& parts)
{
    if (!isMinimalMetric(metric) && !isCleverMetric(metric)) {
        const std::string fingerprint = modelPrint + "|" + settingsFingerprint(config, s, metric);
        return parts.get(metric + "-" + model.name, fingerprint, model.name + ": " + metric, [&]() -> Json {
            if (metric == "autoattack")
                return study::autoAttackMetric(lazy.classifier(), lazy.data(), s.budget, config.seed,
                                               config.batchSize, parts.control());
            return study::squareQueriesMetric(lazy.classifier(), lazy.data(), s.budget, config.seed,
                                              config.batchSize, parts.control());
        });
    }
    const MetricChunks chunks = chunksOf(config, s, metric);
    const std::string fingerprint = modelPrint + "|" + settingsFingerprint(config, s, metric, chunks.size);
    if (s.onlyChunk >= chunks.count())
        throw Error("study work item: chunk " + std::to_string(s.onlyChunk) + " of " + metric + ", which has " +
                    std::to_string(chunks.count()));
    std::vector<Json> done;
    for (std::int64_t c = 0; c < chunks.count(); ++c) {
        if (s.onlyChunk >= 0 && c != s.onlyChunk)
            continue;
        const std::int64_t begin = chunks.begin(c), end = chunks.end(c);
        const std::string range = std::to_string(begin) + "-" + std::to_string(end);
        Json chunk = parts.get(
            metric + "-" + model.name + "-images-" + range, fingerprint + "|images " + range,
            model.name + ": " + metric + ", images " + std::to_string(begin) + "-" + std::to_string(end - 1),
            [&]() -> Json {
                Classifier& classifier = lazy.classifier();
                const LabelledImages images = imageRange(lazy.data(), begin, end);
                if (isCleverMetric(metric))
                    return cleverChunk(classifier, images, begin, metric == "clever-l2" ? Norm::L2 : Norm::Linf, s,
                                       config.seed, parts.control());
                AttackConfig attack;
                attack.seed = config.seed;
                if (metric == "ifgsm-linf") {
                    attack.steps = s.ifgsmSteps;
                    attack.earlyStop = true;
                    return minimalChunk(classifier, images, begin, "bim", Norm::Linf, attack,
                                        {s.ifgsmMaxEpsilon, s.bisectionRounds}, config.batchSize, parts.control());
                }
                if (metric == "cw-l2") {
                    attack.extra = s.cw;
                    return minimalChunk(classifier, images, begin, "cw-l2", Norm::L2, attack, {}, config.batchSize,
                                        parts.control());
                }
                if (metric == "ead-l1") {
                    attack.extra = s.ead;
                    attack.extra.emplace("decision_rule", 1); // the L1 rule, as Su et al. report EAD-L1
                    return minimalChunk(classifier, images, begin, "ead", Norm::L1, attack, {}, config.batchSize,
                                        parts.control());
                }
                return minimalChunk(classifier, images, begin, "deepfool", Norm::L2, attack, {}, config.batchSize,
                                    parts.control());
            });
        if (chunk.is_null())
            return Json();
        done.push_back(std::move(chunk));
    }
    if (s.only == Settings::Only::Metrics)
        return Json::object();
    if (isCleverMetric(metric))
        return combineCleverChunks(done, metric == "clever-l2" ? Norm::L2 : Norm::Linf);
    return combineMinimalChunks(done, model.name);
}

} // namespace

StudyOutcome runRobustnessStudy(const StudyConfig& config, const StudyStore& store, const StudyRunOptions& options)
{
    const Settings s = parseSettings(config.settingsJson);
    if (s.only != Settings::Only::CleanAccuracy &&
        std::find(s.metrics.begin(), s.metrics.end(), "autoattack") != s.metrics.end())
        study::checkAutoAttackModels(config);
    std::int64_t perModel = s.only == Settings::Only::Metrics ? 0 : 1;
    if (s.only != Settings::Only::CleanAccuracy)
        for (const std::string& metric : s.metrics)
            perModel += partsOf(config, s, metric);
    study::StudyParts parts(store, options, std::int64_t(config.models.size()) * perModel);

    Json models = Json::array();
    for (const StudyModel& model : config.models) {
        const std::string modelPrint = fileFingerprint(model.path);
        study::LazyStudyModel lazy(config, model, options.device);
        Json entry;
        if (s.only != Settings::Only::Metrics) {
            entry = parts.get("model-" + model.name, modelPrint + "|" + settingsFingerprint(config, s, "model"),
                              model.name + ": clean accuracy", [&] {
                                  return describeModel(lazy.classifier(), lazy.data(), config, s, parts.control());
                              });
            if (entry.is_null())
                return parts.outcome();
            if (s.only == Settings::Only::CleanAccuracy)
                continue;
            entry["name"] = model.name;
            entry["error"] = 1.0 - entry["accuracy"].get<double>();
        }
        Json metrics = Json::object();
        for (const std::string& metric : s.metrics) {
            Json value = measureMetric(config, s, metric, model, modelPrint, lazy, parts);
            if (value.is_null())
                return parts.outcome();
            if (value.contains("skipped"))
                parts.log("skipped " + model.name + ": " + metric + ": " + value["skipped"].get<std::string>());
            metrics[metric] = value;
        }
        entry["metrics"] = metrics;
        models.push_back(entry);
    }
    if (s.only != Settings::Only::Everything)
        return parts.outcome();

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
