#include "core/metrics/partialreport.h"

#include "core/util/contenthash.h"
#include "core/util/error.h"

#include <ATen/ATen.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <limits>

namespace advlens::core {

namespace {

using nlohmann::json;

/// The version of the layout below; a reader refuses others.
constexpr int kFormat = 1;

/// A double as JSON, exactly: JSON has no NaN or infinity.
json number(double value)
{
    if (std::isnan(value))
        return "nan";
    if (std::isinf(value))
        return value > 0 ? "inf" : "-inf";
    return value;
}

double numberFrom(const json& value)
{
    if (value.is_string()) {
        const std::string text = value.get<std::string>();
        if (text == "nan")
            return std::numeric_limits<double>::quiet_NaN();
        if (text == "inf" || text == "-inf")
            return text == "inf" ? std::numeric_limits<double>::infinity() : -std::numeric_limits<double>::infinity();
        throw Error("'" + text + "' is not a number");
    }
    return value.get<double>();
}

/// A per-image tensor as a JSON array: bool as 0/1, int64 as is, float exactly.
json arrayOf(const at::Tensor& tensor)
{
    json array = json::array();
    const at::Tensor t = tensor.to(at::kCPU).contiguous();
    if (t.scalar_type() == at::kBool || t.scalar_type() == at::kLong) {
        const at::Tensor values = t.to(at::kLong);
        const auto* p = values.data_ptr<std::int64_t>();
        for (std::int64_t i = 0; i < values.numel(); ++i)
            array.push_back(p[i]);
    } else {
        const at::Tensor values = t.to(at::kDouble); // float → double is exact
        const auto* p = values.data_ptr<double>();
        for (std::int64_t i = 0; i < values.numel(); ++i)
            array.push_back(number(p[i]));
    }
    return array;
}

at::Tensor tensorFrom(const json& array, at::ScalarType type, std::int64_t n, const std::string& what)
{
    if (!array.is_array() || static_cast<std::int64_t>(array.size()) != n)
        throw Error(what + " must list " + std::to_string(n) + " images");
    if (type == at::kBool || type == at::kLong) {
        std::vector<std::int64_t> values;
        values.reserve(array.size());
        for (const json& v : array)
            values.push_back(v.get<std::int64_t>());
        return at::tensor(values, at::kLong).to(type);
    }
    std::vector<double> values;
    values.reserve(array.size());
    for (const json& v : array)
        values.push_back(numberFrom(v));
    return at::tensor(values, at::kDouble).to(type);
}

json configOf(const AttackConfig& c)
{
    return {{"epsilon", number(c.epsilon)}, {"norm", toString(c.norm)},     {"steps", c.steps},
            {"step_size", number(c.stepSize)}, {"random_start", c.randomStart}, {"restarts", c.restarts},
            {"targeted", c.targeted},          {"early_stop", c.earlyStop},   {"seed", c.seed},
            {"extra", c.extra}};
}

AttackConfig configFrom(const json& j)
{
    AttackConfig c;
    c.epsilon = numberFrom(j.at("epsilon"));
    c.norm = parseNorm(j.at("norm").get<std::string>());
    c.steps = j.at("steps").get<int>();
    c.stepSize = numberFrom(j.at("step_size"));
    c.randomStart = j.at("random_start").get<bool>();
    c.restarts = j.at("restarts").get<int>();
    c.targeted = j.at("targeted").get<bool>();
    c.earlyStop = j.at("early_stop").get<bool>();
    c.seed = j.at("seed").get<std::uint64_t>();
    c.extra = j.at("extra").get<std::map<std::string, double>>();
    return c;
}

json stagesOf(const std::vector<AttackStage>& stages)
{
    json array = json::array();
    for (const AttackStage& s : stages)
        array.push_back({{"attack", s.name},         {"attacked", s.attacked},   {"robust_after", s.robustAfter},
                         {"queries", s.queries},     {"seconds", number(s.seconds)}, {"gradient_free", s.gradientFree}});
    return array;
}

std::vector<AttackStage> stagesFrom(const json& array)
{
    std::vector<AttackStage> stages;
    for (const json& s : array)
        stages.push_back({s.at("attack").get<std::string>(), s.at("attacked").get<std::int64_t>(),
                          s.at("robust_after").get<std::int64_t>(), s.at("queries").get<std::int64_t>(),
                          numberFrom(s.at("seconds")), s.at("gradient_free").get<bool>()});
    return stages;
}

json pointOf(const CurvePoint& point, const PointOutcomes& o)
{
    json j = {{"epsilon", number(point.epsilon)},
              {"steps", point.steps},
              {"seconds", number(point.seconds)},
              {"gradient_evaluations", o.gradientEvaluations},
              {"queries_spent", o.queriesSpent},
              {"query_budget", o.queryBudget},
              {"stages", stagesOf(o.stages)},
              {"signs",
               {{"checked", o.signs.checked},
                {"randomised", o.signs.randomised},
                {"probabilities", o.signs.probabilities},
                {"zero_gradient_images", o.signs.zeroGradientImages}}},
              {"predictions", arrayOf(o.predictions)},
              {"adversarial_finite", arrayOf(o.adversarialFinite)},
              {"success", arrayOf(o.success)},
              {"l0", arrayOf(o.l0)},
              {"l1", arrayOf(o.l1)},
              {"l2", arrayOf(o.l2)},
              {"linf", arrayOf(o.linf)},
              {"queries", arrayOf(o.queries)}};
    if (o.queriesToSuccess.defined())
        j["queries_to_success"] = arrayOf(o.queriesToSuccess);
    return j;
}

void readPoint(const json& j, std::int64_t n, RobustnessReport& report)
{
    CurvePoint point;
    point.epsilon = numberFrom(j.at("epsilon"));
    point.steps = j.at("steps").get<int>();
    point.seconds = numberFrom(j.at("seconds"));
    PointOutcomes o;
    o.gradientEvaluations = j.at("gradient_evaluations").get<std::int64_t>();
    o.queriesSpent = j.at("queries_spent").get<std::int64_t>();
    o.queryBudget = j.at("query_budget").get<std::int64_t>();
    o.stages = stagesFrom(j.at("stages"));
    const json& signs = j.at("signs");
    o.signs.checked = signs.at("checked").get<bool>();
    o.signs.randomised = signs.at("randomised").get<bool>();
    o.signs.probabilities = signs.at("probabilities").get<bool>();
    o.signs.zeroGradientImages = signs.at("zero_gradient_images").get<std::int64_t>();
    o.predictions = tensorFrom(j.at("predictions"), at::kLong, n, "predictions");
    o.adversarialFinite = tensorFrom(j.at("adversarial_finite"), at::kBool, n, "adversarial_finite");
    o.success = tensorFrom(j.at("success"), at::kBool, n, "success");
    o.l0 = tensorFrom(j.at("l0"), at::kFloat, n, "l0");
    o.l1 = tensorFrom(j.at("l1"), at::kFloat, n, "l1");
    o.l2 = tensorFrom(j.at("l2"), at::kFloat, n, "l2");
    o.linf = tensorFrom(j.at("linf"), at::kFloat, n, "linf");
    o.queries = tensorFrom(j.at("queries"), at::kLong, n, "queries");
    if (j.contains("queries_to_success"))
        o.queriesToSuccess = tensorFrom(j.at("queries_to_success"), at::kLong, n, "queries_to_success");
    report.points.push_back(point);
    report.outcomes.points.push_back(std::move(o));
}

} // namespace

std::string configurationFingerprint(const std::map<std::string, std::string>& configuration)
{
    ContentHash hash;
    for (const auto& [key, value] : configuration) {
        hash.add(key);
        hash.add("=", 1);
        hash.add(value);
        hash.add("\n", 1);
    }
    return hash.hex();
}

std::string partialReportToJson(const PartialReport& partial)
{
    const RobustnessReport& r = partial.report;
    const ImageOutcomes& images = r.outcomes;
    json root;
    root["partial"] = {{"format", kFormat},
                       {"shard", partial.share.index},
                       {"shards", partial.share.count},
                       {"fingerprint", configurationFingerprint(partial.configuration)},
                       {"total_images", partial.totalImages},
                       {"configuration", partial.configuration}};
    root["model"] = r.model;
    root["attack"] = r.attack;
    if (!r.surrogate.empty())
        root["surrogate"] = r.surrogate;
    root["method"] = r.method;
    root["axis"] = r.axis;
    root["config"] = configOf(r.config);
    root["cancelled"] = r.cancelled;
    // A share without images (fewer batches than shares) has nothing per image.
    const bool any = images.indices.defined() && images.indices.numel() > 0 && images.labels.defined();
    root["images"] = {{"indices", any ? arrayOf(images.indices) : json::array()},
                      {"labels", any ? arrayOf(images.labels) : json::array()},
                      {"clean_predictions", any ? arrayOf(images.clean.predictions) : json::array()},
                      {"clean_top1", any ? arrayOf(images.clean.top1) : json::array()},
                      {"clean_top5", any ? arrayOf(images.clean.top5) : json::array()},
                      {"clean_finite", any ? arrayOf(images.clean.finite) : json::array()}};
    json points = json::array();
    for (std::size_t p = 0; any && p < r.points.size(); ++p)
        points.push_back(pointOf(r.points[p], images.points.at(p)));
    root["points"] = points;
    root["checks_run"] = partial.checksRun;
    json checks = json::array();
    for (const SanityCheck& c : r.checks)
        checks.push_back({{"name", c.name}, {"passed", c.passed}, {"description", c.description}});
    root["checks"] = checks;
    root["check_warnings"] = partial.checkWarnings;
    return root.dump() + "\n"; // one line: machine-read, and the per-image arrays are long
}

PartialReport partialReportFromJson(const std::string& text, const std::string& name)
{
    json root;
    try {
        root = json::parse(text);
    } catch (const json::exception&) {
        throw Error(name + " is not JSON");
    }
    if (!root.is_object() || !root.contains("partial"))
        throw Error(name + " is not a partial result (write shares with eval --shard I/N)");
    try {
        const json& head = root.at("partial");
        if (head.at("format").get<int>() != kFormat)
            throw Error(name + " is a partial result of another format (" + head.at("format").dump() +
                        "; this program reads " + std::to_string(kFormat) + ")");
        PartialReport partial;
        partial.share = {head.at("shard").get<int>(), head.at("shards").get<int>()};
        partial.totalImages = head.at("total_images").get<std::int64_t>();
        partial.configuration = head.at("configuration").get<std::map<std::string, std::string>>();
        if (head.at("fingerprint").get<std::string>() != configurationFingerprint(partial.configuration))
            throw Error(name + ": its fingerprint does not match its configuration (the file was edited)");
        RobustnessReport& r = partial.report;
        r.model = root.at("model").get<std::string>();
        r.attack = root.at("attack").get<std::string>();
        r.surrogate = root.value("surrogate", std::string());
        r.method = root.at("method").get<std::string>();
        r.axis = root.at("axis").get<std::string>();
        r.config = configFrom(root.at("config"));
        r.cancelled = root.at("cancelled").get<bool>();
        const json& images = root.at("images");
        const auto n = static_cast<std::int64_t>(images.at("indices").size());
        r.outcomes.indices = tensorFrom(images.at("indices"), at::kLong, n, "indices");
        r.outcomes.labels = tensorFrom(images.at("labels"), at::kLong, n, "labels");
        r.outcomes.clean = {tensorFrom(images.at("clean_predictions"), at::kLong, n, "clean_predictions"),
                            tensorFrom(images.at("clean_top1"), at::kBool, n, "clean_top1"),
                            tensorFrom(images.at("clean_top5"), at::kBool, n, "clean_top5"),
                            tensorFrom(images.at("clean_finite"), at::kBool, n, "clean_finite")};
        for (const json& point : root.at("points"))
            readPoint(point, n, r);
        partial.checksRun = root.at("checks_run").get<bool>();
        for (const json& c : root.at("checks"))
            r.checks.push_back(
                {c.at("name").get<std::string>(), c.at("passed").get<bool>(), c.at("description").get<std::string>()});
        partial.checkWarnings = root.at("check_warnings").get<std::vector<std::string>>();
        return partial;
    } catch (const json::exception& e) {
        throw Error(name + " is an incomplete partial result (" + e.what() + ")");
    } catch (const Error& e) {
        const std::string what = e.what();
        throw Error(what.rfind(name, 0) == 0 ? what : name + ": " + what);
    }
}

} // namespace advlens::core
