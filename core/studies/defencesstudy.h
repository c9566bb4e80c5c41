#pragma once

#include "core/studies/studyrunner.h"

namespace advlens::core {

/// Defences (section 4 of issue 6), two parts.
///
/// Deep Defense's table (Yan et al. 2018, Table 1): the config's models are
/// grouped by architecture, each named by its training recipe (metadata
/// "training.recipe": plain = reference, pgd = adversarial training (Madry
/// et al.), deepdefense = Deep Defense). Per model, on the config's images:
/// clean accuracy; ρ2, the mean ‖r‖₂/‖x‖₂ of DeepFool's perturbation over the
/// images it fools among those classified correctly; and accuracy under FGS
/// (ℓ∞ FGSM) at factors × ε_ref, where ε_ref is the FGS ε that brings the
/// group's Deep Defense model (else its reference) to 50 % accuracy, found by
/// bisection. Each row also gives ρ2 and accuracy relative to the reference.
///
/// Input transforms that only look robust (Athalye et al. 2018): one model of
/// the config behind each input defence (JPEG, bit-depth reduction), attacked
/// through the defence's own (zero) gradient and with BPDA (straight-through),
/// next to the undefended model: accuracy vs ℓ∞ ε per attack, each curve with
/// the gradient-masking checks (which flag the naive evaluation).
///
/// Settings (all optional): "fgs_factors" ([0.2, 0.5, 1]), "eps_ref_max"
/// (0.5), "eps_ref_rounds" (16), "deepfool": {attack settings, default
/// "max_iterations": 50}, "input_defences": {"model": one of the config's
/// models (default the first), "defences" (["bits:2", "jpeg:50"]), "attacks"
/// (["fgsm", {"attack": "pgd", "steps": 20}]), "eps_linf" ([0, 0.02, 0.05,
/// 0.1, 0.15, 0.2, 0.3]), "masking_checks" (true)}; "input_defences": false
/// leaves that part out.
StudyOutcome runDefencesStudy(const StudyConfig& config, const StudyStore& store, const StudyRunOptions& options);

/// Its work items: each input-defence curve, each architecture's ε_ref with
/// its models' accuracy under FGS, and each model's clean accuracy and ρ2.
/// An item carries the internal setting "work_item" that says which.
std::vector<StudyConfig> splitDefencesStudy(const StudyConfig& config);

} // namespace advlens::core
