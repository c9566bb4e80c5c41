#include "app/cli/attackoptions.h"
#include "app/cli/clisupport.h"
#include "app/cli/commands.h"
#include "app/cli/terminalprogress.h"

#include "core/attacks/attackcommon.h"
#include "core/attacks/attackregistry.h"
#include "core/data/fashionmnist.h"
#include "core/data/imageexport.h"
#include "core/data/imagepreprocessing.h"
#include "core/metrics/accuracy.h"
#include "core/model/ensembleclassifier.h"
#include "core/tensor/finitelogits.h"
#include "core/util/atomicfile.h"
#include "core/util/datapaths.h"
#include "core/util/error.h"

#include <ATen/ATen.h>

#include <cstdio>

namespace advlens::cli {

namespace {

constexpr const char* kFashionMnistPrefix = "fashion-mnist:";

/// A class given by name or by index.
std::int64_t classIndex(const std::string& text, const std::vector<std::string>& names, const std::string& option)
{
    for (std::size_t i = 0; i < names.size(); ++i)
        if (names[i] == text)
            return static_cast<std::int64_t>(i);
    try {
        std::size_t used = 0;
        const long long index = std::stoll(text, &used);
        if (used == text.size() && index >= 0 && index < static_cast<long long>(names.size()))
            return index;
    } catch (const std::exception&) {
    }
    throw UsageError("--" + option + " '" + text + "' is neither a class name nor an index 0.." +
                     std::to_string(names.size() - 1));
}

int runAttack(const CommandLine& line)
{
    if (!line.has("image"))
        throw UsageError("--image is required (a file, or fashion-mnist:INDEX for a test image)");
    const std::string attackName = line.value("attack");
    auto attack = core::createAttack(attackName);
    core::AttackConfig config = attackConfigFrom(line);
    if (line.value("eps") == "inf") {
        // Only the minimal-perturbation attacks have a meaning for no budget.
        if (!core::isMinimalPerturbationAttack(attackName))
            throw UsageError("--eps inf (no budget) is only for deepfool, cw-l2 and ead");
        config.epsilon = std::numeric_limits<double>::infinity();
    } else {
        config.epsilon = line.doubleValue("eps");
    }
    const int k = line.intValue("top-k");
    const std::optional<core::InputDefence> defence = defenceFrom(line);
    const c10::Device device = setUpRuntime(line);
    auto classifier = defendModel(openModel(line, device), defence, line);
    const core::ModelMetadata& meta = classifier->metadata();
    const auto surrogate = surrogateFrom(line, device);
    if (surrogate)
        core::requireSameInputAndClasses(meta, surrogate->metadata(), "a transfer attack");

    const std::string source = line.value("image");
    at::Tensor image;
    std::int64_t label = -1;
    std::string stem;
    if (source.rfind(kFashionMnistPrefix, 0) == 0) {
        const std::string indexText = source.substr(std::string(kFashionMnistPrefix).size());
        const double index = parseNumber(indexText, "image");
        if (index < 0 || index >= 10000 || index != std::floor(index))
            throw UsageError("fashion-mnist:INDEX needs an index from 0 to 9999");
        const auto data = core::loadFashionMnist(core::fashionMnistDirectory(), core::Split::Test,
                                                 static_cast<std::int64_t>(index) + 1);
        image = data.images.slice(0, -1);
        label = data.labels[-1].item<std::int64_t>();
        stem = "fashion-mnist-" + indexText;
    } else {
        const auto path = std::filesystem::u8path(source);
        image = core::loadImageForModel(path, meta.input, meta.preprocess);
        stem = path.stem().u8string();
    }
    if (line.has("label"))
        label = classIndex(line.value("label"), meta.classNames, "label");

    core::AttackInput input;
    input.images = image;
    if (line.has("target")) {
        config.targeted = true;
        input.targets = at::full({1}, classIndex(line.value("target"), meta.classNames, "target"), at::kLong);
    }
    const at::Tensor cleanLogits = core::predictLogits(*classifier, image, 1);
    if (!core::finiteRows(cleanLogits)[0].item<bool>())
        throw core::Error("model '" + meta.name + "' gives NaN or infinite logits for this image: it has no prediction to attack");
    // Without a known label, the attack moves the image away from the model's own answer.
    if (label < 0)
        label = cleanLogits.argmax(1)[0].item<std::int64_t>();
    input.labels = at::full({1}, label, at::kLong);
    if (config.targeted && input.targets[0].item<std::int64_t>() == label)
        throw UsageError("--target " + line.value("target") + " is the image's label (" +
                         meta.classNames[static_cast<std::size_t>(label)] +
                         "); a targeted attack needs another class");

    TerminalProgress progress("attack");
    core::RunControl control;
    control.progress = [&](std::int64_t done, std::int64_t total) { progress.update(done, total); };
    core::AttackResult result = attack->run(surrogate ? *surrogate : *classifier, input, config, control);
    progress.finish();
    if (surrogate) {
        // Transfer: the surrogate made the image; --model gives the verdict.
        result.adversarial = result.adversarial.detach().to(at::kCPU);
        result.cleanLogits = cleanLogits;
        result.adversarialLogits = core::predictLogits(*classifier, result.adversarial, 1);
        core::AttackInput judged = input;
        judged.images = input.images.to(at::kCPU);
        judged.labels = input.labels.to(at::kCPU);
        if (judged.targets.defined())
            judged.targets = judged.targets.to(at::kCPU);
        core::completeResult(result, judged, config);
    }
    if (!core::finiteRows(result.adversarialLogits)[0].item<bool>())
        throw core::Error("model '" + meta.name +
                          "' gives NaN or infinite logits for the adversarial image: no verdict (nothing written)");
    std::printf(
        "model %s, attack %s, %s eps %.6g (%.2f/255)%s\n", meta.name.c_str(), attackName.c_str(),
        core::toString(config.norm).c_str(), config.epsilon, config.epsilon * 255.0,
        config.targeted
            ? (", target " + meta.classNames[static_cast<std::size_t>(input.targets[0].item<std::int64_t>())]).c_str()
            : "");
    if (surrogate)
        std::printf("transfer: made on the surrogate %s, classified by %s\n", surrogate->metadata().name.c_str(),
                    meta.name.c_str());
    std::printf("label: %s\n", meta.classNames[static_cast<std::size_t>(label)].c_str());
    printTopK(result.cleanLogits, meta.classNames, k, "before:");
    printTopK(result.adversarialLogits, meta.classNames, k, "after:");
    const auto before = result.cleanPredictions[0].item<std::int64_t>();
    const auto after = result.adversarialPredictions[0].item<std::int64_t>();
    const char* verdict = result.success[0].item<bool>() ? "FOOLED"
                          : before != label              ? "already misclassified"
                                                         : "not fooled";
    std::printf("verdict: %s (%s -> %s)\n", verdict, meta.classNames[static_cast<std::size_t>(before)].c_str(),
                meta.classNames[static_cast<std::size_t>(after)].c_str());
    std::printf("perturbation: l0 %.0f  l1 %.4f  l2 %.4f  linf %.4f  gradient evaluations %lld\n",
                result.norms.l0[0].item<double>(), result.norms.l1[0].item<double>(), result.norms.l2[0].item<double>(),
                result.norms.linf[0].item<double>(), static_cast<long long>(result.gradientEvaluations));

    const std::filesystem::path out = std::filesystem::u8path(line.value("out"));
    const std::string base = stem + "-" + attackName;
    core::writeAttackBundle(input.images, result.adversarial, out / base);
    std::printf("wrote %s-{adversarial.png,noise.png,noise.npy,adversarial.npy} in %s\n", base.c_str(),
                out.u8string().c_str());
    return 0;
}

} // namespace

Command attackCommand()
{
    CommandSpec spec;
    spec.name = "attack";
    spec.summary = "Attack one image and save the adversarial image (16-bit PNG + .npy) and its "
                   "perturbation (amplified PNG, grey = unchanged, + raw .npy); prints top-k before/after.";
    spec.options = {
        {"model", "PATH", "model metadata .json (default: the default zoo model)", ""},
        {"image", "SRC", "image file, or fashion-mnist:INDEX for a test-set image", ""},
        {"label", "CLASS", "true class, name or index (default: known for fashion-mnist, else the clean prediction)",
         ""},
        {"target", "CLASS", "make it targeted: push the image toward this class", ""},
    };
    for (const auto& option : attackOptions("8/255", EpsilonKind::One))
        spec.options.push_back(option);
    for (const auto& option : defenceOptions())
        spec.options.push_back(option);
    spec.options.push_back(surrogateOption());
    spec.options.push_back(OptionSpec{"top-k", "K", "predictions to print", "5"}.whole(1));
    spec.options.push_back({"out", "DIR", "folder for the output files", "."});
    for (const auto& option : commonOptions())
        spec.options.push_back(option);
    spec.details = attackHelp();
    spec.examples = "  advlens-cli attack --image fashion-mnist:0 --attack fgsm --eps 0.1\n"
                    "  advlens-cli attack --image shoe.png --attack pgd --eps 8/255 --steps 20 --target Sandal\n"
                    "  advlens-cli attack --image fashion-mnist:0 --attack pgd --eps 0.2 --defence bits:2 --bpda\n";
    return {spec, &runAttack};
}

} // namespace advlens::cli
