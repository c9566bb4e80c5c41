#include "core/studies/transferstudy.h"

#include "core/studies/studyparts.h"

#include "core/attacks/attackregistry.h"
#include "core/attacks/targetselection.h"
#include "core/data/datasource.h"
#include "core/data/imageexport.h"
#include "core/metrics/accuracy.h"
#include "core/attacks/attackinfo.h"
#include "core/model/classifier.h"
#include "core/model/ensembleclassifier.h"
#include "core/model/modelloader.h"
#include "core/util/atomicfile.h"
#include "core/util/error.h"

#include <ATen/ATen.h>

#include <algorithm>
#include <sstream>

namespace advlens::core {

namespace {

using study::Json;

struct Settings {
    std::vector<study::StudyAttack> attacks;
    std::vector<bool> targetedModes;
    std::int64_t examples = 8;
    std::vector<std::vector<std::string>> ensembles; ///< model names, one list per ensemble source
};

std::vector<std::string> defaultAttacks()
{
    return {"fgsm", "bim", "cw-l2", "ead"};
}

std::vector<std::string> defaultModes()
{
    return {"untargeted", "targeted"};
}

Settings parseSettings(const std::string& text)
{
    const Json json = study::parseSettings(text);
    Settings s;
    AttackConfig defaults;
    defaults.epsilon = 0.1;
    defaults.steps = 10;
    s.attacks = study::parseStudyAttacks(json, "attacks", defaultAttacks(), defaults);
    // Settings an attack does not read (a misspelt "diversity_prob") would otherwise pass silently.
    for (const study::StudyAttack& attack : s.attacks) {
        try {
            validateAttackConfig(attackInfo(attack.name), attack.config);
        } catch (const Error& e) {
            throw Error(std::string("study settings: ") + e.what());
        }
    }
    if (json.contains("ensembles")) {
        const Json& list = json["ensembles"];
        if (!list.is_array())
            throw Error("study settings: \"ensembles\" is a list of lists of model names");
        for (const Json& entry : list) {
            if (!entry.is_array() || entry.size() < 2)
                throw Error("study settings: an ensemble is a list of two or more model names");
            std::vector<std::string> members;
            for (const Json& name : entry) {
                if (!name.is_string())
                    throw Error("study settings: an ensemble is a non-empty list of model names");
                members.push_back(name.get<std::string>());
            }
            s.ensembles.push_back(members);
        }
    }
    for (const std::string& mode : study::strings(json, "modes", defaultModes())) {
        if (mode != "untargeted" && mode != "targeted")
            throw Error("study settings: a mode is \"untargeted\" or \"targeted\" (got \"" + mode + "\")");
        s.targetedModes.push_back(mode == "targeted");
    }
    s.examples = static_cast<std::int64_t>(study::number(json, "examples", s.examples, 0, 64));
    return s;
}

/// The part key and folder name of one source, attack and mode.
std::string partName(const std::string& source, const study::StudyAttack& attack, bool targeted)
{
    return source + "-" + attack.name + "-" + toString(attack.config.norm) + (targeted ? "-targeted" : "-untargeted");
}

/// Adversarial versions of all images, made on `source` in batches.
at::Tensor attackOnSource(Classifier& source, const LabelledImages& data, const at::Tensor& targets,
                          const study::StudyAttack& spec, bool targeted, std::int64_t batchSize,
                          const RunControl& control, bool& cancelled)
{
    auto attack = createAttack(spec.name);
    AttackConfig config = spec.config;
    config.targeted = targeted;
    std::vector<at::Tensor> batches;
    for (std::int64_t start = 0; start < data.size(); start += batchSize) {
        const std::int64_t end = std::min(data.size(), start + batchSize);
        AttackInput input{data.images.slice(0, start, end), data.labels.slice(0, start, end),
                          targeted ? targets.slice(0, start, end) : at::Tensor()};
        input.indices = at::arange(start, end, at::kLong);
        const AttackResult result = attack->run(source, input, config, {control.cancellation, {}, {}});
        if (result.cancelled || control.cancelled()) {
            cancelled = true;
            return {};
        }
        batches.push_back(result.adversarial.detach().to(at::kCPU));
    }
    return at::cat(batches, 0);
}

Json matrixJson(const std::vector<std::vector<std::int64_t>>& hits, const std::vector<std::vector<std::int64_t>>& of)
{
    Json rates = Json::array();
    for (std::size_t i = 0; i < hits.size(); ++i) {
        Json row = Json::array();
        for (std::size_t j = 0; j < hits[i].size(); ++j)
            row.push_back(study::finiteOrNull(of[i][j] > 0 ? double(hits[i][j]) / double(of[i][j]) : NAN));
        rates.push_back(row);
    }
    return rates;
}

} // namespace

std::vector<StudyConfig> splitTransferStudy(const StudyConfig& config)
{
    const Settings s = parseSettings(config.settingsJson); // refuses bad settings here, once
    const Json json = study::parseSettings(config.settingsJson);
    Json attacks = Json::array();
    if (json.contains("attacks"))
        attacks = json["attacks"];
    else
        for (const std::string& name : defaultAttacks())
            attacks.push_back(name);
    std::vector<StudyConfig> items;
    for (std::size_t a = 0; a < attacks.size(); ++a)
        for (bool targeted : s.targetedModes) {
            StudyConfig item = config;
            item.title = s.attacks[a].label() + (targeted ? ", targeted" : ", untargeted");
            Json settings = json;
            settings["attacks"] = Json::array({attacks[a]});
            settings["modes"] = Json::array({targeted ? "targeted" : "untargeted"});
            item.settingsJson = settings.dump();
            items.push_back(item);
        }
    return items;
}

StudyOutcome runTransferStudy(const StudyConfig& config, const StudyStore& store, const StudyRunOptions& options)
{
    const Settings s = parseSettings(config.settingsJson);
    const std::size_t n = config.models.size();
    // Sources: the models, then one "a+b" row per ensemble (a source only, never a target).
    std::vector<std::string> sourceNames;
    for (const StudyModel& model : config.models)
        sourceNames.push_back(model.name);
    std::vector<std::vector<std::size_t>> ensembleMembers;
    for (const std::vector<std::string>& names : s.ensembles) {
        std::vector<std::size_t> members;
        std::string joined;
        for (const std::string& name : names) {
            std::size_t k = 0;
            while (k < n && config.models[k].name != name)
                ++k;
            if (k == n)
                throw Error("study settings: ensemble member \"" + name + "\" is not one of the study's models");
            if (std::find(members.begin(), members.end(), k) != members.end())
                throw Error("study settings: ensemble member \"" + name + "\" is named twice");
            members.push_back(k);
            joined += (joined.empty() ? "" : "+") + name;
        }
        ensembleMembers.push_back(members);
        sourceNames.push_back(joined);
    }
    const std::size_t sources = sourceNames.size();
    // A cell is white-box when its target helped make the images: the
    // diagonal, and an ensemble's own members.
    std::vector<std::vector<bool>> whiteBox(sources, std::vector<bool>(n, false));
    for (std::size_t i = 0; i < n; ++i)
        whiteBox[i][i] = true;
    for (std::size_t e = 0; e < ensembleMembers.size(); ++e)
        for (std::size_t k : ensembleMembers[e])
            whiteBox[n + e][k] = true;
    const std::int64_t total = std::int64_t(sources * s.attacks.size() * s.targetedModes.size());
    study::StudyParts parts(store, options, total);

    std::string modelsPrint;
    for (const StudyModel& model : config.models)
        modelsPrint += fileFingerprint(model.path) + ";";
    std::ostringstream dataPrint;
    dataPrint << config.data << "|" << config.split << "|" << config.images << "|" << config.seed << "|"
              << s.examples;

    // The images and targets are shared by every part; they and the models
    // are opened together, once, when the first part needs computing (a run
    // that finds every part finished, or only looks, opens nothing).
    const ModelMetadata firstMetadata = readModelMetadata(config.models[0].path);
    LabelledImages data;
    at::Tensor targets;
    auto openData = [&] {
        if (targets.defined())
            return;
        data = loadDataSource(config.data, config.split, config.images, firstMetadata);
        targets = randomTargets(data.labels, static_cast<std::int64_t>(firstMetadata.classNames.size()), config.seed);
    };
    std::vector<std::shared_ptr<Classifier>> classifiers; ///< the models, then the ensembles
    std::vector<at::Tensor> cleanPredictions;
    auto openAll = [&] {
        if (!classifiers.empty())
            return;
        openData();
        for (const StudyModel& model : config.models) {
            classifiers.push_back(loadClassifier(model.path, options.device));
            const ModelMetadata& meta = classifiers.back()->metadata();
            if (meta.input.channels != firstMetadata.input.channels ||
                meta.input.height != firstMetadata.input.height || meta.input.width != firstMetadata.input.width)
                throw Error("model \"" + model.name + "\" takes another input shape than \"" +
                            config.models[0].name + "\": transfer needs models of one input");
            if (meta.classNames.size() != firstMetadata.classNames.size())
                throw Error("model \"" + model.name + "\" has another number of classes than \"" +
                            config.models[0].name + "\"");
        }
        for (auto& c : classifiers)
            cleanPredictions.push_back(predictLogits(*c, data.images, config.batchSize).argmax(1));
        for (std::size_t e = 0; e < ensembleMembers.size(); ++e) {
            std::vector<std::shared_ptr<Classifier>> members;
            for (std::size_t k : ensembleMembers[e])
                members.push_back(classifiers[k]);
            classifiers.push_back(std::make_shared<EnsembleClassifier>(members, sourceNames[n + e]));
        }
    };

    Json matrices = Json::array();
    for (const study::StudyAttack& attack : s.attacks) {
        for (bool targeted : s.targetedModes) {
            std::vector<std::vector<std::int64_t>> hits(sources, std::vector<std::int64_t>(n, 0)), of = hits,
                                                   top1 = hits;
            Json examples = Json::array();
            for (std::size_t i = 0; i < sources; ++i) {
                const std::string name = partName(sourceNames[i], attack, targeted);
                const std::string fingerprint =
                    modelsPrint + "|" + dataPrint.str() + "|" + study::fingerprintOf(attack) + "|" + name;
                const Json row = parts.get(name, fingerprint, name, [&]() -> Json {
                    openAll();
                    bool cancelled = false;
                    const at::Tensor adversarial = attackOnSource(*classifiers[i], data, targets, attack, targeted,
                                                                  config.batchSize, parts.control(), cancelled);
                    if (cancelled)
                        return Json();
                    Json result;
                    Json rowHits = Json::array(), rowOf = Json::array(), rowTop1 = Json::array();
                    Json examplePredictions = Json::array();
                    const std::int64_t shown = std::min<std::int64_t>(s.examples, data.size());
                    for (std::size_t j = 0; j < n; ++j) {
                        const at::Tensor logits = predictLogits(*classifiers[j], adversarial, config.batchSize);
                        const at::Tensor predicted = logits.argmax(1);
                        if (targeted) {
                            const std::int64_t k = std::min<std::int64_t>(5, logits.size(1));
                            const at::Tensor top5 = std::get<1>(logits.topk(k, 1));
                            rowHits.push_back(top5.eq(targets.unsqueeze(1)).any(1).sum().item<std::int64_t>());
                            rowOf.push_back(data.size());
                            rowTop1.push_back(predicted.eq(targets).sum().item<std::int64_t>());
                        } else {
                            const at::Tensor correct = cleanPredictions[j].eq(data.labels);
                            rowHits.push_back((correct & predicted.ne(data.labels)).sum().item<std::int64_t>());
                            rowOf.push_back(correct.sum().item<std::int64_t>());
                        }
                        Json p = Json::array();
                        for (std::int64_t e = 0; e < shown; ++e)
                            p.push_back(predicted[e].item<std::int64_t>());
                        examplePredictions.push_back(p);
                    }
                    const std::filesystem::path folder = store.folder() / "examples" / name;
                    std::filesystem::create_directories(folder);
                    for (std::int64_t e = 0; e < shown; ++e)
                        savePng(adversarial[e], folder / (std::to_string(e) + ".png"), 8);
                    result["hits"] = rowHits;
                    result["of"] = rowOf;
                    if (targeted)
                        result["top1"] = rowTop1;
                    result["example_predictions"] = examplePredictions;
                    return result;
                });
                if (row.is_null())
                    return parts.outcome();
                for (std::size_t j = 0; j < n; ++j) {
                    hits[i][j] = row["hits"][j].get<std::int64_t>();
                    of[i][j] = row["of"][j].get<std::int64_t>();
                    if (targeted)
                        top1[i][j] = row["top1"][j].get<std::int64_t>();
                }
                examples.push_back({{"folder", "examples/" + name}, {"predictions", row["example_predictions"]}});
            }
            Json matrix;
            matrix["attack"] = attack.label();
            matrix["norm"] = toString(attack.config.norm);
            matrix["epsilon"] = study::finiteOrNull(attack.config.epsilon);
            matrix["targeted"] = targeted;
            matrix["measure"] = targeted ? "top-5 match rate" : "success rate";
            matrix["rates"] = matrixJson(hits, of);
            matrix["hits"] = hits;
            matrix["of"] = of;
            if (targeted)
                matrix["top1_rates"] = matrixJson(top1, of);
            matrix["examples"] = examples;
            matrices.push_back(matrix);
        }
    }

    if (options.partsOnly)
        return parts.finish(config, {}, {}); // a work item: the whole run writes the rest

    // The clean images the examples were made from, with their labels and targets.
    openData();
    const std::int64_t shown = std::min<std::int64_t>(s.examples, data.size());
    std::filesystem::create_directories(store.folder() / "examples" / "clean");
    Json exampleLabels = Json::array(), exampleTargets = Json::array();
    for (std::int64_t e = 0; e < shown; ++e) {
        savePng(data.images[e], store.folder() / "examples" / "clean" / (std::to_string(e) + ".png"), 8);
        exampleLabels.push_back(data.labels[e].item<std::int64_t>());
        exampleTargets.push_back(targets[e].item<std::int64_t>());
    }

    Json results = study::StudyParts::resultsFields(config);
    results["class_names"] = firstMetadata.classNames;
    results["example_labels"] = exampleLabels;
    results["example_targets"] = exampleTargets;
    results["matrices"] = matrices;
    // Rows of every matrix: the models (as "models"), then the ensembles; columns: the models.
    results["sources"] = sourceNames;
    results["white_box"] = whiteBox;

    std::ostringstream csv;
    csv << "attack,mode,source,target,rate,hits,of,top1_rate,white_box\n";
    for (const Json& matrix : matrices)
        for (std::size_t i = 0; i < sources; ++i)
            for (std::size_t j = 0; j < n; ++j) {
                const Json& rate = matrix["rates"][i][j];
                csv << matrix["attack"].get<std::string>() << ","
                    << (matrix["targeted"].get<bool>() ? "targeted" : "untargeted") << "," << sourceNames[i]
                    << "," << config.models[j].name << "," << (rate.is_number() ? rate.get<double>() : NAN) << ","
                    << matrix["hits"][i][j].get<std::int64_t>() << "," << matrix["of"][i][j].get<std::int64_t>()
                    << ",";
                if (matrix.contains("top1_rates") && matrix["top1_rates"][i][j].is_number())
                    csv << matrix["top1_rates"][i][j].get<double>();
                csv << "," << (whiteBox[i][j] ? 1 : 0) << "\n";
            }
    return parts.finish(config, results, {{"transfer.csv", csv.str()}});
}

} // namespace advlens::core
