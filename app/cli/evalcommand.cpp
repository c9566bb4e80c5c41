#include "app/cli/attackoptions.h"
#include "app/cli/clisupport.h"
#include "app/cli/commands.h"
#include "app/cli/evalonranks.h"
#include "app/cli/ranks.h"
#include "app/cli/reportfiles.h"
#include "app/cli/shardoption.h"
#include "app/cli/stagetable.h"
#include "app/cli/terminalprogress.h"

#include "core/attacks/attackregistry.h"
#include "core/defences/defendedclassifier.h"
#include "core/metrics/gradientmasking.h"
#include "core/metrics/partialreport.h"
#include "core/metrics/robustnessevaluation.h"
#include "core/metrics/transferevaluation.h"
#include "core/util/atomicfile.h"
#include "core/util/error.h"


#include <algorithm>
#include <cmath>
#include <cstdio>

namespace advlens::cli {

namespace {

int runEval(const CommandLine& line)
{
    // Every option is checked before the slow parts (model, data) start.
    refuseToOverwriteModel(line.value("out"));
    const bool overSteps = line.has("steps-list");
    std::vector<double> epsilons;
    std::vector<int> steps;
    if (overSteps) {
        for (double s : parseNumberList(line.value("steps-list"))) {
            if (s < 1 || s != std::floor(s))
                throw UsageError("--steps-list values must be whole numbers ≥ 1");
            steps.push_back(static_cast<int>(s));
        }
    } else {
        // "inf": the minimal-perturbation attacks' unbounded search (no budget).
        epsilons = parseNumberList(line.value("eps"), core::isMinimalPerturbationAttack(line.value("attack")));
    }
    core::CurveOptions options;
    options.batchSize = line.int64Value("batch-size");
    options.method = line.has("naive") ? core::CurveMethod::Naive : core::CurveMethod::Fast;
    const std::int64_t limit = imageLimit(line);
    auto attack = core::createAttack(line.value("attack"));
    core::AttackConfig config = attackConfigFrom(line);
    config.targeted = line.has("targeted");
    if (overSteps)
        config.epsilon = parseNumber(line.value("eps"), "eps");
    const std::optional<core::InputDefence> defence = defenceFrom(line);
    const std::optional<core::Share> share =
        line.has("shard") ? std::optional<core::Share>(parseShare(line.value("shard"))) : std::nullopt;
    if (share && line.value("out").empty())
        throw UsageError("--shard needs --out PREFIX for its partial result");
    const bool acrossRanks = ranks().distributed();
    if (acrossRanks && share)
        throw UsageError("under mpirun, leave out --shard: the ranks split the images between them");

    const c10::Device device = setUpRuntime(line);
    // The curve and the gradient-masking checks both run on the defended model.
    auto classifier = defendModel(openModel(line, device), defence, line);
    const auto surrogate = surrogateFrom(line, device);
    const core::LabelledImages data = loadDataset(line.value("data"), line.value("split"), limit, *classifier);
    if (share) {
        options.images = core::shareImages(data.size(), options.batchSize, *share);
        std::fprintf(stderr, "share %d/%d: %lld of %lld images (batch %d and every %d-th batch of %lld after it)\n",
                     share->index, share->count, static_cast<long long>(options.images.numel()),
                     static_cast<long long>(data.size()), share->index, share->count,
                     static_cast<long long>(options.batchSize));
    }

    if (defence)
        std::fprintf(stderr, "defence %s with %s gradients\n", core::toString(*defence).c_str(),
                     line.has("bpda") ? "straight-through (BPDA)" : "its own (obfuscated)");
    std::fprintf(stderr, "evaluating %s against %s (%s) on %lld images at %zu %s\n",
                 classifier->metadata().name.c_str(), attack->name().c_str(), core::toString(config.norm).c_str(),
                 static_cast<long long>(data.size()), overSteps ? steps.size() : epsilons.size(),
                 overSteps ? "step counts" : "budgets");
    if (surrogate)
        std::fprintf(stderr, "transfer: the attack runs on the surrogate %s\n", surrogate->metadata().name.c_str());
    const auto evaluate = [&](const core::CurveOptions& on, const core::RunControl& control) {
        if (surrogate)
            return overSteps ? core::evaluateTransferIterations(*surrogate, *classifier, data, *attack, config, steps,
                                                                on, control)
                             : core::evaluateTransfer(*surrogate, *classifier, data, *attack, config, epsilons, on,
                                                      control);
        return overSteps ? core::evaluateIterations(*classifier, data, *attack, config, steps, on, control)
                         : core::evaluateRobustness(*classifier, data, *attack, config, epsilons, on, control);
    };
    // The checks probe the attacked model's own gradients: a transfer evaluation has none to probe.
    const bool checkable = classifier->inputGradientSupport().available && !surrogate;
    const bool wantChecks = !line.has("no-checks") && checkable;
    TerminalProgress progress("eval");
    core::RobustnessReport report;
    std::size_t warningsBeforeChecks = 0;
    bool runChecks = false;
    if (acrossRanks) {
        EvalOnRanks run;
        run.images = data.size();
        run.options = options;
        run.epsilons = epsilons;
        run.configuration = shareConfiguration(evalCommand().spec, line, modelPath(line), data);
        run.evaluate = [&](const core::CurveOptions& on) { return evaluate(on, {}); };
        if (wantChecks) {
            run.checkImages = core::maskingCheckImages(data);
            run.checkCorrect = [&](const core::MaskingCheckPass& pass, std::int64_t begin, std::int64_t end) {
                return core::maskingCheckCorrect(*classifier, run.checkImages, pass, begin, end);
            };
        }
        run.progress = [&](std::int64_t done, std::int64_t total) { progress.update(done, total); };
        if (ranks().rank == 0)
            std::fprintf(stderr, "%d ranks share %lld batches of %lld images%s, handed out as each rank finishes one\n",
                         ranks().size, static_cast<long long>((data.size() + options.batchSize - 1) / options.batchSize),
                         static_cast<long long>(options.batchSize), wantChecks ? " and the gradient-masking checks" : "");
        std::optional<core::RobustnessReport> merged = evaluateOnRanks(run);
        if (!merged)
            return 0; // rank 0 writes the results
        progress.finish();
        report = std::move(*merged);
    } else {
        core::RunControl control;
        control.progress = [&](std::int64_t done, std::int64_t total) { progress.update(done, total); };
        report = evaluate(options, control);
        progress.finish();
    }
    if (defence)
        report.model += line.has("bpda") ? " (bpda)" : " (obfuscated)";
    if (surrogate && !line.has("no-checks"))
        std::fprintf(stderr, "gradient-masking sanity checks skipped: a transfer evaluation does not use %s's "
                             "gradients\n",
                     classifier->metadata().name.c_str());
    if (!line.has("no-checks") && !report.cancelled && !checkable && !surrogate)
        std::fprintf(stderr, "gradient-masking sanity checks skipped: they need input gradients, which %s has not (%s)\n",
                     classifier->metadata().name.c_str(), classifier->inputGradientSupport().reason.c_str());
    if (!acrossRanks) {
        // A share's checks would be the whole run's (they use the set's first
        // images, not the share's): share 0 runs them once for the merge.
        const bool checksHere = !share || share->index == 0;
        if (wantChecks && !report.cancelled && !checksHere)
            std::fprintf(stderr, "gradient-masking sanity checks left to share 0/%d (they run on the whole set)\n",
                         share->count);
        warningsBeforeChecks = report.warnings.size();
        runChecks = wantChecks && !report.cancelled && checksHere;
        if (runChecks) {
            std::fprintf(stderr, "running gradient-masking sanity checks on up to %lld images\n",
                         static_cast<long long>(core::kMaskingCheckImages));
            addGradientMaskingChecks(report, *classifier, data, options.batchSize);
        }
    }

    reportNonFinite(report.nonFiniteImages, report.clean.images, line);
    if (share)
        std::printf("share %d/%d: the numbers below are over its %lld images only; merge the shares for the run's\n",
                    share->index, share->count, static_cast<long long>(report.clean.images));
    if (surrogate)
        std::printf("transfer evaluation: adversarial images made on %s, classified by %s\n",
                    surrogate->metadata().name.c_str(), report.model.c_str());
    std::printf("clean top-1 %.2f %%  top-5 %.2f %%  (%lld images)  [%s]\n", 100.0 * report.clean.top1,
                100.0 * report.clean.top5, static_cast<long long>(report.clean.counted()), report.method.c_str());
    std::printf("%12s %7s %16s %12s %12s %12s %14s\n", "epsilon", "steps", "robust acc. %", "success %", "mean l2",
                "mean linf", "gradients");
    for (const core::CurvePoint& p : report.points)
        std::printf("%12.6g %7d %16.2f %12.2f %12.4f %12.4f %14lld\n", p.epsilon, p.steps, 100.0 * p.robustAccuracy,
                    100.0 * p.successRate, p.l2.mean, p.linf.mean, static_cast<long long>(p.gradientEvaluations));
    printQueriesAndStages(report, core::attackInfo(attack->name()));
    std::int64_t nonFiniteAdversarial = 0;
    for (const core::CurvePoint& p : report.points)
        nonFiniteAdversarial = std::max(nonFiniteAdversarial, p.nonFiniteAdversarial);
    if (nonFiniteAdversarial > 0) {
        std::printf("up to %lld adversarial images gave NaN or infinite logits: counted as not robust\n",
                    static_cast<long long>(nonFiniteAdversarial));
        if (line.has("strict"))
            throw core::Error("adversarial images gave NaN or infinite logits (--strict)");
    }
    for (const core::SanityCheck& check : report.checks)
        std::printf("check %-4s %s\n", check.passed ? "ok" : "FAIL", check.description.c_str());
    for (const std::string& warning : report.warnings)
        std::fprintf(stderr, "advlens-cli: warning: %s\n", warning.c_str());
    if (defence && !line.has("bpda") && !report.warnings.empty())
        std::fprintf(stderr,
                     "advlens-cli: hint: %s's gradient is zero almost everywhere; evaluate it again with "
                     "--bpda (straight-through gradients) before calling it robust\n",
                     core::toString(*defence).c_str());

    const std::string out = line.value("out");
    if (share) {
        if (report.cancelled)
            throw core::Error("cancelled: no partial result written");
        core::PartialReport partial;
        partial.share = *share;
        partial.configuration = shareConfiguration(evalCommand().spec, line, modelPath(line), data);
        partial.totalImages = data.size();
        partial.report = report;
        partial.checksRun = runChecks;
        partial.checkWarnings.assign(report.warnings.begin() + static_cast<std::ptrdiff_t>(warningsBeforeChecks),
                                     report.warnings.end());
        core::writeFileAtomically(std::filesystem::u8path(out + ".json"), core::partialReportToJson(partial));
        std::printf("wrote %s.json (share %d/%d, a partial result: 'advlens-cli merge' joins the shares)\n",
                    out.c_str(), share->index, share->count);
    } else if (!out.empty()) {
        writeReportFiles(out, core::reportToJson(report), report);
    }
    return 0;
}

} // namespace

namespace {

/// The attacks --naive slows down most: those with a fast ε-sweep.
std::string fastSweepAttacks()
{
    std::string names;
    for (const core::AttackInfo& info : core::availableAttacks())
        if (info.makeSweep)
            names += (names.empty() ? "" : ", ") + info.name;
    return names;
}

} // namespace

Command evalCommand()
{
    CommandSpec spec;
    spec.name = "eval";
    spec.summary = "Robust accuracy of a model under an attack at a list of budgets (an accuracy-vs-eps "
                   "curve) or of step counts, with gradient-masking sanity checks, written as JSON and CSV.";
    spec.configFile = true;
    spec.options = {
        {"model", "PATH", "model metadata .json (default: the default zoo model)", ""},
        {"data", "SRC", "fashion-mnist, or a folder with one sub-folder per class", "fashion-mnist"},
        OptionSpec{"split", "NAME", "test or train (fashion-mnist)", "test"}.oneOf({"test", "train"}),
        OptionSpec{"limit", "N", "use the first N images (0 = all)", "1000"}.whole(0),
        OptionSpec{"batch-size", "N", "images per attack batch", "256"}.whole(1),
        {"targeted", "", "targeted toward a random other class per image (seeded)", ""},
        OptionSpec{"steps-list", "LIST", "accuracy vs iterations at one --eps instead of vs eps (e.g. 1,2,5,10,20)",
                   ""}
            .numberList(1, /*allowInfinity=*/false),
        {"naive", "",
         "run the attack afresh at every point (default: one shared computation for attacks with a fast "
         "eps-sweep (" + fastSweepAttacks() + "), no re-attack of images already fooled for iterative attacks)",
         ""},
        {"no-checks", "", "skip the gradient-masking sanity checks", ""},
        strictOption(),
    };
    for (const auto& option : attackOptions("0,0.05,0.1,0.2", EpsilonKind::List))
        spec.options.push_back(option);
    for (const auto& option : defenceOptions())
        spec.options.push_back(option);
    spec.options.push_back(surrogateOption());
    spec.options.push_back({"out", "PREFIX", "write PREFIX.json and PREFIX.csv (and PREFIX-queries.csv for query-based attacks)", "robustness"});
    spec.options.push_back(shardOption());
    for (const auto& option : commonOptions())
        spec.options.push_back(option);
    spec.details = attackHelp();
    spec.examples = "  advlens-cli eval --attack fgsm --eps 0:0.2:11 --limit 1000 --out fgsm-curve\n"
                    "  advlens-cli eval --attack pgd --norm l2 --eps 0.5,1,2 --steps 20 --out pgd-l2\n"
                    "  advlens-cli eval --attack pgd --eps 0.1 --steps-list 1,2,5,10,20 --out pgd-steps\n"
                    "  advlens-cli eval --attack fgsm --eps 0,0.1,0.2 --defence bits:2 --bpda --out bits2-bpda\n"
                    "  advlens-cli eval --model target.onnx.json --surrogate ensemble.json --attack mim --eps 0.1\n"
                    "  advlens-cli eval --attack pgd --eps 0,0.1 --shard 0/4 --out part-0  # then merge the 4 parts\n";
    return {spec, &runEval};
}

} // namespace advlens::cli
