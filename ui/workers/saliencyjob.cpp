#include "ui/workers/saliencyjob.h"

#include "core/model/classifier.h"
#include "core/saliency/saliency.h"

#include <ATen/ATen.h>

namespace advlens::ui {

namespace {

HeatMap toHeatMap(const at::Tensor& heat)
{
    const at::Tensor values = heat.to(at::kCPU, at::kFloat).contiguous();
    HeatMap map;
    map.height = static_cast<int>(values.size(0));
    map.width = static_cast<int>(values.size(1));
    map.values.assign(values.data_ptr<float>(), values.data_ptr<float>() + values.numel());
    return map;
}

} // namespace

SaliencyOutcome computeSaliencyMaps(core::Classifier& classifier, const at::Tensor& image,
                                    const at::Tensor& adversarial, const SaliencyRequest& request,
                                    const core::RunControl& control)
{
    core::SaliencyConfig config;
    config.method = core::parseSaliencyMethod(request.method.toStdString());
    config.layer = request.layer.toStdString();
    config.targetClass = request.targetClass;
    SaliencyOutcome outcome;
    outcome.request = request;
    const core::SaliencyMap original = core::computeSaliency(classifier, image.to(classifier.device()), config, control);
    if (original.cancelled)
        return outcome;
    outcome.original = toHeatMap(original.heat);
    outcome.layer = QString::fromStdString(original.layer);
    outcome.completenessGap = original.completenessGap;
    if (adversarial.defined()) {
        const core::SaliencyMap attacked =
            core::computeSaliency(classifier, adversarial.to(classifier.device()), config, control);
        if (!attacked.cancelled)
            outcome.adversarial = toHeatMap(attacked.heat);
    }
    return outcome;
}

} // namespace advlens::ui
