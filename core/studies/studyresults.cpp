#include "core/studies/studyresults.h"

#include "core/util/atomicfile.h"

#include <nlohmann/json.hpp>

#include <limits>

namespace advlens::core {

namespace {

using Json = nlohmann::json;

const char* const kHeader[] = {"schema_version", "study", "title", "data", "split", "images"};

std::string text(const Json& root, const char* key, const std::string& fallback)
{
    const auto found = root.find(key);
    if (found == root.end())
        return fallback;
    if (!found->is_string())
        throw Error(std::string("results.json: \"") + key + "\" must be text, not " + found->dump());
    return found->get<std::string>();
}

/// A JSON integer in [low, high]; 2.5 or 1e300 are refused rather than cut.
std::int64_t whole(const Json& value, const char* key, std::int64_t low, std::int64_t high)
{
    bool fits = false;
    std::int64_t number = 0;
    if (value.is_number_unsigned()) {
        fits = value.get<std::uint64_t>() <= static_cast<std::uint64_t>(high);
        number = fits ? static_cast<std::int64_t>(value.get<std::uint64_t>()) : 0;
    } else if (value.is_number_integer()) {
        number = value.get<std::int64_t>();
        fits = number <= high;
    }
    if (!fits || number < low)
        throw Error(std::string("results.json: \"") + key + "\" must be a whole number from " + std::to_string(low) +
                    ", not " + value.dump());
    return number;
}

} // namespace

NewerStudyResults::NewerStudyResults(int version, const std::string& where)
    : Error(where + " has schema version " + std::to_string(version) + ", newer than this AdvLens reads (" +
            std::to_string(StudyResults::kSchemaVersion) + "): open it with a newer AdvLens")
    , m_version(version)
{
}

std::string StudyResults::toJson() const
{
    Json root;
    try {
        root = Json::parse(fieldsJson);
    } catch (const Json::exception& e) {
        throw Error(std::string("study results: the study's fields are not JSON: ") + firstLine(e.what()));
    }
    if (!root.is_object())
        throw Error("study results: the study's fields must be a JSON object");
    for (const char* key : kHeader)
        if (root.contains(key))
            throw Error(std::string("study results: the study's fields repeat the header's \"") + key + "\"");
    root["schema_version"] = schemaVersion;
    root["study"] = study;
    root["title"] = title;
    root["data"] = data;
    root["split"] = split;
    root["images"] = images;
    return root.dump(1);
}

StudyResults StudyResults::fromJson(const std::string& jsonText)
{
    Json root;
    try {
        root = Json::parse(jsonText);
    } catch (const Json::exception& e) { // parse errors, and numbers beyond double's range
        throw Error(std::string("results.json is not valid JSON: ") + firstLine(e.what()));
    }
    if (!root.is_object() || !root.contains("study"))
        throw Error("results.json is not a study's results (no \"study\")");
    StudyResults results;
    // Files written before the version existed hold exactly version 1's fields.
    if (const auto version = root.find("schema_version"); version != root.end()) {
        const std::int64_t number = whole(*version, "schema_version", 1, std::numeric_limits<std::int64_t>::max());
        if (number > kSchemaVersion)
            throw NewerStudyResults(number > std::numeric_limits<int>::max() ? std::numeric_limits<int>::max()
                                                                             : int(number));
        results.schemaVersion = int(number);
    } else {
        results.schemaVersion = 1;
    }
    results.study = text(root, "study", "");
    if (results.study.empty())
        throw Error("results.json: \"study\" is empty");
    results.title = text(root, "title", results.study);
    results.data = text(root, "data", "");
    results.split = text(root, "split", "");
    if (const auto images = root.find("images"); images != root.end())
        results.images = whole(*images, "images", 0, std::numeric_limits<std::int64_t>::max());
    for (const char* key : kHeader)
        root.erase(key);
    results.fieldsJson = root.dump();
    return results;
}

StudyResults readStudyResults(const std::filesystem::path& folder)
{
    const std::filesystem::path file = folder / "results.json";
    std::error_code error;
    if (!std::filesystem::is_regular_file(file, error))
        throw Error(folder.u8string() + " has no results.json: the study has not finished there");
    try {
        return StudyResults::fromJson(readFileBytes(file));
    } catch (const NewerStudyResults& e) {
        throw NewerStudyResults(e.version(), file.u8string());
    } catch (const Error& e) {
        throw Error(file.u8string() + ": " + e.what());
    }
}

void writeStudyResults(const std::filesystem::path& folder, const StudyResults& results)
{
    writeFileAtomically(folder / "results.json", results.toJson());
}

} // namespace advlens::core
