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

/// The checks in pieces, for runs split over processes (mpirun): each pass
/// of the checks over each batch of their images is a work item of its own,
/// and the verdicts come from the summed counts, the numbers
/// addGradientMaskingChecks (which is made of these) gives.
///
/// One pass of the checks: the clean images (`attack` empty) or an attack.
struct MaskingCheckPass {
    std::string attack; ///< empty: the clean images
    AttackConfig config;
};

/// The passes for `report` (its largest ε, its norm and seed), on images of
/// `imageValues` (C·H·W) values: clean, unbounded PGD-50, and when that ε >
/// 0 FGSM, PGD-20 and uniform noise (where available).
std::vector<MaskingCheckPass> maskingCheckPasses(const RobustnessReport& report, std::int64_t imageValues);

/// The first kMaskingCheckImages images of `data`, which the checks use.
LabelledImages maskingCheckImages(const LabelledImages& data);

/// Of the check images [begin, end), those classified correctly after
/// `pass` (each image's draws seeded from its index there).
std::int64_t maskingCheckCorrect(Classifier& classifier, const LabelledImages& checkImages,
                                 const MaskingCheckPass& pass, std::int64_t begin, std::int64_t end,
                                 const RunControl& control = {});

/// Appends the checks to `report` from each pass's correct images out of
/// `images` (correct[k] for passes[k]).
void addGradientMaskingVerdicts(RobustnessReport& report, const std::vector<MaskingCheckPass>& passes,
                                const std::vector<std::int64_t>& correct, std::int64_t images);

} // namespace advlens::core
