#include "core/metrics/gradientmasking.h"

#include "core/attacks/attackregistry.h"
#include "core/metrics/accuracy.h"
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

/// Robust accuracy of `attack` over the images, in batches.
double robustAccuracy(Classifier& classifier, const LabelledImages& data, const std::string& attack,
                      const AttackConfig& config, std::int64_t batchSize, const RunControl& control)
{
    auto instance = createAttack(attack);
    std::int64_t robust = 0;
    for (std::int64_t start = 0; start < data.size() && !control.cancelled(); start += batchSize) {
        const std::int64_t end = std::min(data.size(), start + batchSize);
        const AttackResult r =
            instance->run(classifier, {data.images.slice(0, start, end), data.labels.slice(0, start, end), {}}, config,
                          {control.cancellation, {}, {}});
        robust += r.adversarialPredictions.to(at::kCPU).eq(data.labels.slice(0, start, end)).sum().item<std::int64_t>();
    }
    return double(robust) / double(data.size());
}

std::string percent(double value)
{
    char text[32];
    std::snprintf(text, sizeof text, "%.1f %%", 100.0 * value);
    return text;
}

} // namespace

void addGradientMaskingChecks(RobustnessReport& report, Classifier& classifier, const LabelledImages& all,
                              std::int64_t batchSize, const RunControl& control)
{
    const std::int64_t n = std::min(all.size(), kMaskingCheckImages);
    if (n == 0)
        return;
    LabelledImages data{all.images.slice(0, 0, n), all.labels.slice(0, 0, n).to(at::kCPU), all.classNames};
    const double clean = evaluateAccuracy(classifier, data.images, data.labels, batchSize, control).top1;

    double epsilon = report.config.epsilon;
    for (const CurvePoint& p : report.points)
        epsilon = std::max(epsilon, report.axis == "epsilon" ? p.epsilon : epsilon);
    const Norm norm = report.config.norm;

    auto add = [&](std::string name, bool passed, std::string description) {
        if (!passed)
            report.warnings.push_back("possible gradient masking: " + description);
        report.checks.push_back({std::move(name), passed, std::move(description)});
    };

    AttackConfig unbounded;
    unbounded.norm = norm;
    // A ball around any x that holds the whole box: ℓ∞ radius 1, ℓp radius (CHW)^(1/p).
    const double dimensions = double(data.images[0].numel());
    unbounded.epsilon = norm == Norm::Linf ? 1.0 : std::sqrt(dimensions);
    unbounded.steps = 50;
    unbounded.seed = report.config.seed;
    const double unboundedAccuracy = robustAccuracy(classifier, data, "pgd", unbounded, batchSize, control);
    add("unbounded-pgd", unboundedAccuracy <= kUnboundedAccuracyLimit,
        "accuracy under PGD-50 with an unbounded " + toString(norm) + " budget is " + percent(unboundedAccuracy) +
            " (should be about 0)");

    if (epsilon <= 0.0 || control.cancelled())
        return;
    AttackConfig atEpsilon;
    atEpsilon.norm = norm;
    atEpsilon.epsilon = epsilon;
    atEpsilon.seed = report.config.seed;
    char budget[64];
    std::snprintf(budget, sizeof budget, " at %s eps %.4g", toString(norm).c_str(), epsilon);
    const double fgsm = robustAccuracy(classifier, data, "fgsm", atEpsilon, batchSize, control);
    add("fgsm-below-clean", fgsm <= clean,
        "FGSM accuracy " + percent(fgsm) + " vs clean " + percent(clean) + budget + " (must not exceed clean)");
    atEpsilon.steps = 20;
    const double pgd = robustAccuracy(classifier, data, "pgd", atEpsilon, batchSize, control);
    add("iterative-below-single-step", pgd <= fgsm,
        "PGD-20 accuracy " + percent(pgd) + " vs FGSM " + percent(fgsm) + budget + " (iterative must not be weaker)");
    if (attackExists("uniform-noise")) {
        atEpsilon.restarts = 1;
        const double noise = robustAccuracy(classifier, data, "uniform-noise", atEpsilon, batchSize, control);
        add("noise-weaker-than-gradients", noise >= pgd,
            "uniform-noise accuracy " + percent(noise) + " vs PGD-20 " + percent(pgd) + budget +
                " (noise must not be stronger)");
    }
}

} // namespace advlens::core
