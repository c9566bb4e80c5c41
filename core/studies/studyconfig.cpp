#include "core/studies/studyconfig.h"

#include "core/util/datapaths.h"
#include "core/util/error.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <type_traits>

namespace advlens::core {

namespace {

using Json = nlohmann::json;

template <typename T>
T optionalEntry(const Json& root, const char* key, T fallback, Json::value_t wanted, const char* what)
{
    const auto found = root.find(key);
    if (found == root.end())
        return fallback;
    const bool numberWanted = wanted == Json::value_t::number_integer || wanted == Json::value_t::number_float;
    if (numberWanted ? !found->is_number() : found->type() != wanted)
        throw Error(std::string("study config: \"") + key + "\" must be " + what);
    if constexpr (std::is_integral_v<T>) {
        // get<T>() would take 2.5 as 2, and a float beyond T's range (1e300, or
        // an integer above 2^64, which JSON parsing makes a float) is undefined
        // behaviour: only JSON integers, checked before narrowing.
        using Limits = std::numeric_limits<T>;
        bool fits = false;
        if (found->is_number_unsigned())
            fits = found->get<std::uint64_t>() <= static_cast<std::uint64_t>(Limits::max());
        else if (found->is_number_integer()) // negative
            fits = std::is_signed_v<T> && found->get<std::int64_t>() >= static_cast<std::int64_t>(Limits::min());
        if (!fits)
            throw Error(std::string("study config: \"") + key + "\" must be a whole number from " +
                        std::to_string(Limits::min()) + " to " + std::to_string(Limits::max()) + ", not " +
                        found->dump());
    }
    return found->get<T>();
}

std::string joined(const std::vector<std::string>& names)
{
    std::string text;
    for (const std::string& name : names)
        text += (text.empty() ? "" : ", ") + name;
    return text;
}

} // namespace

std::filesystem::path resolveModelPath(const std::string& model, const std::filesystem::path& baseFolder)
{
    if (model.empty())
        throw Error("study config: an empty model name");
    std::filesystem::path given = std::filesystem::u8path(model);
    if (given.is_relative())
        given = baseFolder / given;
    std::error_code error;
    if (std::filesystem::is_regular_file(given, error))
        return given;
    if (!given.has_extension()) {
        const std::filesystem::path withJson = given.string() + ".json";
        if (std::filesystem::is_regular_file(withJson, error))
            return withJson;
    }
    if (model.find('/') == std::string::npos) {
        for (const std::filesystem::path& folder : zooSearchPath()) {
            const std::filesystem::path candidate = folder / (model + ".json");
            if (std::filesystem::is_regular_file(candidate, error))
                return candidate;
        }
    }
    throw Error("model \"" + model + "\" is neither a file nor a trained zoo model (train it with advlens-cli train)");
}

StudyConfig parseStudyConfig(const std::string& jsonText, const std::filesystem::path& baseFolder,
                             const std::vector<std::string>& knownStudies)
{
    Json root;
    try {
        root = Json::parse(jsonText);
    } catch (const Json::parse_error& e) {
        throw Error(std::string("study config is not valid JSON: ") + firstLine(e.what()));
    } catch (const Json::exception& e) { // e.g. a number beyond double's range (1e400)
        throw Error(std::string("study config is not valid JSON: ") + firstLine(e.what()));
    }
    if (!root.is_object())
        throw Error("study config must be a JSON object");
    StudyConfig config;
    const auto study = root.find("study");
    if (study == root.end() || !study->is_string())
        throw Error("study config: \"study\" (" + joined(knownStudies) + ") is missing");
    config.study = study->get<std::string>();
    if (std::find(knownStudies.begin(), knownStudies.end(), config.study) == knownStudies.end())
        throw Error("unknown study \"" + config.study + "\" (known: " + joined(knownStudies) + ")");
    config.title = optionalEntry<std::string>(root, "title", config.study, Json::value_t::string, "text");
    config.data = optionalEntry<std::string>(root, "data", config.data, Json::value_t::string, "text");
    config.split = optionalEntry<std::string>(root, "split", config.split, Json::value_t::string, "text");
    config.images = optionalEntry<std::int64_t>(root, "images", config.images, Json::value_t::number_integer,
                                                "a number");
    config.seed = optionalEntry<std::uint64_t>(root, "seed", config.seed, Json::value_t::number_integer, "a number");
    config.batchSize = optionalEntry<std::int64_t>(root, "batch_size", config.batchSize,
                                                   Json::value_t::number_integer, "a number");
    if (config.images < 1)
        throw Error("study config: \"images\" must be at least 1");
    if (config.batchSize < 1)
        throw Error("study config: \"batch_size\" must be at least 1");
    if (config.split != "test" && config.split != "train")
        throw Error("study config: \"split\" must be test or train");

    const auto models = root.find("models");
    if (models == root.end() || !models->is_array() || models->empty())
        throw Error("study config: \"models\" must list at least one model");
    for (const Json& entry : *models) {
        if (!entry.is_string())
            throw Error("study config: every entry of \"models\" must be a zoo name or a path");
        const std::string name = entry.get<std::string>();
        StudyModel model{std::filesystem::u8path(name).stem().u8string(), resolveModelPath(name, baseFolder)};
        for (const StudyModel& earlier : config.models)
            if (earlier.name == model.name)
                throw Error("study config: model \"" + model.name + "\" is listed twice");
        config.models.push_back(std::move(model));
    }
    const auto settings = root.find("settings");
    if (settings != root.end()) {
        if (!settings->is_object())
            throw Error("study config: \"settings\" must be an object");
        config.settingsJson = settings->dump();
    }
    return config;
}

std::string studyConfigToJson(const StudyConfig& config)
{
    Json root;
    root["study"] = config.study;
    root["title"] = config.title;
    Json models = Json::array();
    for (const StudyModel& model : config.models)
        models.push_back(std::filesystem::absolute(model.path).lexically_normal().u8string());
    root["models"] = models;
    root["data"] = config.data;
    root["split"] = config.split;
    root["images"] = config.images;
    root["seed"] = config.seed;
    root["batch_size"] = config.batchSize;
    root["settings"] = Json::parse(config.settingsJson);
    return root.dump(2);
}

} // namespace advlens::core
