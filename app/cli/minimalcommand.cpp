#include "app/cli/attackoptions.h"
#include "app/cli/clisupport.h"
#include "app/cli/commands.h"
#include "app/cli/terminalprogress.h"

#include "core/attacks/attackregistry.h"
#include "core/metrics/minimaldistance.h"
#include "core/util/atomicfile.h"

#include <cstdio>

namespace advlens::cli {

namespace {

int runMinimal(const CommandLine& line)
{
    const std::int64_t batchSize = line.int64Value("batch-size");
    const std::int64_t limit = imageLimit(line);
    auto attack = core::createAttack(line.value("attack"));
    core::AttackConfig config = attackConfigFrom(line, /*measuringMinimal=*/true);
    core::BisectionOptions bisection;
    bisection.maxEpsilon = line.doubleValue("max-eps");
    bisection.rounds = line.intValue("rounds");

    refuseToOverwriteModel(line.value("out"));

    const c10::Device device = setUpRuntime(line);
    auto classifier = openModel(line, device);
    const core::LabelledImages data = loadDataset(line.value("data"), line.value("split"), limit, *classifier);
    std::fprintf(stderr, "minimal %s perturbations of %s by %s on %lld images\n", core::toString(config.norm).c_str(),
                 classifier->metadata().name.c_str(), attack->name().c_str(), static_cast<long long>(data.size()));
    TerminalProgress progress("minimal");
    core::RunControl control;
    control.progress = [&](std::int64_t done, std::int64_t total) { progress.update(done, total); };
    const core::MinimalDistanceReport report =
        core::minimalDistances(*classifier, data, *attack, config, bisection, batchSize, control);
    progress.finish();

    reportNonFinite(report.nonFiniteImages, report.images, line);
    std::printf("method %s: found %lld of %lld correctly classified images (%lld in all)\n", report.method.c_str(),
                static_cast<long long>(report.summary.count), static_cast<long long>(report.cleanCorrect),
                static_cast<long long>(report.images));
    std::printf("%s distance: mean %.5f  median %.5f\n", core::toString(report.norm).c_str(), report.summary.mean,
                report.summary.median);
    std::printf("rho2 (mean ||r||2 / ||x||2): %.5f\n", report.rho2);
    std::printf("gradient evaluations %lld, %.1f s\n", static_cast<long long>(report.gradientEvaluations),
                report.seconds);
    const std::string out = line.value("out");
    if (!out.empty()) {
        core::writeFileAtomically(std::filesystem::u8path(out + ".json"), core::minimalDistancesToJson(report));
        core::writeFileAtomically(std::filesystem::u8path(out + ".csv"),
                                  core::minimalDistancesToCsv(report, data.labels));
        std::printf("wrote %s.json and %s.csv\n", out.c_str(), out.c_str());
    }
    return 0;
}

} // namespace

Command minimalCommand()
{
    CommandSpec spec;
    spec.name = "minimal";
    spec.summary = "Smallest adversarial perturbation per image: directly from " + attackNames(/*minimal=*/true) +
                   ", or by bisection on eps for budgeted attacks (" + attackNames(/*minimal=*/false) +
                   "); mean, median and Deep Defense's rho2 = mean ||r||2/||x||2.";
    spec.configFile = true;
    spec.options = {
        {"model", "PATH", "model metadata .json (default: the default zoo model)", ""},
        {"data", "SRC", "fashion-mnist, or a folder with one sub-folder per class", "fashion-mnist"},
        OptionSpec{"split", "NAME", "test or train (fashion-mnist)", "test"}.oneOf({"test", "train"}),
        OptionSpec{"limit", "N", "use the first N images (0 = all)", "500"}.whole(0),
        OptionSpec{"batch-size", "N", "images per attack batch", "256"}.whole(1),
        OptionSpec{"max-eps", "EPS", "bisection: largest budget tried (0 = the whole pixel box)", "0"}.number(0),
        OptionSpec{"rounds", "N", "bisection: halvings of the interval, 0-30", "10"}.whole(0, 30),
        strictOption(),
    };
    for (auto option : attackOptions("0", EpsilonKind::One)) {
        if (option.name == "attack")
            option.defaultValue = "deepfool";
        if (option.name == "norm")
            option.defaultValue = "l2";
        if (option.name != "eps")
            spec.options.push_back(option);
    }
    spec.options.push_back({"out", "PREFIX", "write PREFIX.json (summary) and PREFIX.csv (per image)", "minimal"});
    for (const auto& option : commonOptions())
        spec.options.push_back(option);
    spec.details = attackHelp();
    spec.examples = "  advlens-cli minimal --attack deepfool --norm l2 --limit 1000\n"
                    "  advlens-cli minimal --attack bim --norm linf --steps 20 --rounds 8\n"
                    "  advlens-cli minimal --attack cw-l2 --set confidence=0 --out cw\n";
    return {spec, &runMinimal};
}

} // namespace advlens::cli
