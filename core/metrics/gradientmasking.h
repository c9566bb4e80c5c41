#pragma once

#include "core/data/labelledimages.h"
#include "core/metrics/robustnessreport.h"

namespace advlens::core {

class Classifier;

/// Images the sanity checks use at most (the first ones of the set).
inline constexpr std::int64_t kMaskingCheckImages = 256;

/// Gradient-masking sanity checks (Athalye et al. 2018; Carlini et al. 2019),
/// at the report's largest ε and norm, on up to kMaskingCheckImages images:
///  - unbounded-pgd: PGD whose ball holds the whole [0,1] box must bring
///    accuracy to ≈ 0 (≤ 2 %); if not, gradients are not reaching the input;
///  - fgsm-below-clean: FGSM accuracy must not exceed clean accuracy;
///  - iterative-below-single-step: PGD-20 must not be weaker than FGSM;
///  - noise-weaker-than-gradients: uniform noise in the same ball must not be
///    stronger than PGD-20.
/// Each check is appended to report.checks and every failure also to
/// report.warnings; nothing is fixed silently. Checks whose attack is not
/// available are left out.
void addGradientMaskingChecks(RobustnessReport& report, Classifier& classifier, const LabelledImages& data,
                              std::int64_t batchSize = 256, const RunControl& control = {});

} // namespace advlens::core
