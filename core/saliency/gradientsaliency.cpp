#include "core/saliency/saliencycommon.h"

#include <ATen/ATen.h>

namespace advlens::core::saliency {

SaliencyMap gradientSaliency(Classifier& classifier, const at::Tensor& image, std::int64_t target)
{
    SaliencyMap map;
    map.targetClass = target;
    map.attribution = targetGradient(classifier, image, target).gradient[0].to(at::kCPU).contiguous();
    map.heat = absoluteHeat(map.attribution);
    return map;
}

} // namespace advlens::core::saliency
