// CLEVER's cost per image: fresh points for every batch (the paper's
// Algorithm 1, our default) against a pool of points drawn from (IBM ART's
// clever_u, --pool), and both against a bare LibTorch loop taking exactly the
// pool's gradients, measured in one run on the same model, images and threads.
//
//   bench_clever [--model PATH] [--images 2] [--batches 50] [--samples 100]
//                [--pool-factor 10] [--points-per-pass 0] [--threads 0]
//
// --points-per-pass 0 takes the core's automatic choice; the bare loop always
// uses the same pass size as the pool.
//
// Untargeted ℓ2 (every class but the predicted one), radius 5, as the issue's
// comparison with ART: 50 batches × 100 points, a pool of 10 × 100 points.
// "gradients" counts (point, target) pairs: each is one backward pass of one
// margin; a forward pass serves all targets of a point. ART computes 9 pools
// of 1000 points for 9 targets (9,000 pairs, each from two class gradients);
// our pool shares 1000 points among the 9 targets (9,000 pairs).
#include "bench/benchoptions.h"

#include "core/data/fashionmnist.h"
#include "core/metrics/clever.h"
#include "core/model/classifier.h"
#include "core/model/computedevice.h"
#include "core/model/modelloader.h"
#include "core/util/datapaths.h"
#include "core/util/error.h"

#include <ATen/ATen.h>
#include <ATen/core/grad_mode.h>
#include <torch/csrc/autograd/autograd.h>

#include <chrono>
#include <cstdio>
#include <functional>
#include <string>

using namespace advlens;

namespace {

double seconds(const std::function<void()>& work)
{
    const auto start = std::chrono::steady_clock::now();
    work();
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

/// The pool's arithmetic and nothing else: `points` uniform points in the ℓ2
/// ball (Gaussian direction, radius R·u^(1/d)), clipped, in passes of
/// `perPass`; one forward, then one gradient of each margin and its ℓ2 norm.
double bareLoop(core::Classifier& model, const at::Tensor& images, std::int64_t points, std::int64_t perPass,
                double radius)
{
    at::AutoGradMode grad(true);
    double largest = 0.0;
    for (std::int64_t i = 0; i < images.size(0); ++i) {
        const at::Tensor x0 = images.slice(0, i, i + 1);
        const std::int64_t predicted = model.logits(x0).argmax(1).item<std::int64_t>();
        const std::int64_t classes = model.numClasses();
        for (std::int64_t done = 0; done < points; done += perPass) {
            const std::int64_t m = std::min(perPass, points - done);
            const at::Tensor direction = at::randn({m, x0[0].numel()});
            const double d = double(x0[0].numel());
            const at::Tensor r = radius * at::rand({m, 1}).pow(1.0 / d);
            at::Tensor p = (x0.flatten(1) + direction / direction.norm(2, {1}, true) * r).view(
                {m, x0.size(1), x0.size(2), x0.size(3)});
            p = p.clamp(0.0, 1.0).detach().requires_grad_(true);
            const at::Tensor logits = model.logits(p);
            for (std::int64_t j = 0; j < classes; ++j) {
                if (j == predicted)
                    continue;
                const at::Tensor margin = (logits.select(1, predicted) - logits.select(1, j)).sum();
                const bool last = j == classes - 1 || (j == classes - 2 && predicted == classes - 1);
                const at::Tensor g = torch::autograd::grad({margin}, {p}, {}, /*retain_graph=*/!last)[0];
                largest = std::max(largest, g.flatten(1).norm(2, {1}).max().item<double>());
            }
        }
    }
    return largest;
}

} // namespace

int main(int argc, char** argv)
{
    std::string modelPath;
    int images = 2, threads = 0;
    std::int64_t batches = 50, samples = 100, poolFactor = 10, pointsPerPass = 0;
    bench::BenchOptions flags("bench_clever [--model PATH] [--images 2] [--batches 50] [--samples 100] "
                              "[--pool-factor 10] [--points-per-pass 0] [--threads 0]");
    flags.add("--model", modelPath);
    flags.add("--images", images);
    flags.add("--batches", batches);
    flags.add("--samples", samples);
    flags.add("--pool-factor", poolFactor);
    flags.add("--points-per-pass", pointsPerPass);
    flags.add("--threads", threads);
    if (const auto status = flags.parse(argc, argv))
        return *status;
    try {
        threads = core::configureThreads(threads);
        if (modelPath.empty())
            modelPath = core::findDefaultModel().u8string();
        if (modelPath.empty())
            throw core::Error("no default model; run ./setup.sh first or pass --model");
        auto model = core::loadClassifier(std::filesystem::u8path(modelPath));
        const auto data = core::loadFashionMnist(core::fashionMnistDirectory(), core::Split::Test, images);
        const std::int64_t targets = model->numClasses() - 1;
        std::printf("model %s, %d images, untargeted l2 (%lld targets), %lld batches x %lld points, %d threads\n",
                    model->metadata().name.c_str(), images, static_cast<long long>(targets),
                    static_cast<long long>(batches), static_cast<long long>(samples), threads);

        core::CleverOptions options;
        options.norm = core::Norm::L2;
        options.targets = core::CleverTargets::All;
        options.batches = batches;
        options.samplesPerBatch = samples;
        options.pointsPerPass = pointsPerPass;
        core::CleverReport fresh, pooled;
        options.pool = poolFactor * samples;
        core::cleverScores(*model, data.images.slice(0, 0, 1), options); // warm-up
        const double pooledSeconds = seconds([&] { pooled = core::cleverScores(*model, data.images, options); });
        const std::int64_t perPass = std::min<std::int64_t>(
            options.pool, pointsPerPass > 0 ? pointsPerPass
                                            : core::automaticCleverPointsPerPass(model->device().is_cuda(),
                                                                                 data.images[0].numel()));
        std::printf("points per pass: %lld (pool and bare loop)\n\n", static_cast<long long>(perPass));
        const double bareSeconds =
            seconds([&] { bareLoop(*model, data.images, options.pool, perPass, core::defaultCleverRadius(options.norm)); });
        options.pool = 0;
        const double freshSeconds = seconds([&] { fresh = core::cleverScores(*model, data.images, options); });

        const auto row = [&](const char* name, double total, std::int64_t points, const core::CleverReport* report) {
            double score = 0.0;
            if (report)
                for (const auto& image : report->images)
                    score += image.score / double(report->images.size());
            std::printf("%-34s %9.2f s/image %9lld gradients/image %10.1f us/gradient", name, total / images,
                        static_cast<long long>(points * targets), 1e6 * total / double(images * points * targets));
            if (report)
                std::printf("   mean score %.4f", score);
            std::printf("\n");
        };
        row("fresh points (default)", freshSeconds, batches * samples, &fresh);
        row("pool of pool-factor x samples", pooledSeconds, poolFactor * samples, &pooled);
        row("bare LibTorch loop, pool's work", bareSeconds, poolFactor * samples, nullptr);
        std::printf("\npool vs fresh: %.2fx faster; pool vs bare loop: %.2fx the time\n", freshSeconds / pooledSeconds,
                    pooledSeconds / bareSeconds);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bench_clever: %s\n", e.what());
        return 1;
    }
    return 0;
}
