#include "core/saliency/saliencycommon.h"

#include "core/model/classifier.h"
#include "core/util/error.h"
#include "core/util/tensorformat.h"

#include <ATen/ATen.h>
#include <ATen/core/grad_mode.h>
#include <algorithm>
#include <torch/csrc/autograd/autograd.h>

namespace advlens::core::saliency {

at::Tensor checkedImage(Classifier& classifier, const at::Tensor& image)
{
    const InputSpec& spec = classifier.metadata().input;
    if (!image.defined() || image.dim() != 4 || image.size(0) != 1 || image.size(1) != spec.channels ||
        image.size(2) != spec.height || image.size(3) != spec.width) {
        throw Error("saliency needs one 1×" + std::to_string(spec.channels) + "×" + std::to_string(spec.height) + "×" +
                    std::to_string(spec.width) + " image for model '" + classifier.metadata().name + "', got " +
                    (image.defined() ? "shape " + shapeString(image.sizes()) : std::string("no image")));
    }
    if (!at::isFloatingType(image.scalar_type()))
        throw Error("saliency needs a floating-point image with values in [0, 1]");
    const at::Tensor x = image.detach().to(classifier.device(), at::kFloat).contiguous();
    if (!x.isfinite().all().item<bool>())
        throw Error("the image holds NaN or infinite values");
    if (x.min().item<float>() < 0.0f || x.max().item<float>() > 1.0f)
        throw Error("image values must lie in [0, 1]");
    return x;
}

std::int64_t resolveTarget(Classifier& classifier, const at::Tensor& image, std::int64_t targetClass)
{
    const std::int64_t classes = classifier.numClasses();
    if (targetClass == -1) {
        at::NoGradGuard noGrad;
        return classifier.logits(image).argmax(1).item<std::int64_t>();
    }
    if (targetClass < 0 || targetClass >= classes) {
        throw Error("target class " + std::to_string(targetClass) + " is outside 0…" + std::to_string(classes - 1) +
                    " (or −1 for the predicted class)");
    }
    return targetClass;
}

TargetGradient targetGradient(Classifier& classifier, const at::Tensor& batch, std::int64_t target)
{
    const at::Tensor x = batch.detach().requires_grad_(true);
    const at::Tensor targetLogits = classifier.logits(x).select(1, target);
    // Summed: each image's gradient is its own (the model is in eval mode).
    const at::Tensor gradient = torch::autograd::grad({targetLogits.sum()}, {x}).at(0);
    return {gradient.detach(), targetLogits.detach()};
}

at::Tensor normalisedHeat(const at::Tensor& map)
{
    const double peak = map.max().item<double>();
    return peak > 0.0 ? (map / peak).clamp(0.0, 1.0) : at::zeros_like(map);
}

at::Tensor absoluteHeat(const at::Tensor& attribution)
{
    return normalisedHeat(std::get<0>(attribution.abs().max(0)));
}

std::int64_t chunkSize(const at::Tensor& image)
{
    return std::clamp<std::int64_t>(kChunkValues / std::max<std::int64_t>(1, image[0].numel()), 1, kChunk);
}

GradientSum sumGradientsInChunks(Classifier& classifier, const at::Tensor& image, std::int64_t target,
                                 std::int64_t total,
                                 const std::function<at::Tensor(std::int64_t first, std::int64_t count)>& inputs,
                                 const RunControl& control)
{
    GradientSum result{at::zeros_like(image[0])};
    const std::int64_t most = chunkSize(image);
    while (result.done < total) {
        if (control.cancelled()) {
            result.cancelled = true;
            break;
        }
        const std::int64_t chunk = std::min(most, total - result.done);
        result.sum += targetGradient(classifier, inputs(result.done, chunk), target).gradient.sum(0);
        result.done += chunk;
        control.report(result.done, total);
    }
    return result;
}

} // namespace advlens::core::saliency
