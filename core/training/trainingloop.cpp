#include "core/training/trainingloop.h"

#include "core/metrics/accuracy.h"
#include "core/model/nativeclassifier.h"

#include <ATen/ATen.h>
#include <ATen/CPUGeneratorImpl.h>

namespace advlens::core {

bool runTrainingLoop(NativeClassifier& classifier, const TrainingConfig& config, const LabelledImages& train,
                     const LabelledImages& test, c10::Device device, const CancellationToken* cancellation,
                     const TrainingCallback& onProgress, const TrainingStep& step)
{
    at::Generator shuffle = at::detail::createCPUGenerator(config.seed);
    const std::int64_t n = train.size();
    const std::int64_t batches = (n + config.batchSize - 1) / config.batchSize;
    const auto started = std::chrono::steady_clock::now();
    const double totalBatches = double(batches) * config.epochs;

    for (int epoch = 1; epoch <= config.epochs; ++epoch) {
        const at::Tensor order = at::randperm(n, shuffle, at::kLong);
        double lossSum = 0.0;
        std::int64_t correct = 0, seen = 0;
        for (std::int64_t b = 0; b < batches; ++b) {
            if (cancellation && cancellation->isCancelled())
                return false;
            const at::Tensor index = order.slice(0, b * config.batchSize, std::min(n, (b + 1) * config.batchSize));
            at::Tensor images = train.images.index_select(0, index);
            if (config.horizontalFlips) {
                const at::Tensor mirror = at::rand({images.size(0)}, shuffle).lt(0.5).view({-1, 1, 1, 1});
                images = at::where(mirror, images.flip({3}), images);
            }
            images = images.to(device);
            const at::Tensor labels = train.labels.index_select(0, index).to(device);
            const double progress = (double(epoch - 1) * double(batches) + double(b)) / totalBatches;
            const StepOutcome outcome = step(images, labels, epoch, b, progress);

            lossSum += outcome.loss * double(index.size(0));
            correct += outcome.logits.argmax(1).eq(labels).sum().item<std::int64_t>();
            seen += index.size(0);
            if (onProgress) {
                TrainingProgress p;
                p.epoch = epoch;
                p.epochs = config.epochs;
                p.batch = b + 1;
                p.batches = batches;
                p.loss = lossSum / double(seen);
                p.accuracy = double(correct) / double(seen);
                p.elapsedSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
                const double doneBatches = double(epoch - 1) * double(batches) + double(b + 1);
                p.etaSeconds = p.elapsedSeconds / doneBatches * (totalBatches - doneBatches);
                if (b + 1 == batches && test.size() > 0) {
                    classifier.setTrainingMode(false);
                    p.testAccuracy = evaluateAccuracy(classifier, test.images, test.labels).top1;
                }
                onProgress(p);
            }
        }
    }
    return true;
}

void finishTraining(NativeClassifier& classifier, const LabelledImages& test,
                    std::chrono::steady_clock::time_point started)
{
    classifier.setTrainingMode(false);
    classifier.setParametersRequireGrad(false);
    ModelMetadata& meta = classifier.metadata();
    if (meta.training)
        meta.training->seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    if (test.size() > 0) {
        meta.cleanAccuracy = evaluateAccuracy(classifier, test.images, test.labels).top1;
        meta.evaluatedImages = test.size();
    }
}

} // namespace advlens::core
