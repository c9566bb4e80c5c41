// The Square attack on the first N Fashion-MNIST test images, for
// bench/compare_square.py until `advlens-cli eval --attack square` exists:
//
//   bench_square --model PATH [--images 1000] [--norm linf] [--eps 0.1]
//                [--queries 5001] [--p-init 0.8] [--rescale 1] [--seed 0] [--threads 1]
//
// Prints one JSON line: clean and robust accuracy, median queries of the
// images fooled (the first evaluation counted, the clean check not), seconds.
#include "bench/benchoptions.h"

#include "core/attacks/square.h"
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
    int images = 1000, queries = 5001, rescale = 1, threads = 1;
    double epsilon = 0.1, pInit = 0.8;
    std::uint64_t seed = 0;
    bench::BenchOptions flags("bench_square --model PATH [--images 1000] [--norm linf] [--eps 0.1] [--queries 5001] "
                              "[--p-init 0.8] [--rescale 1] [--seed 0] [--threads 1]");
    flags.add("--model", modelPath);
    flags.add("--images", images);
    flags.add("--norm", norm);
    flags.add("--eps", epsilon);
    flags.add("--queries", queries);
    flags.add("--p-init", pInit);
    flags.add("--rescale", rescale);
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
        config.seed = seed;
        config.extra = {{"queries", double(queries)}, {"p_init", pInit}, {"rescale_schedule", double(rescale)}};
        const auto start = std::chrono::steady_clock::now();
        const core::AttackResult r = core::Square().run(*model, {data.images, data.labels, {}}, config);
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

        const double n = double(data.size());
        const at::Tensor clean = r.cleanPredictions.eq(data.labels);
        const at::Tensor robust = clean.logical_and(r.success.logical_not());
        const at::Tensor spent = r.queriesPerImage.masked_select(r.success.cpu()).to(at::kDouble);
        // The lower median, as torch.median, which the reference's script reports.
        const double median = spent.numel() ? spent.median().item<double>() : std::nan("");
        std::printf("{\"images\": %lld, \"threads\": %d, \"clean_accuracy\": %.4f, \"robust_accuracy\": %.4f, "
                    "\"median_queries\": %.1f, \"mean_queries\": %.2f, \"seconds\": %.2f}\n",
                    static_cast<long long>(data.size()), threads, clean.sum().item<double>() / n,
                    robust.sum().item<double>() / n, median,
                    spent.numel() ? spent.mean().item<double>() : std::nan(""), seconds);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bench_square: %s\n", e.what());
        return 1;
    }
    return 0;
}
