#include "ui/workers/classification.h"

#include "ui/workers/tensorpixels.h"

#include "core/model/classifier.h"
#include "core/util/error.h"

#include <ATen/ATen.h>

#include <QCoreApplication>

#include <algorithm>

namespace advlens::ui {

Prediction classify(core::Classifier& classifier, const at::Tensor& image, const std::string& trueClass)
{
    at::NoGradGuard noGrad; // grad mode is thread-local: set it on this thread
    return predictionFromLogits(classifier, image, classifier.logits(image.to(classifier.device())), trueClass);
}

Prediction predictionFromLogits(const core::Classifier& classifier, const at::Tensor& image, const at::Tensor& logits,
                                const std::string& trueClass)
{
    const at::Tensor probabilities = logits.detach().to(at::kCPU, at::kFloat).softmax(-1).view(-1);
    if (!at::isfinite(probabilities).all().item<bool>())
        throw core::Error(QCoreApplication::translate("advlens::ui::ModelWorker",
                                                      "the model produced NaN or infinite outputs for this image")
                              .toStdString());
    const std::vector<std::string>& names = classifier.metadata().classNames;
    const auto k = std::min<std::int64_t>(Prediction::kMaxTopClasses, probabilities.size(0));
    const auto [values, indices] = probabilities.topk(k);

    Prediction prediction;
    prediction.image = toPixelBuffer(image);
    prediction.numClasses = static_cast<int>(probabilities.size(0));
    prediction.probabilities.assign(probabilities.data_ptr<float>(),
                                    probabilities.data_ptr<float>() + probabilities.numel());
    for (std::int64_t i = 0; i < k; ++i) {
        const auto index = indices[i].item<std::int64_t>();
        prediction.topClasses.push_back(static_cast<int>(index));
        prediction.topProbabilities.push_back(values[i].item<float>());
        prediction.topNames << QString::fromStdString(names[static_cast<std::size_t>(index)]);
    }
    prediction.trueClass = QString::fromStdString(trueClass);
    const auto found = std::find(names.begin(), names.end(), trueClass);
    if (!trueClass.empty() && found != names.end()) {
        prediction.trueClassIndex = static_cast<int>(found - names.begin());
        prediction.trueClassProbability = probabilities[prediction.trueClassIndex].item<float>();
    }
    return prediction;
}

} // namespace advlens::ui
