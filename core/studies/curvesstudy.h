#pragma once

#include "core/studies/studyrunner.h"

namespace advlens::core {

/// Robustness curves (RealSafe / ARES, section 3 of issue 6): for every model
/// and attack of the config, accuracy vs ε and accuracy vs iterations, in ℓ∞
/// and ℓ2, on one plot per axis and norm; each ε curve carries the
/// gradient-masking checks (gradientmasking.h) at its largest ε.
///
/// Settings (all optional): "attacks" (default fgsm, bim, pgd, mim in ℓ∞ and
/// fgsm, pgd in ℓ2), "eps_linf" ([0, 0.02, 0.05, 0.1, 0.15, 0.2, 0.3]),
/// "eps_l2" ([0, 0.5, 1, 1.5, 2, 3]), "eps_l1" ([0, 5, 10, 20, 40]), "steps"
/// (10, for the ε curves), "steps_list" ([1, 2, 5, 10, 20, 50], iterative
/// attacks only), "iterations_eps_linf" (0.1), "iterations_eps_l2" (1.5),
/// "iterations_eps_l1" (10), "masking_checks" (true).
StudyOutcome runCurvesStudy(const StudyConfig& config, const StudyStore& store, const StudyRunOptions& options);

/// Its work items: one per model and attack (its curve over ε and, for an
/// iterative attack, over steps).
std::vector<StudyConfig> splitCurvesStudy(const StudyConfig& config);

} // namespace advlens::core
