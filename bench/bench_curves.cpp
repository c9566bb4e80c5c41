// The attack suite's speed targets on the default model, measured in one run:
//  (a) an FGSM curve over 10 ε vs 10 FGSM runs                (target ≥ 3×)
//  (b) a PGD-20 curve over 10 ε vs 10 independent PGD-20 runs (target ≥ 2×,
//      robust accuracy at every ε no higher than the independent runs')
//  (c) every attack's time per gradient evaluation over a bare LibTorch
//      forward+backward on the same batch                     (target ≤ 1.1×)
//
//   bench_curves [--model PATH] [--images 1000] [--batch 256] [--threads 0] [--parts abc]
#include "bench/benchoptions.h"

#include "core/attacks/attackcommon.h"
#include "core/attacks/attackregistry.h"
#include "core/data/fashionmnist.h"
#include "core/metrics/robustnessevaluation.h"
#include "core/model/classifier.h"
#include "core/model/computedevice.h"
#include "core/model/modelloader.h"
#include "core/util/datapaths.h"
#include "core/util/error.h"

#include <ATen/ATen.h>

#include <chrono>
#include <cstdio>
#include <functional>

using namespace advlens;

namespace {

double seconds(const std::function<void()>& work)
{
    const auto start = std::chrono::steady_clock::now();
    work();
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

std::int64_t passesPerImage(const core::AttackResult& r)
{
    return r.gradientEvaluationsPerImage.defined() ? r.gradientEvaluationsPerImage.sum().item<std::int64_t>()
                                                   : r.gradientEvaluations * r.adversarial.size(0);
}

void curveComparison(core::Classifier& model, const core::LabelledImages& data, const char* title,
                     const std::string& attackName, core::AttackConfig config, const std::vector<double>& epsilons,
                     std::int64_t batch, double target)
{
    auto attack = core::createAttack(attackName);
    core::RobustnessReport naive, fast;
    const double naiveSeconds = seconds([&] {
        naive = core::evaluateRobustness(model, data, *attack, config, epsilons, {batch, core::CurveMethod::Naive});
    });
    const double fastSeconds = seconds([&] {
        fast = core::evaluateRobustness(model, data, *attack, config, epsilons, {batch, core::CurveMethod::Fast});
    });
    double worst = -1.0;
    std::printf("%s\n  %8s %14s %14s\n", title, "epsilon", "naive acc. %", "fast acc. %");
    for (std::size_t i = 0; i < naive.points.size(); ++i) {
        std::printf("  %8.4f %14.2f %14.2f\n", naive.points[i].epsilon, 100 * naive.points[i].robustAccuracy,
                    100 * fast.points[i].robustAccuracy);
        worst = std::max(worst, fast.points[i].robustAccuracy - naive.points[i].robustAccuracy);
    }
    std::printf("  naive %.2f s, fast (%s) %.2f s: speed-up %.2fx (target >= %.0fx); fast minus naive accuracy "
                "at worst %+.2f points (target <= 0)\n\n",
                naiveSeconds, fast.method.c_str(), fastSeconds, naiveSeconds / fastSeconds, target, 100 * worst);
}

} // namespace

int main(int argc, char** argv)
{
    std::string modelPath;
    std::int64_t images = 1000, batch = 256;
    int threads = 0;
    std::string parts = "abc";
    bench::BenchOptions flags("bench_curves [--model PATH] [--images 1000] [--batch 256] [--threads 0] [--parts abc]");
    flags.add("--model", modelPath);
    flags.add("--images", images);
    flags.add("--batch", batch);
    flags.add("--threads", threads);
    flags.add("--parts", parts);
    if (const auto status = flags.parse(argc, argv))
        return *status;
    std::setvbuf(stdout, nullptr, _IOLBF, 0); // figures appear as they are measured, also in a log file
    try {
        threads = core::configureThreads(threads);
        if (modelPath.empty())
            modelPath = core::findDefaultModel().u8string();
        if (modelPath.empty())
            throw core::Error("no default model; run ./setup.sh first or pass --model");
        auto model = core::loadClassifier(std::filesystem::u8path(modelPath));
        const auto data = core::loadFashionMnist(core::fashionMnistDirectory(), core::Split::Test, images);
        std::printf("model %s, %lld images, batch %lld, %d threads\n\n", model->metadata().name.c_str(),
                    static_cast<long long>(data.size()), static_cast<long long>(batch), threads);

        std::vector<double> epsilons;
        for (int i = 1; i <= 10; ++i)
            epsilons.push_back(0.02 * i);
        const at::Tensor x = data.images.slice(0, 0, batch), y = data.labels.slice(0, 0, batch);
        core::crossEntropyGradient(*model, x, y); // warm-up
        double bare = 1e9, forward = 1e9;
        for (int i = 0; i < 5; ++i) {
            bare = std::min(bare, seconds([&] { core::crossEntropyGradient(*model, x, y); }));
            forward = std::min(forward, seconds([&] { core::logitsWithoutGrad(*model, x); }));
        }
        // A curve over k budgets can at best share the gradient: naive k·(g + f)
        // against g + k·f, with g a forward+backward and f a forward.
        const double k = 10, share = forward / bare;
        std::printf("a forward costs %.2f of a forward+backward (%.1f vs %.1f ms per batch): sharing the gradient "
                    "over %.0f budgets can speed FGSM up %.2fx at most\n\n",
                    share, forward * 1e3, bare * 1e3, k, k * (1 + share) / (1 + k * share));
        if (parts.find('a') != std::string::npos)
            curveComparison(*model, data, "(a) FGSM curve, 10 budgets", "fgsm", {}, epsilons, batch, 3);
        core::AttackConfig pgd;
        pgd.steps = 20;
        if (parts.find('b') != std::string::npos)
            curveComparison(*model, data, "(b) PGD-20 curve, 10 budgets", "pgd", pgd, epsilons, batch, 2);
        if (parts.find('c') == std::string::npos)
            return 0;

        // (c) per gradient evaluation, on one batch.
        const double barePerImage = bare / double(x.size(0));
        std::printf("(c) time per gradient evaluation over a bare forward+backward (%.2f ms per batch of %lld)\n",
                    bare * 1e3, static_cast<long long>(x.size(0)));
        std::printf("  %-16s %10s %16s %10s\n", "attack", "seconds", "passes/image", "ratio");
        for (const core::AttackInfo& info : core::availableAttacks()) {
            auto attack = core::createAttack(info.name);
            core::AttackConfig config;
            config.epsilon = info.name == "cw-l2" || info.name == "ead" || info.name == "deepfool"
                                 ? std::numeric_limits<double>::infinity()
                                 : 0.1;
            config.steps = 10;
            if (info.name == "deepfool" || info.name == "cw-l2" || info.name == "ead")
                config.norm = core::Norm::L2;
            core::AttackResult result;
            attack->run(*model, {x, y, {}}, config); // warm-up
            const double t = seconds([&] { result = attack->run(*model, {x, y, {}}, config); });
            const std::int64_t passes = passesPerImage(result);
            if (passes == 0) {
                std::printf("  %-16s %10.3f %16s %10s\n", info.name.c_str(), t, "0", "n/a (no gradients)");
                continue;
            }
            std::printf("  %-16s %10.3f %16.1f %10.3f\n", info.name.c_str(), t, double(passes) / double(x.size(0)),
                        t / (double(passes) * barePerImage));
        }
        std::printf("  (target <= 1.1; the ratio includes the forwards an attack needs beyond its gradients)\n");
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bench_curves: %s\n", core::firstLine(e.what()).c_str());
        return 1;
    }
    return 0;
}
