#pragma once

#include "core/attacks/attack.h"
#include "core/attacks/attackparameters.h"

#include <vector>

namespace advlens::core {

/// The search that C&W ℓ2 and EAD share (Carlini & Wagner 2017; Chen et al.
/// 2018): minimise distance(x', x) + c·f(x') for a per-image constant c found
/// by binary search, keep the closest adversarial image per image.
///
/// f is the margin loss on logits Z with confidence κ:
/// untargeted max(Z_y − max_{i≠y} Z_i + κ, 0) for the label y, targeted
/// max(max_{i≠t} Z_i − Z_t + κ, 0) for the target t.

/// Settings both attacks read from AttackConfig::extra, with their defaults.
/// The references run 9 binary-search steps of 10,000 iterations from c = 0.001;
/// on the default model 5 steps of 100 from c = 1 find adversarial images as
/// close (median ℓ2 within 1 %) at a third of the cost: c = 1 is about where
/// the LeNet's constants end up, and failing steps far below it are wasted.
struct MarginSearchSettings {
    int binarySearchSteps = 5;  ///< "binary_search_steps": optimisations per image, each with its own c
    int maxIterations = 100;    ///< "max_iterations": optimiser steps per binary-search step
    double initialConst = 1.0;  ///< "initial_const": c of the first optimisation
    double confidence = 0.0;    ///< "confidence": κ ≥ 0, the margin an adversarial image must have
    double learningRate = 0.01; ///< "learning_rate"
    bool abortEarly = true;     ///< "abort_early" (≠ 0): end a round when the batch's summed loss stalls (the reference's rule)

    /// The settings of `config.extra` over `defaults`; throws Error for invalid values.
    static MarginSearchSettings read(const AttackConfig& config, const MarginSearchSettings& defaults);
    /// How an attack's description lists these settings, with `defaults` as their defaults.
    static std::vector<AttackParameter> parameters(const MarginSearchSettings& defaults);
};

/// f per image (N) of logits N×K toward `classes` (labels, or targets when targeted).
at::Tensor marginLoss(const at::Tensor& logits, const at::Tensor& classes, bool targeted, double confidence);

/// N bool: the goal is reached with margin > κ (so the argmax reaches it too).
at::Tensor reachedWithConfidence(const at::Tensor& logits, const at::Tensor& classes, bool targeted, double confidence);

/// One optimiser iterate of some images and what the search needs to know about it.
struct MarginEvaluation {
    at::Tensor images;   ///< A×C×H×W in [0, 1], the iterate the logits belong to
    at::Tensor logits;   ///< A×K
    at::Tensor distance; ///< A, what the closest adversarial image is chosen by
    at::Tensor loss;     ///< A, the objective the abort-early rule watches
};

/// The inner optimisation of one attack at fixed constants.
class MarginOptimiser {
public:
    virtual ~MarginOptimiser() = default;
    /// Starts over from the clean images with the per-image constants c (N).
    virtual void restart(const at::Tensor& constants) = 0;
    /// One step of the images `active` (A int64 indices into the batch): evaluates
    /// the current iterate (one gradient evaluation each) and moves on.
    virtual MarginEvaluation step(const at::Tensor& active) = 0;
};

/// Runs the binary search over c around `optimiser` on a prepared input
/// (prepareMinimalAttackInput) and returns the finished result.
///
/// Per image: c starts at initialConst; after an optimisation that reached the
/// goal, c halves toward the largest failing c, otherwise it grows tenfold
/// until some c succeeds, then bisects (the reference's rule, including its
/// rerun at the smallest successful c when binarySearchSteps ≥ 10). Every
/// evaluated iterate that reaches the goal with confidence κ and lies in the
/// budget (minimalperturbation.h) competes by distance. Abort early: every
/// maxIterations/10 steps, an image whose loss fell by less than 0.01 % since
/// the last check stops until the next c (per image, so an image's result does
/// not depend on the rest of the batch). Only images the model classifies
/// correctly are attacked (no other can count as a success); the others come
/// back unchanged.
///
/// Progress is (optimiser steps done, binarySearchSteps × maxIterations).
/// Each optimiser step is one gradient evaluation of the images it moves
/// (gradientEvaluationsPerImage; gradientEvaluations is the most of any image).
AttackResult runMarginSearch(Classifier& classifier, const AttackInput& input, const AttackConfig& config,
                             const MarginSearchSettings& settings, MarginOptimiser& optimiser,
                             const RunControl& control);

} // namespace advlens::core
