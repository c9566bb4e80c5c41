#pragma once

#include "core/attacks/attack.h"

#include <string>
#include <vector>

namespace advlens::core {

/// One stage of a composed evaluation: a registered attack and its settings.
struct StagePlan {
    std::string attack; ///< registered name, e.g. "apgd-t"
    AttackConfig config;
};

/// Runs `stages` in order, each on the images still robust (classified
/// correctly, not fooled by an earlier stage), as AutoAttack does: an image
/// keeps the first adversarial found for it. Fills the result's stage table
/// (attacked, robust after, queries, seconds) and per-image queries and
/// gradient evaluations summed over the stages, and where a stage only
/// queries the model (Square) queriesToSuccess: the queries of the stages
/// before the one an image fell to, plus that stage's queries to success (its
/// queries where it does not count them); progress counts stages, each
/// stage's own progress inside its share. `evaluationConfig` is the config the
/// result is judged by (untargeted, its ε and norm).
AttackResult runAttackStages(Classifier& classifier, const AttackInput& input, const AttackConfig& evaluationConfig,
                             const std::vector<StagePlan>& stages, const RunControl& control = {});

/// AutoAttack's published versions (the reference's `version`).
enum class AutoAttackVersion {
    Standard, ///< APGD-CE, APGD-T, FAB-T, Square
    Rand,     ///< for randomised models: APGD-CE and APGD-DLR with EOT over 20 draws
    Plus,     ///< APGD-CE, APGD-DLR, FAB (5 restarts each), Square, APGD-T, FAB-T
};

/// AutoAttack (Croce & Hein, ICML 2020), ℓ∞ or ℓ2, in one of its versions,
/// each stage on the points the stages before left robust; the model's checks
/// (randomised, probabilities, zero gradients) are run first and go into
/// AttackResult::signs.
///
/// - standard ("autoattack"): APGD-CE (1 restart), APGD-T (target_classes
///   runs), FAB-T (target_classes runs) and Square (`queries` iterations after
///   its first evaluation, p_init 0.8, the p schedule not rescaled), each
///   `iterations` iterations.
/// - rand ("autoattack-rand"): APGD-CE and APGD-DLR, 1 restart, each gradient
///   the mean over extra["eot"] (default 20) passes.
/// - plus ("autoattack-plus"): APGD-CE, APGD-DLR and FAB with 5 restarts
///   each, Square (1 restart), APGD-T and FAB-T (1 restart each).
///
/// Untargeted only; needs 4 classes (rand: 3). An image's result is the first
/// stage's adversarial for it, with the logits that stage judged it by. Reads
/// epsilon, norm, seed (each stage gets its own seed derived from it; every
/// draw comes from the images' own streams) and the extra settings its
/// description lists.
class AutoAttack : public Attack {
public:
    AutoAttack() = default;
    static AttackInfo describe();
    std::string name() const override;
    AttackResult run(Classifier& classifier, const AttackInput& input, const AttackConfig& config,
                     const RunControl& control = {}) override;

    /// The stages `version` runs for `config` (what run() runs).
    static std::vector<StagePlan> stagesOf(AutoAttackVersion version, const AttackConfig& config);
    static std::vector<StagePlan> standardStages(const AttackConfig& config)
    {
        return stagesOf(AutoAttackVersion::Standard, config);
    }

protected:
    explicit AutoAttack(AutoAttackVersion version) : m_version(version) {}

private:
    AutoAttackVersion m_version = AutoAttackVersion::Standard;
};

/// AutoAttack's rand version (see AutoAttack).
class AutoAttackRand : public AutoAttack {
public:
    AutoAttackRand() : AutoAttack(AutoAttackVersion::Rand) {}
    static AttackInfo describe();
};

/// AutoAttack's plus version (see AutoAttack).
class AutoAttackPlus : public AutoAttack {
public:
    AutoAttackPlus() : AutoAttack(AutoAttackVersion::Plus) {}
    static AttackInfo describe();
};

} // namespace advlens::core
