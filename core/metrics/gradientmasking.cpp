#include "core/metrics/gradientmasking.h"

#include "core/attacks/attackregistry.h"
#include "core/metrics/accuracy.h"
#include "core/tensor/finitelogits.h"
#include "core/model/classifier.h"

#include <ATen/ATen.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace advlens::core {

namespace {

constexpr double kUnboundedAccuracyLimit = 0.02;

bool attackExists(const std::string& name)
{
    const auto& attacks = availableAttacks();
    return std::any_of(attacks.begin(), attacks.end(), [&](const AttackInfo& a) { return a.name == name; });
}

std::string percent(double value)
{
    char text[32];
    std::snprintf(text, sizeof text, "%.1f %%", 100.0 * value);
    return text;
}

} // namespace

std::vector<MaskingCheckPass> maskingCheckPasses(const RobustnessReport& report, std::int64_t imageValues)
{
    double epsilon = report.config.epsilon;
    for (const CurvePoint& p : report.points)
        epsilon = std::max(epsilon, report.axis == "epsilon" ? p.epsilon : epsilon);
    const Norm norm = report.config.norm;
    std::vector<MaskingCheckPass> passes;
    passes.push_back({"", {}});

    AttackConfig unbounded;
    unbounded.norm = norm;
    // A ball around any x that holds the whole box: ℓ∞ radius 1, ℓp radius (CHW)^(1/p).
    unbounded.epsilon = norm == Norm::Linf ? 1.0 : std::sqrt(double(imageValues));
    unbounded.steps = 50;
    unbounded.seed = report.config.seed;
    passes.push_back({"pgd", unbounded});
    if (epsilon <= 0.0)
        return passes;
    AttackConfig atEpsilon;
    atEpsilon.norm = norm;
    atEpsilon.epsilon = epsilon;
    atEpsilon.seed = report.config.seed;
    passes.push_back({"fgsm", atEpsilon});
    atEpsilon.steps = 20;
    passes.push_back({"pgd", atEpsilon});
    if (attackExists("uniform-noise")) {
        atEpsilon.restarts = 1;
        passes.push_back({"uniform-noise", atEpsilon});
    }
    return passes;
}

LabelledImages maskingCheckImages(const LabelledImages& data)
{
    const std::int64_t n = std::min(data.size(), kMaskingCheckImages);
    if (n == 0)
        return {};
    return {data.images.slice(0, 0, n), data.labels.slice(0, 0, n).to(at::kCPU), data.classNames};
}

std::int64_t maskingCheckCorrect(Classifier& classifier, const LabelledImages& checkImages,
                                 const MaskingCheckPass& pass, std::int64_t begin, std::int64_t end,
                                 const RunControl& control)
{
    const at::Tensor labels = checkImages.labels.slice(0, begin, end).to(at::kCPU);
    const at::Tensor images = checkImages.images.slice(0, begin, end);
    at::Tensor logits;
    if (pass.attack.empty()) {
        logits = predictLogits(classifier, images, end - begin);
    } else {
        AttackInput input{images, labels, {}};
        input.indices = at::arange(begin, end, at::kLong);
        const AttackResult r = createAttack(pass.attack)->run(classifier, input, pass.config,
                                                              {control.cancellation, {}, {}});
        if (r.cancelled)
            return 0;
        logits = r.adversarialLogits;
    }
    logits = logits.detach().to(at::kCPU);
    // NaN or infinite logits are never a correct answer.
    return logits.argmax(1).eq(labels).logical_and(finiteRows(logits)).sum().item<std::int64_t>();
}

void addGradientMaskingVerdicts(RobustnessReport& report, const std::vector<MaskingCheckPass>& passes,
                                const std::vector<std::int64_t>& correct, std::int64_t images)
{
    auto add = [&](std::string name, bool passed, std::string description) {
        if (!passed)
            report.warnings.push_back("possible gradient masking: " + description);
        report.checks.push_back({std::move(name), passed, std::move(description)});
    };
    const auto accuracy = [&](std::size_t k) { return double(correct.at(k)) / double(images); };
    const double clean = accuracy(0);
    const Norm norm = passes.at(1).config.norm;
    const double unboundedAccuracy = accuracy(1);
    add("unbounded-pgd", unboundedAccuracy <= kUnboundedAccuracyLimit,
        "accuracy under PGD-50 with an unbounded " + toString(norm) + " budget is " + percent(unboundedAccuracy) +
            " (should be about 0)");
    if (passes.size() < 4)
        return;
    const double epsilon = passes[2].config.epsilon;
    char budget[64];
    std::snprintf(budget, sizeof budget, " at %s eps %.4g", toString(norm).c_str(), epsilon);
    const double fgsm = accuracy(2);
    add("fgsm-below-clean", fgsm <= clean,
        "FGSM accuracy " + percent(fgsm) + " vs clean " + percent(clean) + budget + " (must not exceed clean)");
    const double pgd = accuracy(3);
    add("iterative-below-single-step", pgd <= fgsm,
        "PGD-20 accuracy " + percent(pgd) + " vs FGSM " + percent(fgsm) + budget + " (iterative must not be weaker)");
    if (passes.size() > 4) {
        const double noise = accuracy(4);
        add("noise-weaker-than-gradients", noise >= pgd,
            "uniform-noise accuracy " + percent(noise) + " vs PGD-20 " + percent(pgd) + budget +
                " (noise must not be stronger)");
    }
}

void addGradientMaskingChecks(RobustnessReport& report, Classifier& classifier, const LabelledImages& all,
                              std::int64_t batchSize, const RunControl& control)
{
    const LabelledImages data = maskingCheckImages(all);
    if (data.size() == 0)
        return;
    const std::vector<MaskingCheckPass> passes = maskingCheckPasses(report, data.images[0].numel());
    std::vector<std::int64_t> correct(passes.size(), 0);
    for (std::size_t k = 0; k < passes.size(); ++k)
        for (std::int64_t begin = 0; begin < data.size(); begin += batchSize) {
            if (control.cancelled())
                return;
            correct[k] += maskingCheckCorrect(classifier, data, passes[k], begin,
                                              std::min(data.size(), begin + batchSize), control);
        }
    if (control.cancelled())
        return;
    addGradientMaskingVerdicts(report, passes, correct, data.size());
}

} // namespace advlens::core
