#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace advlens::core {

/// A 64-bit FNV-1a hash of bytes: to tell whether two processes read the
/// same model and data (not a defence against tampering).
class ContentHash {
public:
    void add(const void* bytes, std::size_t size);
    void add(std::string_view text) { add(text.data(), text.size()); }
    /// 16 lowercase hex digits.
    std::string hex() const;

private:
    std::uint64_t m_state = 14695981039346656037ULL; // FNV offset basis
};

/// ContentHash::hex() of a whole file; throws Error naming it when it cannot be read.
std::string fileContentHash(const std::filesystem::path& path);

} // namespace advlens::core
