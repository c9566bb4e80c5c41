#include "saliencycommon.h"

#include "model/classifier.h"

#include <ATen/ATen.h>
#include <ATen/CPUGeneratorImpl.h>

#include <algorithm>

namespace advlens::core::saliency {

SaliencyMap smoothGrad(Classifier& classifier, const at::Tensor& image, std::int64_t target,
                       const SaliencyConfig& config, const RunControl& control)
{
    // Noise is drawn on the CPU, so a seed gives the same map on every device.
    at::Generator generator = at::detail::createCPUGenerator(config.seed);
    const std::int64_t total = config.samples;
    at::Tensor sum = at::zeros_like(image[0]);
    std::int64_t done = 0;
    SaliencyMap map;
    map.targetClass = target;
    while (done < total) {
        if (control.cancelled()) {
            map.cancelled = true;
            break;
        }
        const std::int64_t chunk = std::min(kChunk, total - done);
        std::vector<std::int64_t> shape = image.sizes().vec();
        shape[0] = chunk;
        const at::Tensor noise =
            at::randn(shape, generator, at::TensorOptions(at::kFloat)).mul_(config.noiseLevel).to(image.device());
        sum += targetGradient(classifier, image + noise, target).gradient.sum(0);
        done += chunk;
        control.report(done, total);
    }
    map.attribution = (done > 0 ? sum / static_cast<double>(done) : sum).to(at::kCPU).contiguous();
    map.heat = absoluteHeat(map.attribution);
    return map;
}

} // namespace advlens::core::saliency
