// Fuzz target: core::parseStudyConfig (core/studies/studyconfig.h), the JSON
// that says what a study runs on. The contract: bad text throws core::Error
// and nothing else; a config that is returned has at least one model, no name
// twice, each resolved to an existing file, images and batch size ≥ 1, a
// known split, and settings that are a JSON object.

#include "tests/fuzz/fuzzsupport.h"
#include "core/studies/studyconfig.h"
#include "core/util/error.h"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <set>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

/// The config's folder, with a model given by path ("my/model.json", "local.json").
fs::path configFolder()
{
    return advlens::fuzz::processTempFolder() / "config";
}

void checkInvariants(const advlens::core::StudyConfig& config)
{
    using advlens::fuzz::fail;
    if (config.models.empty())
        fail("accepted a study without models");
    std::set<std::string> names;
    for (const advlens::core::StudyModel& model : config.models) {
        if (!names.insert(model.name).second)
            fail("accepted a model listed twice");
        std::error_code ignored;
        if (!fs::is_regular_file(model.path, ignored))
            fail("resolved a model to something that is not a file");
    }
    if (config.images < 1 || config.batchSize < 1)
        fail("accepted images or batch_size below 1");
    if (config.split != "test" && config.split != "train")
        fail("accepted a split other than test or train");
    const nlohmann::json settings = nlohmann::json::parse(config.settingsJson, nullptr, /*allow_exceptions=*/false);
    if (!settings.is_object())
        fail("settingsJson is not a JSON object");
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int* /*argc*/, char*** /*argv*/)
{
    // A zoo of our own (it replaces the user's and the build tree's), with
    // the names the seeds use, so configs get past model resolution.
    const fs::path zoo = advlens::fuzz::processTempFolder() / "zoo";
    for (const char* name : {"mlp-plain", "lenet-plain", "vgg-plain"})
        advlens::fuzz::writeFile(zoo / (std::string(name) + ".json"), "{}");
    advlens::fuzz::writeFile(configFolder() / "my" / "model.json", "{}");
    advlens::fuzz::writeFile(configFolder() / "local.json", "{}");
    ::setenv("ADVLENS_ZOO_DIR", zoo.c_str(), /*overwrite=*/1);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    try {
        // The names the seeds use: the registry itself (studyregistry.cpp)
        // would bring every study, and LibTorch with them, into the fuzzer.
        static const std::vector<std::string> studies = {"robustness", "transfer", "curves", "defences"};
        checkInvariants(advlens::core::parseStudyConfig(advlens::fuzz::asText(data, size), configFolder(), studies));
    } catch (const advlens::core::Error&) {
        // The documented failure.
    }
    return 0;
}
