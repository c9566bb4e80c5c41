#pragma once

// Reading a study's "settings" object. Only the studies' .cpp files include
// this header: it brings nlohmann/json, which core keeps out of its interface.

#include "core/attacks/attack.h"

#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <vector>

namespace advlens::core::study {

using Json = nlohmann::json;

/// The settings object of a config (StudyConfig::settingsJson).
Json parseSettings(const std::string& settingsJson);

/// settings[key] as a number in [low, high], or `fallback` when absent; throws Error naming the key.
double number(const Json& settings, const char* key, double fallback, double low, double high);
/// settings[key] as a list of strings, or `fallback` when absent.
std::vector<std::string> strings(const Json& settings, const char* key, std::vector<std::string> fallback);
/// settings[key] as a list of numbers, or `fallback` when absent.
std::vector<double> numbers(const Json& settings, const char* key, std::vector<double> fallback);

/// settings[key] as an object of attack settings ({"max_iterations": 100}, see
/// AttackConfig::extra), or empty when absent; throws Error naming the key.
std::map<std::string, double> attackSettings(const Json& settings, const char* key);

/// One attack of a study, written as a name ("fgsm") or an object
/// {"attack": "cw-l2", "norm": "l2", "eps": 0.1, "steps": 20, "step_size": 0.01,
///  "targeted": false, "set": {"confidence": 5}}; absent keys keep `defaults`.
struct StudyAttack {
    std::string name;
    AttackConfig config;
    std::string label() const; ///< "cw-l2" or "pgd l2", for legends and part keys
};
StudyAttack parseStudyAttack(const Json& entry, const AttackConfig& defaults);
std::vector<StudyAttack> parseStudyAttacks(const Json& settings, const char* key,
                                           const std::vector<std::string>& fallback, const AttackConfig& defaults);

/// A canonical text of an attack's settings, for fingerprints.
std::string fingerprintOf(const StudyAttack& attack);

/// JSON number, or null for NaN/∞ (JSON has neither).
Json finiteOrNull(double value);

/// The family of an architecture, for colouring: its leading letters,
/// lower-cased ("resnet-large" → "resnet", "mobilenet_v2" → "mobilenet",
/// "densenet121" → "densenet"); "other" when it has none.
std::string familyOf(const std::string& architecture);

} // namespace advlens::core::study
