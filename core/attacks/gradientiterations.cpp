#include "core/attacks/gradientiterations.h"

#include "core/attacks/attackcommon.h"
#include "core/attacks/imagestreams.h"
#include "core/attacks/lpball.h"

#include <ATen/ATen.h>

namespace advlens::core {

SteepestStep::SteepestStep(Norm norm, double l1Sparsity)
    : m_norm(norm)
    , m_l1Sparsity(l1Sparsity)
{
}

at::Tensor SteepestStep::direction(const at::Tensor& ascent, const at::Tensor& current)
{
    return ascentDirection(ascent, current, m_norm, m_l1Sparsity);
}

const AttackParameter& l1SparsityParameter()
{
    static const AttackParameter parameter{"l1_sparsity", 0.0, 1.0, false, /*defaultValue=*/0.99,
                                           "l1 steps: quantile of |gradient| below which components are not moved"};
    return parameter;
}

const AttackParameter& l2StartParameter()
{
    static const AttackParameter parameter{
        "l2_start", 0, 1, true, /*defaultValue=*/0,
        "l2 random start: 0 radius eps*u, 1 uniform in the ball's volume (nearly always on the sphere)"};
    return parameter;
}

double l1Sparsity(const AttackConfig& config)
{
    return extraSetting(config, l1SparsityParameter());
}

namespace {

/// How far projection may move a warm start for it to count as feasible already.
constexpr double kFeasibleTolerance = 1e-6;

at::Tensor imageMask(const at::Tensor& perImage)
{
    return perImage.view({-1, 1, 1, 1});
}

at::Tensor rowMask(const at::Tensor& perImage)
{
    return perImage.view({-1, 1});
}

/// The images a pass works on: all of them (rows undefined), or those that
/// early stopping has not retired (rows: their indices in the full batch).
struct ActiveBatch {
    at::Tensor rows;
    FeasibleSet feasible;
    at::Tensor goal;         ///< labels, or targets when targeted
    at::Tensor cleanCorrect; ///< bool; undefined until the clean logits are known
    at::Tensor current;      ///< the iterates

    std::int64_t size() const { return current.size(0); }

    ActiveBatch select(const at::Tensor& keep) const
    {
        return {rows.index_select(0, keep), feasible.rows(keep), goal.index_select(0, keep),
                cleanCorrect.index_select(0, keep), current.index_select(0, keep)};
    }
};

/// One run of runGradientIterations; see there for what it does.
class GradientIterations {
public:
    GradientIterations(Classifier& classifier, const AttackInput& input, const AttackConfig& config,
                       const IterationSettings& settings, StepRule& rule, const RunControl& control)
        : m_classifier(classifier)
        , m_input(input)
        , m_config(config)
        , m_settings(settings)
        , m_rule(rule)
        , m_control(control)
        , m_goal(config.targeted ? input.targets : input.labels)
        , m_feasible(input.images, config.epsilon, config.norm)
        , m_streams(config.seed, input.indices)
        , m_total(std::int64_t{config.steps} * settings.restarts)
    {
    }

    AttackResult run()
    {
        const at::Tensor& x = m_input.images;
        // When the first pass is at x it yields the clean logits for free.
        if (m_input.start.defined() || m_settings.randomStart)
            learnClean(logitsWithoutGrad(m_classifier, x));
        for (int restart = 0; restart < m_settings.restarts && !m_cancelled; ++restart) {
            ActiveBatch batch = activeBatch(startingPoints(restart));
            if (batch.size() == 0)
                break;
            m_rule.restart();
            runSteps(batch);
            if (batch.size() > 0)
                finishRestart(batch);
        }
        if (!m_cancelled && m_done < m_total)
            m_control.report(m_total, m_total); // early stopping retired every image

        AttackResult result;
        result.cancelled = m_cancelled;
        result.cleanLogits = m_cleanLogits;
        result.adversarial = m_best.adversarial;
        result.adversarialLogits = m_best.logits;
        result.gradientEvaluations = m_passes;
        const at::Tensor perImage =
            m_finishedAt.defined() ? at::where(m_finishedAt.ge(0), m_finishedAt, at::full_like(m_finishedAt, m_passes))
                                   : at::full({x.size(0)}, m_passes, at::kLong);
        result.gradientEvaluationsPerImage = perImage.to(at::kCPU);
        completeResult(result, m_input, m_config);
        return result;
    }

private:
    bool earlyStop() const { return m_config.earlyStop; }

    void learnClean(const at::Tensor& logits)
    {
        m_cleanLogits = logits;
        m_cleanCorrect = logits.argmax(1).eq(m_input.labels);
        m_best = BestOutcome::unchanged(m_input.images, logits);
        if (earlyStop()) {
            // Misclassified images cannot become successes: not worth a pass.
            m_finished = m_cleanCorrect.logical_not();
            m_finishedAt = at::where(m_finished, m_passes, -1).to(at::kLong);
        }
    }

    /// Full batch of first iterates for a restart, drawn for every image (from
    /// its own stream: the same start whatever the batch split).
    at::Tensor startingPoints(int restart)
    {
        const at::Tensor& x = m_input.images;
        if (restart == 0 && m_input.start.defined()) {
            // A start that is feasible already (up to float rounding in x + (start − x))
            // is taken as it is, so a run resumed from another's iterate continues it exactly.
            const at::Tensor projected = m_feasible.project(m_input.start);
            const at::Tensor moved = std::get<0>((projected - m_input.start).abs().flatten(1).max(1));
            return at::where(imageMask(moved.le(kFeasibleTolerance)), m_input.start.clamp(0.0, 1.0), projected);
        }
        if (m_settings.randomStart) {
            const L2Start l2Start =
                extraSetting(m_config, l2StartParameter()) == 0 ? L2Start::UniformRadius : L2Start::UniformVolume;
            return (x + randomStart(x, m_config.epsilon, m_config.norm, m_streams, l2Start)).clamp(0.0, 1.0);
        }
        return x;
    }

    ActiveBatch activeBatch(const at::Tensor& start) const
    {
        ActiveBatch all{{}, m_feasible, m_goal, m_cleanCorrect, start};
        if (!earlyStop())
            return all;
        all.rows = at::arange(start.size(0), start.options().dtype(at::kLong));
        if (!m_finished.defined())
            return all;
        return all.select(m_finished.logical_not().nonzero().squeeze(1));
    }

    void runSteps(ActiveBatch& batch)
    {
        const double alpha = m_settings.stepSize;
        for (int step = 0; step < m_config.steps; ++step) {
            if (m_control.cancelled()) {
                m_cancelled = true;
                return;
            }
            const LossGradient lg = crossEntropyGradient(m_classifier, batch.current, batch.goal);
            ++m_passes;
            if (!m_cleanLogits.defined()) { // the first pass, at x, over every image
                learnClean(lg.logits);
                batch.cleanCorrect = m_cleanCorrect;
            }
            const at::Tensor reached =
                reachesGoal(lg.logits, batch.goal, m_config.targeted).logical_and_(batch.cleanCorrect);
            at::Tensor gradient = lg.gradient;
            if (earlyStop()) {
                if (!retireFinished(batch, gradient, lg.logits, reached))
                    return;
            } else {
                remember(batch, lg.logits, reached, step == 0);
            }
            if (m_config.targeted)
                gradient = gradient.neg();
            batch.current = batch.feasible.project(batch.current.add(m_rule.direction(gradient, batch.current), alpha));
            m_control.report(++m_done, m_total);
            if (m_control.wantsIterates())
                streamIterates(batch);
        }
    }

    /// Hands the whole batch's current iterates to the iterate callback.
    void streamIterates(const ActiveBatch& batch)
    {
        if (!batch.rows.defined()) { // no early stopping: the batch is every image
            m_control.reportIterate(m_done, batch.current.detach());
            return;
        }
        if (!m_streamed.defined())
            m_streamed = m_input.images.clone();
        m_streamed.index_copy_(0, batch.rows, batch.current.detach());
        m_control.reportIterate(m_done, m_streamed);
    }

    /// Early stopping: records the images this pass found adversarial (or found
    /// misclassified from the start) and drops them from the batch. Returns
    /// whether any image is left.
    bool retireFinished(ActiveBatch& batch, at::Tensor& gradient, const at::Tensor& logits, const at::Tensor& reached)
    {
        const at::Tensor finished = reached.logical_or(batch.cleanCorrect.logical_not());
        const at::Tensor finishedRows = finished.nonzero().squeeze(1);
        if (finishedRows.numel() == 0)
            return true;
        // Unreached finished images are misclassified ones at the first pass, whose iterate is x.
        const at::Tensor rows = batch.rows.index_select(0, finishedRows);
        const at::Tensor finishedLogits = logits.index_select(0, finishedRows);
        const at::Tensor finishedReached = reached.index_select(0, finishedRows);
        m_best.merge(rows, batch.current.index_select(0, finishedRows), finishedLogits, finishedReached,
                     attackerScore(finishedLogits, batch.goal.index_select(0, finishedRows), m_config.targeted));
        markFinished(rows);
        const at::Tensor keep = finished.logical_not().nonzero().squeeze(1);
        batch = batch.select(keep);
        gradient = gradient.index_select(0, keep);
        m_rule.keepRows(keep);
        return keep.numel() > 0;
    }

    void markFinished(const at::Tensor& rows)
    {
        m_finished.index_fill_(0, rows, true);
        m_finishedAt.index_fill_(0, rows, m_passes);
    }

    /// Fixed budget: the latest iterate of this restart that reached the goal.
    void remember(const ActiveBatch& batch, const at::Tensor& logits, const at::Tensor& reached, bool first)
    {
        if (first) {
            m_memoryReached = reached;
            m_memory = batch.current;
            m_memoryLogits = logits;
            return;
        }
        m_memoryReached = m_memoryReached.logical_or(reached);
        m_memory = at::where(imageMask(reached), batch.current, m_memory);
        m_memoryLogits = at::where(rowMask(reached), logits, m_memoryLogits);
    }

    void finishRestart(const ActiveBatch& batch)
    {
        at::Tensor adversarial = batch.current;
        at::Tensor logits = logitsWithoutGrad(m_classifier, adversarial);
        ActiveBatch finalBatch = batch;
        if (!m_cleanLogits.defined()) { // cancelled before the first pass: the iterate is still x
            learnClean(logits);
            finalBatch.cleanCorrect = m_cleanCorrect;
        }
        at::Tensor reached = reachesGoal(logits, batch.goal, m_config.targeted).logical_and_(finalBatch.cleanCorrect);
        if (!earlyStop() && m_memory.defined()) {
            const at::Tensor useMemory = m_memoryReached.logical_and(reached.logical_not());
            adversarial = at::where(imageMask(useMemory), m_memory, adversarial);
            logits = at::where(rowMask(useMemory), m_memoryLogits, logits);
            reached = reached.logical_or(m_memoryReached);
        }
        m_memory = m_memoryLogits = m_memoryReached = at::Tensor();
        m_best.merge(batch.rows, adversarial, logits, reached, attackerScore(logits, batch.goal, m_config.targeted));
        if (earlyStop() && !m_cancelled)
            markFinished(batch.rows.masked_select(reached));
    }

    Classifier& m_classifier;
    const AttackInput& m_input;
    const AttackConfig& m_config;
    const IterationSettings& m_settings;
    StepRule& m_rule;
    const RunControl& m_control;
    const at::Tensor& m_goal;
    const FeasibleSet m_feasible;
    ImageStreams m_streams;
    const std::int64_t m_total;

    std::int64_t m_done = 0;   ///< steps reported
    std::int64_t m_passes = 0; ///< forward+backward passes run
    bool m_cancelled = false;
    at::Tensor m_cleanLogits, m_cleanCorrect;
    BestOutcome m_best;
    at::Tensor m_finished, m_finishedAt; ///< early stop: N bool, N int64 (−1: still active)
    at::Tensor m_memory, m_memoryLogits, m_memoryReached;
    at::Tensor m_streamed; ///< early stop with an iterate callback: every image's latest iterate
};

} // namespace

AttackResult runGradientIterations(Classifier& classifier, const AttackInput& rawInput, const AttackConfig& config,
                                   const IterationSettings& settings, StepRule& rule, const RunControl& control)
{
    requireInputGradients(classifier, "a gradient attack");
    const AttackInput input = prepareAttackInput(classifier, rawInput, config);
    return GradientIterations(classifier, input, config, settings, rule, control).run();
}

} // namespace advlens::core
