#include "core/attacks/spsa.h"

#include "core/attacks/attackcommon.h"
#include "core/attacks/attackinfo.h"
#include "core/attacks/estimatedgradient.h"
#include "core/attacks/imagestreams.h"
#include "core/attacks/lpball.h"

#include <ATen/ATen.h>

namespace advlens::core {

namespace {

constexpr double kDefaultLearningRate = 0.01; ///< Uesato et al. (2018)
constexpr double kBeta1 = 0.9;                ///< Adam's defaults, as the authors' optimiser
constexpr double kBeta2 = 0.999;
constexpr double kAdamEpsilon = 1e-8;

const AttackParameter& samplesSetting()
{
    static const AttackParameter parameter = samplesParameter(
        /*defaultValue=*/128, "model evaluations per gradient estimate: Rademacher perturbations at +delta and -delta");
    return parameter;
}

const AttackParameter& deltaSetting()
{
    static const AttackParameter parameter =
        spacingParameter(/*defaultValue=*/0.01, "SPSA's delta: the probes are x ± delta·v, in pixel units");
    return parameter;
}

at::Tensor imageMask(const at::Tensor& perImage)
{
    return perImage.view({-1, 1, 1, 1});
}

/// Adam ascending the estimate, one optimiser state per attacked image (an
/// image stepped k times has its own bias correction).
class AdamAscent : public IterateUpdate {
public:
    explicit AdamAscent(double learningRate)
        : m_learningRate(learningRate)
    {
    }

    void reset(std::int64_t images, const at::Tensor& like) override
    {
        m_first = at::zeros_like(like);
        m_second = at::zeros_like(like);
        m_steps = at::zeros({images}, like.options());
    }

    at::Tensor step(const at::Tensor& current, const at::Tensor& gradient, const at::Tensor& active) override
    {
        const at::Tensor first = m_first.index_select(0, active) * kBeta1 + gradient * (1.0 - kBeta1);
        const at::Tensor second = m_second.index_select(0, active) * kBeta2 + gradient.square() * (1.0 - kBeta2);
        const at::Tensor steps = m_steps.index_select(0, active) + 1.0;
        m_first.index_copy_(0, active, first);
        m_second.index_copy_(0, active, second);
        m_steps.index_copy_(0, active, steps);
        const at::Tensor firstCorrection = imageMask(1.0 - at::pow(kBeta1, steps));
        const at::Tensor secondCorrection = imageMask(1.0 - at::pow(kBeta2, steps));
        return current +
               m_learningRate * (first / firstCorrection) / ((second / secondCorrection).sqrt() + kAdamEpsilon);
    }

private:
    double m_learningRate;
    at::Tensor m_first, m_second, m_steps;
};

} // namespace

AttackInfo Spsa::describe()
{
    AttackInfo info;
    info.name = "spsa";
    info.label = "SPSA";
    info.description = "score-based black box (Uesato et al.): Adam on a gradient estimated from Rademacher "
                       "antithetic queries of the logit margin, within a query budget (linf/l2)";
    info.iterative = true;
    info.needsGradients = false;
    info.norms = {Norm::Linf, Norm::L2};
    info.parameters = {queryBudgetParameter(), samplesSetting(), deltaSetting()};
    return info;
}

AttackResult Spsa::run(Classifier& classifier, const AttackInput& input, const AttackConfig& config,
                       const RunControl& control)
{
    ScoreAttackPlan plan;
    plan.queries = static_cast<std::int64_t>(extraSetting(config, queryBudgetParameter()));
    plan.probe.distribution = ProbeDistribution::Rademacher;
    plan.probe.pairs = static_cast<std::int64_t>(extraSetting(config, samplesSetting())) / 2;
    plan.probe.spacing = extraSetting(config, deltaSetting());
    plan.objective = logitMarginObjective(config.targeted);
    const double epsilon = config.epsilon;
    plan.start = [epsilon](const at::Tensor& x, const at::Tensor& rows, ImageStreams& streams) {
        const at::Tensor cube = streams.uniform(rows, x.sizes().slice(1)).mul_(2.0).sub_(1.0).mul_(epsilon);
        return x + cube.to(x.device());
    };
    AdamAscent update(config.stepSize > 0.0 ? config.stepSize : kDefaultLearningRate);
    return runScoreAttack(classifier, input, config, plan, update, control);
}

} // namespace advlens::core
