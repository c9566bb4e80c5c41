// FAB-T on the first N Fashion-MNIST test images, for bench/compare_fab.py
// until `advlens-cli eval --attack fab-t` exists:
//
//   bench_fab --model PATH [--images 1000] [--norm linf] [--eps 0.1]
//             [--steps 100] [--target-classes 9] [--seed 0] [--threads 1]
//
// Prints one JSON line: clean and robust accuracy, the median distance of the
// adversarials found (in --norm), gradients and queries per attacked image,
// seconds.
#include "bench/benchoptions.h"

#include "core/attacks/fab.h"
#include "core/data/fashionmnist.h"
#include "core/model/classifier.h"
#include "core/model/computedevice.h"
#include "core/model/modelloader.h"
#include "core/util/datapaths.h"
#include "core/util/error.h"

#include <ATen/ATen.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <string>

using namespace advlens;

int main(int argc, char** argv)
{
    std::string modelPath, norm = "linf";
    int images = 1000, steps = 100, targetClasses = 9, threads = 1;
    double epsilon = 0.1;
    std::uint64_t seed = 0;
    bench::BenchOptions flags("bench_fab --model PATH [--images 1000] [--norm linf] [--eps 0.1] [--steps 100] "
                              "[--target-classes 9] [--seed 0] [--threads 1]");
    flags.add("--model", modelPath);
    flags.add("--images", images);
    flags.add("--norm", norm);
    flags.add("--eps", epsilon);
    flags.add("--steps", steps);
    flags.add("--target-classes", targetClasses);
    flags.add("--seed", seed);
    flags.add("--threads", threads);
    if (const auto status = flags.parse(argc, argv))
        return *status;
    try {
        threads = core::configureThreads(threads);
        auto model = core::loadClassifier(std::filesystem::u8path(modelPath));
        const auto data = core::loadFashionMnist(core::fashionMnistDirectory(), core::Split::Test, images);
        core::AttackConfig config;
        config.norm = core::parseNorm(norm);
        config.epsilon = epsilon;
        config.steps = steps;
        config.seed = seed;
        config.extra = {{"target_classes", double(targetClasses)}};
        const auto start = std::chrono::steady_clock::now();
        const core::AttackResult r = core::FabT().run(*model, {data.images, data.labels, {}}, config);
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

        const double n = double(data.size());
        const at::Tensor clean = r.cleanPredictions.eq(data.labels);
        const at::Tensor robust = clean.logical_and(r.success.logical_not());
        const at::Tensor distances =
            (config.norm == core::Norm::Linf ? r.norms.linf : r.norms.l2).masked_select(r.success.cpu());
        const at::Tensor attacked = clean.cpu();
        std::printf("{\"images\": %lld, \"threads\": %d, \"clean_accuracy\": %.4f, \"robust_accuracy\": %.4f, "
                    "\"median_distance\": %.5f, \"gradients_per_attacked\": %.2f, \"queries_per_attacked\": %.2f, "
                    "\"seconds\": %.2f}\n",
                    static_cast<long long>(data.size()), threads, clean.sum().item<double>() / n,
                    robust.sum().item<double>() / n,
                    distances.numel() ? distances.median().item<double>() : std::nan(""),
                    r.gradientEvaluationsPerImage.masked_select(attacked).to(at::kDouble).mean().item<double>(),
                    r.queriesPerImage.masked_select(attacked).to(at::kDouble).mean().item<double>(), seconds);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bench_fab: %s\n", e.what());
        return 1;
    }
    return 0;
}
