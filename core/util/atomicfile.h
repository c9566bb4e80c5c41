#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace advlens::core {

/// Writes bytes to a temporary file beside `path` and renames it into place, so
/// a crash or a full disk never leaves a half-written file under the final name.
/// Creates missing parent folders. Throws Error on failure.
void writeFileAtomically(const std::filesystem::path& path, std::string_view bytes);

/// Writes several files all or none: each goes to a temporary file beside
/// it first, and only when every one was written in full (a full disk shows
/// there) are they renamed into place; otherwise the temporary files are
/// removed and Error says which file failed. Paths that are folders are
/// refused before anything is written.
void writeFilesAtomically(const std::vector<std::pair<std::filesystem::path, std::string>>& files);

/// Reads a whole file. Throws Error naming the path when it cannot.
std::string readFileBytes(const std::filesystem::path& path);

} // namespace advlens::core
