#include "core/saliency/saliency.h"

#include "core/attacks/attackcommon.h"
#include "core/model/classifier.h"
#include "core/saliency/saliencycommon.h"
#include "core/util/error.h"

#include <ATen/core/grad_mode.h>

#include <cmath>

namespace advlens::core {

namespace {

struct MethodName {
    SaliencyMethod method;
    const char* name;
};

constexpr MethodName kMethodNames[] = {
    {SaliencyMethod::Gradient, "gradient"},
    {SaliencyMethod::SmoothGrad, "smoothgrad"},
    {SaliencyMethod::IntegratedGradients, "integrated-gradients"},
    {SaliencyMethod::GradCam, "grad-cam"},
};

void checkConfig(const SaliencyConfig& config)
{
    if (config.method == SaliencyMethod::SmoothGrad) {
        if (config.samples < 1)
            throw Error("SmoothGrad needs at least 1 sample, got " + std::to_string(config.samples));
        if (!(config.noiseLevel >= 0.0) || !std::isfinite(config.noiseLevel))
            throw Error("SmoothGrad noise level must be a finite number ≥ 0, got " + std::to_string(config.noiseLevel));
    }
    if (config.method == SaliencyMethod::IntegratedGradients && config.steps < 1)
        throw Error("Integrated Gradients needs at least 1 step, got " + std::to_string(config.steps));
}

} // namespace

std::string toString(SaliencyMethod method)
{
    for (const MethodName& entry : kMethodNames)
        if (entry.method == method)
            return entry.name;
    throw Error("unknown saliency method " + std::to_string(static_cast<int>(method)));
}

SaliencyMethod parseSaliencyMethod(const std::string& name)
{
    std::string known;
    for (const MethodName& entry : kMethodNames) {
        if (name == entry.name)
            return entry.method;
        known += (known.empty() ? "" : ", ") + std::string(entry.name);
    }
    throw Error("unknown saliency method \"" + name + "\" (known: " + known + ")");
}

const std::vector<SaliencyMethod>& saliencyMethods()
{
    static const std::vector<SaliencyMethod> methods = {SaliencyMethod::Gradient, SaliencyMethod::SmoothGrad,
                                                        SaliencyMethod::IntegratedGradients, SaliencyMethod::GradCam};
    return methods;
}

SaliencyMap computeSaliency(Classifier& classifier, const at::Tensor& image, const SaliencyConfig& config,
                            const RunControl& control)
{
    checkConfig(config);
    requireInputGradients(classifier, "saliency");
    // Grad mode is thread-local; the caller's worker may have turned it off.
    at::AutoGradMode gradMode(true);
    const at::Tensor x = saliency::checkedImage(classifier, image);
    const std::int64_t target = saliency::resolveTarget(classifier, x, config.targetClass);
    switch (config.method) {
    case SaliencyMethod::Gradient: {
        SaliencyMap map = saliency::gradientSaliency(classifier, x, target);
        control.report(1, 1);
        return map;
    }
    case SaliencyMethod::SmoothGrad:
        return saliency::smoothGrad(classifier, x, target, config, control);
    case SaliencyMethod::IntegratedGradients:
        return saliency::integratedGradients(classifier, x, target, config, control);
    case SaliencyMethod::GradCam: {
        SaliencyMap map = saliency::gradCam(classifier, x, target, config.layer);
        control.report(1, 1);
        return map;
    }
    }
    throw Error("unknown saliency method " + std::to_string(static_cast<int>(config.method)));
}

std::vector<std::string> gradCamLayers(Classifier& classifier)
{
    return classifier.featureLayers();
}

} // namespace advlens::core
