#include "core/studies/studysettings.h"

#include "core/attacks/attackregistry.h"
#include "core/util/error.h"

#include <cctype>
#include <cmath>
#include <limits>
#include <sstream>

namespace advlens::core::study {

namespace {
std::string formatNumber(double value)
{
    std::ostringstream text;
    text << value;
    return text.str();
}
} // namespace

Json parseSettings(const std::string& settingsJson)
{
    Json settings = Json::parse(settingsJson.empty() ? "{}" : settingsJson);
    if (!settings.is_object())
        throw Error("study config: \"settings\" must be an object");
    return settings;
}

double number(const Json& settings, const char* key, double fallback, double low, double high)
{
    const auto found = settings.find(key);
    if (found == settings.end())
        return fallback;
    if (!found->is_number())
        throw Error(std::string("study settings: \"") + key + "\" must be a number");
    const double value = found->get<double>();
    if (!(value >= low && value <= high))
        throw Error(std::string("study settings: \"") + key + "\" must lie in [" + formatNumber(low) + ", " +
                    formatNumber(high) + "] (got " + formatNumber(value) + ")");
    return value;
}

std::vector<std::string> strings(const Json& settings, const char* key, std::vector<std::string> fallback)
{
    const auto found = settings.find(key);
    if (found == settings.end())
        return fallback;
    std::vector<std::string> values;
    if (found->is_array())
        for (const Json& item : *found)
            if (item.is_string())
                values.push_back(item.get<std::string>());
    if (!found->is_array() || values.size() != found->size() || values.empty())
        throw Error(std::string("study settings: \"") + key + "\" must be a non-empty list of names");
    return values;
}

std::vector<double> numbers(const Json& settings, const char* key, std::vector<double> fallback)
{
    const auto found = settings.find(key);
    if (found == settings.end())
        return fallback;
    std::vector<double> values;
    if (found->is_array())
        for (const Json& item : *found)
            if (item.is_number())
                values.push_back(item.get<double>());
    if (!found->is_array() || values.size() != found->size() || values.empty())
        throw Error(std::string("study settings: \"") + key + "\" must be a non-empty list of numbers");
    return values;
}

std::map<std::string, double> attackSettings(const Json& settings, const char* key)
{
    std::map<std::string, double> values;
    const auto found = settings.find(key);
    if (found == settings.end())
        return values;
    if (!found->is_object())
        throw Error(std::string("study settings: \"") + key + "\" must be an object of attack settings");
    for (const auto& [name, value] : found->items()) {
        if (!value.is_number())
            throw Error(std::string("study settings: \"") + key + "." + name + "\" must be a number");
        values[name] = value.get<double>();
    }
    return values;
}

std::string StudyAttack::label() const
{
    const bool defaultNorm = (name == "cw-l2" || name == "deepfool") ? config.norm == Norm::L2
                             : name == "ead"                         ? config.norm == Norm::L1
                                                                     : config.norm == Norm::Linf;
    std::string text = defaultNorm ? name : name + " " + toString(config.norm);
    if (config.targeted)
        text += " targeted";
    return text;
}

StudyAttack parseStudyAttack(const Json& entry, const AttackConfig& defaults)
{
    StudyAttack attack;
    attack.config = defaults;
    bool epsilonGiven = false;
    if (entry.is_string()) {
        attack.name = entry.get<std::string>();
    } else if (entry.is_object() && entry.contains("attack") && entry["attack"].is_string()) {
        attack.name = entry["attack"].get<std::string>();
        if (entry.contains("norm"))
            attack.config.norm = parseNorm(entry["norm"].get<std::string>());
        attack.config.epsilon = number(entry, "eps", attack.config.epsilon, 0.0, 1e9);
        epsilonGiven = entry.contains("eps");
        attack.config.steps = static_cast<int>(number(entry, "steps", attack.config.steps, 1, 1e6));
        attack.config.stepSize = number(entry, "step_size", attack.config.stepSize, 0.0, 1e9);
        if (entry.contains("targeted"))
            attack.config.targeted = entry["targeted"].get<bool>();
        if (entry.contains("set")) {
            if (!entry["set"].is_object())
                throw Error("study settings: an attack's \"set\" must be an object of numbers");
            for (const auto& [key, value] : entry["set"].items()) {
                if (!value.is_number())
                    throw Error("study settings: attack setting \"" + key + "\" must be a number");
                attack.config.extra[key] = value.get<double>();
            }
        }
    } else {
        throw Error("study settings: an attack is a name or an object with \"attack\"");
    }
    createAttack(attack.name); // throws for an unknown name, listing the known ones
    if (isMinimalPerturbationAttack(attack.name) && !epsilonGiven)
        attack.config.epsilon = std::numeric_limits<double>::infinity();
    if (attack.name == "cw-l2" || attack.name == "deepfool")
        attack.config.norm = entry.is_object() && entry.contains("norm") ? attack.config.norm : Norm::L2;
    if (attack.name == "ead")
        attack.config.norm = Norm::L1;
    return attack;
}

std::vector<StudyAttack> parseStudyAttacks(const Json& settings, const char* key,
                                           const std::vector<std::string>& fallback, const AttackConfig& defaults)
{
    std::vector<StudyAttack> attacks;
    const auto found = settings.find(key);
    if (found == settings.end()) {
        for (const std::string& name : fallback)
            attacks.push_back(parseStudyAttack(Json(name), defaults));
        return attacks;
    }
    if (!found->is_array() || found->empty())
        throw Error(std::string("study settings: \"") + key + "\" must be a non-empty list of attacks");
    for (const Json& entry : *found)
        attacks.push_back(parseStudyAttack(entry, defaults));
    return attacks;
}

std::string fingerprintOf(const StudyAttack& attack)
{
    const AttackConfig& c = attack.config;
    std::ostringstream text;
    text.precision(17);
    text << attack.name << "|" << toString(c.norm) << "|" << c.epsilon << "|" << c.steps << "|" << c.stepSize << "|"
         << c.randomStart << "|" << c.restarts << "|" << c.targeted << "|" << c.earlyStop << "|" << c.seed;
    for (const auto& [key, value] : c.extra)
        text << "|" << key << "=" << value;
    return text.str();
}

Json finiteOrNull(double value)
{
    return std::isfinite(value) ? Json(value) : Json(nullptr);
}

std::string familyOf(const std::string& architecture)
{
    std::string family;
    for (char c : architecture) {
        if (!std::isalpha(static_cast<unsigned char>(c)))
            break;
        family += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return family.empty() ? "other" : family;
}

} // namespace advlens::core::study
