#pragma once

#include "core/attacks/attack.h"
#include "core/data/labelledimages.h"

#include <string>

namespace advlens::core {

class Classifier;

/// Smallest adversarial perturbations found per image.
struct MinimalDistanceReport {
    std::string model;
    std::string attack;
    std::string method;   ///< "direct" (minimal-perturbation attacks) or "bisection"
    Norm norm = Norm::L2; ///< the norm distances are measured in
    std::int64_t images = 0;
    std::int64_t cleanCorrect = 0;
    /// Images whose clean logits are NaN or infinite: not attacked, not correct.
    std::vector<std::int64_t> nonFiniteImages;
    at::Tensor distance;   ///< N double, CPU: ‖δ‖ in `norm`; +∞ where nothing was found
    at::Tensor found;      ///< N bool, CPU: classified correctly and fooled
    at::Tensor relativeL2; ///< N double, CPU: ‖δ‖₂ / ‖x‖₂ (NaN where not found)
    NormSummary summary;   ///< of `distance` over found images
    /// Deep Defense's ρ2: mean ‖δ‖₂/‖x‖₂ over the found images (with DeepFool,
    /// the images it fools among those classified correctly).
    double rho2 = 0.0;
    std::int64_t gradientEvaluations = 0;
    double seconds = 0.0;
    bool cancelled = false;
};

/// Settings of the ε bisection for budgeted attacks (fgsm, bim, pgd, mim…).
struct BisectionOptions {
    double maxEpsilon = 0.0; ///< upper end; ≤ 0 means the whole box (ℓ∞ 1, ℓ2 √(CHW), ℓ1 CHW)
    int rounds = 10;         ///< the interval shrinks to maxEpsilon / 2^rounds
};

/// Minimal perturbation per image. Minimal-perturbation attacks (deepfool,
/// cw-l2, ead) are run unbounded and their perturbations measured directly.
/// Any other attack is bisected on ε per image: first at maxEpsilon (images it
/// cannot fool there are "not found"), then `rounds` halvings, keeping the
/// smallest ε that fooled; images sharing an ε are attacked as one batch.
/// Only images the model classifies correctly (with finite logits) are
/// attacked; throws Error when there is none. `firstIndex` is the data-set
/// index of data's first image: attacks seed each image's random draws from
/// its index, so a chunk of a data set gets the per-image results the whole gets.
MinimalDistanceReport minimalDistances(Classifier& classifier, const LabelledImages& data, Attack& attack,
                                       const AttackConfig& config, const BisectionOptions& bisection = {},
                                       std::int64_t batchSize = 256, const RunControl& control = {},
                                       std::int64_t firstIndex = 0);

std::string minimalDistancesToJson(const MinimalDistanceReport& report);
/// One row per image: index, label, found, distance, relative ℓ2.
std::string minimalDistancesToCsv(const MinimalDistanceReport& report, const at::Tensor& labels);

} // namespace advlens::core
