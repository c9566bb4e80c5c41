#include "app/cli/shardoption.h"

#include "core/model/modelmetadata.h"
#include "core/util/contenthash.h"
#include "core/util/error.h"

#include <ATen/ATen.h>

#include <algorithm>
#include <cctype>

namespace advlens::cli {

namespace {

bool isWhole(const std::string& text)
{
    return !text.empty() && text.size() < 10 &&
           std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c); });
}

/// The model's metadata file and, when it names one, its weights file; an
/// ensemble's members, each the same way.
std::string modelHash(const std::filesystem::path& model)
{
    std::string hash = core::fileContentHash(model);
    core::ModelMetadata metadata;
    try {
        metadata = core::readModelMetadata(model);
    } catch (const core::Error&) {
        return hash; // not a metadata file: the file itself is the model
    }
    std::error_code error;
    if (!metadata.weights.empty() && std::filesystem::is_regular_file(metadata.weights, error))
        hash += "+" + core::fileContentHash(metadata.weights);
    for (const std::filesystem::path& member : metadata.members) // a member that cannot be read says so
        hash += "+(" + modelHash(member) + ")";
    return hash;
}

std::string dataHash(const core::LabelledImages& data)
{
    core::ContentHash hash;
    if (data.size() > 0) {
        const at::Tensor images = data.images.to(at::kCPU).contiguous();
        const at::Tensor labels = data.labels.to(at::kCPU, at::kLong).contiguous();
        hash.add(images.data_ptr(), images.nbytes());
        hash.add(labels.data_ptr(), labels.nbytes());
    }
    return hash.hex();
}

} // namespace

OptionSpec shardOption()
{
    return OptionSpec{"shard", "I/N",
                      "compute share I of N (I = 0..N-1) of the images into a partial PREFIX.json; "
                      "'advlens-cli merge' joins the N shares into the whole run's files (docs/cluster.md)",
                      ""}
        .parsedBy([](const std::string& text) { parseShare(text); });
}

core::Share parseShare(const std::string& text)
{
    const auto slash = text.find('/');
    const std::string index = slash == std::string::npos ? "" : text.substr(0, slash);
    const std::string count = slash == std::string::npos ? "" : text.substr(slash + 1);
    if (!isWhole(index) || !isWhole(count))
        throw UsageError("--shard must be I/N with whole numbers, e.g. 0/4 (got '" + text + "')");
    const core::Share share{std::stoi(index), std::stoi(count)};
    if (share.count < 1 || share.index >= share.count)
        throw UsageError("--shard " + text + ": I counts from 0 and must be below N (0/" + count + " to " +
                         std::to_string(std::max(share.count - 1, 0)) + "/" + count + ")");
    return share;
}

std::map<std::string, std::string> shareConfiguration(const CommandSpec& command, const CommandLine& line,
                                                      const std::filesystem::path& model,
                                                      const core::LabelledImages& data)
{
    std::map<std::string, std::string> configuration;
    for (const OptionSpec& option : command.options) {
        if (option.name == "out" || option.name == "shard" || option.name == "threads" || option.name == "device")
            continue;
        configuration["--" + option.name] =
            option.valueName.empty() ? (line.has(option.name) ? "on" : "off") : line.value(option.name);
    }
    // Where the model lies may differ between nodes; what it holds may not.
    configuration["--model"] = model.filename().u8string();
    // Folders may lie elsewhere on each node: the images themselves are compared.
    configuration.erase("--data");
    configuration["model files"] = modelHash(model);
    if (line.has("surrogate")) {
        const std::filesystem::path surrogate = std::filesystem::u8path(line.value("surrogate"));
        configuration["--surrogate"] = surrogate.filename().u8string();
        configuration["surrogate files"] = modelHash(surrogate);
    }
    configuration["data"] = std::to_string(data.size()) + " images, " + dataHash(data);
    configuration["program"] = "advlens-cli " ADVLENS_VERSION;
    return configuration;
}

} // namespace advlens::cli
