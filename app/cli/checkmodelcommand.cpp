#include "app/cli/clisupport.h"
#include "app/cli/commands.h"

#include "core/model/modelloader.h"

#include <cstdio>
#include <filesystem>

namespace advlens::cli {

namespace {

/// Opens a model exactly as the GUI would, in this process: the GUI runs it
/// first, in a child with limits, so a loader that crashes on a hostile file
/// takes down this process and not the window (ui/workers/modelprecheck.h).
int runCheckModel(const CommandLine& line)
{
    if (!line.has("model"))
        throw UsageError("--model is required");
    setUpRuntime(line);
    const auto classifier = core::loadClassifier(std::filesystem::u8path(line.value("model")));
    const core::InputGradientSupport& gradients = classifier->inputGradientSupport();
    std::printf("ok: %s opens%s\n", classifier->metadata().name.c_str(),
                gradients.available ? "" : (", without input gradients (" + gradients.reason + ")").c_str());
    return 0;
}

} // namespace

Command checkModelCommand()
{
    CommandSpec spec;
    spec.name = "check-model";
    spec.summary = "Open a model as the GUI would and report whether it loads (exit 0) or why not "
                   "(exit 1); the GUI runs this in a separate process before opening a TorchScript file.";
    spec.options = {{"model", "PATH", "model metadata .json (or weights with a .json beside them)", ""}};
    for (const auto& option : commonOptions())
        spec.options.push_back(option);
    spec.examples = "  advlens-cli check-model --model downloaded.json\n";
    return {spec, &runCheckModel};
}

} // namespace advlens::cli
