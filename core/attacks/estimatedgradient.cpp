#include "core/attacks/estimatedgradient.h"

#include "core/attacks/attackcommon.h"
#include "core/attacks/imagestreams.h"
#include "core/attacks/lpball.h"
#include "core/model/classifier.h"

#include <ATen/ATen.h>
#include <ATen/CPUGeneratorImpl.h>

#include <algorithm>
#include <limits>
#include <vector>

namespace advlens::core {

namespace {

/// Probe values (both signs) evaluated in one forward at most: 2²⁴ floats,
/// 64 MiB, so 50 probes of an ImageNet image go in one.
constexpr std::int64_t kProbeValuesPerChunk = std::int64_t{1} << 24;
/// Separate streams, so that the start's draws never shift the probes'.
constexpr std::uint64_t kStartPurpose = 1;
constexpr std::uint64_t kProbePurpose = 2;

at::Tensor drawDirections(at::Generator& generator, std::int64_t pairs, at::IntArrayRef shape,
                          ProbeDistribution distribution)
{
    std::vector<std::int64_t> sizes{pairs};
    sizes.insert(sizes.end(), shape.begin(), shape.end());
    if (distribution == ProbeDistribution::Gaussian)
        return at::randn(sizes, generator, at::TensorOptions().dtype(at::kFloat));
    return at::empty(sizes, at::kFloat).bernoulli_(0.5, generator).mul_(2.0).sub_(1.0);
}

/// The largest logit other than `exclude`'s, per row.
at::Tensor largestOther(const at::Tensor& logits, const at::Tensor& exclude)
{
    const at::Tensor mask = at::one_hot(exclude, logits.size(1)).to(at::kBool);
    return std::get<0>(logits.masked_fill(mask, -std::numeric_limits<float>::infinity()).max(1));
}

} // namespace

ScoreObjective logitMarginObjective(bool targeted)
{
    return [targeted](const at::Tensor& logits, const at::Tensor& goal) {
        const at::Tensor own = logits.gather(1, goal.view({-1, 1})).squeeze(1);
        const at::Tensor other = largestOther(logits, goal);
        return targeted ? own - other : other - own;
    };
}

ScoreObjective crossEntropyObjective(bool targeted)
{
    return [targeted](const at::Tensor& logits, const at::Tensor& goal) {
        const at::Tensor loss = at::cross_entropy_loss(logits, goal, {}, at::Reduction::None);
        return targeted ? -loss : loss;
    };
}

at::Tensor estimateGradient(Classifier& classifier, const at::Tensor& x, const at::Tensor& goal,
                            const at::Tensor& streamRows, ImageStreams& streams, const GradientProbe& probe,
                            const ScoreObjective& objective)
{
    const std::int64_t n = x.size(0);
    at::Tensor estimate = at::zeros_like(x);
    if (n == 0 || probe.pairs < 1)
        return estimate;
    const at::IntArrayRef shape = x.sizes().slice(1);
    const std::int64_t values = x.numel() / n;
    const std::int64_t pairsPerChunk = std::clamp<std::int64_t>(kProbeValuesPerChunk / (2 * values), 1, probe.pairs);
    std::vector<std::int64_t> broadcast{-1};
    broadcast.insert(broadcast.end(), shape.size(), 1);

    const at::Tensor rowList = streamRows.to(at::kCPU, at::kLong).contiguous();
    for (std::int64_t i = 0; i < n; ++i) {
        // One seed per image and estimate from its stream; the directions then
        // come from a vectorised generator (hundreds of thousands of values).
        at::Generator generator =
            at::make_generator<at::CPUGeneratorImpl>(streams.engine(rowList.data_ptr<std::int64_t>()[i])());
        const at::Tensor centre = x[i].unsqueeze(0);
        const at::Tensor goals = goal.slice(0, i, i + 1);
        for (std::int64_t done = 0; done < probe.pairs; done += pairsPerChunk) {
            const std::int64_t pairs = std::min(pairsPerChunk, probe.pairs - done);
            const at::Tensor v = drawDirections(generator, pairs, shape, probe.distribution).to(x.device());
            // Each image's probes go in forwards of their own, whose sizes depend
            // only on the settings: a batch's row count can change a model's
            // last bits (BLAS kernels), and finite differences would show it.
            const at::Tensor logits =
                logitsWithoutGrad(classifier, at::cat({centre + probe.spacing * v, centre - probe.spacing * v}));
            const at::Tensor f = objective(logits, goals.expand({2 * pairs})).view({2, pairs});
            const at::Tensor difference = (f[0] - f[1]).to(v.scalar_type());
            estimate[i].add_((difference.view(broadcast) * v).sum(0));
        }
    }
    return estimate.div_(2.0 * probe.spacing * double(probe.pairs));
}

const AttackParameter& queryBudgetParameter()
{
    static const AttackParameter parameter{"queries",
                                           1,
                                           1000000,
                                           true,
                                           /*defaultValue=*/5000,
                                           "model evaluations per image, the first at the start point; never exceeded"};
    return parameter;
}

AttackParameter samplesParameter(double defaultValue, const std::string& help)
{
    return {"samples", 2, 100000, true, defaultValue, help};
}

AttackParameter spacingParameter(double defaultValue, const std::string& help)
{
    return {"sigma", 1e-6, 1.0, false, defaultValue, help};
}

std::int64_t queriesPerIteration(const GradientProbe& probe)
{
    return 2 * probe.pairs + 1;
}

std::int64_t iterationsWithin(std::int64_t queries, const GradientProbe& probe)
{
    return queries < 1 ? 0 : (queries - 1) / queriesPerIteration(probe);
}

AttackResult runScoreAttack(Classifier& classifier, const AttackInput& rawInput, const AttackConfig& config,
                            const ScoreAttackPlan& plan, IterateUpdate& update, const RunControl& control)
{
    const AttackInput input = prepareAttackInput(classifier, rawInput, config);
    const at::Tensor& x = input.images;
    const at::Tensor goal = config.targeted ? input.targets : input.labels;
    const at::Tensor cleanLogits = logitsWithoutGrad(classifier, x);
    const std::int64_t n = x.size(0);
    at::Tensor queries = at::zeros({n}, at::kLong);
    at::Tensor adversarial = x.clone();
    bool cancelled = false;

    // At ε = 0 the only feasible point is x, whose clean check is already done.
    const at::Tensor rows = config.epsilon > 0.0
                                ? cleanLogits.argmax(1).eq(input.labels).nonzero().squeeze(1)
                                : at::empty({0}, at::TensorOptions().dtype(at::kLong).device(x.device()));
    const std::int64_t iterations = iterationsWithin(plan.queries, plan.probe);
    if (rows.numel() > 0) {
        const at::Tensor rowsCpu = rows.to(at::kCPU);
        const at::Tensor attacked = x.index_select(0, rows);
        const at::Tensor goalOfAttacked = goal.index_select(0, rows);
        const FeasibleSet feasible(attacked, config.epsilon, config.norm);
        ImageStreams startStreams(config.seed, input.indices, kStartPurpose);
        ImageStreams probeStreams(config.seed, input.indices, kProbePurpose);

        at::Tensor current;
        at::Tensor reached;
        if (plan.start) {
            current = feasible.project(plan.start(attacked, rows, startStreams));
            reached = reachesGoal(logitsWithoutGrad(classifier, current), goalOfAttacked, config.targeted);
        } else {
            // The start is x itself: its evaluation is the clean check's, but
            // it is the attacker's first query all the same.
            current = attacked.clone();
            reached = reachesGoal(cleanLogits.index_select(0, rows), goalOfAttacked, config.targeted);
        }
        queries.index_fill_(0, rowsCpu, 1);
        update.reset(rows.numel(), attacked);

        at::Tensor streamed = control.wantsIterates() ? x.clone() : at::Tensor();
        std::int64_t done = 0;
        for (; done < iterations; ++done) {
            if (control.cancelled()) {
                cancelled = true;
                break;
            }
            const at::Tensor active = reached.logical_not().nonzero().squeeze(1);
            if (active.numel() == 0)
                break;
            const at::Tensor activeRows = rows.index_select(0, active);
            const at::Tensor now = current.index_select(0, active);
            const at::Tensor goalNow = goalOfAttacked.index_select(0, active);
            const at::Tensor gradient =
                estimateGradient(classifier, now, goalNow, activeRows, probeStreams, plan.probe, plan.objective);
            const at::Tensor next = feasible.rows(active).project(update.step(now, gradient, active));
            current.index_copy_(0, active, next);
            reached.index_copy_(0, active, reachesGoal(logitsWithoutGrad(classifier, next), goalNow, config.targeted));
            queries.index_add_(0, activeRows.to(at::kCPU),
                               at::full({active.numel()}, queriesPerIteration(plan.probe), at::kLong));
            control.report(done + 1, iterations);
            if (streamed.defined()) {
                streamed.index_copy_(0, rows, current);
                control.reportIterate(done + 1, streamed);
            }
        }
        if (!cancelled && done < iterations)
            control.report(iterations, iterations); // every image reached its goal early
        adversarial.index_copy_(0, rows, current);
    }

    AttackResult result;
    result.cancelled = cancelled;
    result.cleanLogits = cleanLogits;
    result.adversarial = adversarial;
    result.adversarialLogits = logitsWithoutGrad(classifier, adversarial);
    result.queriesPerImage = queries;
    result.gradientEvaluationsPerImage = at::zeros({n}, at::kLong);
    completeResult(result, input, config);
    // An image stops at the iterate that reaches its goal, so the queries it
    // spent are those it took to succeed.
    result.queriesToSuccess = queries.masked_fill(result.success.to(at::kCPU).logical_not(), -1);
    return result;
}

} // namespace advlens::core
