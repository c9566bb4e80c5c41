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

/// AutoAttack, standard version (Croce & Hein, ICML 2020), ℓ∞ or ℓ2: APGD-CE
/// (1 restart), APGD-T (target_classes runs), FAB-T (target_classes runs) and
/// Square (`queries` iterations after its first evaluation, p_init 0.8, the p
/// schedule not rescaled, as the authors' standard version), each `iterations` iterations and each on the points the
/// stages before left robust; the model's checks (randomised, probabilities,
/// zero gradients) are run first and go into AttackResult::signs.
///
/// Untargeted only; needs 4 classes. An image's result is the first stage's
/// adversarial for it, with the logits that stage judged it by. Reads epsilon, norm, seed (each stage gets its own seed
/// derived from it; every draw comes from the images' own streams) and
/// extra["iterations"], extra["target_classes"], extra["queries"].
class AutoAttack : public Attack {
public:
    static AttackInfo describe();
    std::string name() const override { return "autoattack"; }
    AttackResult run(Classifier& classifier, const AttackInput& input, const AttackConfig& config,
                     const RunControl& control = {}) override;

    /// The standard version's stages for `config` (what run() runs).
    static std::vector<StagePlan> standardStages(const AttackConfig& config);
};

} // namespace advlens::core
