#include "core/saliency/saliencycommon.h"

#include "core/model/classifier.h"
#include "core/util/error.h"
#include "core/util/tensorformat.h"

#include <ATen/ATen.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace advlens::core::saliency {

namespace {

at::Tensor checkedBaseline(const at::Tensor& baseline, const at::Tensor& image)
{
    if (!baseline.defined())
        return at::zeros_like(image);
    if (baseline.sizes() != image.sizes())
        throw Error("the Integrated Gradients baseline must have the image's shape " + shapeString(image.sizes()) +
                    ", got " + shapeString(baseline.sizes()));
    const at::Tensor b = baseline.detach().to(image.device(), at::kFloat);
    if (!b.isfinite().all().item<bool>())
        throw Error("the Integrated Gradients baseline holds NaN or infinite values");
    return b;
}

} // namespace

SaliencyMap integratedGradients(Classifier& classifier, const at::Tensor& image, std::int64_t target,
                                const SaliencyConfig& config, const RunControl& control)
{
    const at::Tensor baseline = checkedBaseline(config.baseline, image);
    const at::Tensor delta = image - baseline;
    const std::int64_t total = config.steps;
    const auto points = [&](std::int64_t first, std::int64_t count) {
        // Midpoint rule: α = (k + ½) / steps, exact for a path that is linear in α.
        const at::Tensor alphas =
            (at::arange(first, first + count, at::TensorOptions(at::kFloat).device(image.device())) + 0.5) /
            static_cast<double>(total);
        return baseline + alphas.view({count, 1, 1, 1}) * delta;
    };
    const GradientSum gradients = sumGradientsInChunks(classifier, image, target, total, points, control);
    SaliencyMap map;
    map.targetClass = target;
    map.cancelled = gradients.cancelled;
    const at::Tensor attribution = delta[0] * gradients.sum / static_cast<double>(total);
    if (map.cancelled) {
        map.completenessGap = std::numeric_limits<double>::quiet_NaN();
    } else {
        at::NoGradGuard noGrad;
        const at::Tensor ends = classifier.logits(at::cat({image, baseline})).select(1, target).to(at::kDouble);
        const double change = (ends[0] - ends[1]).item<double>();
        map.completenessGap = std::abs(attribution.sum().item<double>() - change);
    }
    map.attribution = attribution.to(at::kCPU).contiguous();
    map.heat = absoluteHeat(map.attribution);
    return map;
}

} // namespace advlens::core::saliency
