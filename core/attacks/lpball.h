#pragma once

#include "attack.h"

#include <ATen/core/Generator.h>

namespace advlens::core {

/// Geometry of ℓp balls for batched perturbations (N×…; each image its own ball).

/// Projects each δ onto the ε-ball of `norm`.
at::Tensor projectToBall(const at::Tensor& delta, double epsilon, Norm norm);

/// Steepest-ascent direction of unit norm: sign(g) for ℓ∞, g/‖g‖₂ for ℓ2
/// (zero where g is zero).
at::Tensor steepestDirection(const at::Tensor& gradient, Norm norm);

/// Points drawn uniformly from the ε-ball (ℓ∞: per-value uniform; ℓ2: uniform
/// in volume), shaped like `like`, from a CPU generator so the same seed gives
/// the same start on every device.
at::Tensor uniformInBall(const at::Tensor& like, double epsilon, Norm norm, at::Generator& generator);

/// x + δ clipped to the ε-ball around x and to the [0, 1] box. Clipping to
/// the box after projecting never leaves the ball: it only moves values toward x.
at::Tensor projectToFeasible(const at::Tensor& x, const at::Tensor& candidate, double epsilon, Norm norm);

} // namespace advlens::core
