#include "core/training/trainer.h"

#include "core/attacks/pgd.h"
#include "core/model/modelloader.h"
#include "core/model/nativeclassifier.h"
#include "core/model/zoo/zooarchitectures.h"
#include "core/model/zoo/zoonet.h"
#include "core/training/trainingloop.h"
#include "core/util/error.h"

#include <ATen/ATen.h>
#include <ATen/Parallel.h>
#include <torch/optim/adam.h>
#include <torch/optim/sgd.h>
#include <torch/utils.h>

#include <chrono>
#include <cmath>

namespace advlens::core {

namespace {

TrainingRecord recordFor(const TrainingConfig& config, const LabelledImages& train, const std::string& schedule)
{
    TrainingRecord record;
    record.recipe = config.recipe;
    record.epochs = config.epochs;
    record.batchSize = config.batchSize;
    record.learningRate = config.learningRate;
    record.schedule = schedule;
    record.augmentation = config.horizontalFlips ? "hflip" : "";
    record.seed = config.seed;
    record.trainImages = train.size();
    record.threads = at::get_num_threads();
    return record;
}

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
    TrainingRecord record = recordFor(config, train, "cosine");
    if (config.recipe == "pgd") {
        record.adversarialEpsilon = config.adversarialEpsilon;
        record.adversarialSteps = config.adversarialSteps;
    }
    meta.training = record;
    return meta;
}

void checkLoopSettings(const TrainingConfig& config, const LabelledImages& train)
{
    if (config.epochs < 1 || config.batchSize < 1)
        throw Error("epochs and batch size must be at least 1");
    if (train.size() == 0)
        throw Error("no training images");
}

} // namespace

std::unique_ptr<NativeClassifier> trainZooModel(const TrainingConfig& config, const LabelledImages& train,
                                                const LabelledImages& test, c10::Device device,
                                                const CancellationToken* cancellation,
                                                const TrainingCallback& onProgress)
{
    if (config.recipe == "deepdefense")
        return fineTuneDeepDefense(config, train, test, device, cancellation, onProgress);
    if (config.recipe != "plain" && config.recipe != "pgd")
        throw Error("unknown training recipe '" + config.recipe + "' (use plain, pgd or deepdefense)");
    checkLoopSettings(config, train);
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

    const auto started = std::chrono::steady_clock::now();
    const bool finished = runTrainingLoop(
        *classifier, config, train, test, device, cancellation, onProgress,
        [&](const at::Tensor& batch, const at::Tensor& labels, int epoch, std::int64_t b, double progress) {
            at::Tensor images = batch;
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
            for (auto& group : optimiser.param_groups())
                static_cast<torch::optim::AdamOptions&>(group.options())
                    .lr(config.learningRate * 0.5 * (1.0 + std::cos(M_PI * progress)));
            optimiser.zero_grad();
            const at::Tensor logits = classifier->logits(images);
            const at::Tensor loss = at::cross_entropy_loss(logits, labels);
            loss.backward();
            optimiser.step();
            return StepOutcome{loss.item<double>(), logits.detach()};
        });
    if (!finished)
        return nullptr;
    finishTraining(*classifier, test, started);
    return classifier;
}

std::unique_ptr<NativeClassifier> fineTuneDeepDefense(const TrainingConfig& config, const LabelledImages& train,
                                                      const LabelledImages& test, c10::Device device,
                                                      const CancellationToken* cancellation,
                                                      const TrainingCallback& onProgress)
{
    if (config.recipe != "deepdefense")
        throw Error("fineTuneDeepDefense needs the deepdefense recipe, not '" + config.recipe + "'");
    checkLoopSettings(config, train);
    if (!(config.learningRate > 0))
        throw Error("deep defense: the learning rate must be positive");
    validateDeepDefenseSettings(config.deepDefense);
    if (config.reference.empty())
        throw Error("deep defense fine-tunes a reference model: name its metadata JSON (--from MODEL.json)");
    std::unique_ptr<Classifier> loaded = loadClassifier(config.reference, device);
    auto* native = dynamic_cast<NativeClassifier*>(loaded.get());
    if (!native)
        throw Error("deep defense needs a native zoo model as reference; '" + config.reference.u8string() +
                    "' is " + toString(loaded->metadata().kind));
    std::unique_ptr<NativeClassifier> classifier(native);
    loaded.release();
    const ModelMetadata& reference = classifier->metadata();
    if (reference.input.channels != train.images.size(1) || reference.input.height != train.images.size(2) ||
        reference.input.width != train.images.size(3) || reference.classNames.size() != train.classNames.size())
        throw Error("deep defense: the reference model '" + reference.name +
                    "' does not take these training images (input size or number of classes differ)");

    ModelMetadata meta = reference;
    meta.name = config.name.empty() ? reference.architecture + "-deepdefense" : config.name;
    meta.weights = meta.name + ".pt";
    meta.cleanAccuracy.reset();
    meta.evaluatedImages.reset();
    TrainingRecord record = recordFor(config, train, "step: x0.5 for the last 20 % of epochs");
    record.reference = reference.name;
    record.deepDefenseLambda = config.deepDefense.lambda;
    record.deepDefenseC = config.deepDefense.correctScale;
    record.deepDefenseD = config.deepDefense.wrongScale;
    record.deepFoolIterations = config.deepDefense.deepFoolIterations;
    record.deepFoolCandidates = config.deepDefense.candidates;
    record.deepFoolOvershoot = config.deepDefense.overshoot;
    meta.training = record;
    classifier->metadata() = meta;

    // Evaluation mode throughout: DeepFool perturbs each image on its own, and
    // fine-tuning keeps the reference's batch-norm statistics.
    classifier->setTrainingMode(false);
    classifier->setParametersRequireGrad(true);
    // Weight decay on weights only, as the authors' code (their SGD groups).
    std::vector<at::Tensor> weights, biases;
    for (const at::Tensor& p : classifier->network().parameters())
        (p.dim() > 1 ? weights : biases).push_back(p);
    const DeepDefenseSettings& dd = config.deepDefense;
    std::vector<torch::optim::OptimizerParamGroup> groups;
    groups.emplace_back(weights, std::make_unique<torch::optim::SGDOptions>(
                                     torch::optim::SGDOptions(config.learningRate).momentum(dd.momentum).weight_decay(dd.weightDecay)));
    groups.emplace_back(biases, std::make_unique<torch::optim::SGDOptions>(
                                    torch::optim::SGDOptions(config.learningRate).momentum(dd.momentum)));
    torch::optim::SGD optimiser(std::move(groups), torch::optim::SGDOptions(config.learningRate));

    const auto started = std::chrono::steady_clock::now();
    const bool finished = runTrainingLoop(
        *classifier, config, train, test, device, cancellation, onProgress,
        [&](const at::Tensor& images, const at::Tensor& labels, int epoch, std::int64_t, double) {
            classifier->setTrainingMode(false);
            // The authors halve the rate at epoch 0.8·epochs (0-based), i.e. for the last 20 %.
            const double rate = double(epoch - 1) >= 0.8 * config.epochs ? 0.5 * config.learningRate
                                                                         : config.learningRate;
            for (auto& group : optimiser.param_groups())
                static_cast<torch::optim::SGDOptions&>(group.options()).lr(rate);
            optimiser.zero_grad();
            const at::Tensor logits = classifier->logits(images);
            const at::Tensor crossEntropy = at::cross_entropy_loss(logits, labels);
            const DeepDefenseTerm term = deepDefenseRegulariser(*classifier, images, labels, logits, dd);
            const at::Tensor loss = crossEntropy + term.value;
            loss.backward();
            optimiser.step();
            return StepOutcome{loss.item<double>(), logits.detach()};
        });
    if (!finished)
        return nullptr;
    finishTraining(*classifier, test, started);
    return classifier;
}

} // namespace advlens::core
