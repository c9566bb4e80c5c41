#include "core/attacks/carliniwagner.h"

#include "core/attacks/attackinfo.h"
#include "core/attacks/marginsearch.h"
#include "core/attacks/minimalperturbation.h"
#include "core/model/classifier.h"

#include <ATen/ATen.h>
#include <ATen/core/grad_mode.h>
#include <torch/csrc/autograd/autograd.h>

#include <cmath>

namespace advlens::core {

namespace {

constexpr double kShrink = 0.999999; // keeps atanh finite at pixels 0 and 1 (the reference's factor)
constexpr double kBeta1 = 0.9;       // Adam's moment decays and ε, as TensorFlow's defaults
constexpr double kBeta2 = 0.999;
constexpr double kAdamEpsilon = 1e-8;

MarginSearchSettings cwDefaults()
{
    MarginSearchSettings defaults;
    // With 100 steps rather than the reference's 10,000, the reference's rate
    // 0.01 leaves the pixels tanh saturates almost still (see the class comment).
    defaults.learningRate = 0.05;
    return defaults;
}

at::Tensor fromTanhSpace(const at::Tensor& w)
{
    return (at::tanh(w) + 1.0) * 0.5;
}

/// Adam on w = atanh(2x' − 1) for the C&W objective, one state per image.
class TanhAdam : public MarginOptimiser {
public:
    TanhAdam(Classifier& classifier, const AttackInput& input, bool targeted, const MarginSearchSettings& settings)
        : m_classifier(classifier)
        , m_x(input.images)
        , m_classes(targeted ? input.targets : input.labels)
        , m_targeted(targeted)
        , m_settings(settings)
        , m_start(at::atanh((input.images * 2.0 - 1.0) * kShrink))
    {
    }

    void restart(const at::Tensor& constants) override
    {
        m_constants = constants;
        m_w = m_start.clone();
        m_m = at::zeros_like(m_w);
        m_v = at::zeros_like(m_w);
        m_t = 0;
    }

    MarginEvaluation step(const at::Tensor& active) override
    {
        at::AutoGradMode enableGrad(true);
        const at::Tensor w = m_w.index_select(0, active).requires_grad_(true);
        const at::Tensor image = fromTanhSpace(w);
        const at::Tensor logits = m_classifier.logits(image);
        const at::Tensor l2 = (image - m_x.index_select(0, active)).pow(2).flatten(1).sum(1);
        const at::Tensor loss =
            l2 + m_constants.index_select(0, active) *
                     marginLoss(logits, m_classes.index_select(0, active), m_targeted, m_settings.confidence);
        // Images are independent rows, so the sum's gradient is each image's own.
        const at::Tensor g = torch::autograd::grad({loss.sum()}, {w})[0];

        ++m_t;
        const at::Tensor m = m_m.index_select(0, active).mul_(kBeta1).add_(g, 1.0 - kBeta1);
        const at::Tensor v = m_v.index_select(0, active).mul_(kBeta2).addcmul_(g, g, 1.0 - kBeta2);
        const double rate =
            m_settings.learningRate * std::sqrt(1.0 - std::pow(kBeta2, m_t)) / (1.0 - std::pow(kBeta1, m_t));
        m_m.index_copy_(0, active, m);
        m_v.index_copy_(0, active, v);
        m_w.index_copy_(0, active, w.detach() - rate * m / (v.sqrt() + kAdamEpsilon));
        return {image.detach(), logits.detach(), l2.detach(), loss.detach()};
    }

private:
    Classifier& m_classifier;
    at::Tensor m_x, m_classes;
    bool m_targeted;
    MarginSearchSettings m_settings;
    at::Tensor m_start; ///< w of the clean images
    at::Tensor m_constants, m_w, m_m, m_v;
    int m_t = 0; ///< Adam steps since restart; shared, as images only ever drop out
};

} // namespace

AttackInfo CarliniWagnerL2::describe()
{
    AttackInfo info;
    info.name = "cw-l2";
    info.label = "Carlini & Wagner ℓ2";
    info.description = "Carlini & Wagner l2: tanh variables, margin loss, Adam, binary search on c";
    info.iterative = true;
    info.minimal = true;
    info.minimisedNorms = {Norm::L2};
    info.parameters = MarginSearchSettings::parameters(cwDefaults());
    return info;
}

AttackResult CarliniWagnerL2::run(Classifier& classifier, const AttackInput& rawInput, const AttackConfig& config,
                                  const RunControl& control)
{
    const AttackInput input = prepareMinimalAttackInput(classifier, rawInput, config);
    const MarginSearchSettings settings = MarginSearchSettings::read(config, cwDefaults());
    TanhAdam optimiser(classifier, input, config.targeted, settings);
    return runMarginSearch(classifier, input, config, settings, optimiser, control);
}

} // namespace advlens::core
