// The goal figure of the decision-based attacks (issue 18 §3): on the default
// model, HopSkipJump-ℓ2's median distance after a query budget against C&W-ℓ2's
// median on the same images (goal: ratio ≤ 1.5), and the Boundary attack's.
//
//   bench_decision [--model PATH] [--images 100] [--queries 5000] [--seed 0] [--boundary 1] [--threads 1]
//
// Medians are over the images the model classifies correctly (the others are
// not attacked); an image an attack does not fool counts as +∞, so a failure
// cannot lower a median. Each attack runs on all images in one batch.
#include "bench/benchoptions.h"

#include "core/attacks/attackcommon.h"
#include "core/attacks/boundaryattack.h"
#include "core/attacks/carliniwagner.h"
#include "core/attacks/hopskipjump.h"
#include "core/data/fashionmnist.h"
#include "core/model/classifier.h"
#include "core/model/computedevice.h"
#include "core/model/modelloader.h"
#include "core/util/datapaths.h"
#include "core/util/error.h"

#include <ATen/ATen.h>

#include <chrono>
#include <cstdio>
#include <limits>
#include <string>

using namespace advlens;

namespace {

struct Figures {
    double median = 0.0;
    double fooled = 0.0; ///< share of the attacked images
    double medianQueries = 0.0;
    double seconds = 0.0;
    at::Tensor distances; ///< per attacked image, +∞ where not fooled
};

Figures measure(core::Attack& attack, core::Classifier& model, const core::AttackInput& input,
                const core::AttackConfig& config, const at::Tensor& attacked)
{
    const auto start = std::chrono::steady_clock::now();
    const core::AttackResult r = attack.run(model, input, config);
    Figures f;
    f.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const at::Tensor l2 = (r.adversarial - input.images).flatten(1).norm(2, {1}).to(at::kCPU, at::kDouble);
    const at::Tensor all =
        at::where(r.success.to(at::kCPU), l2, at::full_like(l2, std::numeric_limits<double>::infinity()));
    f.distances = all.masked_select(attacked);
    // The lower median, as at::median: with +∞ for failures it stays finite while most are fooled.
    f.median = f.distances.median().item<double>();
    f.fooled = r.success.to(at::kCPU).masked_select(attacked).to(at::kDouble).mean().item<double>();
    if (r.queriesPerImage.defined())
        f.medianQueries = r.queriesPerImage.masked_select(attacked).to(at::kDouble).median().item<double>();
    return f;
}

void print(const char* name, const Figures& f)
{
    std::printf("%-28s median l2 %.4f   fooled %5.1f %%   median queries %6.0f   %.1f s\n", name, f.median,
                100.0 * f.fooled, f.medianQueries, f.seconds);
}

} // namespace

int main(int argc, char** argv)
{
    std::setvbuf(stdout, nullptr, _IOLBF, 0); // each figure as soon as it is measured
    std::string modelPath;
    int images = 100, queries = 5000, boundary = 1, threads = 1;
    std::uint64_t seed = 0;
    bench::BenchOptions flags("bench_decision [--model PATH] [--images 100] [--queries 5000] [--seed 0] [--boundary 1] "
                              "[--threads 1]");
    flags.add("--model", modelPath);
    flags.add("--images", images);
    flags.add("--queries", queries);
    flags.add("--seed", seed);
    flags.add("--boundary", boundary);
    flags.add("--threads", threads);
    if (const auto status = flags.parse(argc, argv))
        return *status;
    try {
        // One thread by default: the attacks' many small passes lose more to
        // thread start-up than they gain, the more so on a shared machine.
        threads = core::configureThreads(threads);
        if (modelPath.empty())
            modelPath = core::findDefaultModel().u8string();
        if (modelPath.empty())
            throw core::Error("no default model; run ./setup.sh first or pass --model");
        auto model = core::loadClassifier(std::filesystem::u8path(modelPath));
        const auto data = core::loadFashionMnist(core::fashionMnistDirectory(), core::Split::Test, images);
        core::AttackInput input{data.images, data.labels, {}};
        input.indices = at::arange(data.images.size(0), at::kLong);
        const at::Tensor attacked = core::logitsWithoutGrad(*model, data.images).argmax(1).eq(data.labels).to(at::kCPU);
        std::printf("model %s, %lld test images (%lld classified correctly, attacked), seed %llu, %d threads\n\n",
                    model->metadata().name.c_str(), static_cast<long long>(data.images.size(0)),
                    static_cast<long long>(attacked.sum().item<std::int64_t>()), static_cast<unsigned long long>(seed), threads);

        core::AttackConfig config;
        config.norm = core::Norm::L2;
        config.epsilon = std::numeric_limits<double>::infinity();
        config.seed = seed;
        core::CarliniWagnerL2 cw;
        const Figures reference = measure(cw, *model, input, config, attacked);
        print("cw-l2 (defaults)", reference);

        config.extra["queries"] = queries;
        core::HopSkipJump hsj;
        const Figures hop = measure(hsj, *model, input, config, attacked);
        print(("hopskipjump l2, " + std::to_string(queries) + " q").c_str(), hop);
        std::printf("  hopskipjump / cw-l2 median: %.3f (goal <= 1.5); per image median of ratios %.3f\n",
                    hop.median / reference.median, (hop.distances / reference.distances).median().item<double>());
        if (boundary != 0) {
            core::BoundaryAttack ba;
            const Figures walk = measure(ba, *model, input, config, attacked);
            print(("boundary, " + std::to_string(queries) + " q").c_str(), walk);
            std::printf("  boundary / cw-l2 median: %.3f\n", walk.median / reference.median);
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bench_decision: %s\n", e.what());
        return 1;
    }
    return 0;
}
