#include "attackoptions.h"
#include "clisupport.h"
#include "commands.h"
#include "terminalprogress.h"

#include "attacks/attackregistry.h"
#include "metrics/robustnessevaluation.h"
#include "util/atomicfile.h"

#include <cstdio>

namespace advlens::cli {

namespace {

int runEval(const CommandLine& line)
{
    // Every option is checked before the slow parts (model, data) start.
    const std::vector<double> epsilons = parseNumberList(line.value("eps"));
    for (double e : epsilons)
        if (e < 0)
            throw UsageError("--eps values must be ≥ 0");
    const std::int64_t batchSize = line.int64Value("batch-size");
    if (batchSize < 1)
        throw UsageError("--batch-size must be at least 1");
    const std::int64_t limit = line.int64Value("limit");
    auto attack = core::createAttack(line.value("attack"));
    core::AttackConfig config = attackConfigFrom(line);
    config.targeted = line.has("targeted");

    const c10::Device device = setUpRuntime(line);
    auto classifier = openModel(line, device);
    const core::LabelledImages data = loadDataset(line.value("data"), line.value("split"), limit, *classifier);

    std::fprintf(stderr, "evaluating %s against %s (%s) on %lld images at %zu budgets\n",
                 classifier->metadata().name.c_str(), attack->name().c_str(), core::toString(config.norm).c_str(),
                 static_cast<long long>(data.size()), epsilons.size());
    TerminalProgress progress("eval");
    core::RunControl control;
    control.progress = [&](std::int64_t done, std::int64_t total) { progress.update(done, total); };
    const core::RobustnessReport report = core::evaluateRobustness(
        *classifier, data, *attack, config, epsilons, batchSize, control, [&](const core::EpsilonPoint&) {});
    progress.finish();

    std::printf("clean top-1 %.2f %%  top-5 %.2f %%  (%lld images)\n", 100.0 * report.clean.top1,
                100.0 * report.clean.top5, static_cast<long long>(report.clean.images));
    std::printf("%12s %16s %14s %12s %12s\n", "epsilon", "robust acc. %", "success %", "mean l2", "mean linf");
    for (const core::EpsilonPoint& p : report.points)
        std::printf("%12.6g %16.2f %14.2f %12.4f %12.4f\n", p.epsilon, 100.0 * p.robustAccuracy, 100.0 * p.successRate,
                    p.l2.mean, p.linf.mean);

    const std::string out = line.value("out");
    if (!out.empty()) {
        core::writeFileAtomically(std::filesystem::u8path(out + ".json"), core::reportToJson(report));
        core::writeFileAtomically(std::filesystem::u8path(out + ".csv"), core::reportToCsv(report));
        std::printf("wrote %s.json and %s.csv\n", out.c_str(), out.c_str());
    }
    return 0;
}

} // namespace

Command evalCommand()
{
    CommandSpec spec;
    spec.name = "eval";
    spec.summary = "Robust accuracy of a model under an attack at a list of budgets (an accuracy-vs-eps\n"
                   "curve), written as JSON and CSV.";
    spec.options = {
        {"model", "PATH", "model metadata .json (default: the default zoo model)", ""},
        {"data", "SRC", "fashion-mnist, or a folder with one sub-folder per class", "fashion-mnist"},
        {"split", "NAME", "test or train (fashion-mnist)", "test"},
        {"limit", "N", "use the first N images (0 = all)", "1000"},
        {"batch-size", "N", "images per attack batch", "256"},
        {"targeted", "", "targeted toward a random other class per image (seeded)", ""},
    };
    for (const auto& option : attackOptions("0,0.05,0.1,0.2"))
        spec.options.push_back(option);
    spec.options.push_back({"out", "PREFIX", "write PREFIX.json and PREFIX.csv", "robustness"});
    for (const auto& option : commonOptions())
        spec.options.push_back(option);
    spec.examples = "  advlens-cli eval --attack fgsm --eps 0:0.2:11 --limit 1000 --out fgsm-curve\n"
                    "  advlens-cli eval --attack pgd --norm l2 --eps 0.5,1,2 --steps 20 --out pgd-l2\n";
    return {spec, &runEval};
}

} // namespace advlens::cli
