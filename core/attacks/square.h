#pragma once

#include "core/attacks/attack.h"

namespace advlens::core {

/// The share p of the image a Square attack square covers at iteration
/// `iteration` (0-based), as the authors' p_selection: p_init, halved after
/// iterations 10, 50, 200, 500, 1000, 2000, 4000, 6000 and 8000 (p_init/512
/// beyond). With `rescaledTo` > 0 the iteration is first mapped onto that
/// 10,000-iteration schedule as the authors' code does,
/// it ← int(it / rescaledTo · 10000), so the halvings fall at the same shares
/// of a run of `rescaledTo` iterations; 0 keeps the raw iteration.
double squareFraction(int iteration, double pInit, int rescaledTo = 0);

/// The side of the square for the share `p` of a channels×height×width image,
/// as the authors' code: round(√(p·h·w)) (Python's round, ties to even), at
/// least 1 (ℓ∞) or at least 3 and odd (ℓ2), at most min(height, width).
int squareSide(double p, int channels, int height, int width, Norm norm);

/// The Square attack (Andriushchenko, Croce, Flammarion & Hein, ECCV 2020), as
/// in the authors' code that AutoAttack runs: a random search that only
/// queries the model. ℓ∞: start from vertical stripes of ±ε (one sign per
/// channel and column), then at each iteration set a random square of side
/// squareSide(squareFraction(i)) to x ± ε (one sign per channel), and keep
/// the candidate if it lowers the loss. ℓ2: start from the authors' tiling of
/// 5×5 "meta" patterns, then move the mass of a second random window into the
/// first one's new pattern, renormalised to the ε-sphere. Every candidate is
/// clipped to the [0, 1] box. An image stops as soon as its margin
/// z_y − max_{i≠y} z_i is ≤ 0.
///
/// Loss: untargeted, the margin itself. Targeted (AttackInput::targets), as
/// the reference: the cross-entropy to the target decides what is kept, the
/// margin max_{i≠t} z_i − z_t ≤ 0 when the image stops (keeping the authors'
/// choice keeps our targeted runs comparable with theirs).
///
/// Settings: extra["queries"] Q (whole, 1–1,000,000, default 5000) is the most
/// model evaluations an image gets per restart, the first (the stripes or
/// tiles) included: Q − 1 search iterations. So queries = Q is the reference
/// run with n_queries = Q − 1 (which evaluates each image up to n_queries + 1
/// times); the schedule is rescaled to Q − 1 iterations when
/// extra["rescale_schedule"] is 1 (default, as the reference's class; 0 as
/// AutoAttack's standard version). extra["p_init"] (0, 1], default 0.8.
/// Reads epsilon, norm, targeted, seed (every draw comes from the image's own
/// stream, so per-image results do not depend on the batch split) and
/// restarts (each restart starts afresh on the images still robust, as the
/// reference's n_restarts).
///
/// Queries per image: 0 for images the clean check finds misclassified (they
/// are not attacked; the clean check is not counted), 1 + k for an image
/// fooled at iteration k (k = 0: by the first evaluation), Q for an image a
/// restart does not fool, summed over restarts. Unlike the reference, which
/// returns the clean image where it failed, an unfooled image comes back as
/// its lowest-loss point (as APGD's results here), so the explorer shows what
/// the search reached; robust accuracy is the same.
///
/// The authors' code draws one square position (and one ℓ2 pattern
/// orientation) per iteration for the whole batch; here each image draws its
/// own, which the batch-split independence requires. Their position is
/// int((h − s)·U[0, 1)), so a square never starts at the last offset h − s
/// (unless s = h); kept as is.
class Square : public Attack {
public:
    static AttackInfo describe();
    std::string name() const override { return "square"; }
    AttackResult run(Classifier& classifier, const AttackInput& input, const AttackConfig& config,
                     const RunControl& control = {}) override;
};

} // namespace advlens::core
