// Scheduling at scale, by simulation (issue 19 §4): replays per-item costs of
// a robustness study through core::simulateSchedule (static blocks,
// round-robin as `eval --shard`, dynamic through core::WorkQueue) on 8, 64 and
// 512 simulated ranks, and prints makespan, efficiency and tail per policy.
//
//   bench_scheduling --costs FILE.csv [--ranks 8,64,512] [--latency 0.001]
//   bench_scheduling --measure OUT.csv --model A.json [--model B.json …] [--data SOURCE]
//                    [--images 100] [--accuracy-images 10000] [--chunk 10] [--accuracy-chunk 1000]
//                    [--clever-images 10] [--clever-chunk CHUNK] [--clever-batches 30] [--clever-samples 64]
//                    [--clever-measure-batches 0] [--sample 0] [--threads 1] [--seed 0]
//
// --costs: a CSV with the header "item,seconds" (further columns are kept
// apart: "model" and "attack" label the per-attack summary).
//
// --measure: the work items of the robustness study (core/studies/
// robustnessstudy.cpp, with resources/studies/robustness.json's settings), per
// model: "clean" (clean accuracy on the first --accuracy-images images, in
// chunks of --accuracy-chunk), "ifgsm-linf" (BIM ℓ∞ bisected on ε: 10 steps,
// 8 rounds, ε ≤ 0.5, early stop), "cw-l2" and "ead-l1" (5 binary-search steps
// × 100 iterations, EAD with the L1 rule) on chunks of --chunk of the first
// --images images, and "clever-l2", "clever-linf" (30 batches × 64 samples)
// on chunks of --clever-chunk (default --chunk) of the first --clever-images
// (one CLEVER image is as much work as a whole chunk of C&W). Each item is timed on --threads
// threads (after one untimed warm-up pass per model) and logged to OUT.csv as
// item,seconds,model,attack,chunk,measured, then replayed as with --costs.
//  - --sample K > 0 times only K chunks per (model, attack), drawn at random,
//    and gives every other chunk the cost of a measured chunk of the same model
//    and attack drawn with replacement ("measured" 0 in the CSV).
//  - --clever-measure-batches B > 0 runs CLEVER items with B batches and scales
//    their time by clever-batches / B ("measured" 2): CLEVER does a fixed
//    N_b × N_s gradients per image, with no early stop.
//  - Images: Fashion-MNIST's test split for 1×28×28 models with their labels;
//    otherwise --data (a folder as loadDataSource reads it), cycled to
//    --images with a little seeded noise (±2/255) on repeats, labelled with the
//    model's own prediction so that every image is attacked (random-weight
//    models classify almost nothing correctly; a trained model attacks only
//    the images it gets right, so this is an upper bound on the attack work).
#include "bench/benchoptions.h"

#include "core/attacks/attackregistry.h"
#include "core/data/datasource.h"
#include "core/data/fashionmnist.h"
#include "core/metrics/accuracy.h"
#include "core/metrics/clever.h"
#include "core/metrics/minimaldistance.h"
#include "core/model/classifier.h"
#include "core/model/computedevice.h"
#include "core/model/modelloader.h"
#include "core/parallel/schedulesimulation.h"
#include "core/util/datapaths.h"
#include "core/util/error.h"

#include <ATen/ATen.h>
#include <ATen/CPUGeneratorImpl.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <numeric>
#include <random>
#include <sstream>
#include <string>
#include <vector>

using namespace advlens;

namespace {

struct Item {
    double seconds = 0.0;
    std::string model, attack;
    std::int64_t chunk = 0;
    int measured = 1; ///< 1 timed, 0 resampled, 2 timed with fewer CLEVER batches and scaled
};

struct Study {
    std::string data;
    std::int64_t images = 100, accuracyImages = 10000, chunk = 10, accuracyChunk = 1000;
    std::int64_t cleverImages = 10, cleverChunk = 0, cleverBatches = 30, cleverSamples = 64, cleverMeasureBatches = 0;
    std::int64_t sample = 0;
    std::uint64_t seed = 0;
};

std::vector<std::string> split(const std::string& text, char by)
{
    std::vector<std::string> parts;
    std::stringstream stream(text);
    for (std::string part; std::getline(stream, part, by);)
        parts.push_back(part);
    return parts;
}

std::vector<Item> readCosts(const std::string& path)
{
    std::ifstream file(path);
    if (!file)
        throw core::Error("cannot read " + path);
    std::string line;
    std::getline(file, line);
    const std::vector<std::string> header = split(line, ',');
    const auto column = [&](const std::string& name) {
        const auto at = std::find(header.begin(), header.end(), name);
        return at == header.end() ? -1 : int(at - header.begin());
    };
    const int seconds = column("seconds"), model = column("model"), attack = column("attack");
    if (column("item") != 0 || seconds < 0)
        throw core::Error(path + ": the header must start with item,seconds");
    std::vector<Item> items;
    while (std::getline(file, line)) {
        if (line.empty())
            continue;
        const std::vector<std::string> cells = split(line, ',');
        if (int(cells.size()) <= seconds)
            throw core::Error(path + ": line " + std::to_string(items.size() + 2) + " has no seconds");
        Item item;
        item.seconds = std::stod(cells[std::size_t(seconds)]);
        if (model >= 0 && int(cells.size()) > model)
            item.model = cells[std::size_t(model)];
        if (attack >= 0 && int(cells.size()) > attack)
            item.attack = cells[std::size_t(attack)];
        items.push_back(item);
    }
    return items;
}

double timed(const std::function<void()>& work)
{
    const auto start = std::chrono::steady_clock::now();
    work();
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

/// The study's images for one model, made a chunk at a time (10,000 ImageNet
/// images at once would take 6 GB): image i is the source's image i mod n,
/// with seeded noise (±2/255, by i) from the second round on; labels as the
/// header says.
class StudyImages {
public:
    StudyImages(core::Classifier& model, const Study& s)
        : m_model(model)
        , m_seed(s.seed)
    {
        const core::ModelMetadata& meta = model.metadata();
        m_fashion = meta.input.channels == 1 && meta.input.height == 28 && meta.input.width == 28;
        if (!m_fashion && s.data.empty())
            throw core::Error(meta.name + " does not take Fashion-MNIST images: pass --data FOLDER");
        m_base = m_fashion ? core::loadFashionMnist(core::fashionMnistDirectory(), core::Split::Test)
                           : core::loadDataSource(s.data, "test", 0, meta);
        if (m_base.size() == 0)
            throw core::Error("no images in " + (m_fashion ? std::string("Fashion-MNIST") : s.data));
    }

    core::LabelledImages get(std::int64_t from, std::int64_t to) const
    {
        const std::int64_t have = m_base.size();
        const at::Tensor index = at::arange(from, to, at::kLong).remainder(have);
        at::Tensor images = m_base.images.index_select(0, index);
        for (std::int64_t i = std::max(from, have); i < to; ++i) {
            at::Generator generator = at::detail::createCPUGenerator(m_seed + 1 + std::uint64_t(i));
            at::Tensor image = images[i - from];
            image.add_(at::empty_like(image).uniform_(-2.0 / 255, 2.0 / 255, generator)).clamp_(0, 1);
        }
        at::Tensor labels = m_base.labels.index_select(0, index);
        if (!m_fashion) {
            at::NoGradGuard noGrad;
            labels = m_model.logits(images).argmax(1);
        }
        return {images, labels, m_base.classNames};
    }

private:
    core::Classifier& m_model;
    std::uint64_t m_seed;
    bool m_fashion = true;
    core::LabelledImages m_base;
};

/// Times the chosen chunks of one (model, attack); the others get resampled costs.
void measureAttack(const std::string& modelName, const std::string& attack, std::int64_t images, std::int64_t chunk,
                   const Study& s, const std::function<double(std::int64_t, std::int64_t)>& run,
                   std::mt19937_64& random, std::vector<Item>& out)
{
    const std::int64_t chunks = (images + chunk - 1) / chunk;
    std::vector<std::int64_t> order(static_cast<std::size_t>(chunks));
    std::iota(order.begin(), order.end(), 0);
    std::shuffle(order.begin(), order.end(), random);
    const std::int64_t timedChunks = s.sample > 0 ? std::min(chunks, s.sample) : chunks;
    std::map<std::int64_t, double> costs;
    for (std::int64_t k = 0; k < timedChunks; ++k) {
        const std::int64_t c = order[std::size_t(k)];
        costs[c] = run(c * chunk, std::min(images, (c + 1) * chunk));
        std::fprintf(stderr, "  %-22s %-12s chunk %5lld  %9.3f s\n", modelName.c_str(), attack.c_str(), (long long)c,
                     costs[c]);
    }
    std::vector<double> measured;
    for (const auto& [c, seconds] : costs)
        measured.push_back(seconds);
    const int timedKind = attack.rfind("clever", 0) == 0 && s.cleverMeasureBatches > 0 ? 2 : 1;
    for (std::int64_t c = 0; c < chunks; ++c) {
        const auto found = costs.find(c);
        Item item{0.0, modelName, attack, c, timedKind};
        if (found != costs.end()) {
            item.seconds = found->second;
        } else {
            item.seconds = measured[std::size_t(random() % measured.size())];
            item.measured = 0;
        }
        out.push_back(item);
    }
}

std::vector<Item> measure(const std::vector<std::string>& models, const Study& s)
{
    std::vector<Item> items;
    std::mt19937_64 random(s.seed);
    for (const std::string& path : models) {
        auto model = core::loadClassifier(std::filesystem::u8path(path));
        const std::string name = model->metadata().name;
        const StudyImages data(*model, s);
        // Warm-up: TorchScript's profiling executor optimises on the first runs.
        core::AttackConfig warm;
        warm.seed = s.seed;
        const core::LabelledImages first = data.get(0, s.chunk);
        core::createAttack("fgsm")->run(*model, {first.images, first.labels, {}}, warm);

        measureAttack(
            name, "clean", s.accuracyImages, s.accuracyChunk, s,
            [&](std::int64_t a, std::int64_t b) {
                const core::LabelledImages chunk = data.get(a, b);
                return timed([&] { core::evaluateAccuracy(*model, chunk.images, chunk.labels); });
            },
            random, items);
        const auto minimal = [&](const std::string& attackName, core::Norm norm, core::AttackConfig config,
                                 core::BisectionOptions bisection) {
            return [&, attackName, norm, config, bisection](std::int64_t a, std::int64_t b) {
                auto attack = core::createAttack(attackName);
                core::AttackConfig c = config;
                c.norm = norm;
                c.seed = s.seed;
                const core::LabelledImages chunk = data.get(a, b);
                return timed([&] {
                    try {
                        core::minimalDistances(*model, chunk, *attack, c, bisection, s.chunk);
                    } catch (const core::Error&) {
                        // No image of the chunk classified correctly: the study skips it, at this cost.
                    }
                });
            };
        };
        core::AttackConfig bim;
        bim.steps = 10;
        bim.earlyStop = true;
        measureAttack(name, "ifgsm-linf", s.images, s.chunk, s,
                      minimal("bim", core::Norm::Linf, bim, {/*maxEpsilon=*/0.5, /*rounds=*/8}), random, items);
        core::AttackConfig cw;
        cw.extra = {{"binary_search_steps", 5}, {"max_iterations", 100}};
        measureAttack(name, "cw-l2", s.images, s.chunk, s, minimal("cw-l2", core::Norm::L2, cw, {}), random, items);
        core::AttackConfig ead = cw;
        ead.extra.emplace("decision_rule", 1);
        measureAttack(name, "ead-l1", s.images, s.chunk, s, minimal("ead", core::Norm::L1, ead, {}), random, items);
        for (const core::Norm norm : {core::Norm::L2, core::Norm::Linf}) {
            core::CleverOptions clever;
            clever.norm = norm;
            clever.batches = s.cleverMeasureBatches > 0 ? s.cleverMeasureBatches : s.cleverBatches;
            clever.samplesPerBatch = s.cleverSamples;
            clever.seed = s.seed;
            const double scale = double(s.cleverBatches) / double(clever.batches);
            measureAttack(
                name, "clever-" + core::toString(norm), s.cleverImages, s.cleverChunk > 0 ? s.cleverChunk : s.chunk, s,
                [&](std::int64_t a, std::int64_t b) {
                    const at::Tensor chunk = data.get(a, b).images;
                    return scale * timed([&] { core::cleverScores(*model, chunk, clever); });
                },
                random, items);
        }
    }
    return items;
}

void writeCosts(const std::string& path, const std::vector<Item>& items)
{
    std::ofstream file(path);
    file << "item,seconds,model,attack,chunk,measured\n";
    for (std::size_t i = 0; i < items.size(); ++i)
        file << i << "," << items[i].seconds << "," << items[i].model << "," << items[i].attack << "," << items[i].chunk
             << "," << items[i].measured << "\n";
    if (!file)
        throw core::Error("cannot write " + path);
}

void report(const std::vector<Item>& items, const std::vector<int>& ranks, double latency)
{
    std::vector<double> costs;
    std::map<std::string, std::pair<std::int64_t, double>> byAttack; // items, seconds
    std::int64_t measured = 0;
    for (const Item& item : items) {
        costs.push_back(item.seconds);
        auto& entry = byAttack[item.attack.empty() ? "(all)" : item.attack];
        ++entry.first;
        entry.second += item.seconds;
        measured += item.measured != 0;
    }
    const double total = std::accumulate(costs.begin(), costs.end(), 0.0);
    const double longest = costs.empty() ? 0.0 : *std::max_element(costs.begin(), costs.end());
    std::printf("%zu items (%lld timed, %lld resampled), total work %.1f s, longest item %.2f s, mean %.3f s\n",
                items.size(), (long long)measured, (long long)(std::int64_t(items.size()) - measured), total, longest,
                costs.empty() ? 0.0 : total / double(costs.size()));
    for (const auto& [attack, entry] : byAttack)
        std::printf("  %-12s %7lld items %11.1f s  (%.1f %%)\n", attack.c_str(), (long long)entry.first, entry.second,
                    total > 0 ? 100.0 * entry.second / total : 0.0);
    std::printf("\ndynamic: %.4f s hand-out latency per item; tail = makespan - first rank's finish\n\n", latency);
    std::printf("%6s %-18s %12s %11s %12s\n", "ranks", "policy", "makespan s", "efficiency", "tail s");
    for (const int r : ranks)
        for (int row = 0; row < 4; ++row) {
            // Row 3: dynamic with rank 0 a dedicated coordinator that computes nothing.
            core::ScheduleOptions options;
            options.ranks = r;
            options.policy = row == 0   ? core::SchedulePolicy::Static
                             : row == 1 ? core::SchedulePolicy::RoundRobin
                                        : core::SchedulePolicy::Dynamic;
            options.handOutLatency = latency;
            options.coordinatorComputes = row != 3;
            if (r < 2 && row == 3)
                continue;
            const core::ScheduleResult result = core::simulateSchedule(costs, options);
            std::printf("%6d %-18s %12.1f %11.3f %12.1f\n", r,
                        row == 3 ? "dynamic, 0 coord." : core::toString(options.policy).c_str(), result.makespan,
                        result.efficiency, result.tail);
        }
}

} // namespace

int main(int argc, char** argv)
{
    // --model is repeatable: taken out here, the rest goes to BenchOptions.
    std::vector<std::string> models;
    std::vector<char*> rest = {argv[0]};
    for (int i = 1; i < argc; ++i)
        if (std::string(argv[i]) == "--model" && i + 1 < argc)
            models.emplace_back(argv[++i]);
        else
            rest.push_back(argv[i]);

    std::string costsPath, measurePath, ranksText = "8,64,512";
    double latency = 0.001;
    int threads = 1;
    Study s;
    bench::BenchOptions flags(
        "bench_scheduling (--costs FILE.csv | --measure OUT.csv --model M.json [--model …]) [--ranks 8,64,512] "
        "[--latency 0.001] [--data SOURCE] [--images 100] [--accuracy-images 10000] [--chunk 10] "
        "[--accuracy-chunk 1000] [--clever-images 10] [--clever-chunk CHUNK] [--clever-batches 30] [--clever-samples "
        "64] "
        "[--clever-measure-batches 0] [--sample 0] [--threads 1] [--seed 0]");
    flags.add("--costs", costsPath);
    flags.add("--measure", measurePath);
    flags.add("--ranks", ranksText);
    flags.add("--latency", latency);
    flags.add("--data", s.data);
    flags.add("--images", s.images);
    flags.add("--accuracy-images", s.accuracyImages);
    flags.add("--chunk", s.chunk);
    flags.add("--accuracy-chunk", s.accuracyChunk);
    flags.add("--clever-images", s.cleverImages);
    flags.add("--clever-chunk", s.cleverChunk);
    flags.add("--clever-batches", s.cleverBatches);
    flags.add("--clever-samples", s.cleverSamples);
    flags.add("--clever-measure-batches", s.cleverMeasureBatches);
    flags.add("--sample", s.sample);
    flags.add("--threads", threads);
    flags.add("--seed", s.seed);
    if (const auto status = flags.parse(int(rest.size()), rest.data()))
        return *status;
    if (costsPath.empty() == measurePath.empty() || (!measurePath.empty() && models.empty()) || s.chunk < 1 ||
        s.accuracyChunk < 1 || s.images < 1 || s.accuracyImages < 1 || s.cleverImages < 1)
        return flags.usageError();
    try {
        std::vector<int> ranks;
        for (const std::string& r : split(ranksText, ','))
            ranks.push_back(std::stoi(r));
        std::vector<Item> items;
        if (!costsPath.empty()) {
            items = readCosts(costsPath);
            std::printf("replaying %s\n", costsPath.c_str());
        } else {
            threads = core::configureThreads(threads);
            const auto started = std::chrono::steady_clock::now();
            items = measure(models, s);
            writeCosts(measurePath, items);
            std::printf("measured on %d thread(s) in %.0f s, logged to %s\n", threads,
                        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count(),
                        measurePath.c_str());
            std::printf("study: %lld images (chunks of %lld), clean accuracy on %lld (chunks of %lld), CLEVER on "
                        "%lld (chunks of %lld, %lld x %lld)\n",
                        (long long)s.images, (long long)s.chunk, (long long)s.accuracyImages,
                        (long long)s.accuracyChunk, (long long)s.cleverImages,
                        (long long)(s.cleverChunk > 0 ? s.cleverChunk : s.chunk), (long long)s.cleverBatches,
                        (long long)s.cleverSamples);
            if (s.sample > 0)
                std::printf("extrapolated: %lld chunks timed per (model, attack); every other chunk's cost is a "
                            "timed chunk of the same model and attack, drawn with replacement\n",
                            (long long)s.sample);
            if (s.cleverMeasureBatches > 0)
                std::printf("CLEVER timed with %lld batches and scaled by %lld/%lld (its work is linear in them)\n",
                            (long long)s.cleverMeasureBatches, (long long)s.cleverBatches,
                            (long long)s.cleverMeasureBatches);
        }
        report(items, ranks, latency);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bench_scheduling: %s\n", core::firstLine(e.what()).c_str());
        return 1;
    }
    return 0;
}
