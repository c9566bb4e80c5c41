#include "core/attacks/mim.h"

#include "core/attacks/attackcommon.h"
#include "core/attacks/attackinfo.h"
#include "core/attacks/gradientiterations.h"
#include "core/attacks/lpball.h"

#include <ATen/ATen.h>

namespace advlens::core {

namespace {

constexpr double kTiny = 1e-12;

const AttackParameter& momentumParameter()
{
    static const AttackParameter parameter{"momentum", 0.0, 1e6, false, /*defaultValue=*/1.0,
                                           "decay mu of the accumulated gradient"};
    return parameter;
}

/// Accumulates ℓ1-normalised gradients with decay μ and steps along the sum.
class MomentumStep : public StepRule {
public:
    MomentumStep(Norm norm, double momentum, double l1Sparsity)
        : m_norm(norm)
        , m_momentum(momentum)
        , m_l1Sparsity(l1Sparsity)
    {
    }

    void restart() override { m_velocity = at::Tensor(); }

    at::Tensor direction(const at::Tensor& ascent, const at::Tensor& current) override
    {
        const at::Tensor l1 = ascent.abs().flatten(1).sum(1).clamp_min(kTiny).view({-1, 1, 1, 1});
        const at::Tensor normalised = ascent / l1;
        m_velocity = m_velocity.defined() ? m_velocity.mul(m_momentum).add_(normalised) : normalised;
        return ascentDirection(m_velocity, current, m_norm, m_l1Sparsity);
    }

    void keepRows(const at::Tensor& rows) override
    {
        if (m_velocity.defined())
            m_velocity = m_velocity.index_select(0, rows);
    }

private:
    Norm m_norm;
    double m_momentum;
    double m_l1Sparsity;
    at::Tensor m_velocity; ///< g_t of the active images
};

} // namespace

AttackInfo Mim::describe()
{
    AttackInfo info;
    info.name = "mim";
    info.label = "MIM (momentum)";
    info.description = "Momentum Iterative Method: I-FGSM with momentum on l1-normalised gradients";
    info.iterative = true;
    info.parameters = {momentumParameter(), l1SparsityParameter()};
    return info;
}

AttackResult Mim::run(Classifier& classifier, const AttackInput& input, const AttackConfig& config,
                      const RunControl& control)
{
    const double momentum = extraSetting(config, momentumParameter());
    MomentumStep rule(config.norm, momentum, l1Sparsity(config));
    const IterationSettings settings{config.effectiveStepSize(/*defaultMultiple=*/1.0), /*randomStart=*/false,
                                     /*restarts=*/1};
    return runGradientIterations(classifier, input, config, settings, rule, control);
}

} // namespace advlens::core
