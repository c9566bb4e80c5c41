#include "app/cli/clisupport.h"
#include "app/cli/commands.h"
#include "app/cli/terminalprogress.h"

#include "core/metrics/clever.h"
#include "core/util/atomicfile.h"

#include <cstdio>

namespace advlens::cli {

namespace {

int runClever(const CommandLine& line)
{
    core::CleverOptions options;
    options.norm = core::parseNorm(line.value("norm"));
    options.radius = line.doubleValue("radius");
    options.batches = line.int64Value("batches");
    options.samplesPerBatch = line.int64Value("samples");
    options.pointsPerPass = line.int64Value("points-per-pass");
    options.pool = line.int64Value("pool");
    options.targets = core::parseCleverTargets(line.value("target"));
    options.clipToBox = !line.has("no-clip");
    options.seed = static_cast<std::uint64_t>(line.int64Value("seed"));
    const std::int64_t limit = imageLimit(line);

    const c10::Device device = setUpRuntime(line);
    auto classifier = openModel(line, device);
    const core::LabelledImages data = loadDataset(line.value("data"), line.value("split"), limit, *classifier);
    std::fprintf(stderr, "CLEVER %s (%s targets) of %s on %lld images: %lld batches of %lld points%s\n",
                 core::toString(options.norm).c_str(), core::toString(options.targets).c_str(),
                 classifier->metadata().name.c_str(), static_cast<long long>(data.size()),
                 static_cast<long long>(options.batches), static_cast<long long>(options.samplesPerBatch),
                 options.pool > 0 ? (", drawn from a pool of " + std::to_string(options.pool) + " per image").c_str()
                                  : "");

    TerminalProgress progress("clever");
    core::RunControl control;
    control.progress = [&](std::int64_t done, std::int64_t total) { progress.update(done, total); };
    const core::CleverReport report = core::cleverScores(*classifier, data.images, options, control);
    progress.finish();

    const auto& names = classifier->metadata().classNames;
    std::printf("%6s  %-14s %-14s %9s %9s %9s %9s  %s\n", "image", "predicted", "lowest target", "margin", "lipschitz",
                "bound", "clever", "fit");
    double sum = 0.0;
    std::int64_t fellBack = 0, pairs = 0;
    for (const core::CleverImageResult& image : report.images) {
        const core::CleverTargetResult& r = image.targets[image.lowest];
        std::printf("%6lld  %-14.14s %-14.14s %9.4f %9.4f %9.4f %9.5f  %s\n", static_cast<long long>(image.index),
                    names[std::size_t(image.predicted)].c_str(), names[std::size_t(r.target)].c_str(), r.margin,
                    r.lipschitz, r.sampledBound, image.score,
                    r.fellBack ? ("fallback: " + core::toString(r.fit.status)).c_str() : "converged");
        sum += image.score;
        for (const auto& t : image.targets) {
            ++pairs;
            fellBack += t.fellBack ? 1 : 0;
        }
    }
    if (!report.images.empty())
        std::printf("mean CLEVER %s score (R = %g): %.5f over %zu images; %lld of %lld fits fell back to the "
                    "largest sampled norm; %.1f s\n",
                    core::toString(report.norm).c_str(), report.radius, sum / double(report.images.size()),
                    report.images.size(), static_cast<long long>(fellBack), static_cast<long long>(pairs),
                    report.seconds);
    const std::string out = line.value("out");
    if (!out.empty()) {
        core::writeFileAtomically(std::filesystem::u8path(out + ".csv"), core::cleverToCsv(report));
        std::printf("wrote %s.csv\n", out.c_str());
    }
    return 0;
}

} // namespace

Command cleverCommand()
{
    CommandSpec spec;
    spec.name = "clever";
    spec.summary = "CLEVER scores (Weng et al., ICLR 2018): an attack-independent estimate of the smallest "
                   "perturbation per image, from a reverse Weibull fit to batch maxima of the margin's "
                   "gradient norm sampled in a ball of radius R; fits that fail fall back to the largest "
                   "sampled norm and say so.";
    spec.configFile = true;
    spec.options = {
        {"model", "PATH", "model metadata .json (default: the default zoo model)", ""},
        {"data", "SRC", "fashion-mnist, or a folder with one sub-folder per class", "fashion-mnist"},
        OptionSpec{"split", "NAME", "test or train (fashion-mnist)", "test"}.oneOf({"test", "train"}),
        OptionSpec{"limit", "N", "use the first N images (0 = all)", "10"}.whole(0),
        OptionSpec{"norm", "P", "l2, linf or l1 (gradients in the dual norm)", "l2"}.parsedBy(
            [](const std::string& text) { core::parseNorm(text); }),
        OptionSpec{"radius", "R", "sampling radius in pixel units (0 = l2 5, linf 0.1, l1 30)", "0"}.number(0),
        OptionSpec{"batches", "N", "N_b: batch maxima fitted", "500"}.whole(1),
        OptionSpec{"samples", "N", "N_s: points per batch", "1024"}.whole(1),
        OptionSpec{"points-per-pass", "N", "points per forward/backward pass (0 = automatic)", "0"}.whole(0),
        OptionSpec{"pool", "P",
                   "draw batches from gradients at P points per image (ART's way: cheaper, less conservative; 0 = "
                   "fresh points)",
                   "0"}
            .whole(0),
        OptionSpec{"target", "T", "top2, random, least-likely or all (= untargeted)", "top2"}.parsedBy(
            [](const std::string& text) { core::parseCleverTargets(text); }),
        {"no-clip", "", "do not clip sampled points to the [0, 1] pixel box", ""},
        {"out", "PREFIX", "write PREFIX.csv (one row per image and target)", "clever"},
    };
    for (const auto& option : commonOptions())
        spec.options.push_back(option);
    spec.examples = "  advlens-cli clever --limit 20 --batches 100 --samples 256\n"
                    "  advlens-cli clever --norm linf --target all --out clever-linf\n";
    return {spec, &runClever};
}

} // namespace advlens::cli
