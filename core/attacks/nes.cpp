#include "core/attacks/nes.h"

#include "core/attacks/attackcommon.h"
#include "core/attacks/attackinfo.h"
#include "core/attacks/estimatedgradient.h"
#include "core/attacks/lpball.h"

#include <ATen/ATen.h>

namespace advlens::core {

namespace {

/// α = ε/4 by default: the boundary is reached in 4 steps from x, and the
/// ~100 steps of the default budget can still undo noisy ones.
constexpr double kDefaultStepFraction = 0.25;

const AttackParameter& samplesSetting()
{
    static const AttackParameter parameter =
        samplesParameter(/*defaultValue=*/50, "model evaluations per gradient estimate: Gaussian antithetic pairs");
    return parameter;
}

const AttackParameter& sigmaSetting()
{
    static const AttackParameter parameter =
        spacingParameter(/*defaultValue=*/1e-3, "spacing of the probes x ± sigma·u, in pixel units");
    return parameter;
}

/// The PGD step of Ilyas et al. on the estimate.
class SteepestAscentStep : public IterateUpdate {
public:
    SteepestAscentStep(double stepSize, Norm norm)
        : m_stepSize(stepSize)
        , m_norm(norm)
    {
    }

    void reset(std::int64_t, const at::Tensor&) override {}
    at::Tensor step(const at::Tensor& current, const at::Tensor& gradient, const at::Tensor&) override
    {
        return current + m_stepSize * steepestDirection(gradient, m_norm);
    }

private:
    double m_stepSize;
    Norm m_norm;
};

} // namespace

AttackInfo Nes::describe()
{
    AttackInfo info;
    info.name = "nes";
    info.label = "NES";
    info.description = "score-based black box (Ilyas et al.): PGD on a gradient estimated from Gaussian antithetic "
                       "queries, within a query budget (linf/l2)";
    info.iterative = true;
    info.needsGradients = false;
    info.norms = {Norm::Linf, Norm::L2};
    info.parameters = {queryBudgetParameter(), samplesSetting(), sigmaSetting()};
    return info;
}

AttackResult Nes::run(Classifier& classifier, const AttackInput& input, const AttackConfig& config,
                      const RunControl& control)
{
    ScoreAttackPlan plan;
    plan.queries = static_cast<std::int64_t>(extraSetting(config, queryBudgetParameter()));
    plan.probe.distribution = ProbeDistribution::Gaussian;
    plan.probe.pairs = static_cast<std::int64_t>(extraSetting(config, samplesSetting())) / 2;
    plan.probe.spacing = extraSetting(config, sigmaSetting());
    plan.objective = logitMarginObjective(config.targeted);
    const double stepSize = config.stepSize > 0.0 ? config.stepSize : kDefaultStepFraction * config.epsilon;
    SteepestAscentStep update(stepSize, config.norm);
    return runScoreAttack(classifier, input, config, plan, update, control);
}

} // namespace advlens::core
