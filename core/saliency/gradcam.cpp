#include "core/saliency/saliencycommon.h"

#include "core/model/classifier.h"
#include "core/util/error.h"
#include "core/util/tensorformat.h"

#include <ATen/ATen.h>
#include <torch/csrc/autograd/autograd.h>

namespace advlens::core::saliency {

SaliencyMap gradCam(Classifier& classifier, const at::Tensor& image, std::int64_t target, const std::string& layer)
{
    std::string chosen = layer;
    if (chosen.empty()) {
        const std::vector<std::string> layers = classifier.featureLayers();
        if (layers.empty())
            throw Error("Grad-CAM needs a convolutional feature map, and model '" + classifier.metadata().name +
                        "' has none; use gradient, smoothgrad or integrated-gradients");
        chosen = layers.front();
    }
    // The input requires grad so the features do even when the weights are frozen.
    const FeaturesAndLogits pass = classifier.logitsWithFeatures(image.detach().requires_grad_(true), chosen);
    const at::Tensor& features = pass.features;
    if (features.dim() != 4 || features.size(0) != 1)
        throw Error("Grad-CAM needs an N×C×h×w feature map, and layer \"" + chosen + "\" gives shape " +
                    shapeString(features.sizes()));
    if (!features.requires_grad())
        throw Error("the logits of model '" + classifier.metadata().name + "' do not depend on layer \"" + chosen +
                    "\"");
    const at::Tensor gradient =
        torch::autograd::grad({pass.logits.select(1, target).sum()}, {features}, {}, false, false, true).at(0);
    if (!gradient.defined())
        throw Error("the logits of model '" + classifier.metadata().name + "' do not depend on layer \"" + chosen +
                    "\"");
    // αₖ: the gradient averaged over the map; the CAM weighs each channel by it.
    const at::Tensor weights = gradient.detach().mean({2, 3}, /*keepdim=*/true);
    const at::Tensor cam = (weights * features.detach()).sum(1, /*keepdim=*/true);
    const InputSpec& spec = classifier.metadata().input;
    const at::Tensor upsampled = at::upsample_bilinear2d(cam, {spec.height, spec.width}, /*align_corners=*/false);

    SaliencyMap map;
    map.targetClass = target;
    map.layer = chosen;
    map.attribution = upsampled[0].to(at::kCPU, at::kFloat).contiguous();
    map.heat = normalisedHeat(map.attribution[0].clamp_min(0.0));
    return map;
}

} // namespace advlens::core::saliency
