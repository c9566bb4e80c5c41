#include "app/cli/attackoptions.h"

#include "core/attacks/attackregistry.h"
#include "core/defences/defendedclassifier.h"
#include "core/model/modelloader.h"
#include "core/model/threatmodel.h"
#include "core/util/error.h"

#include <cmath>
#include <map>
#include <sstream>

namespace advlens::cli {

namespace {

/// Names of the attacks `keep` selects, comma-separated.
template <typename Predicate>
std::string namesWhere(Predicate keep)
{
    std::string names;
    for (const core::AttackInfo& info : core::availableAttacks())
        if (keep(info))
            names += (names.empty() ? "" : ", ") + info.name;
    return names;
}

/// "deepfool: linf, l2; …" for the attacks that do not take every norm.
std::string normExceptions()
{
    std::string text;
    for (const core::AttackInfo& info : core::availableAttacks())
        if (info.norms.size() < 3)
            text += (text.empty() ? "" : "; ") + info.name + ": " + core::normList(info.norms);
    return text.empty() ? "" : " (" + text + ")";
}

/// "confidence=5,binary_search_steps=9" as numbers by key; throws UsageError.
std::map<std::string, double> parseSettings(const std::string& text)
{
    std::map<std::string, double> settings;
    std::stringstream stream(text);
    for (std::string item; std::getline(stream, item, ',');) {
        const auto eq = item.find('=');
        if (eq == std::string::npos || eq == 0)
            throw UsageError("--set expects KEY=VALUE pairs separated by commas, not '" + item + "'");
        settings[item.substr(0, eq)] = parseNumber(item.substr(eq + 1), "set");
    }
    return settings;
}

} // namespace

std::string attackNames(bool minimal)
{
    return namesWhere([&](const core::AttackInfo& info) { return info.minimal == minimal; });
}

std::string attackHelp()
{
    std::ostringstream out;
    out << "Attacks (--attack NAME; settings with --set KEY=VALUE):\n";
    for (const core::AttackInfo& info : core::availableAttacks()) {
        out << "  " << info.name << "  [" << core::normList(info.norms) << "; "
            << (info.minimal ? "minimal, minimises " + core::normList(info.minimisedNorms) : std::string("budgeted"))
            << "; " << (info.needsGradients ? "gradients" : "queries only") << "]\n"
            << "      " << info.description << "\n";
        for (const core::AttackParameter& parameter : info.parameters)
            out << "      " << parameter.key << " " << parameter.rangeText() << ", default "
                << parameter.defaultText() << ": " << parameter.help << "\n";
    }
    return out.str();
}

std::vector<OptionSpec> attackOptions(const std::string& defaultEpsilon, EpsilonKind epsilon)
{
    const std::string iterative = namesWhere([](const core::AttackInfo& i) { return i.iterative && !i.minimal; });
    const std::string restarts = namesWhere([](const core::AttackInfo& i) { return i.randomStart; });
    const OptionSpec eps{"eps", "EPS", "budget in pixel units of [0,1] images; 8/255 is accepted", defaultEpsilon};
    return {
        OptionSpec{"attack", "NAME",
                   "attack: " + namesWhere([](const core::AttackInfo&) { return true; }) + " (see below)", "pgd"}
            .parsedBy([](const std::string& name) { core::attackInfo(name); }),
        epsilon == EpsilonKind::List ? eps.numberList(0, /*allowInfinity=*/true)
                                     : eps.parsedBy([](const std::string& text) {
                                           // "inf" (no budget): the minimal attacks' unbounded search, checked later.
                                           if (text != "inf" && parseNumber(text, "eps") < 0)
                                               throw UsageError("--eps must be ≥ 0 (got " + text + ")");
                                       }),
        OptionSpec{"norm", "NORM", "linf, l2 or l1" + normExceptions(), "linf"}.parsedBy(
            [](const std::string& text) { core::parseNorm(text); }),
        OptionSpec{"steps", "N", "iterations, 1-" + std::to_string(core::kMaxSteps) + " (" + iterative + ")", "10"}
            .whole(1, core::kMaxSteps),
        OptionSpec{"step-size", "X", "step size alpha (" + iterative + "); 0 = the attack's default", "0"}.number(0),
        OptionSpec{"restarts", "N",
                   "random restarts or draws, 1-" + std::to_string(core::kMaxRestarts) + " (" + restarts + ")", "1"}
            .whole(1, core::kMaxRestarts),
        {"no-random-start", "", "start pgd at the image itself (BIM / I-FGSM)", ""},
        {"early-stop", "", "iterative attacks stop working on an image once it is fooled", ""},
        OptionSpec{"set", "K=V,..", "attack-specific settings, e.g. momentum=0.9 or confidence=5,binary_search_steps=9",
                   ""}
            .parsedBy([](const std::string& text) { parseSettings(text); }),
    };
}

core::AttackConfig attackConfigFrom(const CommandLine& line, bool measuringMinimal)
{
    core::AttackConfig config;
    config.norm = core::parseNorm(line.value("norm"));
    config.steps = line.intValue("steps");
    config.stepSize = line.doubleValue("step-size");
    config.restarts = line.intValue("restarts");
    config.randomStart = !line.has("no-random-start");
    config.seed = static_cast<std::uint64_t>(line.int64Value("seed"));
    config.earlyStop = line.has("early-stop");
    config.extra = parseSettings(line.value("set"));
    try {
        core::validateAttackConfig(core::attackInfo(line.value("attack")), config, measuringMinimal);
    } catch (const core::Error& e) {
        throw UsageError(e.what());
    }
    return config;
}

std::vector<OptionSpec> defenceOptions()
{
    return {
        OptionSpec{"defence", "SPEC",
                   "input-transform defence in front of the model: jpeg:QUALITY (1-100) or bits:BITS (1-8); "
                   "attacks see its true gradient (zero: obfuscated) unless --bpda",
                   ""}
            .parsedBy([](const std::string& text) { core::parseInputDefence(text); }),
        {"bpda", "", "attack the defence with straight-through gradients (BPDA: forward T(x), backward identity)", ""},
        OptionSpec{"threat-model", "WHAT",
                   "what the attacker sees of the (defended) model: full, scores (no gradients) or label (the top-1 "
                   "class only)",
                   "full"}
            .parsedBy([](const std::string& text) { core::parseThreatModel(text); }),
    };
}

std::optional<core::InputDefence> defenceFrom(const CommandLine& line)
{
    if (!line.has("defence")) {
        if (line.has("bpda"))
            throw UsageError("--bpda needs a --defence to approximate");
        return std::nullopt;
    }
    try {
        return core::parseInputDefence(line.value("defence"));
    } catch (const core::Error& e) {
        throw UsageError(std::string("--defence: ") + e.what());
    }
}

std::unique_ptr<core::Classifier> defendModel(std::unique_ptr<core::Classifier> model,
                                              const std::optional<core::InputDefence>& defence, const CommandLine& line)
{
    if (defence)
        model = std::make_unique<core::DefendedClassifier>(std::move(model), *defence,
                                                           line.has("bpda") ? core::DefenceGradient::Bpda
                                                                            : core::DefenceGradient::Obfuscated);
    const core::ThreatModel threat = core::parseThreatModel(line.value("threat-model"));
    if (threat == core::ThreatModel::Full)
        return model;
    return std::make_unique<core::ThreatModelClassifier>(std::move(model), threat);
}

OptionSpec surrogateOption()
{
    return {"surrogate", "PATH",
            "transfer: run the attack on this model (metadata .json; an ensemble sidecar averages several) and "
            "classify its adversarial images by --model, which then needs no gradients",
            ""};
}

std::unique_ptr<core::Classifier> surrogateFrom(const CommandLine& line, c10::Device device)
{
    if (!line.has("surrogate"))
        return nullptr;
    return core::loadClassifier(std::filesystem::u8path(line.value("surrogate")), device);
}

} // namespace advlens::cli
