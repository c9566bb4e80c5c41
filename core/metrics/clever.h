#pragma once

#include "core/attacks/attack.h"
#include "core/metrics/reverseweibull.h"

#include <ATen/core/Tensor.h>

#include <cstdint>
#include <string>
#include <vector>

namespace advlens::core {

class Classifier;

/// CLEVER (Cross-Lipschitz Extreme Value for nEtwork Robustness; Weng et al.,
/// ICLR 2018, Algorithms 1 and 2): an attack-independent estimate of a lower
/// bound on the smallest ℓp perturbation that changes the prediction c of an
/// image x0 into class j.
///
/// With the margin g(x) = f_c(x) − f_j(x) of the logits, g(x0 + δ) > 0 for all
/// ‖δ‖_p < g(x0) / L_q, where L_q is the local Lipschitz constant of g, the
/// largest dual norm ‖∇g‖_q (1/p + 1/q = 1) over the ball B_p(x0, R). CLEVER
/// estimates L_q by extreme value theory: N_b batches of N_s points drawn
/// uniformly in the ball, the largest ‖∇g‖_q of each batch, a reverse Weibull
/// law fitted to the N_b maxima by maximum likelihood; its location â (the
/// upper end of its support) estimates L_q, and score = min(g(x0)/â, R).
/// Untargeted: the minimum over target classes.
///
/// Defaults and where they come from:
///  - N_b = 500 batches of N_s = 1024 points: the paper's setting and the
///    defaults of the reference code (huanzhang12/CLEVER = IBM/CLEVER-Robustness-
///    Score, collect_gradients.py: --Niters 500, --Nsamps 1024).
///  - R = 5 for ℓ2, the paper's ℓ2 sampling radius. R = 0.1 for ℓ∞: the reference
///    code (estimate_gradient_norm.py) samples ℓ∞ points at radius 0.1 in a
///    pixel range of width 1, as ours is. R = 30 for ℓ1, the largest radius of
///    its ℓ1 samples. (Its ℓ2 samples are scaled by U[0, 3] instead; we follow
///    the paper's Algorithm 1, uniform in the ball of radius R.)
///  - Points are clipped to the [0, 1] pixel box, as the reference code clips
///    to its [−0.5, 0.5] box: the estimate is then of the Lipschitz constant on
///    ball ∩ box, which is convex, so the bound still holds for perturbations
///    that keep the image valid (the only ones attacks produce).
///  - Target "top2" (the class of the second largest logit), as the reference
///    code's cheap proxy for untargeted; "all" is the true untargeted score.
///  - The fit: scipy-free maximum likelihood (reverseweibull.h). Where it fails
///    (non-convergence, a shape outside [1, 1000], a location not above the
///    largest sample, a Kolmogorov–Smirnov p-value below 0.001 as the reference
///    code's threshold, or an all-equal sample), the largest sampled norm is
///    used instead and the result says so: the reference's fit sometimes
///    returns an absurd location and the score silently collapses.

/// Which classes j a CLEVER score is computed for.
enum class CleverTargets {
    Top2,        ///< the second most likely class (the paper's untargeted proxy)
    Random,      ///< one class ≠ c per image, from randomTargets(…, seed)
    LeastLikely, ///< the class of the smallest logit
    /// Every class ≠ c; the image's score is the untargeted CLEVER score. It
    /// costs K − 1 backward passes per point (one forward): for ImageNet's
    /// 1000 classes top2 is the paper's affordable proxy.
    All,
};
/// "top2", "random", "least-likely", "all".
std::string toString(CleverTargets targets);
/// The names above (also "top-2", "least", "leastlikely", "untargeted"); throws Error otherwise.
CleverTargets parseCleverTargets(const std::string& text);

/// R for `norm` when CleverOptions::radius is not set (see above): ℓ2 5, ℓ∞ 0.1, ℓ1 30.
double defaultCleverRadius(Norm norm);

/// CleverOptions::pointsPerPass when it is not set, for points of
/// `valuesPerPoint` input values, on CUDA or not (see there).
std::int64_t automaticCleverPointsPerPass(bool cuda, std::int64_t valuesPerPoint);

struct CleverOptions {
    Norm norm = Norm::L2;                ///< p of the perturbation; gradients are measured in its dual norm q
    double radius = 0.0;                 ///< R in pixel units; 0 means defaultCleverRadius(norm)
    std::int64_t batches = 500;          ///< N_b, the number of maxima fitted (≥ 1; a fit needs fit.minSamples)
    std::int64_t samplesPerBatch = 1024; ///< N_s, points per batch (≥ 1)
    /// Points per forward/backward pass (at most the points needed at once);
    /// ≤ 0 picks: on CUDA as many as fit in about 4.8 million input values (32
    /// images of 224×224×3), on the CPU, where small passes are faster per
    /// gradient, 12,544 values (16 Fashion-MNIST images, one ImageNet image).
    std::int64_t pointsPerPass = 0;
    CleverTargets targets = CleverTargets::Top2;
    /// 0: every batch is N_s fresh points (Algorithm 1), N_b·N_s gradients per
    /// image. P > 0: gradients are taken once at P points per image, and each
    /// batch draws N_s of them with replacement (the pool of IBM ART's
    /// clever_u/clever_t, whose default is P = 10·N_s), P gradients per image.
    /// Cheaper by N_b·N_s / P, but the maxima are then maxima of resamples of
    /// one pool: never above the pool's largest norm, and correlated, so the
    /// fitted location is pulled toward that largest norm and the Lipschitz
    /// estimate is lower, the score higher (less conservative), than with
    /// N_b·N_s fresh points. Every target of an image uses the same pool points.
    std::int64_t pool = 0;
    bool clipToBox = true;  ///< sample in ball ∩ [0, 1] (see above)
    std::uint64_t seed = 0; ///< points and random targets are deterministic given this
    /// The data-set index of the first image: image i draws its points and its
    /// random target from firstIndex + i and the seed, so scores of a chunk of
    /// images are those a run over the whole data set gives them.
    std::int64_t firstIndex = 0;
    WeibullFitOptions fit;
};

/// CLEVER for one image and one target class.
struct CleverTargetResult {
    std::int64_t target = -1;
    double margin = 0.0;         ///< g(x0) = f_c(x0) − f_j(x0) ≥ 0, logits
    double maxSampledNorm = 0.0; ///< the largest ‖∇g‖_q over all N_b·N_s points
    /// min(margin / maxSampledNorm, R): the plain bound from the sampled maximum,
    /// never below the score (the Weibull location lies above the sample maximum).
    double sampledBound = 0.0;
    ReverseWeibullFit fit;           ///< of batchMaxima
    double lipschitz = 0.0;          ///< the estimate used: fit.location when fit.ok(), else maxSampledNorm
    bool fellBack = false;           ///< the fit failed (fit.status says why) and maxSampledNorm was used
    double score = 0.0;              ///< min(margin / lipschitz, R); R when lipschitz is 0
    std::vector<double> batchMaxima; ///< N_b largest ‖∇g‖_q, one per batch
};

/// CLEVER for one image: one entry per target class asked for.
struct CleverImageResult {
    std::int64_t index = 0;     ///< the image's row in the input batch
    std::int64_t predicted = 0; ///< c, the model's class for the clean image
    std::vector<CleverTargetResult> targets;
    std::size_t lowest = 0;               ///< index into `targets` of the smallest score
    double score = 0.0;                   ///< targets[lowest].score: untargeted CLEVER when all targets were asked for
    std::int64_t gradientEvaluations = 0; ///< points whose gradients were taken (each: one backward per target; the pool's size with a pool)
};

struct CleverReport {
    Norm norm = Norm::L2;
    double radius = 0.0; ///< R actually used
    std::int64_t batches = 0;
    std::int64_t samplesPerBatch = 0;
    CleverTargets targets = CleverTargets::Top2;
    std::int64_t pool = 0; ///< CleverOptions::pool used (0: fresh points)
    std::vector<CleverImageResult> images; ///< finished images, in input order
    bool cancelled = false;                ///< stopped early; `images` holds those finished before
    double seconds = 0.0;
};

/// CLEVER scores of `images` (N×C×H×W float32 in [0, 1], any device) under
/// `classifier`, one result per image. The images are done one after another;
/// for each, the points of a batch are shared by all its targets (one forward
/// pass, one backward pass per target). Runs on the calling thread, which
/// must own the classifier; enables autograd itself. Checks cancellation
/// between batches and reports progress as (batches done, N·N_b). Throws
/// Error for bad settings or a bad input shape.
CleverReport cleverScores(Classifier& classifier, const at::Tensor& images, const CleverOptions& options = {},
                          const RunControl& control = {});

/// One row per image and target: image, predicted, target, margin, max sampled
/// norm, sampled bound, fit status, shape, location, scale, K-S statistic and
/// p-value, Lipschitz estimate, fell back, score, lowest (1 for the image's minimum).
std::string cleverToCsv(const CleverReport& report);

} // namespace advlens::core
