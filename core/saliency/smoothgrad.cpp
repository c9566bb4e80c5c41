#include "core/saliency/saliencycommon.h"

#include "core/model/classifier.h"

#include <ATen/ATen.h>
#include <ATen/CPUGeneratorImpl.h>

#include <algorithm>

namespace advlens::core::saliency {

SaliencyMap smoothGrad(Classifier& classifier, const at::Tensor& image, std::int64_t target,
                       const SaliencyConfig& config, const RunControl& control)
{
    // Noise is drawn on the CPU, so a seed gives the same map on every device.
    at::Generator generator = at::detail::createCPUGenerator(config.seed);
    const auto noisyCopies = [&](std::int64_t, std::int64_t count) {
        std::vector<std::int64_t> shape = image.sizes().vec();
        shape[0] = count;
        return image +
               at::randn(shape, generator, at::TensorOptions(at::kFloat)).mul_(config.noiseLevel).to(image.device());
    };
    const GradientSum gradients =
        sumGradientsInChunks(classifier, image, target, config.samples, noisyCopies, control);
    SaliencyMap map;
    map.targetClass = target;
    map.cancelled = gradients.cancelled;
    // Cancelled: the mean of the samples drawn so far.
    map.attribution = (gradients.done > 0 ? gradients.sum / static_cast<double>(gradients.done) : gradients.sum)
                          .to(at::kCPU)
                          .contiguous();
    map.heat = absoluteHeat(map.attribution);
    return map;
}

} // namespace advlens::core::saliency
