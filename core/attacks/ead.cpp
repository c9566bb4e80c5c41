#include "core/attacks/ead.h"

#include "core/attacks/attackcommon.h"
#include "core/attacks/attackinfo.h"
#include "core/attacks/marginsearch.h"
#include "core/attacks/minimalperturbation.h"
#include "core/model/classifier.h"
#include "core/util/error.h"

#include <ATen/ATen.h>
#include <ATen/core/grad_mode.h>
#include <torch/csrc/autograd/autograd.h>

#include <cmath>

namespace advlens::core {

namespace {

enum class DecisionRule { ElasticNet = 0, L1 = 1 };

const AttackParameter& betaParameter()
{
    static const AttackParameter parameter{"beta", 0.0, 1e3, false, /*defaultValue=*/1e-3, "weight of the l1 term"};
    return parameter;
}

const AttackParameter& decisionRuleParameter()
{
    static const AttackParameter parameter{"decision_rule", 0, 1, true, /*defaultValue=*/0,
                                           "0 keeps the best elastic-net example, 1 the best l1 one"};
    return parameter;
}

/// The paper's projected shrinkage-thresholding S_β: values within β of the
/// clean value snap back to it, the others shrink toward it by β, clipped to
/// the box.
at::Tensor shrinkAndProject(const at::Tensor& z, const at::Tensor& x, double beta)
{
    const at::Tensor difference = z - x;
    const at::Tensor shrunk = at::where(difference > beta, (z - beta).clamp_max(1.0), (z + beta).clamp_min(0.0));
    return at::where(difference.abs() <= beta, x, shrunk);
}

/// FISTA for the elastic-net objective, one state per image.
class Fista : public MarginOptimiser {
public:
    Fista(Classifier& classifier, const AttackInput& input, bool targeted, const MarginSearchSettings& settings,
          double beta, DecisionRule rule)
        : m_classifier(classifier)
        , m_x(input.images)
        , m_classes(targeted ? input.targets : input.labels)
        , m_targeted(targeted)
        , m_settings(settings)
        , m_beta(beta)
        , m_rule(rule)
    {
    }

    void restart(const at::Tensor& constants) override
    {
        m_constants = constants;
        m_iterate = m_x.clone();
        m_slack = m_x.clone();
        m_k = 0;
    }

    MarginEvaluation step(const at::Tensor& active) override
    {
        const at::Tensor x = m_x.index_select(0, active);
        const at::Tensor classes = m_classes.index_select(0, active);
        const at::Tensor constants = m_constants.index_select(0, active);
        at::Tensor gradient;
        {
            at::AutoGradMode enableGrad(true);
            const at::Tensor y = m_slack.index_select(0, active).requires_grad_(true);
            const at::Tensor smooth =
                (y - x).pow(2).flatten(1).sum(1) +
                constants * marginLoss(m_classifier.logits(y), classes, m_targeted, m_settings.confidence);
            // Images are independent rows, so the sum's gradient is each image's own.
            gradient = torch::autograd::grad({smooth.sum()}, {y})[0];
        }
        const double rate =
            m_settings.learningRate * std::sqrt(1.0 - static_cast<double>(m_k) / m_settings.maxIterations);
        const at::Tensor next = shrinkAndProject(m_slack.index_select(0, active) - rate * gradient, x, m_beta);
        ++m_k;
        const double momentum = static_cast<double>(m_k) / (m_k + 3.0);
        m_slack.index_copy_(0, active, next + momentum * (next - m_iterate.index_select(0, active)));
        m_iterate.index_copy_(0, active, next);

        // The judged point is the iterate itself, not the slack the gradient was taken at.
        const at::Tensor logits = logitsWithoutGrad(m_classifier, next);
        const at::Tensor delta = (next - x).flatten(1);
        const at::Tensor l1 = delta.abs().sum(1);
        const at::Tensor elasticNet = delta.pow(2).sum(1) + m_beta * l1;
        const at::Tensor loss = elasticNet + constants * marginLoss(logits, classes, m_targeted, m_settings.confidence);
        return {next, logits, m_rule == DecisionRule::L1 ? l1 : elasticNet, loss};
    }

private:
    Classifier& m_classifier;
    at::Tensor m_x, m_classes;
    bool m_targeted;
    MarginSearchSettings m_settings;
    double m_beta;
    DecisionRule m_rule;
    at::Tensor m_constants, m_iterate, m_slack;
    int m_k = 0; ///< FISTA steps since restart; shared, as images only ever drop out
};

} // namespace

AttackInfo Ead::describe()
{
    AttackInfo info;
    info.name = "ead";
    info.label = "EAD (elastic net)";
    info.description = "EAD: elastic-net attack (l1 + l2), ISTA/FISTA, binary search on c";
    info.iterative = true;
    info.minimal = true;
    info.minimisedNorms = {Norm::L1, Norm::L2};
    info.parameters = MarginSearchSettings::parameters(MarginSearchSettings{});
    info.parameters.push_back(betaParameter());
    info.parameters.push_back(decisionRuleParameter());
    return info;
}

AttackResult Ead::run(Classifier& classifier, const AttackInput& rawInput, const AttackConfig& config,
                      const RunControl& control)
{
    const AttackInput input = prepareMinimalAttackInput(classifier, rawInput, config);
    const MarginSearchSettings settings = MarginSearchSettings::read(config, MarginSearchSettings{});
    const double beta = extraSetting(config, betaParameter());
    const double rule = extraSetting(config, decisionRuleParameter());
    Fista optimiser(classifier, input, config.targeted, settings, beta,
                    rule == 0.0 ? DecisionRule::ElasticNet : DecisionRule::L1);
    return runMarginSearch(classifier, input, config, settings, optimiser, control);
}

} // namespace advlens::core
