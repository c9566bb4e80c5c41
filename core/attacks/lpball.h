#pragma once

#include "core/attacks/attack.h"

#include <ATen/core/Generator.h>

namespace advlens::core {

class ImageStreams;

/// Geometry of ℓp balls for batched perturbations (N×…; each image its own ball).

/// Projects each δ onto the ε-ball of `norm`: clamping for ℓ∞, scaling for ℓ2,
/// and for ℓ1 the exact Euclidean projection (Duchi et al., ICML 2008: the
/// soft threshold θ with ∑ max(|δ| − θ, 0) = ε). Points inside the ball come
/// back unchanged.
at::Tensor projectToBall(const at::Tensor& delta, double epsilon, Norm norm);

/// Steepest-ascent direction of unit norm: sign(g) for ℓ∞, g/‖g‖₂ for ℓ2, and
/// for ℓ1 sign(g) on the value(s) of largest |g| only, shared out to unit ℓ1
/// (zero where g is zero).
at::Tensor steepestDirection(const at::Tensor& gradient, Norm norm);

/// The sparse ℓ1 step of SLIDE (Tramèr & Boneh, NeurIPS 2019): sign(g) on the
/// values whose |g| lies in the top (1 − sparsity) fraction of each image (at
/// least one value; ties included), scaled to unit ℓ1. `sparsity` in [0, 1]:
/// 0.99 keeps the top 1 %, 1 only the largest. When `current` (the iterate x+δ)
/// is given, values the [0, 1] box stops from moving the ascent's way (a pixel
/// at 0 asked to darken) are left out first, so no budget goes to steps that
/// clipping would undo (as APGD-ℓ1, Croce & Hein 2021, does).
at::Tensor sparseL1Direction(const at::Tensor& gradient, double sparsity, const at::Tensor& current = {});

/// The tensor forms of the ℓ1 projection (Duchi's sort) and of the sparse
/// step, which projectToBall and sparseL1Direction use off the CPU or for
/// other dtypes; on the CPU a per-image loop (Michelot's algorithm; selection
/// of the k-th value) gives the same result several times faster.
at::Tensor projectToL1BallBySorting(const at::Tensor& delta, double epsilon);
at::Tensor sparseL1DirectionByTensors(const at::Tensor& gradient, double sparsity, const at::Tensor& current = {});

/// The direction an iterative attack steps along: steepestDirection for ℓ∞ and
/// ℓ2, sparseL1Direction(ascent, l1Sparsity, current) for ℓ1.
at::Tensor ascentDirection(const at::Tensor& ascent, const at::Tensor& current, Norm norm, double l1Sparsity);

/// The ℓ1 step of size ε from x that most increases ⟨g, δ⟩ while x + δ stays in
/// [0, 1]: values in order of |g| are pushed to the box's edge until ε is spent
/// (a fractional knapsack; the exact maximiser of the linearised loss). N×…
at::Tensor steepestL1StepInBox(const at::Tensor& gradient, const at::Tensor& x, double epsilon);

/// Points drawn uniformly from the ε-ball (ℓ∞: per-value uniform; ℓ2 and ℓ1:
/// uniform in volume), shaped like `like`, from a CPU generator so the same
/// seed gives the same start on every device.
at::Tensor uniformInBall(const at::Tensor& like, double epsilon, Norm norm, at::Generator& generator);
/// The same law, each image drawing from its own stream (one per image of `like`).
at::Tensor uniformInBall(const at::Tensor& like, double epsilon, Norm norm, ImageStreams& streams);

/// How PGD-ℓ2 draws the radius of its random start (direction uniform on the
/// sphere either way).
enum class L2Start {
    /// ε·u, u uniform in [0, 1]: starts spread over all radii, as the peer
    /// libraries draw them. The default: 20 steps of 0.1 at ε = 1 on a small
    /// Fashion-MNIST model left 11.4 % robust from it, against 13.4–13.8 %
    /// from the volume-uniform start.
    UniformRadius,
    /// ε·u^(1/d), uniform in volume: in d = 784 dimensions that puts almost
    /// every start on the sphere, noise the steps must first undo.
    UniformVolume,
};

/// PGD's random start δ: uniform in the ε-cube for ℓ∞, `l2Start` for ℓ2; for ℓ1 a standard
/// Gaussian vector projected onto the ball of radius ε/10, a random point on a
/// few values (APGD-ℓ1, Croce & Hein 2021, starts with such a projection, at
/// radius ε). Sparse steps spend much of a run taking back mass a start put
/// elsewhere: PGD-ℓ1 (20 steps, 1 % sparsity) on a small Fashion-MNIST MLP
/// fooled 72 % at ε = 40 from a start on the ε-sphere, 77 % from a uniform
/// one, 97 % from this one and 99 % from x itself.
at::Tensor randomStart(const at::Tensor& like, double epsilon, Norm norm, at::Generator& generator,
                       L2Start l2Start = L2Start::UniformRadius);
/// The same law, each image drawing from its own stream (one per image of `like`).
at::Tensor randomStart(const at::Tensor& like, double epsilon, Norm norm, ImageStreams& streams,
                       L2Start l2Start = L2Start::UniformRadius);

/// x + δ clipped to the ε-ball around x and to the [0, 1] box. Clipping to
/// the box after projecting never leaves the ball: it only moves values toward x.
at::Tensor projectToFeasible(const at::Tensor& x, const at::Tensor& candidate, double epsilon, Norm norm);

/// The set an attack's iterates must stay in: the ε-ball around each image of
/// x intersected with the [0, 1] box. For ℓ∞ that is a box, precomputed, so a
/// projection is one clamp; for ℓ2 and ℓ1 it projects onto the ball and then
/// clips to the box (feasible, as clipping only moves values toward x).
class FeasibleSet {
public:
    FeasibleSet(const at::Tensor& x, double epsilon, Norm norm);

    /// The feasible point for each candidate (N×C×H×W like x).
    at::Tensor project(const at::Tensor& candidate) const;
    /// The same set for the images at `rows` (int64 indices) only.
    FeasibleSet rows(const at::Tensor& rows) const;
    const at::Tensor& center() const { return m_x; }

private:
    FeasibleSet() = default;

    at::Tensor m_x, m_lower, m_upper; // lower/upper: ℓ∞ only
    double m_epsilon = 0.0;
    Norm m_norm = Norm::Linf;
};

} // namespace advlens::core
