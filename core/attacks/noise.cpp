#include "core/attacks/noise.h"

#include "core/attacks/attackcommon.h"
#include "core/attacks/attackinfo.h"
#include "core/attacks/imagestreams.h"
#include "core/attacks/lpball.h"

#include <ATen/ATen.h>

#include <cmath>
#include <limits>

namespace advlens::core {

namespace {

const AttackParameter& sigmaParameter()
{
    static const AttackParameter parameter{"sigma", 0.0, std::numeric_limits<double>::max(), false,
                                           /*defaultValue=*/std::nullopt,
                                           "standard deviation in pixel units (default: a draw about eps in size)"};
    return parameter;
}

/// What both baselines are: query-only, budgeted, their restarts independent draws.
AttackInfo noiseInfo(std::string name, std::string label, std::string description)
{
    AttackInfo info;
    info.name = std::move(name);
    info.label = std::move(label);
    info.description = std::move(description);
    info.needsGradients = false;
    info.randomStart = true;
    return info;
}

} // namespace

AttackInfo UniformNoise::describe()
{
    return noiseInfo("uniform-noise", "Uniform noise", "baseline: uniform random noise in the eps-ball (no gradients)");
}

AttackInfo GaussianNoise::describe()
{
    AttackInfo info = noiseInfo("gaussian-noise", "Gaussian noise",
                                "baseline: Gaussian random noise projected into the eps-ball (no gradients)");
    info.parameters = {sigmaParameter()};
    return info;
}

AttackResult NoiseAttack::run(Classifier& classifier, const AttackInput& rawInput, const AttackConfig& config,
                              const RunControl& control)
{
    const AttackInput input = prepareAttackInput(classifier, rawInput, config);
    const at::Tensor& x = input.images;
    const at::Tensor& goal = config.targeted ? input.targets : input.labels;
    const FeasibleSet feasible(x, config.epsilon, config.norm);
    ImageStreams streams(config.seed, input.indices);

    AttackResult result;
    result.cleanLogits = logitsWithoutGrad(classifier, x);
    const at::Tensor cleanCorrect = result.cleanLogits.argmax(1).eq(input.labels);
    BestOutcome best = BestOutcome::unchanged(x, result.cleanLogits);
    int draws = 0;
    for (int draw = 0; draw < config.restarts; ++draw, ++draws) {
        if (control.cancelled()) {
            result.cancelled = true;
            break;
        }
        const at::Tensor candidate = feasible.project(x + this->draw(x, config, streams).to(x.device()));
        const at::Tensor logits = logitsWithoutGrad(classifier, candidate);
        const at::Tensor reached = reachesGoal(logits, goal, config.targeted).logical_and_(cleanCorrect);
        best.merge({}, candidate, logits, reached, attackerScore(logits, goal, config.targeted));
        control.report(draw + 1, config.restarts);
    }
    result.adversarial = best.adversarial;
    result.adversarialLogits = best.logits;
    result.gradientEvaluations = 0;
    result.queriesPerImage = at::full({x.size(0)}, draws, at::kLong);
    completeResult(result, input, config);
    return result;
}

at::Tensor UniformNoise::draw(const at::Tensor& x, const AttackConfig& config, ImageStreams& streams) const
{
    return uniformInBall(x, config.epsilon, config.norm, streams);
}

at::Tensor GaussianNoise::draw(const at::Tensor& x, const AttackConfig& config, ImageStreams& streams) const
{
    const double d = x.size(0) ? double(x.numel() / x.size(0)) : 1.0;
    double sigma = config.epsilon / 2.0;
    if (config.norm == Norm::L2)
        sigma = config.epsilon / std::sqrt(d);
    else if (config.norm == Norm::L1)
        sigma = config.epsilon / (d * std::sqrt(2.0 / M_PI));
    sigma = extraSetting(config, sigmaParameter(), sigma);
    return streams.normal({}, x.sizes().slice(1)).mul_(sigma);
}

} // namespace advlens::core
