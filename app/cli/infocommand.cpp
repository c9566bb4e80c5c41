#include "app/cli/clisupport.h"
#include "app/cli/commands.h"

#include "core/model/computedevice.h"

#include <cstdio>

namespace advlens::cli {

namespace {

int runInfo(const CommandLine& line)
{
    const c10::Device device = setUpRuntime(line);
    auto classifier = openModel(line, device);
    const core::ModelMetadata& m = classifier->metadata();
    std::int64_t parameters = 0;
    for (const at::Tensor& p : classifier->parameters())
        parameters += p.numel();

    std::printf("name:          %s\n", m.name.c_str());
    std::printf("kind:          %s\n", core::toString(m.kind).c_str());
    if (!m.architecture.empty())
        std::printf("architecture:  %s\n", m.architecture.c_str());
    std::printf("weights:       %s\n", m.weights.u8string().c_str());
    std::printf("parameters:    %lld\n", static_cast<long long>(parameters));
    std::printf("input:         %d×%d×%d (C×H×W), pixels in [0, 1]\n", m.input.channels, m.input.height, m.input.width);
    std::printf("normalisation: mean");
    for (float v : m.mean)
        std::printf(" %.4f", v);
    std::printf(", std");
    for (float v : m.std)
        std::printf(" %.4f", v);
    std::printf(" (applied inside the model)\n");
    std::printf("preprocess:    %s, interpolation %s", core::toString(m.preprocess.resize).c_str(),
                core::toString(m.preprocess.interpolation).c_str());
    if (m.preprocess.resizeShorterSide > 0)
        std::printf(", shorter side %d", m.preprocess.resizeShorterSide);
    if (m.preprocess.antialias)
        std::printf(", antialiased");
    std::printf("\nclasses:       %zu:", m.classNames.size());
    for (std::size_t i = 0; i < m.classNames.size() && i < 12; ++i)
        std::printf("%s %s", i ? "," : "", m.classNames[i].c_str());
    std::printf("%s\n", m.classNames.size() > 12 ? ", …" : "");
    if (!m.classIds.empty())
        std::printf("class ids:     %s … %s\n", m.classIds.front().c_str(), m.classIds.back().c_str());
    if (!m.outputIndices.empty())
        std::printf("output subset: %s, %zu of the model's outputs (%lld, %lld, … %lld)\n",
                    m.outputSubset.empty() ? "unnamed" : m.outputSubset.c_str(), m.outputIndices.size(),
                    static_cast<long long>(m.outputIndices.front()), static_cast<long long>(m.outputIndices[1]),
                    static_cast<long long>(m.outputIndices.back()));
    if (m.training) {
        const core::TrainingRecord& t = *m.training;
        std::printf(
            "training:      %s on %s, %d epochs, batch %d, lr %g, seed %llu, %lld images, %.0f s on %d threads\n",
            t.recipe.c_str(), t.dataset.c_str(), t.epochs, t.batchSize, t.learningRate,
            static_cast<unsigned long long>(t.seed), static_cast<long long>(t.trainImages), t.seconds, t.threads);
        if (!t.schedule.empty() || !t.augmentation.empty())
            std::printf("               %s learning-rate schedule, augmentation: %s\n",
                        t.schedule.empty() ? "constant" : t.schedule.c_str(),
                        t.augmentation.empty() ? "none" : t.augmentation.c_str());
        if (t.recipe == "pgd")
            std::printf("               PGD linf eps %g, %d steps\n", t.adversarialEpsilon, t.adversarialSteps);
    }
    if (m.cleanAccuracy)
        std::printf("clean acc.:    %.2f %% (%lld test images)\n", 100.0 * *m.cleanAccuracy,
                    static_cast<long long>(m.evaluatedImages.value_or(0)));
    const core::InputGradientSupport& gradients = classifier->inputGradientSupport();
    if (gradients.available)
        std::printf("gradients:     yes%s%s\n", classifier->executionNote().empty() ? "" : "; ",
                    classifier->executionNote().c_str());
    else
        std::printf("gradients:     none (%s): gradient attacks, CLEVER and saliency are refused\n",
                    gradients.reason.c_str());
    std::printf("device:        %s (CUDA %s)\n", classifier->device().str().c_str(),
                core::cudaAvailable() ? "available" : "not available");
    return 0;
}

} // namespace

Command infoCommand()
{
    CommandSpec spec;
    spec.name = "info";
    spec.summary = "Print a model's summary and metadata (the default zoo model when none is given).";
    spec.positional = "";
    spec.options = {{"model", "PATH", "model metadata .json (or weights with a .json beside them)", ""}};
    for (const auto& option : commonOptions())
        spec.options.push_back(option);
    spec.examples = "  advlens-cli info\n  advlens-cli info --model ~/.local/share/advlens/zoo/resnet-pgd.json\n";
    return {spec, &runInfo};
}

} // namespace advlens::cli
