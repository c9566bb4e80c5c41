#include "core/attacks/hopskipjump.h"

#include "core/attacks/attackcommon.h"
#include "core/attacks/attackinfo.h"
#include "core/attacks/decisionsearch.h"
#include "core/attacks/imagestreams.h"
#include "core/attacks/minimalperturbation.h"
#include "core/model/classifier.h"
#include "core/util/error.h"

#include <ATen/ATen.h>

#include <algorithm>
#include <cmath>
#include <vector>

namespace advlens::core {

namespace {

constexpr double kFloor = 1e-12;              ///< keeps normalisations finite, as the reference
constexpr double kFirstDelta = 0.1;           ///< δ₁: 0.1 of the [0, 1] box, as the reference
constexpr int kMaxHalvings = 60;              ///< past this the step is below float resolution
constexpr std::int64_t kSampleRows = 4096;    ///< gradient samples held in memory at once
constexpr std::uint64_t kStartStream = 1;     ///< ImageStreams purposes
constexpr std::uint64_t kSampleStream = 2;

const AttackParameter& samplesParameter()
{
    static const AttackParameter parameter{"gradient_samples", 1, 1000000, true, /*defaultValue=*/100,
                                           "hopskipjump: boundary samples at the first iteration, growing with "
                                           "the square root of the iteration"};
    return parameter;
}

const AttackParameter& maxSamplesParameter()
{
    static const AttackParameter parameter{"max_gradient_samples", 1, 1000000, true, /*defaultValue=*/10000,
                                           "hopskipjump: boundary samples per iteration at most"};
    return parameter;
}

const AttackParameter& gammaParameter()
{
    static const AttackParameter parameter{"gamma", 1e-6, 1e6, false, /*defaultValue=*/1.0,
                                           "hopskipjump: scales the bisection's tolerance θ and the sampling "
                                           "radius"};
    return parameter;
}

struct Settings {
    Norm norm = Norm::L2;
    std::int64_t queries = 5000;
    std::int64_t samples = 100;
    std::int64_t maxSamples = 10000;
    double theta = 0.0; ///< the bisection's tolerance
    double dimension = 0.0;
};

at::Tensor perImage(const at::Tensor& values)
{
    return values.view({-1, 1, 1, 1});
}

/// The boundary's unit normal at each of `points` (the images `rows`), from
/// samples[k] random directions of length delta[k] scored by the decision.
at::Tensor estimateGradient(DecisionOracle& oracle, const at::Tensor& rows, const at::Tensor& points,
                            const std::vector<std::int64_t>& samples, const std::vector<double>& delta, Norm norm,
                            ImageStreams& streams)
{
    const std::int64_t m = rows.numel();
    const at::IntArrayRef shape = points.sizes().slice(1);
    at::Tensor gradient = at::zeros_like(points);
    for (std::int64_t first = 0; first < m;) {
        std::int64_t last = first, rowsInGroup = 0; // images [first, last) share one oracle call
        while (last < m && (last == first || rowsInGroup + samples[std::size_t(last)] <= kSampleRows))
            rowsInGroup += samples[std::size_t(last++)];
        std::vector<at::Tensor> perturbed, directions, owners;
        for (std::int64_t k = first; k < last; ++k) {
            const std::int64_t count = samples[std::size_t(k)];
            std::vector<std::int64_t> sampleShape{count};
            sampleShape.insert(sampleShape.end(), shape.begin(), shape.end());
            const at::Tensor own = rows.slice(0, k, k + 1);
            at::Tensor rv = norm == Norm::L2 ? streams.normal(own, sampleShape)[0]
                                             : streams.uniform(own, sampleShape)[0].mul_(2.0).sub_(1.0);
            rv = rv.to(points.device());
            rv = rv / (perImage(rv.flatten(1).norm(2, {1})) + kFloor);
            const at::Tensor point = points.slice(0, k, k + 1);
            const at::Tensor moved = (point + delta[std::size_t(k)] * rv).clamp(0.0, 1.0);
            perturbed.push_back(moved);
            directions.push_back((moved - point) / delta[std::size_t(k)]); // what the box left of each direction
            owners.push_back(at::full({count}, rows[k].item<std::int64_t>(), at::kLong));
        }
        const at::Tensor decisions = oracle.reaches(at::cat(owners), at::cat(perturbed)).to(points.device());
        std::int64_t offset = 0;
        for (std::int64_t k = first; k < last; ++k) {
            const std::int64_t count = samples[std::size_t(k)];
            at::Tensor signs = decisions.slice(0, offset, offset + count).to(points.scalar_type()) * 2.0 - 1.0;
            offset += count;
            const double mean = signs.mean().item<double>();
            if (std::abs(mean) != 1.0) // the baseline; one-sided samples keep their signs
                signs = signs - mean;
            const at::Tensor g = (perImage(signs) * directions[std::size_t(k - first)]).mean(0);
            gradient[k] = g / (g.norm() + kFloor);
        }
        first = last;
    }
    return gradient;
}

std::vector<double> toVector(const at::Tensor& t)
{
    const at::Tensor c = t.to(at::kCPU, at::kDouble).contiguous();
    return {c.data_ptr<double>(), c.data_ptr<double>() + c.numel()};
}

/// One iteration on the images `rows` at `points`; returns their new points.
at::Tensor iterate(DecisionOracle& oracle, const at::Tensor& rows, const at::Tensor& x, const at::Tensor& points,
                   int t, const Settings& s, ImageStreams& streams, std::int64_t reserve)
{
    const std::int64_t m = rows.numel();
    const std::vector<double> distance = toVector(perImageDistance(points - x, s.norm));
    const auto planned = std::min<std::int64_t>(static_cast<std::int64_t>(double(s.samples) * std::sqrt(double(t))),
                                                s.maxSamples);
    std::vector<std::int64_t> samples(static_cast<std::size_t>(m));
    std::vector<double> delta(static_cast<std::size_t>(m));
    for (std::int64_t k = 0; k < m; ++k) {
        samples[std::size_t(k)] =
            std::min(planned, oracle.remaining(rows[k].item<std::int64_t>()) - reserve);
        const double scale = s.norm == Norm::L2 ? std::sqrt(s.dimension) : s.dimension;
        delta[std::size_t(k)] = t == 1 ? kFirstDelta : scale * s.theta * distance[std::size_t(k)];
    }
    const at::Tensor gradient = estimateGradient(oracle, rows, points, samples, delta, s.norm, streams);
    const at::Tensor update = s.norm == Norm::L2 ? gradient : gradient.sign();

    // Geometric progression: dist/√t, halved until the step lands in the goal.
    at::Tensor stepSize = at::tensor(distance, at::kDouble) / std::sqrt(double(t));
    at::Tensor landed = at::zeros({m}, at::kBool);
    at::Tensor pending = at::arange(m, at::kLong);
    const auto stepped = [&](const at::Tensor& idx) {
        const at::Tensor device = idx.to(x.device());
        const at::Tensor size = perImage(stepSize.index_select(0, idx).to(x.device(), x.scalar_type()));
        return (points.index_select(0, device) + size * update.index_select(0, device)).clamp(0.0, 1.0);
    };
    for (int halving = 0; halving <= kMaxHalvings && pending.numel() > 0; ++halving) {
        std::vector<std::int64_t> affordable;
        for (std::int64_t k = 0; k < pending.numel(); ++k)
            if (oracle.remaining(rows[pending[k].item<std::int64_t>()].item<std::int64_t>()) > 0)
                affordable.push_back(pending[k].item<std::int64_t>());
        pending = at::tensor(affordable, at::kLong);
        if (pending.numel() == 0)
            break;
        const at::Tensor reached = oracle.reaches(rows.index_select(0, pending), stepped(pending));
        landed.index_fill_(0, pending.masked_select(reached), true);
        const at::Tensor missed = pending.masked_select(reached.logical_not());
        stepSize.index_copy_(0, missed, stepSize.index_select(0, missed) / 2.0);
        pending = missed;
    }
    at::Tensor next = points.clone();
    const at::Tensor moved = landed.nonzero().squeeze(1);
    if (moved.numel() > 0) {
        const at::Tensor device = moved.to(x.device());
        next.index_copy_(0, device,
                         searchBoundary(oracle, rows.index_select(0, moved), x.index_select(0, device), stepped(moved),
                                        s.norm, s.theta));
    }
    return next;
}

} // namespace

AttackInfo HopSkipJump::describe()
{
    AttackInfo info;
    info.name = "hopskipjump";
    info.label = "HopSkipJump";
    info.description = "HopSkipJump (Chen et al. 2020): decision-based, boundary normal from sampled decisions, "
                       "geometric steps and bisection (minimal, l2/linf)";
    info.minimal = true;
    info.needsGradients = false;
    info.labelOnly = true;
    info.norms = {Norm::Linf, Norm::L2};
    info.minimisedNorms = {Norm::L2, Norm::Linf};
    info.parameters = {decisionQueriesParameter(), samplesParameter(), maxSamplesParameter(), gammaParameter()};
    return info;
}

AttackResult HopSkipJump::run(Classifier& classifier, const AttackInput& rawInput, const AttackConfig& config,
                              const RunControl& control)
{
    if (config.norm != Norm::L2 && config.norm != Norm::Linf)
        throw Error("hopskipjump supports the l2 and linf norms");
    const AttackInput input = prepareDecisionAttackInput(classifier, rawInput, config);
    Settings s;
    s.norm = config.norm;
    s.queries = static_cast<std::int64_t>(extraSetting(config, decisionQueriesParameter()));
    s.samples = static_cast<std::int64_t>(extraSetting(config, samplesParameter()));
    s.maxSamples = static_cast<std::int64_t>(extraSetting(config, maxSamplesParameter()));
    const double gamma = extraSetting(config, gammaParameter());
    const at::Tensor& x = input.images;
    s.dimension = double(x[0].numel() > 0 ? x.numel() / std::max<std::int64_t>(x.size(0), 1) : 1);
    s.theta = s.norm == Norm::L2 ? gamma / (s.dimension * std::sqrt(s.dimension)) : gamma / (s.dimension * s.dimension);
    // An iteration needs at least one sample, one step and a whole bisection.
    const std::int64_t reserve = boundarySearchSteps(s.theta) + 1;

    const at::Tensor cleanLogits = logitsWithoutGrad(classifier, x);
    const at::Tensor goal = config.targeted ? input.targets : input.labels;
    const at::Tensor attacked = worthAttacking(cleanLogits, input, config.targeted).nonzero().squeeze(1).to(at::kCPU);
    DecisionOracle oracle(classifier, goal, config.targeted, s.queries);
    DecisionProgress progress(control, s.queries * attacked.numel(), x);
    ImageStreams startStreams(config.seed, input.indices, kStartStream);
    ImageStreams sampleStreams(config.seed, input.indices, kSampleStream);

    FirstWithinBudget held(config, x);
    const DecisionStart start = blendedNoiseStart(oracle, attacked, x, startStreams, progress, held);
    at::Tensor current = start.points;
    const at::Tensor started = attacked.masked_select(start.found.index_select(0, attacked));
    if (started.numel() > 0 && !progress.stop()) {
        const at::Tensor device = started.to(x.device());
        current.index_copy_(0, device,
                            searchBoundary(oracle, started, x.index_select(0, device), current.index_select(0, device),
                                           s.norm, s.theta, &held));
        progress.advanced(0, oracle, started, current.index_select(0, device));
    }
    for (int t = 1; started.numel() > 0 && !progress.stop(); ++t) {
        std::vector<std::int64_t> active;
        for (std::int64_t k = 0; k < started.numel(); ++k)
            if (oracle.remaining(started[k].item<std::int64_t>()) > reserve)
                active.push_back(started[k].item<std::int64_t>());
        if (active.empty())
            break;
        const at::Tensor rows = at::tensor(active, at::kLong);
        const at::Tensor device = rows.to(x.device());
        const at::Tensor next = iterate(oracle, rows, x.index_select(0, device), current.index_select(0, device), t, s,
                                        sampleStreams, reserve);
        current.index_copy_(0, device, next);
        // An iteration's point is held once it ends: a run with fewer queries
        // would not have started the iteration, or not sampled as much.
        held.hold(oracle, rows, next);
        progress.advanced(t, oracle, rows, next);
    }
    if (!progress.cancelled)
        control.report(progress.total, progress.total);
    return finishDecisionResult(classifier, input, config, cleanLogits, current, oracle, held, progress.cancelled);
}

} // namespace advlens::core
