#include "core/attacks/lpball.h"

#include "core/attacks/imagestreams.h"
#include "core/util/error.h"

#include <ATen/ATen.h>
#include <ATen/Parallel.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <vector>

namespace advlens::core {

namespace {
constexpr double kTiny = 1e-12;
/// PGD-ℓ1 starts this fraction of ε from x (see randomStart).
constexpr double kL1StartFraction = 0.1;

/// N×1×…×1: a per-image value shaped to broadcast against `like`.
std::vector<std::int64_t> perImageShape(const at::Tensor& like)
{
    std::vector<std::int64_t> shape(static_cast<std::size_t>(like.dim()), 1);
    shape[0] = like.size(0);
    return shape;
}

at::Tensor perImageL2(const at::Tensor& t)
{
    return t.flatten(1).norm(2, {1}).view(perImageShape(t));
}

bool onCpuInFloat(const at::Tensor& t)
{
    return t.device().is_cpu() && t.scalar_type() == at::kFloat;
}

/// Values each row of an N×d float CPU tensor keeps from `in`, per image in
/// parallel: ∑|v| ≤ ε keeps v; else Michelot's algorithm (1986) finds the
/// soft threshold θ: θ ← (∑_A |v| − ε)/|A| over the values A above the last θ,
/// until A stops shrinking (θ only grows, so dropped values stay dropped; the
/// largest value never drops). Exact, like sorting, in a few passes over d.
at::Tensor projectRowsToL1BallOnCpu(const at::Tensor& flat, double epsilon)
{
    const at::Tensor input = flat.contiguous();
    at::Tensor output = at::empty_like(input);
    const std::int64_t n = input.size(0);
    const std::int64_t d = input.size(1);
    const float* in = input.data_ptr<float>();
    float* out = output.data_ptr<float>();
    at::parallel_for(0, n, /*grain_size=*/8, [&](std::int64_t begin, std::int64_t end) {
        std::vector<float> active;
        active.reserve(static_cast<std::size_t>(d));
        for (std::int64_t row = begin; row < end; ++row) {
            const float* v = in + row * d;
            float* w = out + row * d;
            double total = 0.0;
            for (std::int64_t i = 0; i < d; ++i)
                total += std::abs(v[i]);
            if (total <= epsilon) {
                std::copy(v, v + d, w);
                continue;
            }
            double theta = (total - epsilon) / double(d);
            double mass = 0.0;
            active.clear();
            for (std::int64_t i = 0; i < d; ++i)
                if (std::abs(v[i]) > theta) {
                    active.push_back(std::abs(v[i]));
                    mass += std::abs(v[i]);
                }
            while (!active.empty()) {
                theta = (mass - epsilon) / double(active.size());
                std::size_t kept = 0;
                double keptMass = 0.0;
                for (const float a : active)
                    if (a > theta) {
                        active[kept++] = a;
                        keptMass += a;
                    }
                if (kept == active.size() || kept == 0) // kept == 0 only when ε = 0
                    break;
                active.resize(kept);
                mass = keptMass;
            }
            const float threshold = static_cast<float>(std::max(theta, 0.0));
            double result = 0.0;
            for (std::int64_t i = 0; i < d; ++i) {
                const float shrunk = std::abs(v[i]) - threshold;
                w[i] = shrunk > 0.0f ? std::copysign(shrunk, v[i]) : 0.0f;
                result += std::abs(w[i]);
            }
            // Float rounding of θ and |v| − θ, summed over many values, may overshoot ε.
            if (result > epsilon) {
                const float scale = static_cast<float>(epsilon / result);
                for (std::int64_t i = 0; i < d; ++i)
                    w[i] *= scale;
            }
        }
    });
    return output;
}

/// The k-th largest of `values` (1 ≤ k ≤ size): a min-heap of the k largest
/// so far for small k (one comparison for most values), selection otherwise.
float kthLargest(const std::vector<float>& values, std::int64_t k, std::vector<float>& scratch)
{
    constexpr std::int64_t kHeapLimit = 64;
    if (k > kHeapLimit) {
        scratch = values;
        std::nth_element(scratch.begin(), scratch.begin() + (k - 1), scratch.end(), std::greater<float>());
        return scratch[static_cast<std::size_t>(k - 1)];
    }
    scratch.assign(values.begin(), values.begin() + k);
    std::make_heap(scratch.begin(), scratch.end(), std::greater<float>());
    for (auto value = values.begin() + k; value != values.end(); ++value)
        if (*value > scratch.front()) {
            std::pop_heap(scratch.begin(), scratch.end(), std::greater<float>());
            scratch.back() = *value;
            std::push_heap(scratch.begin(), scratch.end(), std::greater<float>());
        }
    return scratch.front();
}

/// Duchi et al. 2008, Fig. 1, for every row of `flat` (N×d) at once. Sums run
/// in double so that the result's ℓ1 norm is ε to float precision.
at::Tensor projectRowsToL1BallBySorting(const at::Tensor& flat, double epsilon)
{
    const std::int64_t d = flat.size(1);
    if (d == 0)
        return flat;
    const at::Tensor magnitude = flat.abs();
    const at::Tensor sorted = std::get<0>(magnitude.sort(/*dim=*/1, /*descending=*/true)).to(at::kDouble);
    const at::Tensor cumulative = sorted.cumsum(1);
    const at::Tensor rank = at::arange(1, d + 1, sorted.options());
    // ρ = the largest j with u_j > (Σ_{i≤j} u_i − ε) / j; the condition holds exactly for j ≤ ρ.
    const at::Tensor holds = sorted.mul(rank).gt(cumulative - epsilon);
    const at::Tensor rho = holds.mul(rank).amax(1, /*keepdim=*/true).clamp_min(1.0);
    const at::Tensor theta =
        ((cumulative.gather(1, rho.to(at::kLong) - 1) - epsilon) / rho).clamp_min(0.0).to(flat.scalar_type());
    at::Tensor projected = flat.sign() * (magnitude - theta).clamp_min(0.0);
    // Float rounding of θ and of |v| − θ, summed over ρ values, can overshoot ε
    // when ‖v‖₁ ≫ ε; a scale within float precision of 1 takes that back.
    const at::Tensor mass = projected.abs().sum(1, /*keepdim=*/true, at::kDouble);
    projected = projected * (epsilon / mass.clamp_min(kTiny)).clamp_max(1.0).to(flat.scalar_type());
    const at::Tensor inside = cumulative.narrow(1, d - 1, 1).le(epsilon);
    return at::where(inside, flat, projected);
}
} // namespace

at::Tensor projectToBall(const at::Tensor& delta, double epsilon, Norm norm)
{
    switch (norm) {
    case Norm::Linf:
        return delta.clamp(-epsilon, epsilon);
    case Norm::L2:
        return delta * (epsilon / perImageL2(delta).clamp_min(kTiny)).clamp_max(1.0);
    case Norm::L1: {
        const at::Tensor flat = delta.flatten(1);
        if (flat.size(1) == 0)
            return delta;
        return (onCpuInFloat(flat) ? projectRowsToL1BallOnCpu(flat, epsilon)
                                   : projectRowsToL1BallBySorting(flat, epsilon))
            .view_as(delta);
    }
    }
    return delta;
}

at::Tensor projectToL1BallBySorting(const at::Tensor& delta, double epsilon)
{
    const at::Tensor flat = delta.flatten(1);
    return flat.size(1) == 0 ? delta : projectRowsToL1BallBySorting(flat, epsilon).view_as(delta);
}

at::Tensor steepestDirection(const at::Tensor& gradient, Norm norm)
{
    switch (norm) {
    case Norm::Linf:
        return gradient.sign();
    case Norm::L2:
        return gradient / perImageL2(gradient).clamp_min(kTiny);
    case Norm::L1:
        return sparseL1Direction(gradient, /*sparsity=*/1.0);
    }
    return gradient;
}

at::Tensor sparseL1Direction(const at::Tensor& gradient, double sparsity, const at::Tensor& current)
{
    const std::int64_t n = gradient.size(0);
    const std::int64_t d = n ? gradient.numel() / n : 0;
    if (d == 0)
        return gradient.clone();
    const std::int64_t k = std::clamp<std::int64_t>(std::llround((1.0 - sparsity) * double(d)), 1, d);
    if (!onCpuInFloat(gradient) || (current.defined() && !onCpuInFloat(current)))
        return sparseL1DirectionByTensors(gradient, sparsity, current);

    // Per image: the k-th largest movable |g| in one pass, instead of top-k on tensors.
    const at::Tensor g = gradient.contiguous();
    const at::Tensor c = current.defined() ? current.contiguous() : at::Tensor();
    at::Tensor direction = at::empty_like(g);
    const float* in = g.data_ptr<float>();
    const float* position = c.defined() ? c.data_ptr<float>() : nullptr;
    float* out = direction.data_ptr<float>();
    at::parallel_for(0, n, /*grain_size=*/8, [&](std::int64_t begin, std::int64_t end) {
        std::vector<float> magnitude(static_cast<std::size_t>(d)), selection;
        for (std::int64_t row = begin; row < end; ++row) {
            // Branch-free loops (& on bools, selects): signs and box contacts are unpredictable.
            const float* gr = in + row * d;
            const float* cr = position ? position + row * d : nullptr;
            if (cr) {
                for (std::int64_t i = 0; i < d; ++i) {
                    const bool blocked = ((gr[i] > 0.0f) & (cr[i] >= 1.0f)) | ((gr[i] < 0.0f) & (cr[i] <= 0.0f));
                    magnitude[i] = blocked ? 0.0f : std::abs(gr[i]);
                }
            } else {
                for (std::int64_t i = 0; i < d; ++i)
                    magnitude[i] = std::abs(gr[i]);
            }
            const float threshold = kthLargest(magnitude, k, selection);
            std::int64_t count = 0;
            for (const float m : magnitude)
                count += (m >= threshold) & (m > 0.0f);
            const float share = 1.0f / static_cast<float>(std::max<std::int64_t>(count, 1));
            float* w = out + row * d;
            for (std::int64_t i = 0; i < d; ++i) {
                const bool chosen = (magnitude[i] >= threshold) & (magnitude[i] > 0.0f);
                w[i] = chosen ? std::copysign(share, gr[i]) : 0.0f;
            }
        }
    });
    return direction;
}

at::Tensor sparseL1DirectionByTensors(const at::Tensor& gradient, double sparsity, const at::Tensor& current)
{
    at::Tensor ascent = gradient;
    if (current.defined()) {
        const at::Tensor blocked = (ascent.gt(0.0) & current.ge(1.0)).logical_or_(ascent.lt(0.0) & current.le(0.0));
        ascent = ascent.masked_fill(blocked, 0.0);
    }
    const at::Tensor flat = ascent.flatten(1);
    const std::int64_t d = flat.size(1);
    if (d == 0)
        return gradient.clone();
    const std::int64_t k = std::clamp<std::int64_t>(std::llround((1.0 - sparsity) * double(d)), 1, d);
    const at::Tensor magnitude = flat.abs();
    const at::Tensor threshold =
        std::get<0>(magnitude.topk(k, /*dim=*/1, /*largest=*/true, /*sorted=*/false)).amin(1, /*keepdim=*/true);
    const at::Tensor chosen = magnitude.ge(threshold).logical_and_(magnitude.gt(0.0));
    const at::Tensor count = chosen.sum(1, /*keepdim=*/true).clamp_min(1).to(flat.scalar_type());
    return (flat.sign() * chosen / count).view_as(gradient);
}

at::Tensor ascentDirection(const at::Tensor& ascent, const at::Tensor& current, Norm norm, double l1Sparsity)
{
    return norm == Norm::L1 ? sparseL1Direction(ascent, l1Sparsity, current) : steepestDirection(ascent, norm);
}

at::Tensor steepestL1StepInBox(const at::Tensor& gradient, const at::Tensor& x, double epsilon)
{
    const at::Tensor g = gradient.flatten(1).to(at::kDouble);
    const at::Tensor xf = x.flatten(1).to(at::kDouble);
    // How far each value may move the gradient's way before it leaves [0, 1].
    const at::Tensor room = at::where(g.gt(0.0), 1.0 - xf, at::where(g.lt(0.0), xf, at::zeros_like(xf)));
    const at::Tensor order = std::get<1>(g.abs().sort(/*dim=*/1, /*descending=*/true));
    const at::Tensor roomInOrder = room.gather(1, order);
    const at::Tensor spentBefore = roomInOrder.cumsum(1) - roomInOrder;
    const at::Tensor amountInOrder = at::minimum((epsilon - spentBefore).clamp_min(0.0), roomInOrder);
    const at::Tensor amount = at::zeros_like(amountInOrder).scatter_(1, order, amountInOrder);
    return (g.sign() * amount).to(gradient.scalar_type()).view_as(gradient);
}

namespace {

/// Draws from a CPU generator: one stream for the whole batch.
struct GeneratorDraws {
    at::Generator& generator;
    const at::TensorOptions cpu = at::TensorOptions().dtype(at::kFloat).device(at::kCPU);

    at::Tensor uniform(at::IntArrayRef sizes) { return at::rand(sizes, generator, cpu); }
    at::Tensor normal(at::IntArrayRef sizes) { return at::randn(sizes, generator, cpu); }
    at::Tensor exponential(at::IntArrayRef sizes) { return at::empty(sizes, cpu).exponential_(1.0, generator); }
};

/// Draws from each image's own stream (the first dimension is the image).
struct StreamDraws {
    ImageStreams& streams;

    at::Tensor uniform(at::IntArrayRef sizes) { return streams.uniform({}, sizes.slice(1)); }
    at::Tensor normal(at::IntArrayRef sizes) { return streams.normal({}, sizes.slice(1)); }
    at::Tensor exponential(at::IntArrayRef sizes) { return uniform(sizes).neg_().log1p_().neg_(); }
};

template <typename Draws>
at::Tensor uniformInBallFrom(const at::Tensor& like, double epsilon, Norm norm, Draws draws)
{
    at::Tensor delta;
    const std::int64_t n = like.size(0);
    const std::int64_t d = n ? like.numel() / n : 0;
    switch (norm) {
    case Norm::Linf:
        delta = draws.uniform(like.sizes()).mul_(2.0 * epsilon).sub_(epsilon);
        break;
    case Norm::L2: {
        // A uniform direction (normalised Gaussian) times radius ε·u^(1/d).
        const at::Tensor direction = draws.normal(like.sizes());
        const at::Tensor radius =
            draws.uniform({n}).pow(1.0 / double(std::max<std::int64_t>(d, 1))).mul(epsilon);
        delta = direction / perImageL2(direction).clamp_min(kTiny) * radius.view(perImageShape(like));
        break;
    }
    case Norm::L1: {
        // The first d of d+1 exponentials over their sum are uniform in the unit
        // simplex {y ≥ 0, Σy ≤ 1}; random signs make that the ℓ1 ball.
        const at::Tensor spacings = draws.exponential({n, d + 1});
        const at::Tensor signs = draws.uniform({n, d}).lt(0.5).to(at::kFloat).mul_(2.0).sub_(1.0);
        const at::Tensor simplex = spacings.narrow(1, 0, d) / spacings.sum(1, /*keepdim=*/true);
        delta = (simplex * signs * epsilon).view(like.sizes());
        break;
    }
    }
    return delta.to(like.device());
}

template <typename Draws>
at::Tensor randomStartFrom(const at::Tensor& like, double epsilon, Norm norm, Draws draws, L2Start l2Start)
{
    if (norm == Norm::L2 && l2Start == L2Start::UniformRadius) {
        const at::Tensor direction = draws.normal(like.sizes());
        const at::Tensor radius = draws.uniform({like.size(0)}).mul(epsilon);
        return (direction / perImageL2(direction).clamp_min(kTiny) * radius.view(perImageShape(like))).to(like.device());
    }
    if (norm != Norm::L1)
        return uniformInBallFrom(like, epsilon, norm, draws);
    const at::Tensor gaussian = draws.normal(like.sizes());
    return projectToBall(gaussian, kL1StartFraction * epsilon, Norm::L1).to(like.device());
}

void checkStreams(const at::Tensor& like, const ImageStreams& streams)
{
    if (streams.size() != like.size(0))
        throw Error("one random stream per image is needed (" + std::to_string(like.size(0)) + " images, " +
                    std::to_string(streams.size()) + " streams)");
}

} // namespace

at::Tensor uniformInBall(const at::Tensor& like, double epsilon, Norm norm, at::Generator& generator)
{
    return uniformInBallFrom(like, epsilon, norm, GeneratorDraws{generator});
}

at::Tensor uniformInBall(const at::Tensor& like, double epsilon, Norm norm, ImageStreams& streams)
{
    checkStreams(like, streams);
    return uniformInBallFrom(like, epsilon, norm, StreamDraws{streams});
}

at::Tensor randomStart(const at::Tensor& like, double epsilon, Norm norm, at::Generator& generator, L2Start l2Start)
{
    return randomStartFrom(like, epsilon, norm, GeneratorDraws{generator}, l2Start);
}

at::Tensor randomStart(const at::Tensor& like, double epsilon, Norm norm, ImageStreams& streams, L2Start l2Start)
{
    checkStreams(like, streams);
    return randomStartFrom(like, epsilon, norm, StreamDraws{streams}, l2Start);
}

at::Tensor projectToFeasible(const at::Tensor& x, const at::Tensor& candidate, double epsilon, Norm norm)
{
    return (x + projectToBall(candidate - x, epsilon, norm)).clamp(0.0, 1.0);
}

FeasibleSet::FeasibleSet(const at::Tensor& x, double epsilon, Norm norm)
    : m_x(x)
    , m_epsilon(epsilon)
    , m_norm(norm)
{
    if (norm == Norm::Linf) {
        m_lower = (x - epsilon).clamp_min(0.0);
        m_upper = (x + epsilon).clamp_max(1.0);
    }
}

at::Tensor FeasibleSet::project(const at::Tensor& candidate) const
{
    if (m_norm == Norm::Linf)
        return at::clamp(candidate, m_lower, m_upper);
    return projectToFeasible(m_x, candidate, m_epsilon, m_norm);
}

FeasibleSet FeasibleSet::rows(const at::Tensor& rows) const
{
    FeasibleSet subset;
    subset.m_x = m_x.index_select(0, rows);
    if (m_lower.defined()) {
        subset.m_lower = m_lower.index_select(0, rows);
        subset.m_upper = m_upper.index_select(0, rows);
    }
    subset.m_epsilon = m_epsilon;
    subset.m_norm = m_norm;
    return subset;
}

} // namespace advlens::core
