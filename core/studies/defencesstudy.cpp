#include "core/studies/defencesstudy.h"

#include "core/studies/studyparts.h"

#include "core/attacks/attackregistry.h"
#include "core/defences/defendedclassifier.h"
#include "core/metrics/accuracy.h"
#include "core/metrics/gradientmasking.h"
#include "core/metrics/minimaldistance.h"
#include "core/metrics/robustnessevaluation.h"
#include "core/model/modelmetadata.h"
#include "core/util/error.h"

#include <ATen/ATen.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <sstream>

namespace advlens::core {

namespace {

using study::Json;

struct InputDefenceSettings {
    bool enabled = true;
    std::string model; ///< one of the config's models
    std::vector<std::string> defences;
    std::vector<study::StudyAttack> attacks;
    std::vector<double> epsilons;
    bool maskingChecks = true;
};

/// Which parts a run computes: all of them and the results, or, in a work
/// item of splitDefencesStudy ("work_item"), one model's row, one
/// architecture's ε_ref and FGS accuracies, or one input-defence curve.
struct WorkItem {
    enum class Kind { Everything, Model, Architecture, Curve } kind = Kind::Everything;
    std::string name;       ///< the model or the architecture
    std::int64_t curve = -1; ///< the curve's index, attack by attack and variant by variant
};

struct Settings {
    std::vector<double> factors;
    double epsRefMax = 0.5;
    int epsRefRounds = 16;
    std::map<std::string, double> deepFool;
    InputDefenceSettings input;
    WorkItem item;
};

WorkItem parseWorkItem(const Json& json)
{
    WorkItem item;
    const auto found = json.find("work_item");
    if (found == json.end())
        return item;
    if (!found->is_object())
        throw Error("study settings: \"work_item\" is set by the study's split, as an object");
    if (found->contains("model")) {
        item.kind = WorkItem::Kind::Model;
        item.name = found->at("model").get<std::string>();
    } else if (found->contains("architecture")) {
        item.kind = WorkItem::Kind::Architecture;
        item.name = found->at("architecture").get<std::string>();
    } else {
        item.kind = WorkItem::Kind::Curve;
        item.curve = static_cast<std::int64_t>(study::number(*found, "curve", -1, 0, 1e9));
    }
    return item;
}

InputDefenceSettings parseInputDefenceSettings(const Json& json, const StudyConfig& config)
{
    InputDefenceSettings s;
    const Json& entry = json.contains("input_defences") ? json["input_defences"] : Json::object();
    if (entry.is_boolean()) {
        s.enabled = entry.get<bool>();
        if (s.enabled)
            return parseInputDefenceSettings(Json::object(), config);
        return s;
    }
    if (!entry.is_object())
        throw Error("study settings: \"input_defences\" must be an object or false");
    s.model = config.models.empty() ? std::string() : config.models.front().name;
    if (entry.contains("model")) {
        if (!entry["model"].is_string())
            throw Error("study settings: \"input_defences.model\" must be a model name");
        s.model = entry["model"].get<std::string>();
    }
    if (std::none_of(config.models.begin(), config.models.end(),
                     [&](const StudyModel& model) { return model.name == s.model; }))
        throw Error("study settings: \"input_defences.model\" (" + s.model + ") is not one of the study's models");
    s.defences = study::strings(entry, "defences", {"bits:2", "jpeg:50"});
    for (const std::string& defence : s.defences)
        parseInputDefence(defence); // throws naming the accepted forms
    AttackConfig defaults;
    defaults.steps = 20;
    s.attacks = study::parseStudyAttacks(entry, "attacks", {"fgsm", "pgd"}, defaults);
    for (const study::StudyAttack& attack : s.attacks)
        if (attack.config.norm != Norm::Linf || isMinimalPerturbationAttack(attack.name) || attack.config.targeted)
            throw Error("study settings: \"input_defences.attacks\" are untargeted ℓ∞ attacks with a budget (got " +
                        attack.label() + ")");
    s.epsilons = study::numbers(entry, "eps_linf", {0, 0.02, 0.05, 0.1, 0.15, 0.2, 0.3});
    if (entry.contains("masking_checks"))
        s.maskingChecks = entry["masking_checks"].get<bool>();
    return s;
}

Settings parseSettings(const StudyConfig& config)
{
    const Json json = study::parseSettings(config.settingsJson);
    Settings s;
    s.factors = study::numbers(json, "fgs_factors", {0.2, 0.5, 1.0});
    for (double factor : s.factors)
        if (!(factor > 0) || !std::isfinite(factor))
            throw Error("study settings: \"fgs_factors\" are positive numbers");
    s.epsRefMax = study::number(json, "eps_ref_max", s.epsRefMax, 1e-6, 1.0);
    s.epsRefRounds = static_cast<int>(study::number(json, "eps_ref_rounds", s.epsRefRounds, 1, 40));
    s.deepFool = study::attackSettings(json, "deepfool");
    s.deepFool.emplace("max_iterations", 50);
    s.input = parseInputDefenceSettings(json, config);
    s.item = parseWorkItem(json);
    return s;
}

/// The table's groups: models by architecture, in config order, each group
/// ordered as the paper's table; and each model's training recipe.
struct ArchitectureGroups {
    std::vector<std::string> recipes;
    std::vector<std::string> architectures;
    std::map<std::string, std::vector<std::size_t>> members;
};

int roleRank(const std::string& recipe);

ArchitectureGroups architectureGroups(const StudyConfig& config)
{
    ArchitectureGroups g;
    for (std::size_t i = 0; i < config.models.size(); ++i) {
        const ModelMetadata meta = readModelMetadata(config.models[i].path);
        g.recipes.push_back(meta.training ? meta.training->recipe : "plain");
        const std::string& architecture = meta.architecture;
        if (!g.members.count(architecture))
            g.architectures.push_back(architecture);
        g.members[architecture].push_back(i);
    }
    for (auto& [architecture, members] : g.members)
        std::stable_sort(members.begin(), members.end(), [&](std::size_t a, std::size_t b) {
            return roleRank(g.recipes[a]) < roleRank(g.recipes[b]);
        });
    return g;
}

/// The input-defence curves, in the order the study computes them: for each
/// attack, the undefended model, then each defence with its zero gradient and with BPDA.
struct CurveVariant {
    const study::StudyAttack* attack = nullptr;
    std::string defence; ///< empty: the undefended model
    DefenceGradient gradient = DefenceGradient::Bpda;
    std::string label() const { return defence.empty() ? "undefended" : defence + " " + toString(gradient); }
};

std::vector<CurveVariant> curveVariants(const InputDefenceSettings& s)
{
    std::vector<CurveVariant> variants;
    if (!s.enabled)
        return variants;
    for (const study::StudyAttack& attack : s.attacks) {
        variants.push_back({&attack, "", DefenceGradient::Bpda});
        for (const std::string& defence : s.defences)
            for (DefenceGradient gradient : {DefenceGradient::Obfuscated, DefenceGradient::Bpda})
                variants.push_back({&attack, toString(parseInputDefence(defence)), gradient});
    }
    return variants;
}

/// The table's rows, in the paper's order within an architecture.
int roleRank(const std::string& recipe)
{
    return recipe == "plain" ? 0 : recipe == "pgd" ? 1 : recipe == "deepdefense" ? 2 : 3;
}

/// Robust accuracy under ℓ∞ FGSM at each ε, over all images.
std::vector<double> fgsAccuracies(Classifier& classifier, const LabelledImages& data, const std::vector<double>& epsilons,
                                  std::int64_t batchSize, const RunControl& control)
{
    auto attack = createAttack("fgsm");
    AttackConfig config;
    config.norm = Norm::Linf;
    CurveOptions options;
    options.batchSize = batchSize;
    const RobustnessReport report =
        evaluateRobustness(classifier, data, *attack, config, epsilons, options, {control.cancellation, {}, {}});
    if (report.cancelled)
        return {};
    std::vector<double> accuracies(epsilons.size(), 0.0);
    // The report's points come back in ascending ε; the caller's order is kept.
    for (std::size_t i = 0; i < epsilons.size(); ++i)
        for (const CurvePoint& point : report.points)
            if (point.epsilon == epsilons[i])
                accuracies[i] = point.robustAccuracy;
    return accuracies;
}

Json describeModel(Classifier& classifier, const LabelledImages& data, const Settings& s, std::int64_t batchSize,
                   const RunControl& control)
{
    // DeepFool classifies every image first; its count of correct ones is the clean accuracy.
    auto deepFool = createAttack("deepfool");
    AttackConfig config;
    config.norm = Norm::L2;
    config.extra = s.deepFool;
    const RunControl inner{control.cancellation, {}, {}};
    MinimalDistanceReport distances;
    std::string skipped;
    try {
        distances = minimalDistances(classifier, data, *deepFool, config, {}, batchSize, inner);
    } catch (const Error& e) {
        // E.g. a model that classifies none of the images correctly: it has no
        // ρ2, its row says why, and the study goes on.
        skipped = e.what();
    }
    if (distances.cancelled)
        return Json();
    const ModelMetadata& meta = classifier.metadata();
    Json model;
    model["architecture"] = meta.architecture;
    model["recipe"] = meta.training ? meta.training->recipe : "plain";
    if (skipped.empty()) {
        model["accuracy"] = distances.images > 0 ? double(distances.cleanCorrect) / double(distances.images) : 0.0;
        model["images"] = distances.images;
        model["rho2"] = distances.rho2;
        model["rho2_found"] = distances.summary.count;
        model["rho2_attacked"] = distances.cleanCorrect;
        return model;
    }
    const Accuracy clean = evaluateAccuracy(classifier, data.images, data.labels, batchSize, inner);
    if (control.cancelled())
        return Json();
    // Correct over all images, as DeepFool's count is (non-finite rows count as wrong).
    model["accuracy"] = clean.images > 0 ? clean.top1 * double(clean.counted()) / double(clean.images) : 0.0;
    model["images"] = clean.images;
    model["rho2"] = nullptr;
    model["rho2_found"] = 0;
    model["rho2_attacked"] = 0;
    model["rho2_skipped"] = skipped;
    return model;
}

/// The smallest FGS ε (to the bisection's resolution) at which accuracy is ≤ 50 %.
Json findReferenceEpsilon(Classifier& classifier, const LabelledImages& data, const Settings& s,
                          std::int64_t batchSize, const RunControl& control)
{
    double low = 0.0, high = s.epsRefMax;
    std::vector<double> atHigh = fgsAccuracies(classifier, data, {high}, batchSize, control);
    if (atHigh.empty())
        return Json();
    Json result;
    result["reached"] = atHigh[0] <= 0.5;
    double accuracyAtHigh = atHigh[0];
    if (atHigh[0] <= 0.5) {
        for (int round = 0; round < s.epsRefRounds; ++round) {
            const double middle = 0.5 * (low + high);
            const std::vector<double> at = fgsAccuracies(classifier, data, {middle}, batchSize, control);
            if (at.empty())
                return Json();
            if (at[0] <= 0.5) {
                high = middle;
                accuracyAtHigh = at[0];
            } else {
                low = middle;
            }
        }
    }
    result["epsilon"] = high;
    result["accuracy"] = accuracyAtHigh;
    return result;
}

/// All 17 significant digits, for fingerprints.
std::string exactText(double value)
{
    std::ostringstream text;
    text.precision(17);
    text << value;
    return text.str();
}

std::string dataFingerprint(const StudyConfig& config)
{
    return config.data + "|" + config.split + "|" + std::to_string(config.images);
}

/// One curve of the input-transform part, in the curves study's format.
Json defenceCurve(Classifier& classifier, const LabelledImages& data, const study::StudyAttack& attack,
                  const InputDefenceSettings& s, std::int64_t batchSize, const RunControl& control)
{
    auto instance = createAttack(attack.name);
    CurveOptions options;
    options.batchSize = batchSize;
    const RunControl inner{control.cancellation, {}, {}};
    RobustnessReport report = evaluateRobustness(classifier, data, *instance, attack.config, s.epsilons, options, inner);
    if (!report.cancelled && s.maskingChecks)
        addGradientMaskingChecks(report, classifier, data, batchSize, inner);
    if (report.cancelled || control.cancelled())
        return Json();
    return Json::parse(reportToJson(report));
}

} // namespace

std::vector<StudyConfig> splitDefencesStudy(const StudyConfig& config)
{
    const Settings s = parseSettings(config);
    const Json json = study::parseSettings(config.settingsJson);
    std::vector<StudyConfig> items;
    const auto add = [&](const std::string& title, const Json& workItem) {
        StudyConfig item = config; // every model stays: the groups and the input-defence model are named by them
        item.title = title;
        Json settings = json;
        settings["work_item"] = workItem;
        item.settingsJson = settings.dump();
        items.push_back(item);
    };
    // The curves first: with the gradient-masking checks they are the longest items.
    const std::vector<CurveVariant> variants = curveVariants(s.input);
    for (std::size_t k = 0; k < variants.size(); ++k)
        add(s.input.model + ": " + variants[k].attack->label() + ", " + variants[k].label(), {{"curve", k}});
    for (const std::string& architecture : architectureGroups(config).architectures)
        add(architecture + ": eps_ref and accuracy under FGS", {{"architecture", architecture}});
    for (const StudyModel& model : config.models)
        add(model.name + ": clean accuracy and DeepFool rho2", {{"model", model.name}});
    return items;
}

StudyOutcome runDefencesStudy(const StudyConfig& config, const StudyStore& store, const StudyRunOptions& options)
{
    const Settings s = parseSettings(config);
    using Kind = WorkItem::Kind;
    const WorkItem& item = s.item;
    const ArchitectureGroups g = architectureGroups(config);
    const std::vector<std::string>& recipes = g.recipes;
    const std::vector<CurveVariant> variants = curveVariants(s.input);
    if (item.kind == Kind::Architecture && !g.members.count(item.name))
        throw Error("study work item: no model of architecture " + item.name);
    if (item.kind == Kind::Curve && item.curve >= std::int64_t(variants.size()))
        throw Error("study work item: curve " + std::to_string(item.curve) + " of " +
                    std::to_string(variants.size()));

    std::int64_t total = 1;
    if (item.kind == Kind::Everything)
        total = 2 * std::int64_t(config.models.size()) + std::int64_t(g.architectures.size()) +
                std::int64_t(variants.size());
    else if (item.kind == Kind::Architecture)
        total = 1 + std::int64_t(g.members.at(item.name).size());
    study::StudyParts parts(store, options, total);
    std::vector<std::unique_ptr<study::LazyStudyModel>> lazy;
    std::vector<std::string> prints;
    for (const StudyModel& model : config.models) {
        lazy.push_back(std::make_unique<study::LazyStudyModel>(config, model, options.device));
        prints.push_back(fileFingerprint(model.path));
    }
    std::ostringstream deepFoolPrint;
    for (const auto& [key, value] : s.deepFool)
        deepFoolPrint << "|" << key << "=" << exactText(value);

    std::vector<Json> rows(config.models.size());
    for (std::size_t i = 0; i < config.models.size(); ++i) {
        const StudyModel& model = config.models[i];
        if (item.kind != Kind::Everything && !(item.kind == Kind::Model && item.name == model.name))
            continue;
        rows[i] = parts.get("model-" + model.name, prints[i] + "|" + dataFingerprint(config) + deepFoolPrint.str(),
                            model.name + ": clean accuracy and DeepFool rho2", [&] {
                                return describeModel(lazy[i]->classifier(), lazy[i]->data(), s, config.batchSize,
                                                     parts.control());
                            });
        if (rows[i].is_null())
            return parts.outcome();
        rows[i]["name"] = model.name;
        if (rows[i].contains("rho2_skipped"))
            parts.log("skipped " + model.name + ": rho2: " + rows[i]["rho2_skipped"].get<std::string>());
    }

    Json table = Json::array();
    std::ostringstream factorsPrint;
    for (double factor : s.factors)
        factorsPrint << "," << exactText(factor);
    for (const std::string& architecture : g.architectures) {
        if (item.kind != Kind::Everything && !(item.kind == Kind::Architecture && item.name == architecture))
            continue;
        const std::vector<std::size_t>& group = g.members.at(architecture);
        const auto deepDefense = std::find_if(group.begin(), group.end(),
                                              [&](std::size_t i) { return recipes[i] == "deepdefense"; });
        const std::size_t anchor = deepDefense != group.end() ? *deepDefense : group.front();
        const Json reference = parts.get(
            "eps-ref-" + config.models[anchor].name,
            prints[anchor] + "|" + dataFingerprint(config) + "|" + exactText(s.epsRefMax) + "|" +
                std::to_string(s.epsRefRounds),
            config.models[anchor].name + ": FGS epsilon at 50 % accuracy (eps_ref)", [&] {
                return findReferenceEpsilon(lazy[anchor]->classifier(), lazy[anchor]->data(), s, config.batchSize,
                                            parts.control());
            });
        if (reference.is_null())
            return parts.outcome();
        const double epsilonRef = reference["epsilon"].get<double>();
        std::vector<double> epsilons;
        for (double factor : s.factors)
            epsilons.push_back(factor * epsilonRef);

        Json entries = Json::array();
        for (std::size_t i : group) {
            const Json fgs = parts.get(
                "fgs-" + config.models[i].name,
                prints[i] + "|" + dataFingerprint(config) + "|" + exactText(epsilonRef) + factorsPrint.str(),
                config.models[i].name + ": accuracy under FGS at factors of eps_ref", [&]() -> Json {
                    const std::vector<double> accuracies =
                        fgsAccuracies(lazy[i]->classifier(), lazy[i]->data(), epsilons, config.batchSize,
                                      parts.control());
                    return accuracies.empty() ? Json() : Json(accuracies);
                });
            if (fgs.is_null())
                return parts.outcome();
            if (item.kind != Kind::Everything)
                continue; // a work item: the rows are not all here to compare with
            const Json& baseline = rows[group.front()];
            Json row = rows[i];
            row["fgs_accuracy"] = fgs;
            row["rho2_ratio"] = row["rho2"].is_number() && baseline["rho2"].is_number()
                                    ? study::finiteOrNull(row["rho2"].get<double>() / baseline["rho2"].get<double>())
                                    : Json();
            row["accuracy_change"] = row["accuracy"].get<double>() - baseline["accuracy"].get<double>();
            entries.push_back(row);
        }
        table.push_back({{"architecture", architecture},
                         {"eps_ref", epsilonRef},
                         {"eps_ref_model", config.models[anchor].name},
                         {"eps_ref_reached", reference["reached"]},
                         {"rows", entries}});
    }

    Json curves = Json::array();
    if (s.input.enabled) {
        const auto found = std::find_if(config.models.begin(), config.models.end(),
                                        [&](const StudyModel& model) { return model.name == s.input.model; });
        const std::size_t index = std::size_t(found - config.models.begin());
        std::shared_ptr<Classifier> shared; // the defended wrappers share the model of `lazy`
        auto defended = [&](const std::string& spec, DefenceGradient gradient) {
            if (!shared)
                shared = std::shared_ptr<Classifier>(&lazy[index]->classifier(), [](Classifier*) {});
            return defendClassifier(shared, spec, gradient);
        };
        std::ostringstream axisPrint;
        for (double e : s.input.epsilons)
            axisPrint << "," << exactText(e);
        for (std::size_t k = 0; k < variants.size(); ++k) {
            if (item.kind != Kind::Everything && !(item.kind == Kind::Curve && item.curve == std::int64_t(k)))
                continue;
            const study::StudyAttack& attack = *variants[k].attack;
            const std::string& defence = variants[k].defence;
            const DefenceGradient gradient = variants[k].gradient;
            const std::string variant = variants[k].label();
            const Json curve = parts.get(
                "input-" + s.input.model + "-" + attack.label() + "-" + variant,
                prints[index] + "|" + dataFingerprint(config) + "|" + std::to_string(config.seed) + "|" +
                    study::fingerprintOf(attack) + "|" + variant + "|" + std::to_string(s.input.maskingChecks) +
                    axisPrint.str(),
                s.input.model + ": " + attack.label() + ", " + variant, [&]() -> Json {
                    const LabelledImages& data = lazy[index]->data();
                    if (defence.empty())
                        return defenceCurve(lazy[index]->classifier(), data, attack, s.input, config.batchSize,
                                            parts.control());
                    auto classifier = defended(defence, gradient);
                    return defenceCurve(*classifier, data, attack, s.input, config.batchSize, parts.control());
                });
            if (curve.is_null())
                return parts.outcome();
            Json entry = curve;
            entry["model"] = s.input.model;
            entry["defence"] = defence;
            entry["gradient"] = defence.empty() ? "" : toString(gradient);
            entry["attack_label"] = attack.label();
            entry["label"] = attack.label() + (defence.empty() ? std::string(", undefended")
                                                               : ", " + defence + " " + toString(gradient));
            curves.push_back(entry);
        }
    }
    if (item.kind != Kind::Everything)
        return parts.outcome();

    Json results = study::StudyParts::resultsFields(config);
    results["fgs_factors"] = s.factors;
    results["table"] = table;
    results["curves"] = curves;
    if (s.input.enabled)
        results["input_defence_model"] = s.input.model;

    std::ostringstream csv;
    csv << "architecture,model,recipe,accuracy,rho2,rho2_ratio,accuracy_change,eps_ref";
    for (double factor : s.factors)
        csv << ",fgs_accuracy_at_" << factor << "_eps_ref";
    csv << "\n";
    csv.precision(8);
    for (const Json& group : table)
        for (const Json& row : group["rows"]) {
            csv << group["architecture"].get<std::string>() << "," << row["name"].get<std::string>() << ","
                << row["recipe"].get<std::string>() << "," << row["accuracy"].get<double>() << ","
                << (row["rho2"].is_number() ? row["rho2"].get<double>() : std::nan("")) << ","
                << (row["rho2_ratio"].is_number() ? row["rho2_ratio"].get<double>() : std::nan("")) << ","
                << row["accuracy_change"].get<double>() << "," << group["eps_ref"].get<double>();
            for (const Json& accuracy : row["fgs_accuracy"])
                csv << "," << accuracy.get<double>();
            csv << "\n";
        }
    return parts.finish(config, results, {{"defences.csv", csv.str()}, {"input-defences.csv", study::curvesTable(curves)}});
}

} // namespace advlens::core
