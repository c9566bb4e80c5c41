#include "core/attacks/fabprojection.h"

#include "core/util/error.h"

#include <ATen/ATen.h>

#include <limits>

namespace advlens::core {

namespace {

/// The authors' projection_l2 treats smaller weights as zero.
constexpr double kL2NegligibleWeight = 1e-8;

/// The problem turned so that the step must lower w·x by `excess` ≥ 0.
struct Oriented {
    at::Tensor direction; ///< N×D, −sign(w): where each value moves
    at::Tensor room;      ///< N×D, how far it can move that way inside the box
    at::Tensor weight;    ///< N×D, |w| where the value may move, 0 elsewhere
    at::Tensor excess;    ///< N, |w·t − b|
    at::Tensor reach;     ///< N, the most the box lets the step lower w·x
};

Oriented orient(const at::Tensor& t, const at::Tensor& w, const at::Tensor& b, double negligible)
{
    const at::Tensor gap = (w * t).sum(1) - b;
    const at::Tensor side = at::where(gap >= 0, 1.0, -1.0).unsqueeze(1);
    const at::Tensor oriented = w * side;
    Oriented o;
    o.direction = -oriented.sign();
    o.room = at::where(oriented > 0, t, 1.0 - t);
    o.weight = at::where(oriented.abs() > negligible, oriented.abs(), at::zeros_like(oriented));
    o.excess = gap.abs();
    o.reach = (o.weight * o.room).sum(1);
    return o;
}

/// The step once each value's amount (≤ its room) is known; rows the
/// hyperplane misses take their whole room.
at::Tensor stepOf(const Oriented& o, const at::Tensor& amount)
{
    const at::Tensor missed = o.excess.ge(o.reach).unsqueeze(1);
    const at::Tensor moves = o.weight > 0;
    return o.direction * at::where(missed, o.room, amount) * moves;
}

/// ℓ∞: the step lowers w·x by g(λ) = Σ wⱼ·min(λ, roomⱼ). With rooms sorted
/// high to low, on [room₍ₖ₊₁₎, room₍ₖ₎] g is λ·Sₖ + Rₖ (Sₖ the weight of the
/// first k+1, Rₖ what the rest give when they hit the box); the segment is the
/// last k whose g(room₍ₖ₎) still exceeds the excess.
at::Tensor projectLinf(const Oriented& o)
{
    const at::Tensor room = at::where(o.weight > 0, o.room, at::zeros_like(o.room));
    const auto [rooms, order] = room.sort(/*dim=*/1, /*descending=*/true);
    const at::Tensor weights = o.weight.gather(1, order);
    const at::Tensor slope = weights.cumsum(1);
    const at::Tensor rest = o.reach.unsqueeze(1) - (weights * rooms).cumsum(1);
    const at::Tensor atBreakpoints = rooms * slope + rest;
    const at::Tensor segment = (atBreakpoints > o.excess.unsqueeze(1)).sum(1, /*keepdim=*/true).sub(1).clamp_min(0);
    const at::Tensor lambda =
        ((o.excess.unsqueeze(1) - rest.gather(1, segment)) / slope.gather(1, segment)).clamp_min(0.0);
    return stepOf(o, at::minimum(lambda, o.room));
}

/// ℓ2: the step lowers w·x by h(μ) = Σ wⱼ·min(μ·wⱼ, roomⱼ); value j reaches the
/// box at μ = roomⱼ/wⱼ. With those sorted low to high, before breakpoint k
/// h is μ·Qₖ + Aₖ (Qₖ the squared weights of the values still free, Aₖ what the
/// ones at the box give); the segment is the first k whose h(μ₍ₖ₎) reaches the excess.
at::Tensor projectL2(const Oriented& o)
{
    const at::Tensor moves = o.weight > 0;
    const at::Tensor breakpoints =
        at::where(moves, o.room / o.weight, at::full_like(o.room, std::numeric_limits<double>::infinity()));
    const auto [sorted, order] = breakpoints.sort(/*dim=*/1);
    const at::Tensor weights = o.weight.gather(1, order);
    const at::Tensor squares = weights * weights;
    const at::Tensor saturated = weights * o.room.gather(1, order);
    const at::Tensor free = squares.sum(1, /*keepdim=*/true) - squares.cumsum(1) + squares;
    const at::Tensor atBox = saturated.cumsum(1) - saturated;
    const at::Tensor atBreakpoints = at::where(moves.gather(1, order), sorted * free + atBox,
                                               at::full_like(sorted, std::numeric_limits<double>::infinity()));
    const at::Tensor segment =
        (atBreakpoints < o.excess.unsqueeze(1)).sum(1, /*keepdim=*/true).clamp_max(o.room.size(1) - 1);
    const at::Tensor mu = (o.excess.unsqueeze(1) - atBox.gather(1, segment)) / free.gather(1, segment);
    return stepOf(o, at::minimum(mu.clamp_min(0.0) * o.weight, o.room));
}

} // namespace

at::Tensor projectOntoHyperplaneInBox(const at::Tensor& points, const at::Tensor& w, const at::Tensor& b, Norm norm)
{
    if (points.dim() != 2 || !w.sizes().equals(points.sizes()) || b.dim() != 1 || b.size(0) != points.size(0))
        throw Error("projectOntoHyperplaneInBox needs N×D points and weights and N offsets");
    if (norm == Norm::L1)
        throw Error("the FAB projection is written for linf and l2 only");
    if (points.size(0) == 0 || points.size(1) == 0)
        return at::zeros_like(points);
    const at::Tensor t = points.to(at::kDouble);
    const Oriented o = orient(t, w.to(at::kDouble), b.to(at::kDouble), norm == Norm::L2 ? kL2NegligibleWeight : 0.0);
    const at::Tensor step = norm == Norm::Linf ? projectLinf(o) : projectL2(o);
    return step.to(points.scalar_type());
}

} // namespace advlens::core
