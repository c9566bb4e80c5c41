#include "trainer.h"

#include "attacks/pgd.h"
#include "metrics/accuracy.h"
#include "model/nativeclassifier.h"
#include "model/zoo/zooarchitectures.h"
#include "model/zoo/zoonet.h"
#include "util/error.h"

#include <ATen/ATen.h>
#include <ATen/CPUGeneratorImpl.h>
#include <ATen/Parallel.h>
#include <torch/optim/adam.h>
#include <torch/utils.h>

#include <chrono>
#include <cmath>

namespace advlens::core {

namespace {

ModelMetadata metadataFor(const TrainingConfig& config, const LabelledImages& train)
{
    ModelMetadata meta;
    meta.name = config.name.empty() ? config.architecture + "-" + config.recipe : config.name;
    meta.kind = ModelKind::Native;
    meta.architecture = config.architecture;
    meta.weights = meta.name + ".pt";
    meta.input = {static_cast<int>(train.images.size(1)), static_cast<int>(train.images.size(2)),
                  static_cast<int>(train.images.size(3))};
    meta.mean = config.mean;
    meta.std = config.std;
    meta.classNames = train.classNames;
    TrainingRecord record;
    record.recipe = config.recipe;
    record.epochs = config.epochs;
    record.batchSize = config.batchSize;
    record.learningRate = config.learningRate;
    record.schedule = "cosine";
    record.augmentation = config.horizontalFlips ? "hflip" : "";
    record.seed = config.seed;
    record.trainImages = train.size();
    if (config.recipe == "pgd") {
        record.adversarialEpsilon = config.adversarialEpsilon;
        record.adversarialSteps = config.adversarialSteps;
    }
    record.threads = at::get_num_threads();
    meta.training = record;
    return meta;
}

} // namespace

std::unique_ptr<NativeClassifier> trainZooModel(const TrainingConfig& config, const LabelledImages& train,
                                                const LabelledImages& test, c10::Device device,
                                                const CancellationToken* cancellation,
                                                const TrainingCallback& onProgress)
{
    if (config.recipe != "plain" && config.recipe != "pgd")
        throw Error("unknown training recipe '" + config.recipe + "' (use plain or pgd)");
    if (config.epochs < 1 || config.batchSize < 1)
        throw Error("epochs and batch size must be at least 1");
    if (train.size() == 0)
        throw Error("no training images");
    if (static_cast<int>(config.mean.size()) != train.images.size(1))
        throw Error("mean/std need one value per image channel");

    torch::manual_seed(config.seed); // weight initialisation
    ModelMetadata meta = metadataFor(config, train);
    auto network = makeZooNet(config.architecture, meta.input, static_cast<std::int64_t>(meta.classNames.size()));
    auto classifier = std::make_unique<NativeClassifier>(meta, network);
    classifier->moveTo(device);
    classifier->setParametersRequireGrad(true);
    torch::optim::Adam optimiser(network->parameters(), torch::optim::AdamOptions(config.learningRate));

    Pgd pgd;
    AttackConfig adversarial;
    adversarial.epsilon = config.adversarialEpsilon;
    adversarial.steps = config.adversarialSteps;
    adversarial.randomStart = true;

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
                return nullptr;
            const at::Tensor index = order.slice(0, b * config.batchSize, std::min(n, (b + 1) * config.batchSize));
            at::Tensor images = train.images.index_select(0, index);
            if (config.horizontalFlips) {
                const at::Tensor mirror = at::rand({images.size(0)}, shuffle).lt(0.5).view({-1, 1, 1, 1});
                images = at::where(mirror, images.flip({3}), images);
            }
            images = images.to(device);
            const at::Tensor labels = train.labels.index_select(0, index).to(device);
            if (config.recipe == "pgd") {
                // Inner maximisation on the frozen, evaluation-mode model (BN statistics
                // are not disturbed by adversarial batches), then a training step on them.
                classifier->setTrainingMode(false);
                classifier->setParametersRequireGrad(false);
                adversarial.seed = config.seed * 1000003u + std::uint64_t(epoch) * 7919u + std::uint64_t(b);
                images = pgd.run(*classifier, {images, labels, {}}, adversarial).adversarial.detach();
                classifier->setParametersRequireGrad(true);
            }
            classifier->setTrainingMode(true);
            const double progress = (double(epoch - 1) * double(batches) + double(b)) / totalBatches;
            for (auto& group : optimiser.param_groups())
                static_cast<torch::optim::AdamOptions&>(group.options())
                    .lr(config.learningRate * 0.5 * (1.0 + std::cos(M_PI * progress)));
            optimiser.zero_grad();
            const at::Tensor logits = classifier->logits(images);
            const at::Tensor loss = at::cross_entropy_loss(logits, labels);
            loss.backward();
            optimiser.step();

            lossSum += loss.item<double>() * double(index.size(0));
            correct += logits.argmax(1).eq(labels).sum().item<std::int64_t>();
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
                    classifier->setTrainingMode(false);
                    p.testAccuracy = evaluateAccuracy(*classifier, test.images, test.labels).top1;
                }
                onProgress(p);
            }
        }
    }

    classifier->setTrainingMode(false);
    classifier->setParametersRequireGrad(false);
    ModelMetadata& finalMeta = classifier->metadata();
    finalMeta.training->seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    if (test.size() > 0) {
        finalMeta.cleanAccuracy = evaluateAccuracy(*classifier, test.images, test.labels).top1;
        finalMeta.evaluatedImages = test.size();
    }
    return classifier;
}

} // namespace advlens::core
