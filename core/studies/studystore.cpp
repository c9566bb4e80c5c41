#include "core/studies/studystore.h"

#include "core/model/modelmetadata.h"
#include "core/util/atomicfile.h"
#include "core/util/error.h"

#include <nlohmann/json.hpp>

#include <cctype>
#include <functional>

namespace advlens::core {

StudyStore::StudyStore(std::filesystem::path folder) : m_folder(std::move(folder))
{
    std::error_code error;
    std::filesystem::create_directories(m_folder / "parts", error);
    if (error)
        throw Error("cannot create the study folder " + m_folder.u8string() + ": " + error.message());
}

std::filesystem::path StudyStore::partFile(const std::string& key) const
{
    // Keys name models and attacks; anything outside [A-Za-z0-9.-] becomes '_'
    // and a hash keeps two keys that differ only there apart.
    std::string safe;
    for (char c : key)
        safe += (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.') ? c : '_';
    if (safe != key)
        safe += "-" + std::to_string(std::hash<std::string>{}(key) % 1000000);
    return m_folder / "parts" / (safe + ".json");
}

std::optional<std::string> StudyStore::load(const std::string& key, const std::string& fingerprint) const
{
    const std::filesystem::path file = partFile(key);
    std::error_code error;
    if (!std::filesystem::is_regular_file(file, error))
        return std::nullopt;
    try {
        const nlohmann::json part = nlohmann::json::parse(readFileBytes(file));
        if (part.value("key", "") != key || part.value("fingerprint", "") != fingerprint || !part.contains("result"))
            return std::nullopt;
        return part["result"].dump();
    } catch (const std::exception&) {
        return std::nullopt; // a damaged part is simply computed again
    }
}

void StudyStore::save(const std::string& key, const std::string& fingerprint, const std::string& resultJson) const
{
    nlohmann::json part;
    part["key"] = key;
    part["fingerprint"] = fingerprint;
    part["result"] = nlohmann::json::parse(resultJson);
    writeFileAtomically(partFile(key), part.dump(1));
}

std::string fileFingerprint(const std::filesystem::path& path)
{
    auto describe = [](const std::filesystem::path& file) {
        std::error_code error;
        const auto size = std::filesystem::file_size(file, error);
        const auto time = std::filesystem::last_write_time(file, error);
        return file.u8string() + ":" + std::to_string(error ? 0 : size) + ":" +
               std::to_string(error ? 0 : time.time_since_epoch().count());
    };
    std::string fingerprint = describe(path);
    try {
        fingerprint += "|" + describe(readModelMetadata(path).weights);
    } catch (const Error&) {
        // not a metadata file: its own description is the fingerprint
    }
    return fingerprint;
}

} // namespace advlens::core
