#include "core/studies/curvesstudy.h"

#include "core/studies/studyparts.h"

#include "core/attacks/attackregistry.h"
#include "core/data/datasource.h"
#include "core/metrics/gradientmasking.h"
#include "core/metrics/robustnessevaluation.h"
#include "core/model/classifier.h"
#include "core/model/modelloader.h"
#include "core/util/atomicfile.h"
#include "core/util/error.h"

#include <ATen/ATen.h>

#include <cmath>
#include <map>
#include <sstream>

namespace advlens::core {

namespace {

using study::Json;

struct Settings {
    std::vector<study::StudyAttack> attacks;
    std::map<Norm, std::vector<double>> epsilons;
    std::map<Norm, double> iterationsEpsilon;
    std::vector<int> stepsList;
    bool maskingChecks = true;
};

/// The settings' "attacks" entries, or the default ones.
Json attackEntries(const Json& settings)
{
    if (settings.contains("attacks")) {
        if (!settings["attacks"].is_array() || settings["attacks"].empty())
            throw Error("study settings: \"attacks\" must be a non-empty list");
        return settings["attacks"];
    }
    return Json::array({"fgsm", "bim", "pgd", "mim", Json{{"attack", "fgsm"}, {"norm", "l2"}},
                        Json{{"attack", "pgd"}, {"norm", "l2"}}});
}

Settings parseSettings(const std::string& text)
{
    const Json json = study::parseSettings(text);
    Settings s;
    AttackConfig defaults;
    defaults.steps = static_cast<int>(study::number(json, "steps", 10, 1, 10000));
    for (const Json& entry : attackEntries(json))
        s.attacks.push_back(study::parseStudyAttack(entry, defaults));
    s.epsilons[Norm::Linf] = study::numbers(json, "eps_linf", {0, 0.02, 0.05, 0.1, 0.15, 0.2, 0.3});
    s.epsilons[Norm::L2] = study::numbers(json, "eps_l2", {0, 0.5, 1, 1.5, 2, 3});
    s.epsilons[Norm::L1] = study::numbers(json, "eps_l1", {0, 5, 10, 20, 40});
    s.iterationsEpsilon[Norm::Linf] = study::number(json, "iterations_eps_linf", 0.1, 0, 1e9);
    s.iterationsEpsilon[Norm::L2] = study::number(json, "iterations_eps_l2", 1.5, 0, 1e9);
    s.iterationsEpsilon[Norm::L1] = study::number(json, "iterations_eps_l1", 10, 0, 1e9);
    for (double steps : study::numbers(json, "steps_list", {1, 2, 5, 10, 20, 50})) {
        if (steps < 1 || steps != std::floor(steps))
            throw Error("study settings: \"steps_list\" holds whole numbers ≥ 1");
        s.stepsList.push_back(static_cast<int>(steps));
    }
    if (json.contains("masking_checks"))
        s.maskingChecks = json["masking_checks"].get<bool>();
    for (const study::StudyAttack& attack : s.attacks)
        if (isMinimalPerturbationAttack(attack.name))
            throw Error("study settings: curves need budgeted attacks; " + attack.name +
                        " searches for the smallest perturbation (see the robustness study)");
    return s;
}

bool iterative(const std::string& attack)
{
    for (const AttackInfo& info : availableAttacks())
        if (info.name == attack)
            return info.iterative;
    return false;
}

} // namespace

std::vector<StudyConfig> splitCurvesStudy(const StudyConfig& config)
{
    const Settings s = parseSettings(config.settingsJson); // refuses bad settings here, once
    const Json json = study::parseSettings(config.settingsJson);
    const Json entries = attackEntries(json);
    std::vector<StudyConfig> items;
    for (const StudyModel& model : config.models)
        for (std::size_t a = 0; a < entries.size(); ++a) {
            StudyConfig item = config;
            item.title = model.name + ": " + s.attacks[a].label();
            item.models = {model};
            Json settings = json;
            settings["attacks"] = Json::array({entries[a]});
            item.settingsJson = settings.dump();
            items.push_back(item);
        }
    return items;
}

StudyOutcome runCurvesStudy(const StudyConfig& config, const StudyStore& store, const StudyRunOptions& options)
{
    const Settings s = parseSettings(config.settingsJson);
    std::int64_t perModel = 0;
    for (const study::StudyAttack& attack : s.attacks)
        perModel += iterative(attack.name) ? 2 : 1;
    study::StudyParts parts(store, options, perModel * std::int64_t(config.models.size()));
    std::ostringstream dataPrint;
    dataPrint << config.data << "|" << config.split << "|" << config.images << "|" << config.seed << "|"
              << s.maskingChecks;

    Json curves = Json::array();
    for (const StudyModel& model : config.models) {
        const std::string modelPrint = fileFingerprint(model.path);
        study::LazyStudyModel lazy(config, model, options.device);
        for (const study::StudyAttack& attack : s.attacks) {
            for (const bool overSteps : {false, true}) {
                if (overSteps && !iterative(attack.name))
                    continue;
                const std::vector<double>& epsilons = s.epsilons.at(attack.config.norm);
                std::ostringstream axisPrint;
                axisPrint.precision(17);
                if (overSteps) {
                    axisPrint << "steps@" << s.iterationsEpsilon.at(attack.config.norm);
                    for (int n : s.stepsList)
                        axisPrint << "," << n;
                } else {
                    for (double e : epsilons)
                        axisPrint << "," << e;
                }
                const std::string key =
                    model.name + "-" + attack.label() + (overSteps ? "-iterations" : "-epsilon");
                const Json report = parts.get(
                    key, modelPrint + "|" + dataPrint.str() + "|" + study::fingerprintOf(attack) + "|" + axisPrint.str(),
                    model.name + ": " + attack.label() + (overSteps ? " vs iterations" : " vs epsilon"), [&]() -> Json {
                        Classifier& c = lazy.classifier();
                        const LabelledImages& data = lazy.data();
                        auto instance = createAttack(attack.name);
                        CurveOptions curveOptions;
                        curveOptions.batchSize = config.batchSize;
                        const RunControl control{parts.control().cancellation, {}, {}};
                        RobustnessReport r;
                        if (overSteps) {
                            AttackConfig atEpsilon = attack.config;
                            atEpsilon.epsilon = s.iterationsEpsilon.at(attack.config.norm);
                            r = evaluateIterations(c, data, *instance, atEpsilon, s.stepsList, curveOptions, control);
                        } else {
                            r = evaluateRobustness(c, data, *instance, attack.config, epsilons, curveOptions, control);
                            if (!r.cancelled && s.maskingChecks)
                                addGradientMaskingChecks(r, c, data, config.batchSize, control);
                        }
                        if (r.cancelled || parts.cancelled())
                            return Json();
                        Json json = Json::parse(reportToJson(r));
                        json["label"] = attack.label();
                        return json;
                    });
                if (report.is_null())
                    return parts.outcome();
                Json curve = report;
                curve["model"] = model.name;
                curves.push_back(curve);
            }
        }
    }

    Json results = study::StudyParts::resultsFields(config);
    results["curves"] = curves;

    return parts.finish(config, results, {{"curves.csv", study::curvesTable(curves)}});
}

} // namespace advlens::core
