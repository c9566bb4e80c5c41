#include "core/attacks/decisionsearch.h"

#include "core/attacks/attackcommon.h"
#include "core/attacks/imagestreams.h"
#include "core/attacks/minimalperturbation.h"
#include "core/model/classifier.h"
#include "core/util/error.h"

#include <ATen/ATen.h>

#include <cmath>
#include <map>

namespace advlens::core {

namespace {

/// How much further from x a decision-based result is moved (a share of its distance).
constexpr double kBoundaryMargin = 1e-3;

// Bounds the memory of one forward pass when an image asks for thousands of
// gradient samples at once; the split depends on that image's count alone.
constexpr std::int64_t kRowsPerForward = 4096;

} // namespace

const AttackParameter& decisionQueriesParameter()
{
    static const AttackParameter parameter{"queries", 1, 1000000, true, /*defaultValue=*/5000,
                                           "hopskipjump, boundary: model evaluations per image, every one "
                                           "counted"};
    return parameter;
}

AttackInput prepareDecisionAttackInput(Classifier& classifier, const AttackInput& input, const AttackConfig& config)
{
    if (std::isnan(config.epsilon) || config.epsilon < 0.0)
        throw Error("epsilon must be ≥ 0, or infinite for no budget");
    AttackConfig checked = config; // the shared checks reject ε = ∞, which means "unbounded" here
    checked.epsilon = 0.0;
    return prepareAttackInput(classifier, input, checked);
}

DecisionOracle::DecisionOracle(Classifier& classifier, at::Tensor goal, bool targeted, std::int64_t budget)
    : m_classifier(classifier)
    , m_goal(std::move(goal))
    , m_targeted(targeted)
    , m_budget(budget)
    , m_spent(std::size_t(m_goal.size(0)), 0)
{
}

at::Tensor DecisionOracle::reaches(const at::Tensor& rows, const at::Tensor& points)
{
    const at::Tensor cpuRows = rows.to(at::kCPU).contiguous();
    const std::int64_t m = cpuRows.numel();
    std::vector<std::int64_t> spent = m_spent;
    const auto* row = cpuRows.data_ptr<std::int64_t>();
    for (std::int64_t k = 0; k < m; ++k)
        if (++spent.at(std::size_t(row[k])) > m_budget)
            throw Error("decision oracle: image " + std::to_string(row[k]) + " would exceed its budget of " +
                        std::to_string(m_budget) + " queries");
    m_spent = std::move(spent);

    // Each image's points in their own forward passes: a model's float results
    // for a row can depend on how many rows share the pass (2e-7 on the tests'
    // MLP), and decisions next to the boundary flip on less, so a shared pass
    // would make an image's search depend on the batch split.
    std::map<std::int64_t, std::vector<std::int64_t>> positions; // image → its points, in order
    for (std::int64_t k = 0; k < m; ++k)
        positions[row[k]].push_back(k);
    at::Tensor decisions = at::zeros({m}, at::kBool);
    for (const auto& [image, own] : positions) {
        const at::Tensor idx = at::tensor(own, at::kLong);
        const at::Tensor ownPoints = points.index_select(0, idx.to(points.device()));
        const at::Tensor goal = m_goal[image];
        std::vector<at::Tensor> parts;
        for (std::int64_t start = 0; start < ownPoints.size(0); start += kRowsPerForward) {
            const at::Tensor classes =
                logitsWithoutGrad(m_classifier, ownPoints.slice(0, start, start + kRowsPerForward)).argmax(1);
            parts.push_back((m_targeted ? classes.eq(goal) : classes.ne(goal)).to(at::kCPU));
        }
        decisions.index_copy_(0, idx, at::cat(parts));
    }
    return decisions;
}

at::Tensor DecisionOracle::queries() const
{
    return at::tensor(m_spent, at::kLong);
}

FirstWithinBudget::FirstWithinBudget(const AttackConfig& config, const at::Tensor& images)
    : m_budget(config)
    , m_images(images)
    , m_first(at::full({images.size(0)}, -1, at::kLong))
{
}

void FirstWithinBudget::hold(const DecisionOracle& oracle, const at::Tensor& rows, const at::Tensor& points)
{
    const at::Tensor cpuRows = rows.to(at::kCPU).contiguous();
    if (cpuRows.numel() == 0)
        return;
    const at::Tensor within =
        m_budget.admits(points - m_images.index_select(0, cpuRows.to(m_images.device()))).to(at::kCPU);
    const auto* row = cpuRows.data_ptr<std::int64_t>();
    auto* first = m_first.data_ptr<std::int64_t>();
    for (std::int64_t k = 0; k < cpuRows.numel(); ++k)
        if (first[row[k]] < 0 && within[k].item<bool>())
            first[row[k]] = oracle.spent(row[k]);
}

DecisionProgress::DecisionProgress(const RunControl& control, std::int64_t total, const at::Tensor& images)
    : control(control)
    , total(total)
{
    if (control.wantsIterates())
        streamed = images.clone();
}

bool DecisionProgress::stop()
{
    cancelled = cancelled || control.cancelled();
    return cancelled;
}

void DecisionProgress::advanced(std::int64_t iteration, const DecisionOracle& oracle, const at::Tensor& rows,
                                const at::Tensor& points)
{
    control.report(oracle.queries().sum().item<std::int64_t>(), total);
    if (!control.wantsIterates())
        return;
    streamed.index_copy_(0, rows.to(streamed.device()), points);
    control.reportIterate(iteration, streamed);
}

at::Tensor towardOriginal(const at::Tensor& x, const at::Tensor& p, const at::Tensor& alpha, Norm norm)
{
    const at::Tensor a = alpha.to(x.device(), x.scalar_type()).view({-1, 1, 1, 1});
    if (norm == Norm::Linf)
        return at::min(at::max(p, x - a), x + a);
    // Rounding may step an ulp outside [0, 1]; the clamp is part of the path, so
    // the point judged is the point returned.
    return ((1.0 - a) * x + a * p).clamp(0.0, 1.0);
}

int boundarySearchSteps(double tolerance)
{
    return static_cast<int>(std::ceil(std::log2(1.0 / tolerance)));
}

at::Tensor searchBoundary(DecisionOracle& oracle, const at::Tensor& rows, const at::Tensor& x, const at::Tensor& p,
                          Norm norm, double tolerance, FirstWithinBudget* held)
{
    const std::int64_t m = rows.numel();
    const at::Tensor cpuRows = rows.to(at::kCPU);
    at::Tensor lows = at::zeros({m}, at::kDouble);
    at::Tensor highs = norm == Norm::Linf ? perImageDistance(p - x, Norm::Linf).to(at::kCPU, at::kDouble)
                                          : at::ones({m}, at::kDouble);
    const at::Tensor thresholds =
        norm == Norm::Linf ? at::clamp_max(highs * tolerance, tolerance) : at::full({m}, tolerance, at::kDouble);
    at::Tensor settled = at::zeros({m}, at::kBool); // out of budget, or α no longer representable
    while (true) {
        at::Tensor withBudget = at::empty({m}, at::kBool);
        for (std::int64_t k = 0; k < m; ++k)
            withBudget[k] = oracle.remaining(cpuRows[k].item<std::int64_t>()) > 0;
        const at::Tensor pending =
            (highs - lows).gt(thresholds).logical_and(withBudget).logical_and(settled.logical_not());
        const at::Tensor idx = pending.nonzero().squeeze(1);
        if (idx.numel() == 0)
            break;
        const at::Tensor low = lows.index_select(0, idx), high = highs.index_select(0, idx);
        const at::Tensor mid = (low + high) / 2.0;
        const at::Tensor stalled = mid.eq(low).logical_or(mid.eq(high));
        settled.index_fill_(0, idx.masked_select(stalled), true);
        const at::Tensor ask = idx.masked_select(stalled.logical_not());
        if (ask.numel() == 0)
            continue;
        const at::Tensor askMid = mid.masked_select(stalled.logical_not());
        const at::Tensor device = ask.to(x.device());
        const at::Tensor asked = towardOriginal(x.index_select(0, device), p.index_select(0, device), askMid, norm);
        const at::Tensor reached = oracle.reaches(cpuRows.index_select(0, ask), asked);
        if (held) {
            const at::Tensor closer = reached.nonzero().squeeze(1);
            held->hold(oracle, cpuRows.index_select(0, ask.index_select(0, closer)),
                       asked.index_select(0, closer.to(asked.device())));
        }
        highs.index_copy_(0, ask, at::where(reached, askMid, highs.index_select(0, ask)));
        lows.index_copy_(0, ask, at::where(reached, lows.index_select(0, ask), askMid));
    }
    return towardOriginal(x, p, highs, norm);
}

DecisionStart blendedNoiseStart(DecisionOracle& oracle, const at::Tensor& rows, const at::Tensor& x,
                                ImageStreams& streams, DecisionProgress& progress, FirstWithinBudget& held,
                                int maxDraws)
{
    const at::Tensor cpuRows = rows.to(at::kCPU);
    DecisionStart start{x.clone(), at::zeros({x.size(0)}, at::kBool)};
    at::Tensor noise = x.clone();
    at::Tensor searching = cpuRows;
    for (int draw = 0; draw < maxDraws && searching.numel() > 0 && !progress.stop(); ++draw) {
        std::vector<std::int64_t> affordable;
        for (std::int64_t k = 0; k < searching.numel(); ++k)
            if (oracle.remaining(searching[k].item<std::int64_t>()) > 0)
                affordable.push_back(searching[k].item<std::int64_t>());
        searching = at::tensor(affordable, at::kLong);
        if (searching.numel() == 0)
            break;
        const at::Tensor candidates = streams.uniform(searching, x.sizes().slice(1)).to(x.device());
        const at::Tensor reached = oracle.reaches(searching, candidates);
        const at::Tensor foundRows = searching.masked_select(reached);
        const at::Tensor foundNoise = candidates.index_select(0, reached.nonzero().squeeze(1).to(x.device()));
        noise.index_copy_(0, foundRows.to(x.device()), foundNoise);
        held.hold(oracle, foundRows, foundNoise);
        start.found.index_fill_(0, foundRows, true);
        searching = searching.masked_select(reached.logical_not());
    }
    const at::Tensor found = start.found.nonzero().squeeze(1);
    if (found.numel() > 0 && !progress.cancelled) {
        const at::Tensor device = found.to(x.device());
        start.points.index_copy_(0, device,
                                 searchBoundary(oracle, found, x.index_select(0, device),
                                                noise.index_select(0, device), Norm::L2, /*tolerance=*/0.001, &held));
    } else if (found.numel() > 0) {
        start.points.index_copy_(0, found.to(x.device()), noise.index_select(0, found.to(x.device())));
    }
    return start;
}

AttackResult finishDecisionResult(Classifier& classifier, const AttackInput& input, const AttackConfig& config,
                                  const at::Tensor& cleanLogits, const at::Tensor& adversarial,
                                  const DecisionOracle& oracle, const FirstWithinBudget& held, bool cancelled)
{
    AttackResult result;
    result.cancelled = cancelled;
    result.cleanLogits = cleanLogits;
    // The search ends within the bisection's tolerance of the boundary, where
    // the class can hang on the last bit of a forward pass (another batch size
    // rounds differently). Each point is moved kBoundaryMargin further from x
    // when that keeps its class and its place inside or outside ε; judged one
    // image per pass, as the oracle does.
    const at::Tensor& x = input.images;
    const at::Tensor& goal = config.targeted ? input.targets : input.labels;
    const at::Tensor pushed = (x + (adversarial - x) * (1.0 + kBoundaryMargin)).clamp(0.0, 1.0);
    const MinimalBudget budget(config); // a point inside ε is not pushed out of it
    std::vector<at::Tensor> images, logits;
    for (std::int64_t i = 0; i < adversarial.size(0); ++i) {
        const at::Tensor original = adversarial.slice(0, i, i + 1), further = pushed.slice(0, i, i + 1);
        const at::Tensor originalLogits = logitsWithoutGrad(classifier, original);
        const at::Tensor furtherLogits = logitsWithoutGrad(classifier, further);
        const at::Tensor goalOfImage = goal.slice(0, i, i + 1);
        const bool keepsClass = reachesGoal(furtherLogits, goalOfImage, config.targeted).item<bool>() ==
                                    reachesGoal(originalLogits, goalOfImage, config.targeted).item<bool>() &&
                                budget.admits(further - x.slice(0, i, i + 1)).item<bool>() ==
                                    budget.admits(original - x.slice(0, i, i + 1)).item<bool>();
        images.push_back(keepsClass ? further : original);
        logits.push_back(keepsClass ? furtherLogits : originalLogits);
    }
    result.adversarial = images.empty() ? adversarial : at::cat(images);
    result.adversarialLogits = logits.empty() ? cleanLogits.clone() : at::cat(logits);
    result.queriesPerImage = oracle.queries();
    result.gradientEvaluations = 0;
    result.gradientEvaluationsPerImage = at::zeros({adversarial.size(0)}, at::kLong);
    finishMinimalResult(result, input, config);
    // A success the holds missed (none should: the result is the last point
    // held) counts at the image's last query.
    const at::Tensor success = result.success.to(at::kCPU);
    const at::Tensor first = held.queries();
    result.queriesToSuccess =
        at::where(first.ge(0), first, result.queriesPerImage).masked_fill(success.logical_not(), -1);
    return result;
}

} // namespace advlens::core
