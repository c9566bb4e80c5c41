#pragma once

#include <filesystem>
#include <string_view>

namespace advlens::core {

/// Writes bytes to a temporary file beside `path` and renames it into place, so
/// a crash or a full disk never leaves a half-written file under the final name.
/// Creates missing parent folders. Throws Error on failure.
void writeFileAtomically(const std::filesystem::path& path, std::string_view bytes);

/// Reads a whole file. Throws Error naming the path when it cannot.
std::string readFileBytes(const std::filesystem::path& path);

} // namespace advlens::core
