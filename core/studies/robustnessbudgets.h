#pragma once

// The robustness study's metrics at a fixed budget ε, beside its minimal
// distortions: AutoAttack's robust accuracy with its stage table, and
// Square's robust accuracy with its accuracy-vs-queries curve. Included by
// robustnessstudy.cpp only (it brings nlohmann/json through studysettings.h).

#include "core/attacks/attack.h"
#include "core/data/labelledimages.h"
#include "core/studies/studyconfig.h"
#include "core/studies/studysettings.h"

#include <map>
#include <string>

namespace advlens::core {
class Classifier;
}

namespace advlens::core::study {

/// Settings "autoattack": {"epsilon": 0.1, "norm": "linf", and AutoAttack's
/// own settings: "iterations", "target_classes", "queries"} and "square":
/// {Square's settings, "queries" 1000 unless given}; Square runs at
/// AutoAttack's ε and norm.
struct BudgetSettings {
    double epsilon = 0.1;
    Norm norm = Norm::Linf;
    std::map<std::string, double> autoAttack;
    std::map<std::string, double> square{{"queries", 1000}};
};

/// Reads and checks them (the norm and every key against the attacks'
/// descriptions); throws Error with a one-line reason.
BudgetSettings parseBudgetSettings(const Json& settings);

/// Throws Error (one line) when a model of `config` has fewer than 4 classes,
/// which AutoAttack's APGD-T needs: checked from the metadata before any part runs.
void checkAutoAttackModels(const StudyConfig& config);

/// The text of what each metric's numbers depend on, for the part store.
std::string autoAttackFingerprint(const BudgetSettings& s);
std::string squareFingerprint(const BudgetSettings& s);

/// AutoAttack at the budget over `data`, through evaluateRobustness: robust
/// and clean accuracy, the stage table (robust accuracy after each stage),
/// warnings, queries and time; null when cancelled, "skipped" with the reason
/// when the attack refuses the model.
Json autoAttackMetric(Classifier& classifier, const LabelledImages& data, const BudgetSettings& s,
                      std::uint64_t seed, std::int64_t batchSize, const RunControl& control);

/// Square at the budget over `data`: robust and clean accuracy, median queries
/// to success and the curve of robust accuracy vs queries (accuracyByQueries
/// of AttackResult::queriesToSuccess); null when cancelled.
Json squareQueriesMetric(Classifier& classifier, const LabelledImages& data, const BudgetSettings& s,
                         std::uint64_t seed, std::int64_t batchSize, const RunControl& control);

} // namespace advlens::core::study
