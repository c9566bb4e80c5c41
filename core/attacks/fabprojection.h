#pragma once

#include "core/attacks/attack.h"

namespace advlens::core {

/// The step of FAB (Croce & Hein, ICML 2020) onto a linearised decision
/// boundary: for each row i, the d of smallest ℓ∞ or ℓ2 norm with
///     wᵢ·(tᵢ + d) = bᵢ   and   0 ≤ tᵢ + d ≤ 1,
/// the projection of tᵢ onto the hyperplane intersected with the [0, 1] box.
/// Where the hyperplane misses the box, d goes as far toward it as the box
/// allows: every value with wᵢⱼ ≠ 0 moves to the edge that brings w·x closer
/// to b. Values with wᵢⱼ = 0 (ℓ2: |wᵢⱼ| ≤ 1e-8, as in the authors' code) do
/// not move.
///
/// ℓ∞: dⱼ = −sign(wⱼ)·min(λ, roomⱼ), with roomⱼ how far value j can go that
/// way inside the box and λ ≥ 0 the smallest that reaches the hyperplane (the
/// choice the authors' projection_linf makes among the ℓ∞-minimal steps).
/// ℓ2: dⱼ = −sign(wⱼ)·min(μ|wⱼ|, roomⱼ), μ ≥ 0 from the same condition (the
/// KKT point, unique).
///
/// `points` N×D in [0, 1], `w` N×D, `b` N, all of one floating dtype and
/// device; returns N×D of that dtype (worked out in double). Norm::L1 is not
/// supported (throws Error).
at::Tensor projectOntoHyperplaneInBox(const at::Tensor& points, const at::Tensor& w, const at::Tensor& b, Norm norm);

} // namespace advlens::core
