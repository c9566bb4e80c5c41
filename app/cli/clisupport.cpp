#include "app/cli/clisupport.h"
#include "app/cli/ranks.h"

#include "core/data/datasource.h"
#include "core/tensor/finitelogits.h"
#include "core/model/computedevice.h"
#include "core/model/modelloader.h"
#include "core/util/atomicfile.h"
#include "core/util/datapaths.h"
#include "core/util/error.h"

#include <ATen/ATen.h>

#include <algorithm>
#include <thread>
#include <cstdio>
#include <cstdlib>

namespace advlens::cli {

c10::Device setUpRuntime(const CommandLine& line)
{
    const RankInfo& job = ranks();
    int threads = line.intValue("threads");
    // Ranks on one machine share its cores: all of them each would
    // oversubscribe it. What the launcher gives a rank wins.
    if (threads <= 0 && job.distributed()) {
        for (const char* variable : {"SLURM_CPUS_PER_TASK", "OMP_NUM_THREADS"})
            if (const char* value = std::getenv(variable); value && std::atoi(value) > 0) {
                threads = std::atoi(value);
                break;
            }
        if (threads <= 0)
            threads = std::max(1, static_cast<int>(std::thread::hardware_concurrency()) / job.localSize);
    }
    threads = core::configureThreads(threads);
    const std::string name = line.value("device");
    c10::Device device = core::resolveDevice(name);
    // One GPU per rank: a rank's place on its machine picks it, unless --device names one.
    if (job.distributed() && device.is_cuda() && (name == "auto" || name == "cuda"))
        device = c10::Device(c10::kCUDA, static_cast<c10::DeviceIndex>(job.localRank % core::cudaDeviceCount()));
    if (job.distributed() && job.rank == 0)
        std::fprintf(stderr, "%d MPI ranks, %d on this machine, %d LibTorch thread(s) each%s\n", job.size,
                     job.localSize, threads, device.is_cuda() ? ", one GPU per rank on a machine" : "");
    return device;
}

std::filesystem::path modelPath(const CommandLine& line)
{
    std::filesystem::path path = std::filesystem::u8path(line.value("model"));
    if (path.empty()) {
        path = core::findDefaultModel();
        if (path.empty())
            throw core::Error(std::string("no model given and the default model '") + core::kDefaultModelName +
                              "' is not trained yet (run ./setup.sh or advlens-cli train)");
    }
    return path;
}

std::unique_ptr<core::Classifier> openModel(const CommandLine& line, c10::Device device)
{
    return core::loadClassifier(modelPath(line), device);
}

void refuseToOverwriteModel(const std::string& prefix)
{
    if (prefix.empty())
        return;
    const std::filesystem::path json = std::filesystem::u8path(prefix + ".json");
    std::error_code ec;
    if (!std::filesystem::is_regular_file(json, ec))
        return;
    if (core::readFileBytes(json).find("\"advlens-model/") != std::string::npos)
        throw UsageError("--out " + prefix + " would overwrite the model metadata " + json.u8string() +
                         "; choose another prefix");
}

std::int64_t imageLimit(const CommandLine& line)
{
    return line.int64Value("limit");
}

core::LabelledImages loadDataset(const std::string& source, const std::string& split, std::int64_t limit,
                                 const core::Classifier& classifier)
{
    if (source == "fashion-mnist" && split != "test" && split != "train")
        throw UsageError("--split must be test or train");
    std::vector<std::string> skipped;
    core::LabelledImages data = core::loadDataSource(source, split, limit, classifier.metadata(), &skipped);
    for (const std::string& reason : skipped)
        std::fprintf(stderr, "advlens-cli: skipped %s\n", reason.c_str());
    return data;
}

OptionSpec strictOption()
{
    return {"strict", "", "fail when any image gives NaN or infinite logits (default: leave it out and say so)", ""};
}

void reportNonFinite(const std::vector<std::int64_t>& indices, std::int64_t total, const CommandLine& line)
{
    if (indices.empty())
        return;
    const std::string what = core::describeNonFinite(indices, total);
    if (static_cast<std::int64_t>(indices.size()) == total)
        throw core::Error(what + ": there is nothing to measure");
    if (line.has("strict"))
        throw core::Error(what + " (--strict)");
    std::printf("%s: left out of every accuracy and rate below\n", what.c_str());
}

void printTopK(const at::Tensor& logits, const std::vector<std::string>& classNames, int k, const std::string& title)
{
    const at::Tensor probabilities = logits.detach().to(at::kCPU).softmax(-1).view(-1);
    k = std::min<int>(k, static_cast<int>(probabilities.size(0)));
    const auto [values, indices] = probabilities.topk(k);
    // Pad by characters, not bytes, to the longest name shown ("Greater Swiss
    // Mountain dog", Chinese or accented names).
    const auto characters = [](const std::string& text) {
        return std::count_if(text.begin(), text.end(),
                             [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; });
    };
    std::ptrdiff_t width = 24;
    for (int i = 0; i < k; ++i)
        width = std::max(width, characters(classNames[static_cast<std::size_t>(indices[i].item<std::int64_t>())]));
    std::printf("%s\n", title.c_str());
    for (int i = 0; i < k; ++i) {
        const std::string& name = classNames[static_cast<std::size_t>(indices[i].item<std::int64_t>())];
        std::printf("  %d. %s%*s %6.2f %%\n", i + 1, name.c_str(), static_cast<int>(width - characters(name)), "",
                    100.0 * values[i].item<double>());
    }
}

} // namespace advlens::cli
