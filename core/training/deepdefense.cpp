#include "core/training/deepdefense.h"

#include "core/model/classifier.h"
#include "core/util/error.h"

#include <ATen/ATen.h>
#include <ATen/core/grad_mode.h>
#include <torch/csrc/autograd/autograd.h>

#include <cmath>
#include <limits>

namespace advlens::core {

namespace {

constexpr double kTiny = 1e-12; // inside square roots: finite values and gradients at zero

/// ‖v‖₂ per row, differentiable everywhere (also at v = 0).
at::Tensor rowNorm(const at::Tensor& v)
{
    return (v.flatten(1).pow(2).sum(1) + kTiny).sqrt();
}

at::Tensor perImage(const at::Tensor& values)
{
    return values.view({-1, 1, 1, 1});
}

} // namespace

void validateDeepDefenseSettings(const DeepDefenseSettings& s)
{
    if (!(s.lambda > 0) || !std::isfinite(s.lambda))
        throw Error("deep defense: lambda must be a positive number");
    if (!(s.correctScale > 0) || !std::isfinite(s.correctScale))
        throw Error("deep defense: c must be a positive number");
    if (!(s.wrongScale >= 0) || !std::isfinite(s.wrongScale))
        throw Error("deep defense: d must be zero or a positive number");
    if (s.deepFoolIterations < 1 || s.deepFoolIterations > 1000)
        throw Error("deep defense: DeepFool iterations must be between 1 and 1000");
    if (!(s.overshoot >= 0) || !std::isfinite(s.overshoot))
        throw Error("deep defense: overshoot must be zero or a positive number");
    if (s.candidates < 2)
        throw Error("deep defense: at least 2 candidate classes are needed");
    if (!(s.momentum >= 0 && s.momentum < 1))
        throw Error("deep defense: momentum must be in [0, 1)");
    if (!(s.weightDecay >= 0) || !std::isfinite(s.weightDecay))
        throw Error("deep defense: weight decay must be zero or a positive number");
}

UnrolledDeepFool unrolledDeepFool(Classifier& classifier, const at::Tensor& images, const at::Tensor& classes,
                                  bool towardsClass, const DeepDefenseSettings& settings)
{
    at::AutoGradMode enableGrad(true);
    const at::Tensor x = images.detach();
    const std::int64_t n = x.size(0);
    UnrolledDeepFool result;
    result.reached = at::zeros({n}, x.options().dtype(at::kBool));
    at::Tensor total = at::zeros_like(x); // Σ rᵢ, in the graph once a step is added
    if (n == 0) {
        result.perturbation = total;
        return result;
    }

    at::Tensor others; // n×m candidate classes to leave towards (untargeted)
    if (!towardsClass) {
        at::NoGradGuard noGrad;
        const std::int64_t m = std::min(settings.candidates, classifier.numClasses()) - 1;
        const at::Tensor clean = classifier.logits(x).detach().clone();
        clean.scatter_(1, classes.unsqueeze(1), -std::numeric_limits<float>::infinity());
        others = std::get<1>(clean.topk(m, 1));
    }
    const std::int64_t m = towardsClass ? 1 : others.size(1);

    for (int step = 0; step < settings.deepFoolIterations; ++step) {
        const at::Tensor active = result.reached.logical_not().nonzero().squeeze(1);
        const std::int64_t a = active.numel();
        if (a == 0)
            break;
        at::Tensor point = (x + total).index_select(0, active);
        if (!point.requires_grad()) // the first step (or frozen weights): the input is a leaf
            point = point.detach().requires_grad_(true);
        // One copy of each image per boundary: row j·a + i holds image i for candidate j,
        // so one backward pass gives every boundary's gradient.
        const at::Tensor copies = point.repeat({m, 1, 1, 1});
        const at::Tensor logits = classifier.logits(copies);
        const at::Tensor ownClass = classes.index_select(0, active);
        at::Tensor from, to;
        if (towardsClass) {
            from = logits.detach().argmax(1);
            to = ownClass;
        } else {
            from = ownClass.repeat({m});
            to = others.index_select(0, active).t().reshape({-1});
        }
        const at::Tensor f = logits.gather(1, to.unsqueeze(1)).squeeze(1) - logits.gather(1, from.unsqueeze(1)).squeeze(1);
        const at::Tensor w = torch::autograd::grad({f.sum()}, {copies}, {}, /*retain_graph=*/true,
                                                   /*create_graph=*/true)[0];
        const at::Tensor wNorm = rowNorm(w);
        const at::Tensor distance = f.abs() / wNorm; // m·a
        const at::Tensor nearest = distance.detach().view({m, a}).argmin(0); // a
        const at::Tensor rows = nearest * a + at::arange(a, nearest.options());
        const at::Tensor wk = w.index_select(0, rows);
        const at::Tensor stepToBoundary = perImage(distance.index_select(0, rows) / wNorm.index_select(0, rows)) * wk;
        total = total.index_add(0, active, stepToBoundary);

        at::NoGradGuard noGrad;
        const at::Tensor predicted =
            classifier.logits((x + (1.0 + settings.overshoot) * total.detach()).index_select(0, active)).argmax(1);
        const at::Tensor done = towardsClass ? predicted.eq(ownClass) : predicted.ne(ownClass);
        result.reached.index_put_({active}, done);
    }
    result.perturbation = (1.0 + settings.overshoot) * total;
    return result;
}

DeepDefenseTerm deepDefenseRegulariser(Classifier& classifier, const at::Tensor& images, const at::Tensor& labels,
                                       const at::Tensor& cleanLogits, const DeepDefenseSettings& settings)
{
    const std::int64_t n = images.size(0);
    DeepDefenseTerm term;
    term.correct = cleanLogits.detach().argmax(1).eq(labels);
    term.ratio = at::zeros({n}, images.options());
    term.value = at::zeros({}, images.options());
    if (n == 0)
        return term;
    const at::Tensor imageNorm = images.detach().flatten(1).norm(2, {1}).clamp_min(1e-6);
    for (const bool correct : {true, false}) {
        const at::Tensor rows = (correct ? term.correct : term.correct.logical_not()).nonzero().squeeze(1);
        if (rows.numel() == 0)
            continue;
        const UnrolledDeepFool fool = unrolledDeepFool(classifier, images.index_select(0, rows),
                                                       labels.index_select(0, rows), /*towardsClass=*/!correct, settings);
        // A step onto a nearly flat boundary (‖w‖ → 0) can be enormous; exp(d·ρ) of it
        // overflows and one image turns the whole step into inf/NaN. ρ ≤ 1 (a perturbation
        // as large as the image) bounds the term; beyond it the image adds no gradient.
        const at::Tensor ratio = (rowNorm(fool.perturbation) / imageNorm.index_select(0, rows)).clamp_max(1.0);
        term.ratio.index_copy_(0, rows, ratio.detach());
        const at::Tensor weighted = correct ? at::exp(-settings.correctScale * ratio)
                                            : at::exp(settings.wrongScale * ratio);
        term.value = term.value + weighted.sum();
    }
    term.value = term.value * (settings.lambda / double(n));
    return term;
}

} // namespace advlens::core
