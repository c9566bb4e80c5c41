// Speed at ImageNet scale: our attacks on random-weight ResNet-18/50
// (TorchScript, 3×224×224, 1000 classes, ImageNet mean/std in the metadata)
// against a plain PyTorch eager loop on the same file and thread count.
//
//   bench/bench_imagenet [--threads N] [--quick] [--repeats R] [--no-levers]
//
//   --threads N  intra-op threads for both halves (default: all cores)
//   --quick      ResNet-18, batch 1 only, fewer repeats, of the levers only the
//                core's own (under a minute on 2 idle cores)
//   --repeats R  timed runs per figure (default 5; 3 with --quick)
//   --rounds K   table 1: rounds of (ours, eager) processes, best kept (default 2)
//   --no-levers  skip the lever comparisons
//
// Needs Debian's python3-torch and python3-torchvision at /usr/bin/python3
// (compiled in as ADVLENS_BENCH_PYTHON, with ADVLENS_BENCH_SCRIPTS = this
// folder). The models are made once by make_random_torchvision.py in
// $ADVLENS_BENCH_MODELS, default $TMPDIR/advlens-bench-models (TMPDIR: /tmp);
// nothing is downloaded and nothing goes into the source tree.
//
// What it prints:
//  1. Per model × batch × attack (FGSM ℓ∞; PGD-10 ℓ∞, ε = 4/255, α = 1/255,
//     random start): time per image of core::Fgsm / core::Pgd from the
//     registry on a TorchScriptClassifier from loadClassifier (the user's
//     path), of eager_attack.py's bare loop (FGSM: forward+backward, sign,
//     clamp; PGD: random start + 10 × (forward+backward, step, projection,
//     clamp)) and of that loop with the no-grad forwards our attacks also run
//     to report their result ("checked": FGSM +1, PGD +2), the ratios
//     ours/eager (target ≤ 1.0), and each process's peak RSS. Every figure
//     runs in its own process (this program re-executes itself), the C++ and
//     Python halves of a row back to back, in rounds; a time is the median
//     of the repeats after a warm-up, the best over the rounds.
//  2. ResNet-50 (ResNet-18 with --quick), batch 1, 2 threads: load time
//     (metadata + TorchScript file → validated classifier), first prediction
//     (cold), load + first prediction, and warm prediction latency.
//  3. Levers, each an A/B pair timed in alternation in one process (ratio
//     B/A < 1: B is faster): the core's optimised copies off and on
//     (TorchScriptClassifier::setOptimisedCopies) for a prediction, FGSM and
//     PGD-10; then, on bare LibTorch loops over the TorchScript module,
//     channels-last, InferenceMode, freeze / optimize_for_inference, oneDNN
//     off, graph-executor optimisation off, the legacy executor, profiling
//     warm-up, threads; and OMP_WAIT_POLICY on the core path (one process
//     each, as OpenMP reads it at start-up).
//
// The machine's load average is printed at the start, after each row of
// table 1 (it counts the bench's own threads too) and at the end: figures
// taken while other processes compete for the cores are not comparable.
// With 2 threads on 2 cores, any other busy process stalls OpenMP's barriers:
// run it on an otherwise idle machine.
#include "bench/benchoptions.h"

#include "core/attacks/attackregistry.h"
#include "core/model/classifier.h"
#include "core/model/computedevice.h"
#include "core/model/modelloader.h"
#include "core/model/torchscriptclassifier.h"
#include "core/util/error.h"

#include <ATen/ATen.h>
#include <ATen/Parallel.h>
#include <c10/core/InferenceMode.h>
#include <torch/csrc/autograd/autograd.h>
#include <torch/csrc/jit/python/update_graph_executor_opt.h>
#include <torch/csrc/jit/runtime/graph_executor.h>
#include <torch/script.h>

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <sstream>
#include <string>
#include <vector>

using namespace advlens;
namespace fs = std::filesystem;

namespace {

constexpr double kEpsilon = 4.0 / 255.0;
constexpr double kStepSize = 1.0 / 255.0;
constexpr int kPgdSteps = 10;
constexpr std::uint64_t kSeed = 0;

// ---------------------------------------------------------------- helpers

double seconds(const std::function<void()>& work)
{
    const auto start = std::chrono::steady_clock::now();
    work();
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    const std::size_t n = values.size();
    return n % 2 ? values[n / 2] : 0.5 * (values[n / 2 - 1] + values[n / 2]);
}

long maxRssKb()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss; // kilobytes on Linux
}

std::string loadAverage()
{
    std::ifstream file("/proc/loadavg");
    std::string one, five, fifteen;
    file >> one >> five >> fifteen;
    return one + " " + five + " " + fifteen;
}

std::string quoted(const std::string& text)
{
    std::string out = "'";
    for (char c : text)
        out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

/// Runs a shell command and returns its stdout (stderr passes through).
std::string capture(const std::string& command)
{
    std::FILE* pipe = popen(command.c_str(), "r");
    if (!pipe)
        throw core::Error("cannot run: " + command);
    std::string out;
    char buffer[4096];
    while (std::size_t n = std::fread(buffer, 1, sizeof buffer, pipe))
        out.append(buffer, n);
    if (pclose(pipe) != 0)
        throw core::Error("failed: " + command);
    return out;
}

/// "KEY a=1 b=2" → {a: 1, b: 2}, from the line of `text` that starts with KEY.
std::map<std::string, double> parseResultLine(const std::string& text, const std::string& key)
{
    std::istringstream lines(text);
    std::string line;
    while (std::getline(lines, line)) {
        if (line.rfind(key + " ", 0) != 0)
            continue;
        std::map<std::string, double> values;
        std::istringstream words(line.substr(key.size()));
        std::string word;
        while (words >> word) {
            const auto eq = word.find('=');
            if (eq != std::string::npos)
                values[word.substr(0, eq)] = std::atof(word.c_str() + eq + 1);
        }
        return values;
    }
    throw core::Error("no '" + key + "' line in: " + text);
}

/// Times two pieces of work in alternation after a warm-up of each; returns
/// the median of each and the median ratio b/a.
struct Pair {
    double a, b, ratio;
};
Pair timeAlternately(int repeats, const std::function<void()>& a, const std::function<void()>& b)
{
    a();
    b();
    std::vector<double> ta, tb, ratios;
    for (int i = 0; i < repeats; ++i) {
        ta.push_back(seconds(a));
        tb.push_back(seconds(b));
        ratios.push_back(tb.back() / ta.back());
    }
    return {median(ta), median(tb), median(ratios)};
}

struct Batch {
    at::Tensor images, labels;
};

Batch randomBatch(const core::ModelMetadata& meta, std::int64_t n)
{
    at::manual_seed(kSeed);
    const core::InputSpec& in = meta.input;
    return {at::rand({n, in.channels, in.height, in.width}),
            at::randint(static_cast<std::int64_t>(meta.classNames.size()), {n}, at::kLong)};
}

// ---------------------------------------------------------------- child: our attack

/// One figure of table 1, our half: prints "OURS ms=… maxrss_kb=…".
void childAttack(const std::string& modelPath, const std::string& attackName, std::int64_t batch, int repeats)
{
    auto model = core::loadClassifier(fs::u8path(modelPath));
    const Batch data = randomBatch(model->metadata(), batch);
    core::AttackConfig config;
    config.epsilon = kEpsilon;
    config.norm = core::Norm::Linf;
    config.steps = kPgdSteps;
    config.stepSize = kStepSize;
    config.randomStart = true;
    config.seed = kSeed;
    auto attack = core::createAttack(attackName);
    const auto run = [&] { attack->run(*model, {data.images, data.labels, {}}, config); };
    // Warm-up as long as eager_attack.py's (--warmup 2: two runs of each of its
    // variants); the profiling executor settles after about three passes.
    for (int i = 0; i < 4; ++i)
        run();
    std::vector<double> times;
    for (int i = 0; i < repeats; ++i)
        times.push_back(seconds(run));
    std::printf("OURS ms=%.3f maxrss_kb=%ld\n", 1e3 * median(times) / batch, maxRssKb());
}

// ---------------------------------------------------------------- child: load and latency

/// Prints "LATENCY load_ms=… first_ms=… warm_ms=… maxrss_kb=…".
void childLatency(const std::string& modelPath, int repeats)
{
    std::unique_ptr<core::Classifier> model;
    const double load = seconds([&] { model = core::loadClassifier(fs::u8path(modelPath)); });
    const at::Tensor image = randomBatch(model->metadata(), 1).images;
    const auto predict = [&] {
        at::NoGradGuard noGrad;
        model->logits(image).softmax(1).topk(5);
    };
    const double first = seconds(predict);
    std::vector<double> warm;
    for (int i = 0; i < std::max(10, 4 * repeats); ++i)
        warm.push_back(seconds(predict));
    std::printf("LATENCY load_ms=%.1f first_ms=%.1f warm_ms=%.1f maxrss_kb=%ld\n", 1e3 * load, 1e3 * first,
                1e3 * median(warm), maxRssKb());
}

// ---------------------------------------------------------------- child: levers

/// A bare TorchScript model with the metadata's normalisation, for the levers.
struct BareModel {
    torch::jit::Module module;
    at::Tensor mean, inverseStd;
    at::MemoryFormat format = at::MemoryFormat::Contiguous;

    at::Tensor forward(const at::Tensor& pixels)
    {
        return module.forward({((pixels - mean) * inverseStd).contiguous(format)}).toTensor();
    }
    at::Tensor gradient(const at::Tensor& x, const at::Tensor& y)
    {
        at::AutoGradMode grad(true);
        at::Tensor input = x.detach().requires_grad_(true);
        at::Tensor loss = at::cross_entropy_loss(forward(input), y, {}, at::Reduction::Sum);
        return torch::autograd::grad({loss}, {input})[0];
    }
};

BareModel loadBare(const core::ModelMetadata& meta)
{
    BareModel m{torch::jit::load(meta.weights.u8string()), at::tensor(meta.mean).view({1, -1, 1, 1}),
                at::tensor(meta.std).reciprocal().view({1, -1, 1, 1})};
    m.module.eval();
    for (auto p : m.module.parameters())
        p.requires_grad_(false);
    return m;
}

void toChannelsLast(BareModel& m)
{
    for (auto p : m.module.parameters())
        if (p.dim() == 4)
            p.set_data(p.contiguous(at::MemoryFormat::ChannelsLast));
    m.format = at::MemoryFormat::ChannelsLast;
}

void printLever(const char* what, const Pair& p)
{
    std::printf("  %-58s %9.1f %9.1f %7.3f\n", what, 1e3 * p.a, 1e3 * p.b, p.ratio);
    std::fflush(stdout);
}

/// Prints one line per lever: A ms, B ms, B/A (per batch). `coreOnly`: only
/// the core's optimised copies off and on.
void childLevers(const std::string& modelPath, std::int64_t batch, int threads, int repeats, bool coreOnly)
{
    const core::ModelMetadata meta = core::readModelMetadata(fs::u8path(modelPath));
    const Batch data = randomBatch(meta, batch);
    const at::Tensor& x = data.images;
    const at::Tensor& y = data.labels;
    BareModel plain = loadBare(meta);
    const auto fb = [&](BareModel& m) { return [&] { m.gradient(x, y); }; };
    const auto forwardNoGrad = [&](BareModel& m) {
        return [&] {
            at::NoGradGuard noGrad;
            m.forward(x);
        };
    };
    const auto forwardInference = [&](BareModel& m) {
        return [&] {
            c10::InferenceMode inference;
            m.forward(x);
        };
    };
    std::printf("  %-58s %9s %9s %7s\n", "lever (A -> B), per batch", "A ms", "B ms", "B/A");

    // What the core does with them: the same classifier with its optimised copies off and on.
    {
        auto asLoaded = core::loadClassifier(fs::u8path(modelPath));
        dynamic_cast<core::TorchScriptClassifier&>(*asLoaded).setOptimisedCopies(false);
        auto optimised = core::loadClassifier(fs::u8path(modelPath));
        const auto predict = [&](core::Classifier& model) {
            return [&] {
                at::NoGradGuard noGrad;
                model.logits(x);
            };
        };
        printLever("core: module as loaded -> optimised copies, prediction",
                   timeAlternately(repeats, predict(*asLoaded), predict(*optimised)));
        core::AttackConfig config;
        config.epsilon = kEpsilon;
        config.stepSize = kStepSize;
        config.steps = kPgdSteps;
        for (const char* name : {"fgsm", "pgd"}) {
            auto attack = core::createAttack(name);
            const auto run = [&](core::Classifier& model) { return [&] { attack->run(model, {x, y, {}}, config); }; };
            printLever(name == std::string("fgsm") ? "core: module as loaded -> optimised copies, FGSM"
                                                   : "core: module as loaded -> optimised copies, PGD-10",
                       timeAlternately(repeats, run(*asLoaded), run(*optimised)));
        }
    }
    if (coreOnly)
        return;

    // Profiling executor: the first calls profile and then optimise.
    {
        BareModel fresh = loadBare(meta);
        std::printf("  profiling executor warm-up, f+b calls 1..5 of a fresh module (ms):");
        for (int i = 0; i < 5; ++i)
            std::printf(" %.0f", 1e3 * seconds(fb(fresh)));
        std::printf("\n");
    }

    BareModel channelsLast = loadBare(meta);
    toChannelsLast(channelsLast);
    printLever("channels-last model+input, f+b", timeAlternately(repeats, fb(plain), fb(channelsLast)));
    printLever("channels-last model+input, forward (no grad)",
               timeAlternately(repeats, forwardNoGrad(plain), forwardNoGrad(channelsLast)));
    printLever("NoGradGuard -> InferenceMode, forward",
               timeAlternately(repeats, forwardNoGrad(plain), forwardInference(plain)));

    BareModel frozen = plain;
    frozen.module = torch::jit::freeze(plain.module.clone());
    printLever("torch::jit::freeze (conv-BN folded), f+b", timeAlternately(repeats, fb(plain), fb(frozen)));
    printLever("torch::jit::freeze, forward (no grad)",
               timeAlternately(repeats, forwardNoGrad(plain), forwardNoGrad(frozen)));
    BareModel frozenLast = frozen;
    frozenLast.module = torch::jit::freeze(channelsLast.module.clone());
    frozenLast.format = at::MemoryFormat::ChannelsLast;
    printLever("freeze + channels-last, f+b", timeAlternately(repeats, fb(plain), fb(frozenLast)));
    printLever("freeze + channels-last, forward (InferenceMode)",
               timeAlternately(repeats, forwardInference(plain), forwardInference(frozenLast)));
    BareModel optimised = plain;
    try {
        torch::jit::Module clone = plain.module.clone();
        optimised.module = torch::jit::optimize_for_inference(clone);
        printLever("optimize_for_inference, forward (InferenceMode)",
                   timeAlternately(repeats, forwardInference(plain), forwardInference(optimised)));
        std::printf("  optimize_for_inference, f+b: not possible (its oneDNN tensors have no autograd)\n");
    } catch (const std::exception& e) {
        std::printf("  optimize_for_inference: %s\n", core::firstLine(e.what()).c_str());
    }

    const auto withMkldnn = [&](bool on, std::function<void()> work) {
        return [on, work] {
            at::globalContext().setUserEnabledMkldnn(on);
            work();
            at::globalContext().setUserEnabledMkldnn(true);
        };
    };
    printLever("oneDNN (mkldnn) off, f+b", timeAlternately(repeats, fb(plain), withMkldnn(false, fb(plain))));
    printLever("oneDNN (mkldnn) off, forward (no grad)",
               timeAlternately(repeats, forwardNoGrad(plain), withMkldnn(false, forwardNoGrad(plain))));

    {
        // The executor reads the flag when it builds a plan: a module of its own.
        torch::jit::setGraphExecutorOptimize(false);
        BareModel unoptimised = loadBare(meta);
        fb(unoptimised)();
        forwardNoGrad(unoptimised)();
        torch::jit::setGraphExecutorOptimize(true);
        printLever("setGraphExecutorOptimize(false), f+b", timeAlternately(repeats, fb(plain), fb(unoptimised)));
    }
    {
        torch::jit::getProfilingMode() = false; // legacy executor for modules run from now on
        BareModel legacy = loadBare(meta);
        fb(legacy)();
        fb(legacy)();
        torch::jit::getProfilingMode() = true;
        printLever("profiling executor -> legacy executor, f+b", timeAlternately(repeats, fb(plain), fb(legacy)));
    }
    if (threads > 1) {
        const auto withThreads = [&](int n, std::function<void()> work) {
            return [n, threads, work] {
                at::set_num_threads(n);
                work();
                at::set_num_threads(threads);
            };
        };
        char what[80];
        std::snprintf(what, sizeof what, "%d threads -> 1 thread, f+b", threads);
        printLever(what, timeAlternately(repeats, fb(plain), withThreads(1, fb(plain))));
    }
}

// ---------------------------------------------------------------- the driver

struct Options {
    int threads = 0;
    bool quick = false;
    bool levers = true;
    int repeats = 5;
    int rounds = 2;
};

std::string selfPath()
{
    return fs::read_symlink("/proc/self/exe").u8string();
}

std::string modelsDirectory()
{
    if (const char* dir = std::getenv("ADVLENS_BENCH_MODELS"))
        return dir;
    const char* tmp = std::getenv("TMPDIR");
    return std::string(tmp && *tmp ? tmp : "/tmp") + "/advlens-bench-models";
}

std::string script(const char* name)
{
    return quoted(ADVLENS_BENCH_PYTHON) + " " + quoted(std::string(ADVLENS_BENCH_SCRIPTS) + "/" + name);
}

void attackTable(const Options& o, const std::vector<std::string>& models, const std::vector<int>& batches,
                 const std::string& dir)
{
    std::printf("\n1. Time per image (ms), ours vs a PyTorch eager loop on the same TorchScript file, %d threads,\n"
                "   eps = 4/255, PGD-10 alpha = 1/255 with random start; best of %d rounds of medians of %d\n"
                "   (FGSM: of 4x as many); peak RSS per process (MiB)\n\n",
                o.threads, o.rounds, o.repeats);
    std::printf("%-9s %5s %-6s %9s %9s %7s %9s %7s %8s %9s %5s\n", "model", "batch", "attack", "ours", "eager", "ratio",
                "eager+chk", "ratio", "ours MiB", "eager MiB", "load");
    for (const std::string& name : models)
        for (int batch : o.quick ? std::vector<int>{1} : batches)
            for (const std::string attack : {"fgsm", "pgd"}) {
                const std::string json = dir + "/" + name + ".json";
                // FGSM is one pass: more of them for a steady median.
                const int repeats = attack == "fgsm" ? 4 * o.repeats : o.repeats;
                const std::string common = " --attack " + attack + " --batch " + std::to_string(batch) + " --threads " +
                                           std::to_string(o.threads) + " --repeats " + std::to_string(repeats);
                const std::string eagerWarmUp = " --warmup 2";
                // Rounds of (ours, eager) back to back; each figure is its best round, as other
                // processes on the machine can only slow a round down.
                std::map<std::string, double> ours, eager;
                const auto keepBest = [](std::map<std::string, double>& best, const std::map<std::string, double>& r) {
                    for (const auto& [key, value] : r)
                        best[key] = best.count(key)
                                        ? (key == "maxrss_kb" ? std::max(best[key], value) : std::min(best[key], value))
                                        : value;
                };
                for (int round = 0; round < o.rounds; ++round) {
                    keepBest(ours, parseResultLine(
                                       capture(quoted(selfPath()) + " --child attack --model " + quoted(json) + common),
                                       "OURS"));
                    keepBest(eager, parseResultLine(capture(script("eager_attack.py") + " --model " + quoted(json) +
                                                            common + eagerWarmUp),
                                                    "EAGER"));
                }
                std::printf("%-9s %5d %-6s %9.1f %9.1f %7.3f %9.1f %7.3f %8.0f %9.0f %5s\n", name.c_str(), batch,
                            attack == "fgsm" ? "FGSM" : "PGD-10", ours.at("ms"), eager.at("bare_ms"),
                            ours.at("ms") / eager.at("bare_ms"), eager.at("checked_ms"),
                            ours.at("ms") / eager.at("checked_ms"), ours.at("maxrss_kb") / 1024,
                            eager.at("maxrss_kb") / 1024, loadAverage().substr(0, loadAverage().find(' ')).c_str());
                std::fflush(stdout);
            }
    std::printf("\n   ratio: ours / eager bare loop (FGSM: f+b, step; PGD: 10 x f+b, steps); target <= 1.0.\n"
                "   eager+chk: the eager loop plus the no-grad forwards our attacks run to report the result\n"
                "   (FGSM: adversarial logits; PGD: clean and adversarial logits), i.e. the same work.\n"
                "   load: the 1-minute load average after the row; the bench's own threads add up to their\n"
                "   number to it.\n");
}

void latencySection(const Options& o, const std::string& dir)
{
    const std::string model = o.quick ? "resnet18" : "resnet50";
    const int threads = 2;
    const auto r =
        parseResultLine(capture(quoted(selfPath()) + " --child latency --model " + quoted(dir + "/" + model + ".json") +
                                " --threads " + std::to_string(threads) + " --repeats " + std::to_string(o.repeats)),
                        "LATENCY");
    std::printf("\n2. %s, batch 1, %d threads, core::loadClassifier + one prediction (softmax, top-5)\n\n"
                "   load (JSON + TorchScript file -> validated classifier) %8.1f ms\n"
                "   first prediction (cold)                                %8.1f ms\n"
                "   first prediction ready after opening the model         %8.1f ms  (target < 1000)\n"
                "   prediction, warm (median)                              %8.1f ms\n"
                "   peak RSS                                               %8.0f MiB\n",
                model.c_str(), threads, r.at("load_ms"), r.at("first_ms"), r.at("load_ms") + r.at("first_ms"),
                r.at("warm_ms"), r.at("maxrss_kb") / 1024);
}

void leverSection(const Options& o, const std::vector<std::string>& models, const std::vector<int>& batches,
                  const std::string& dir)
{
    std::printf("\n3. Levers, %d threads, median of %d: the core's optimised copies off -> on, then bare\n"
                "   LibTorch loops over the TorchScript module%s\n",
                o.threads, o.repeats, o.quick ? " (not with --quick)" : "");
    for (const std::string& name : models)
        for (int batch : o.quick ? std::vector<int>{1} : batches) {
            std::printf("\n %s, batch %d\n", name.c_str(), batch);
            std::fflush(stdout);
            std::fputs(capture(quoted(selfPath()) + " --child levers --model " + quoted(dir + "/" + name + ".json") +
                               " --batch " + std::to_string(batch) + " --threads " + std::to_string(o.threads) +
                               " --repeats " + std::to_string(o.repeats) + (o.quick ? " --core-only" : ""))
                           .c_str(),
                       stdout);
        }
    if (o.quick)
        return;
    // OpenMP's wait policy is read at start-up: one process each, on the core path.
    const std::string json = quoted(dir + "/resnet18.json");
    const std::string child = quoted(selfPath()) + " --child attack --model " + json +
                              " --attack pgd --batch 1 --threads " + std::to_string(o.threads) + " --repeats " +
                              std::to_string(o.repeats);
    const double unset = parseResultLine(capture("env -u OMP_WAIT_POLICY " + child), "OURS").at("ms");
    const double passive = parseResultLine(capture("OMP_WAIT_POLICY=PASSIVE " + child), "OURS").at("ms");
    const double active = parseResultLine(capture("OMP_WAIT_POLICY=ACTIVE " + child), "OURS").at("ms");
    std::printf("\n resnet18 batch 1, core PGD-10, ms per image: OMP_WAIT_POLICY unset %.1f, PASSIVE %.1f "
                "(%.3f), ACTIVE %.1f (%.3f)\n",
                unset, passive, passive / unset, active, active / unset);
}

int driver(Options o)
{
    o.threads = core::configureThreads(o.threads);
    const std::vector<std::string> models =
        o.quick ? std::vector<std::string>{"resnet18"} : std::vector<std::string>{"resnet18", "resnet50"};
    const std::vector<int> batches{1, 8};
    const std::string dir = modelsDirectory();
    std::printf("bench_imagenet: %d threads, %d repeats%s; load average at start %s\n", o.threads, o.repeats,
                o.quick ? ", quick" : "", loadAverage().c_str());
    std::string names;
    for (const std::string& m : models)
        names += " " + m;
    capture(script("make_random_torchvision.py") + " " + quoted(dir) + names);
    std::printf("models in %s\n", dir.c_str());
    std::fflush(stdout);
    attackTable(o, models, batches, dir);
    latencySection(o, dir);
    if (o.levers)
        leverSection(o, models, batches, dir);
    std::printf("\nload average at end %s\n", loadAverage().c_str());
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    Options options;
    std::string child, model, attack = "fgsm";
    std::int64_t batch = 1;
    bool coreOnly = false;
    bench::BenchOptions flags("bench_imagenet [--threads N] [--quick] [--repeats R] [--rounds K] [--no-levers]");
    flags.addSwitch("--quick", options.quick);
    flags.addSwitch("--no-levers", options.levers, false);
    flags.add("--rounds", options.rounds);
    flags.add("--threads", options.threads);
    flags.add("--repeats", options.repeats);
    // The driver runs itself with these for each figure.
    flags.add("--child", child);
    flags.add("--model", model);
    flags.add("--attack", attack);
    flags.add("--batch", batch);
    flags.addSwitch("--core-only", coreOnly);
    if (const auto status = flags.parse(argc, argv))
        return *status;
    options.rounds = std::max(1, options.rounds);
    options.repeats = std::max(1, options.repeats);
    if (options.quick && !flags.given("--repeats"))
        options.repeats = 3;
    try {
        if (child.empty())
            return driver(options);
        core::configureThreads(options.threads);
        if (child == "attack")
            childAttack(model, attack, batch, options.repeats);
        else if (child == "latency")
            childLatency(model, options.repeats);
        else if (child == "levers")
            childLevers(model, batch, at::get_num_threads(), options.repeats, coreOnly);
        else
            throw core::Error("unknown child '" + child + "'");
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bench_imagenet: %s\n", core::firstLine(e.what()).c_str());
        return 1;
    }
    return 0;
}
