// Attack throughput on the default model against bare LibTorch loops doing
// the same arithmetic, measured in one run on the same batch and threads.
//
//   bench_attacks [--model PATH] [--batch 256] [--threads 0] [--repeats 5]
//
// "bare f+b" is the loop every gradient attack must run: forward, summed
// cross-entropy, gradient w.r.t. the input. An attack also needs the clean
// and the adversarial predictions (one forward each, the clean one free for
// FGSM), so the fair reference is that loop plus those forwards ("bare same
// arithmetic"); the ratio to it is the cost of our machinery.
#include "bench/benchoptions.h"

#include "core/attacks/attackregistry.h"
#include "core/data/fashionmnist.h"
#include "core/model/classifier.h"
#include "core/model/computedevice.h"
#include "core/model/modelloader.h"
#include "core/util/datapaths.h"
#include "core/util/error.h"

#include <ATen/ATen.h>
#include <torch/csrc/autograd/autograd.h>

#include <algorithm>
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

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

/// Times two pieces of work in alternation, so that anything else the machine
/// does slows both alike; returns the median time of each and of a/b.
struct Pair {
    double a, b, ratio;
};
Pair timeAlternately(int repeats, const std::function<void()>& a, const std::function<void()>& b)
{
    a(); // warm-up: allocator, OpenMP pool, oneDNN primitive cache
    b();
    std::vector<double> ta, tb, ratios;
    for (int i = 0; i < repeats; ++i) {
        ta.push_back(seconds(a));
        tb.push_back(seconds(b));
        ratios.push_back(ta.back() / tb.back());
    }
    return {median(ta), median(tb), median(ratios)};
}

at::Tensor bareGradient(core::Classifier& model, const at::Tensor& x, const at::Tensor& y)
{
    at::AutoGradMode grad(true);
    at::Tensor input = x.detach().requires_grad_(true);
    at::Tensor loss = at::cross_entropy_loss(model.logits(input), y, {}, at::Reduction::Sum);
    return torch::autograd::grad({loss}, {input})[0];
}

at::Tensor bareForward(core::Classifier& model, const at::Tensor& x)
{
    at::NoGradGuard noGrad;
    return model.logits(x);
}

} // namespace

int main(int argc, char** argv)
{
    std::string modelPath;
    int batch = 256, threads = 0, repeats = 5;
    bench::BenchOptions flags("bench_attacks [--model PATH] [--batch 256] [--threads 0] [--repeats 5]");
    flags.add("--model", modelPath);
    flags.add("--batch", batch);
    flags.add("--threads", threads);
    flags.add("--repeats", repeats);
    if (const auto status = flags.parse(argc, argv))
        return *status;
    try {
        threads = core::configureThreads(threads);
        if (modelPath.empty())
            modelPath = core::findDefaultModel().u8string();
        if (modelPath.empty())
            throw core::Error("no default model; run ./setup.sh first or pass --model");
        auto model = core::loadClassifier(std::filesystem::u8path(modelPath));
        const auto data = core::loadFashionMnist(core::fashionMnistDirectory(), core::Split::Test, batch);
        const at::Tensor& x = data.images;
        const at::Tensor& y = data.labels;
        std::printf("model %s, batch %d, %d threads, median of %d runs\n\n", model->metadata().name.c_str(), batch,
                    threads, repeats);

        const Pair base = timeAlternately(
            repeats, [&] { bareGradient(*model, x, y); }, [&] { bareForward(*model, x); });
        std::printf("%-34s %9.2f ms  %9.0f images/s\n", "bare forward+backward (f+b)", base.a * 1e3, batch / base.a);
        std::printf("%-34s %9.2f ms  %9.0f images/s\n\n", "bare forward", base.b * 1e3, batch / base.b);

        core::AttackConfig config;
        config.epsilon = 0.1;
        config.steps = 10;
        struct Case {
            const char* name;
            const char* attack;
            int gradients;
            std::function<void()> bareSameArithmetic;
        };
        const std::vector<Case> cases = {
            {"FGSM", "fgsm", 1,
             [&] {
                 const at::Tensor g = bareGradient(*model, x, y);
                 bareForward(*model, (x + config.epsilon * g.sign()).clamp(0, 1));
             }},
            {"PGD-10 (linf, random start)", "pgd", 10,
             [&] {
                 bareForward(*model, x);
                 at::Tensor adv = (x + at::empty_like(x).uniform_(-config.epsilon, config.epsilon)).clamp(0, 1);
                 for (int s = 0; s < config.steps; ++s) {
                     const at::Tensor g = bareGradient(*model, adv, y);
                     adv =
                         (x + (adv + config.effectiveStepSize() * g.sign() - x).clamp(-config.epsilon, config.epsilon))
                             .clamp(0, 1);
                 }
                 bareForward(*model, adv);
             }},
        };
        std::printf("%-28s %10s %12s %16s %18s\n", "attack", "ms/batch", "images/s", "vs bare f+b*",
                    "vs bare same work");
        for (const Case& c : cases) {
            auto attack = core::createAttack(c.attack);
            const auto runOurs = [&] { attack->run(*model, {x, y, {}}, config); };
            const Pair sameWork = timeAlternately(repeats, c.bareSameArithmetic, runOurs);
            const Pair perGradient = timeAlternately(
                repeats,
                [&] {
                    for (int g = 0; g < c.gradients; ++g)
                        bareGradient(*model, x, y);
                },
                runOurs);
            std::printf("%-28s %10.2f %12.0f %16.3f %18.3f\n", c.name, sameWork.b * 1e3, batch / sameWork.b,
                        perGradient.ratio, sameWork.ratio);
        }
        std::printf("\n* per gradient evaluation: (f+b time x gradient evaluations) / attack time; below 1\n"
                    "  because an attack must also classify the clean and adversarial batches.\n"
                    "  'vs bare same work' compares with a hand-written LibTorch loop doing exactly that\n"
                    "  arithmetic; target >= 0.9.\n");
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bench_attacks: %s\n", core::firstLine(e.what()).c_str());
        return 1;
    }
    return 0;
}
