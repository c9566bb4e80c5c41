#include "app/cli/clisupport.h"
#include "app/cli/commands.h"
#include "app/cli/terminalprogress.h"

#include "core/data/fashionmnist.h"
#include "core/model/modelmetadata.h"
#include "core/model/nativeclassifier.h"
#include "core/model/zoo/zooarchitectures.h"
#include "core/training/trainer.h"
#include "core/util/datapaths.h"
#include "core/util/error.h"

#include <algorithm>
#include <cstdio>
#include <sstream>

namespace advlens::cli {

namespace {

std::vector<std::string> expand(const std::string& value, const std::vector<std::string>& all)
{
    if (value == "all")
        return all;
    std::vector<std::string> list;
    std::stringstream stream(value);
    for (std::string item; std::getline(stream, item, ',');)
        if (!item.empty())
            list.push_back(item);
    return list;
}

/// A check for a LIST option: every comma-separated item one of `known`, or "all".
OptionSpec listOf(OptionSpec option, std::vector<std::string> known)
{
    return option.parsedBy([name = option.name, known = std::move(known)](const std::string& value) {
        std::string names;
        for (const std::string& item : known)
            names += (names.empty() ? "" : ", ") + item;
        for (const std::string& item : expand(value, known))
            if (std::find(known.begin(), known.end(), item) == known.end())
                throw UsageError("--" + name + ": unknown '" + item + "' (known: " + names + ", or all)");
    });
}

int runTrain(const CommandLine& line)
{
    const c10::Device device = setUpRuntime(line);
    std::vector<std::string> allArchitectures;
    for (const auto& info : core::zooArchitectures())
        allArchitectures.push_back(info.name);
    const auto architectures = expand(line.value("arch"), allArchitectures);
    const auto recipes = expand(line.value("recipe"), {"plain", "pgd"}); // "all": deepdefense needs --from
    const bool deepDefense = std::find(recipes.begin(), recipes.end(), "deepdefense") != recipes.end();
    if (deepDefense && !line.has("from"))
        throw UsageError("--recipe deepdefense fine-tunes a reference model: name it with --from MODEL.json");
    if (deepDefense && line.has("arch"))
        throw UsageError("--recipe deepdefense takes the architecture of the --from model; leave out --arch");
    if (line.has("name") && architectures.size() * recipes.size() != 1)
        throw UsageError("--name needs exactly one --arch and one --recipe");

    const std::filesystem::path out =
        line.has("out") ? std::filesystem::u8path(line.value("out")) : core::userZooDirectory();
    const auto folder = core::fashionMnistDirectory();
    const core::LabelledImages train =
        core::loadFashionMnist(folder, core::Split::Train, line.int64Value("train-limit"));
    const core::LabelledImages test = core::loadFashionMnist(folder, core::Split::Test, line.int64Value("test-limit"));

    for (const std::string& architecture : architectures) {
        for (const std::string& recipe : recipes) {
            core::TrainingConfig config;
            config.architecture = architecture;
            config.recipe = recipe;
            config.name = line.value("name");
            config.epochs = line.intValue("epochs");
            config.batchSize = line.intValue("batch-size");
            config.learningRate = line.doubleValue("lr");
            config.seed = static_cast<std::uint64_t>(line.int64Value("seed"));
            config.adversarialEpsilon = line.doubleValue("adv-eps");
            config.adversarialSteps = line.intValue("adv-steps");
            if (recipe == "deepdefense") {
                // The paper's fine-tuning schedule unless told otherwise (core/training/deepdefense.h).
                config.reference = std::filesystem::u8path(line.value("from"));
                if (!line.has("epochs"))
                    config.epochs = core::kDeepDefenseEpochs;
                if (!line.has("lr"))
                    config.learningRate = core::kDeepDefenseLearningRate;
                if (!line.has("batch-size"))
                    config.batchSize = core::kDeepDefenseBatchSize;
                config.horizontalFlips = false; // the paper's MNIST fine-tuning has no augmentation
                config.deepDefense.lambda = line.doubleValue("dd-lambda");
                config.deepDefense.correctScale = line.doubleValue("dd-c");
                config.deepDefense.wrongScale = line.doubleValue("dd-d");
                config.deepDefense.deepFoolIterations = line.intValue("dd-iterations");
                config.deepDefense.candidates = line.intValue("dd-candidates");
                config.architecture = core::readModelMetadata(config.reference).architecture;
                if (config.name.empty())
                    config.name = config.architecture + "-deepdefense";
            }
            const std::string name = config.name.empty() ? architecture + "-" + recipe : config.name;
            std::printf("training %s (%s, %s) on %lld Fashion-MNIST images, %d epochs, device %s\n", name.c_str(),
                        config.architecture.c_str(), recipe.c_str(), static_cast<long long>(train.size()), config.epochs,
                        device.str().c_str());
            std::fflush(stdout);
            TerminalProgress progress("  " + name);
            auto model =
                core::trainZooModel(config, train, test, device, nullptr, [&](const core::TrainingProgress& p) {
                    char detail[128];
                    std::snprintf(detail, sizeof detail, "epoch %d/%d loss %.4f acc %.2f%%", p.epoch, p.epochs, p.loss,
                                  100.0 * p.accuracy);
                    progress.update((p.epoch - 1) * p.batches + p.batch, p.epochs * p.batches, detail);
                    if (p.testAccuracy >= 0) {
                        progress.finish();
                        std::printf(
                            "  epoch %d/%d  loss %.4f  train acc %.2f %%  test acc %.2f %%  elapsed %s  ETA %s\n",
                            p.epoch, p.epochs, p.loss, 100.0 * p.accuracy, 100.0 * p.testAccuracy,
                            formatDuration(p.elapsedSeconds).c_str(), formatDuration(p.etaSeconds).c_str());
                        std::fflush(stdout);
                    }
                });
            const std::filesystem::path jsonPath = out / (name + ".json");
            model->save(jsonPath);
            std::printf("saved %s (clean accuracy %.2f %%, %.0f s)\n", jsonPath.u8string().c_str(),
                        100.0 * model->metadata().cleanAccuracy.value_or(0.0), model->metadata().training->seconds);
        }
    }
    return 0;
}

} // namespace

Command trainCommand()
{
    std::vector<std::string> architectures;
    for (const auto& info : core::zooArchitectures())
        architectures.push_back(info.name);
    CommandSpec spec;
    spec.name = "train";
    spec.summary = "Train zoo models on Fashion-MNIST (plain or PGD adversarial training) and save "
                   "each as <name>.pt + <name>.json.";
    spec.configFile = true;
    std::size_t width = 0;
    for (const auto& info : core::zooArchitectures())
        width = std::max(width, info.name.size());
    spec.details = "Architectures (--arch):\n";
    for (const auto& info : core::zooArchitectures())
        spec.details += "  " + info.name + std::string(width + 2 - info.name.size(), ' ') + info.description + "\n";
    spec.options = {
        listOf({"arch", "LIST", "architectures, comma-separated, or all", "lenet"}, architectures),
        listOf({"recipe", "LIST",
                "plain, pgd (Madry adversarial training), deepdefense (Yan et al. 2018, with --from) or all", "plain"},
               {"plain", "pgd", "deepdefense"}),
        {"from", "MODEL.json", "deepdefense: the reference model to fine-tune (its --arch is taken)", ""},
        {"name", "NAME", "model name (default <arch>-<recipe>)", ""},
        OptionSpec{"epochs", "N", "passes over the training set (deepdefense: 5)", "4"}.whole(1),
        OptionSpec{"batch-size", "N", "images per step (deepdefense: 100)", "128"}.whole(1),
        OptionSpec{"lr", "X", "Adam learning rate (deepdefense: SGD, 0.0005)", "0.001"}.number(0),
        OptionSpec{"adv-eps", "X", "linf budget of the PGD inner maximisation (pgd recipe)", "0.1"}.number(0),
        OptionSpec{"adv-steps", "N", "PGD steps of the inner maximisation (pgd recipe)", "7"}.whole(1),
        OptionSpec{"dd-lambda", "X", "deepdefense: weight lambda of the regulariser", "15"}.number(),
        OptionSpec{"dd-c", "X", "deepdefense: c, scale for correctly classified images", "25"}.number(),
        OptionSpec{"dd-d", "X", "deepdefense: d, scale for misclassified images", "5"}.number(0),
        OptionSpec{"dd-iterations", "N", "deepdefense: unrolled DeepFool iterations", "5"}.whole(1, 1000),
        OptionSpec{"dd-candidates", "N", "deepdefense: classes whose boundaries DeepFool linearises", "10"}.whole(2),
        OptionSpec{"train-limit", "N", "use only the first N training images (0 = all 60000)", "0"}.whole(0),
        OptionSpec{"test-limit", "N", "measure clean accuracy on the first N test images (0 = all 10000)", "0"}
            .whole(0),
        {"out", "DIR", "output folder (default: the user zoo, $XDG_DATA_HOME/advlens/zoo)", ""},
    };
    for (auto option : commonOptions()) {
        if (option.name == "seed")
            option.defaultValue = "1";
        spec.options.push_back(option);
    }
    spec.examples = "  advlens-cli train                                  # LeNet, plain, into the user zoo\n"
                    "  advlens-cli train --arch all --recipe all          # the whole zoo (24 models)\n"
                    "  advlens-cli train --arch mlp --recipe pgd --adv-eps 0.1 --epochs 3\n"
                    "  advlens-cli train --recipe deepdefense --from zoo/lenet-plain.json  # Deep Defense fine-tuning\n";
    return {spec, &runTrain};
}

} // namespace advlens::cli
