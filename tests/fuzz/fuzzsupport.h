#pragma once

// Helpers shared by the fuzz targets (header-only: each target is one program).

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>
#include <system_error>

#include <unistd.h>

namespace advlens::fuzz {

/// Stops the run as a crash, so libFuzzer saves the input: for a broken
/// invariant, which no sanitizer would notice.
[[noreturn]] inline void fail(const char* what)
{
    std::fprintf(stderr, "fuzz invariant broken: %s\n", what);
    std::abort();
}

/// The input as text (the parsers take std::string).
inline std::string asText(const std::uint8_t* data, std::size_t size)
{
    return std::string(reinterpret_cast<const char*>(data), size);
}

/// A folder of this process's own under $TMPDIR (or /tmp), made on the first
/// call and removed at exit, so fuzzers running side by side never share files.
inline const std::filesystem::path& processTempFolder()
{
    static const std::filesystem::path folder = [] {
        const char* base = std::getenv("TMPDIR");
        std::string pattern = std::string(base && *base ? base : "/tmp") + "/advlens-fuzz-XXXXXX";
        if (!::mkdtemp(pattern.data()))
            fail("cannot make a temporary folder");
        std::atexit([] {
            std::error_code ignored;
            std::filesystem::remove_all(processTempFolder(), ignored);
        });
        return std::filesystem::path(pattern);
    }();
    return folder;
}

/// Writes `bytes` to `path`, making its parent folders.
inline void writeFile(const std::filesystem::path& path, std::string_view bytes)
{
    std::filesystem::create_directories(path.parent_path());
    std::FILE* file = std::fopen(path.c_str(), "wb");
    if (!file)
        fail("cannot write a file in the temporary folder");
    if (!bytes.empty() && std::fwrite(bytes.data(), 1, bytes.size(), file) != bytes.size())
        fail("short write in the temporary folder");
    std::fclose(file);
}

} // namespace advlens::fuzz
