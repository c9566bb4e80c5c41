#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace advlens::core {

/// A study's output folder. Every finished part (one model's measurement, one
/// source model's adversarial examples…) is kept as parts/<key>.json together
/// with a fingerprint of everything it was computed from, so a run that was
/// interrupted, or is repeated with some settings changed, recomputes only the
/// parts whose inputs changed.
class StudyStore {
public:
    /// Creates the folder and its parts/ sub-folder when missing.
    explicit StudyStore(std::filesystem::path folder);

    const std::filesystem::path& folder() const { return m_folder; }

    /// The saved result (JSON text) of `key` when it was computed with the same
    /// fingerprint; nothing when missing, unreadable or computed differently.
    std::optional<std::string> load(const std::string& key, const std::string& fingerprint) const;

    /// Writes the part atomically: a run killed mid-write leaves the old file or none.
    void save(const std::string& key, const std::string& fingerprint, const std::string& resultJson) const;

    /// The file a part key is stored in (keys may hold any characters).
    std::filesystem::path partFile(const std::string& key) const;

private:
    std::filesystem::path m_folder;
};

/// A fingerprint of a model file: its path, size and modification time, so a
/// retrained model is measured again.
std::string fileFingerprint(const std::filesystem::path& path);

} // namespace advlens::core
