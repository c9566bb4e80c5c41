#include "core/attacks/square.h"

#include "core/attacks/attackcommon.h"
#include "core/attacks/attackinfo.h"
#include "core/attacks/imagestreams.h"
#include "core/model/classifier.h"
#include "core/util/error.h"

#include <ATen/ATen.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

namespace advlens::core {

double squareFraction(int iteration, double pInit, int rescaledTo)
{
    // The same double arithmetic as Python's int(it / n_queries * 10000).
    const auto it = rescaledTo > 0
                        ? static_cast<long long>(double(iteration) / double(rescaledTo) * 10000.0)
                        : static_cast<long long>(iteration);
    double p = pInit;
    for (long long after : {10, 50, 200, 500, 1000, 2000, 4000, 6000, 8000})
        if (it > after)
            p /= 2.0;
    return p;
}

int squareSide(double p, int channels, int height, int width, Norm norm)
{
    const double features = double(channels) * height * width;
    // nearbyint rounds ties to even under the default rounding mode, as Python's round().
    auto side = static_cast<int>(std::nearbyint(std::sqrt(p * features / channels)));
    if (norm == Norm::Linf) {
        side = std::max(side, 1);
    } else {
        side = std::max(side, 3);
        if (side % 2 == 0)
            ++side;
    }
    return std::min(side, std::min(height, width));
}

namespace {

constexpr double kFloor = 1e-12; ///< the reference's guard against dividing by zero
/// A candidate must lower the loss by more than this share of its logits'
/// scale (1 + max |z|). Below it the difference is rounding that depends on
/// which images share the forward pass (the tiny model's logits differ by
/// 2e-6 between batches of 1 and 100), and moves the model cannot tell apart
/// (ℓ∞ squares over pixels a ReLU ignores) would be taken or not by the batch
/// split. The reference takes any lower value, however small.
constexpr double kTie = 1e-5;

const AttackParameter& queriesParameter()
{
    static const AttackParameter parameter{"queries", 1, 1000000, true, /*defaultValue=*/5000,
                                           "square: model evaluations per image and restart, the first included "
                                           "(autoattack: of its Square stage)"};
    return parameter;
}

const AttackParameter& pInitParameter()
{
    static const AttackParameter parameter{"p_init", 1e-6, 1, false, /*defaultValue=*/0.8,
                                           "square: share of the image the first squares cover, halved along the "
                                           "schedule"};
    return parameter;
}

const AttackParameter& rescaleParameter()
{
    static const AttackParameter parameter{"rescale_schedule", 0, 1, true, /*defaultValue=*/1,
                                           "square: 1 stretches the p schedule over the query budget, 0 keeps it "
                                           "per iteration (AutoAttack's standard version)"};
    return parameter;
}

struct Settings {
    double epsilon = 0.0;
    Norm norm = Norm::Linf;
    bool targeted = false;
    int iterations = 0; ///< queries − 1: the first evaluation is not an iteration
    double pInit = 0.8;
    bool rescale = true;
};

at::Tensor perImage(const at::Tensor& values)
{
    return values.view({-1, 1, 1, 1});
}

at::Tensor imageNorm(const at::Tensor& delta)
{
    return perImage(delta.flatten(1).norm(2, {1}));
}

/// Per image and channel: ℓ2 over the pixels, m×c×1×1.
at::Tensor channelNorm(const at::Tensor& delta)
{
    return delta.square().sum({2, 3}, /*keepdim=*/true).sqrt();
}

/// The margin (≤ 0: the goal is reached; where an image stops) and the loss
/// the search lowers, as the reference's margin_and_loss.
struct Scores {
    at::Tensor margin, loss;
};

Scores scoresOf(const at::Tensor& logits, const at::Tensor& goal, bool targeted)
{
    const at::Tensor column = goal.unsqueeze(1);
    const at::Tensor own = logits.gather(1, column).squeeze(1);
    const at::Tensor others =
        std::get<0>(logits.scatter(1, column, -std::numeric_limits<double>::infinity()).max(1));
    if (!targeted) {
        const at::Tensor margin = own - others;
        return {margin, margin};
    }
    return {others - own, at::cross_entropy_loss(logits, goal, {}, at::Reduction::None)};
}

/// ±1 for each of `rows`, shaped rows×shape.
at::Tensor randomSigns(ImageStreams& streams, const at::Tensor& rows, at::IntArrayRef shape, c10::Device device)
{
    return streams.uniform(rows, shape).lt(0.5).to(at::kFloat).mul(-2.0).add(1.0).to(device);
}

/// The reference's square position int((extent − side)·U[0, 1)): never the
/// last offset, except 0 when the square fills the extent.
at::Tensor squareOffsets(ImageStreams& streams, const at::Tensor& rows, std::int64_t extent, std::int64_t side,
                         c10::Device device)
{
    return streams.integers(rows, 0, std::max<std::int64_t>(extent - side, 1)).to(device);
}

/// m×1×h×w, true inside each image's side×side square at (top, left).
at::Tensor squareMask(const at::Tensor& top, const at::Tensor& left, std::int64_t side, std::int64_t h, std::int64_t w)
{
    const at::Tensor r = at::arange(h, top.options()).unsqueeze(0) - top.unsqueeze(1);
    const at::Tensor c = at::arange(w, left.options()).unsqueeze(0) - left.unsqueeze(1);
    const at::Tensor inRows = r.ge(0).logical_and(r.lt(side));
    const at::Tensor inColumns = c.ge(0).logical_and(c.lt(side));
    return inRows.unsqueeze(2).logical_and(inColumns.unsqueeze(1)).unsqueeze(1);
}

/// Each image's side×side pattern (m×side×side) placed at its square, 0
/// elsewhere: m×1×h×w.
at::Tensor placedPatterns(const at::Tensor& patterns, const at::Tensor& top, const at::Tensor& left, std::int64_t h,
                          std::int64_t w)
{
    const std::int64_t m = patterns.size(0);
    const std::int64_t side = patterns.size(1);
    const at::Tensor r = (at::arange(h, top.options()).unsqueeze(0) - top.unsqueeze(1)).clamp(0, side - 1);
    const at::Tensor c = (at::arange(w, left.options()).unsqueeze(0) - left.unsqueeze(1)).clamp(0, side - 1);
    const at::Tensor flat = (r.unsqueeze(2) * side + c.unsqueeze(1)).view({m, h * w});
    const at::Tensor values = patterns.reshape({m, side * side}).gather(1, flat).view({m, 1, h, w});
    return values * squareMask(top, left, side, h, w).to(values.scalar_type());
}

/// The reference's eta_rectangles: nested rectangles around the centre, ring
/// k weighted 1/(k+1)², scaled to unit ℓ2. rows × columns, row-major.
std::vector<double> nestedRectangles(int rows, int columns)
{
    std::vector<double> values(std::size_t(rows) * std::size_t(columns), 0.0);
    const int rings = std::max(rows / 2 + 1, columns / 2 + 1);
    for (int k = 0; k < rings; ++k) {
        const int top = rows / 2 - k;
        const int left = columns / 2 - k;
        for (int r = std::max(top, 0); r < std::min(top + 2 * k + 1, rows); ++r)
            for (int c = std::max(left, 0); c < std::min(left + 2 * k + 1, columns); ++c)
                values[std::size_t(r) * std::size_t(columns) + std::size_t(c)] += 1.0 / ((k + 1.0) * (k + 1.0));
    }
    double sum = 0.0;
    for (double v : values)
        sum += v * v;
    for (double& v : values)
        v /= std::sqrt(sum);
    return values;
}

/// The reference's ℓ2 square pattern eta(s) before its random transpose: the
/// upper ⌊s/2⌋ rows nested rectangles, the lower rows the same negated, unit ℓ2.
at::Tensor l2Pattern(int side)
{
    const int upper = side / 2;
    std::vector<double> values = nestedRectangles(upper, side);
    for (double v : nestedRectangles(side - upper, side))
        values.push_back(-v);
    at::Tensor pattern = at::tensor(values, at::kDouble).view({side, side});
    return (pattern / pattern.norm()).to(at::kFloat);
}

/// eta or its transpose, one coin per image as the reference's one per call.
at::Tensor orientedPatterns(const at::Tensor& pattern, ImageStreams& streams, const at::Tensor& rows)
{
    const at::Tensor transposed = streams.uniform(rows, {1, 1}).gt(0.5).to(pattern.device());
    return at::where(transposed, pattern.t(), pattern);
}

/// ℓ∞ start: vertical stripes, one sign per channel and column.
at::Tensor linfStart(const at::Tensor& x, const at::Tensor& rows, double epsilon, ImageStreams& streams)
{
    return (x + randomSigns(streams, rows, {x.size(1), 1, x.size(3)}, x.device()) * epsilon).clamp(0.0, 1.0);
}

/// ℓ2 start: the reference's grid of ⌊h/5⌋-sided tiles from offset ⌊(h − 5·side)/2⌋,
/// each a randomly oriented pattern with a sign per channel, scaled to ℓ2 = ε.
/// On images under 5 pixels high (where the reference fails) tiles of side 1;
/// tiles that would cross the edge are left out (the reference cuts them).
at::Tensor l2Start(const at::Tensor& x, const at::Tensor& rows, double epsilon, ImageStreams& streams)
{
    const std::int64_t channels = x.size(1), h = x.size(2), w = x.size(3);
    const std::int64_t side = std::max<std::int64_t>(h / 5, 1);
    const std::int64_t first = std::max<std::int64_t>((h - 5 * side) / 2, 0);
    const at::Tensor pattern = l2Pattern(int(side)).to(x.device());
    at::Tensor delta = at::zeros_like(x);
    for (std::int64_t i = 0, top = first; i < h / side && top + side <= h; ++i, top += side)
        for (std::int64_t j = 0, left = first; j < w / side && left + side <= w; ++j, left += side) {
            const at::Tensor tile = orientedPatterns(pattern, streams, rows).unsqueeze(1);
            const at::Tensor signs = randomSigns(streams, rows, {channels, 1, 1}, x.device());
            delta.narrow(2, top, side).narrow(3, left, side).add_(tile * signs);
        }
    return (x + delta / (imageNorm(delta) + kFloor) * epsilon).clamp(0.0, 1.0);
}

/// ℓ∞ step: a square of x ± ε (one sign per channel) over the best point.
at::Tensor linfCandidate(const at::Tensor& x, const at::Tensor& best, const at::Tensor& rows, int side,
                         double epsilon, ImageStreams& streams)
{
    const std::int64_t channels = x.size(1), h = x.size(2), w = x.size(3);
    const at::Tensor top = squareOffsets(streams, rows, h, side, x.device());
    const at::Tensor left = squareOffsets(streams, rows, w, side, x.device());
    const at::Tensor signs = randomSigns(streams, rows, {channels, 1, 1}, x.device());
    const at::Tensor square = squareMask(top, left, side, h, w).to(x.scalar_type());
    const at::Tensor moved = best + square * signs * (2.0 * epsilon);
    return at::min(at::max(moved, x - epsilon), x + epsilon).clamp(0.0, 1.0);
}

/// ℓ2 step: a second square's perturbation is emptied and its mass, with
/// what the budget leaves, goes into the first square as a fresh pattern plus
/// the first square's old direction; the whole is put back on the ε-sphere.
at::Tensor l2Candidate(const at::Tensor& x, const at::Tensor& best, const at::Tensor& rows, int side,
                       double epsilon, ImageStreams& streams)
{
    const std::int64_t channels = x.size(1), h = x.size(2), w = x.size(3);
    const c10::Device device = x.device();
    const at::Tensor delta = best - x;
    const at::Tensor top = squareOffsets(streams, rows, h, side, device);
    const at::Tensor left = squareOffsets(streams, rows, w, side, device);
    const at::Tensor top2 = squareOffsets(streams, rows, h, side, device);
    const at::Tensor left2 = squareOffsets(streams, rows, w, side, device);
    const at::Tensor patterns = orientedPatterns(l2Pattern(side).to(device), streams, rows);
    const at::Tensor signs = randomSigns(streams, rows, {channels, 1, 1}, device);

    const at::Tensor firstMask = squareMask(top, left, side, h, w);
    const at::Tensor first = firstMask.to(x.scalar_type());
    const at::Tensor both = firstMask.logical_or(squareMask(top2, left2, side, h, w)).to(x.scalar_type());
    const at::Tensor room = (epsilon * epsilon - imageNorm(delta).square()).clamp_min(0.0) / double(channels);
    at::Tensor fresh = placedPatterns(patterns, top, left, h, w) * signs +
                       delta * first / (channelNorm(delta * first) + kFloor);
    fresh = fresh / (channelNorm(fresh) + kFloor) * (room + channelNorm(delta * both).square()).sqrt();
    const at::Tensor moved = delta * (1.0 - both) + fresh;
    return (x + moved / (imageNorm(moved) + kFloor) * epsilon).clamp(0.0, 1.0);
}

/// One attack call's progress, cancellation and streamed iterates.
struct RunState {
    const RunControl& control;
    std::int64_t total = 0;
    std::int64_t done = 0;
    bool cancelled = false;
    at::Tensor streamed; ///< every image's current best point, for RunControl::iterate

    void queried(const at::Tensor& rows, const at::Tensor& best)
    {
        control.report(++done, total);
        if (!control.wantsIterates())
            return;
        streamed.index_copy_(0, rows, best);
        control.reportIterate(done, streamed);
    }
};

struct SearchOutcome {
    at::Tensor best, logits, margin; ///< per attacked image: its best point, that point's logits and margin
    at::Tensor queries;              ///< int64, CPU
};

/// One run of the random search on the images `x` (the batch's `rows`).
SearchOutcome search(Classifier& classifier, const at::Tensor& x, const at::Tensor& rows, const at::Tensor& goal,
                     const Settings& settings, ImageStreams& streams, RunState& state)
{
    const auto channels = int(x.size(1)), h = int(x.size(2)), w = int(x.size(3));
    const bool linf = settings.norm == Norm::Linf;
    at::Tensor best = linf ? linfStart(x, rows, settings.epsilon, streams) : l2Start(x, rows, settings.epsilon, streams);
    at::Tensor logits = logitsWithoutGrad(classifier, best);
    Scores kept = scoresOf(logits, goal, settings.targeted);
    at::Tensor queries = at::ones({x.size(0)}, at::kLong);
    state.queried(rows, best);

    for (int i = 0; i < settings.iterations; ++i) {
        const at::Tensor active = kept.margin.gt(0.0).nonzero().squeeze(1);
        if (active.numel() == 0)
            break;
        if (state.control.cancelled()) {
            state.cancelled = true;
            break;
        }
        const at::Tensor activeRows = rows.index_select(0, active);
        const at::Tensor activeX = x.index_select(0, active);
        const at::Tensor activeBest = best.index_select(0, active);
        const double p = squareFraction(i, settings.pInit, settings.rescale ? settings.iterations : 0);
        const int side = squareSide(p, channels, h, w, settings.norm);
        const at::Tensor candidate = linf ? linfCandidate(activeX, activeBest, activeRows, side, settings.epsilon, streams)
                                          : l2Candidate(activeX, activeBest, activeRows, side, settings.epsilon, streams);
        const at::Tensor candidateLogits = logitsWithoutGrad(classifier, candidate);
        const Scores fresh = scoresOf(candidateLogits, goal.index_select(0, active), settings.targeted);

        // As the reference: the loss keeps its lowest value; the point moves
        // where the loss fell or the goal is reached.
        const at::Tensor keptLoss = kept.loss.index_select(0, active);
        const at::Tensor tie = candidateLogits.abs().amax(1).add(1.0).mul(kTie);
        const at::Tensor lower = fresh.loss.lt(keptLoss - tie);
        kept.loss.index_copy_(0, active, at::where(lower, fresh.loss, keptLoss));
        const at::Tensor take = lower.logical_or(fresh.margin.le(0.0));
        kept.margin.index_copy_(0, active, at::where(take, fresh.margin, kept.margin.index_select(0, active)));
        best.index_copy_(0, active, at::where(perImage(take), candidate, activeBest));
        logits.index_copy_(0, active,
                           at::where(take.unsqueeze(1), candidateLogits, logits.index_select(0, active)));
        queries.index_add_(0, active.to(at::kCPU), at::ones({active.numel()}, at::kLong));
        state.queried(rows, best);
    }
    return {best, logits, kept.margin, queries};
}

} // namespace

AttackInfo Square::describe()
{
    AttackInfo info;
    info.name = "square";
    info.label = "Square";
    info.description = "Square attack (Andriushchenko et al. 2020), AutoAttack's query-only stage: random search over "
                       "squares, margin loss (linf/l2)";
    info.needsGradients = false;
    info.randomStart = true; // reads restarts
    info.norms = {Norm::Linf, Norm::L2};
    info.parameters = {queriesParameter(), pInitParameter(), rescaleParameter()};
    return info;
}

AttackResult Square::run(Classifier& classifier, const AttackInput& rawInput, const AttackConfig& config,
                         const RunControl& control)
{
    if (config.norm != Norm::Linf && config.norm != Norm::L2)
        throw Error("square takes linf or l2 budgets");
    const AttackInput input = prepareAttackInput(classifier, rawInput, config);
    const auto queryBudget = static_cast<int>(extraSetting(config, queriesParameter()));
    Settings settings;
    settings.epsilon = config.epsilon;
    settings.norm = config.norm;
    settings.targeted = config.targeted;
    settings.iterations = queryBudget - 1;
    settings.pInit = extraSetting(config, pInitParameter());
    settings.rescale = extraSetting(config, rescaleParameter()) != 0.0;

    const at::Tensor& x = input.images;
    const std::int64_t n = x.size(0);
    const at::Tensor goal = config.targeted ? input.targets : input.labels;
    const at::Tensor cleanLogits = logitsWithoutGrad(classifier, x);
    const at::Tensor cleanCorrect = cleanLogits.argmax(1).eq(input.labels);

    ImageStreams streams(config.seed, input.indices);
    RunState state{control, std::int64_t{config.restarts} * queryBudget};
    if (control.wantsIterates())
        state.streamed = x.clone();
    at::Tensor adversarial = x.clone();
    at::Tensor adversarialLogits = cleanLogits.clone();
    at::Tensor keptMargin = at::full({n}, std::numeric_limits<double>::infinity(), cleanLogits.options());
    at::Tensor queries = at::zeros({n}, at::kLong);

    for (int restart = 0; restart < config.restarts; ++restart) {
        const at::Tensor rows = cleanCorrect.logical_and(keptMargin.gt(0.0)).nonzero().squeeze(1);
        if (rows.numel() == 0)
            break;
        if (control.cancelled()) {
            state.cancelled = true;
            break;
        }
        const SearchOutcome outcome =
            search(classifier, x.index_select(0, rows), rows, goal.index_select(0, rows), settings, streams, state);
        const at::Tensor better = outcome.margin.lt(keptMargin.index_select(0, rows));
        keptMargin.index_copy_(0, rows, at::where(better, outcome.margin, keptMargin.index_select(0, rows)));
        adversarial.index_copy_(0, rows, at::where(perImage(better), outcome.best, adversarial.index_select(0, rows)));
        adversarialLogits.index_copy_(
            0, rows, at::where(better.unsqueeze(1), outcome.logits, adversarialLogits.index_select(0, rows)));
        queries.index_add_(0, rows.to(at::kCPU), outcome.queries);
        if (state.cancelled)
            break;
        state.done = std::int64_t{restart + 1} * queryBudget; // images fooled early leave units unspent
    }
    if (!state.cancelled)
        control.report(state.total, state.total);

    AttackResult result;
    result.cancelled = state.cancelled;
    result.cleanLogits = cleanLogits;
    result.adversarial = adversarial;
    result.adversarialLogits = adversarialLogits;
    result.queriesPerImage = queries;
    result.gradientEvaluations = 0;
    result.gradientEvaluationsPerImage = at::zeros({n}, at::kLong);
    completeResult(result, input, config);
    // An image stops at the query whose point meets the goal (its margin ≤ 0),
    // so the queries it spent are those it took to succeed.
    result.queriesToSuccess = queries.masked_fill(result.success.to(at::kCPU).logical_not(), -1);
    return result;
}

} // namespace advlens::core
