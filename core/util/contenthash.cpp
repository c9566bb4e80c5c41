#include "core/util/contenthash.h"

#include "core/util/error.h"

#include <cstdio>
#include <fstream>
#include <vector>

namespace advlens::core {

void ContentHash::add(const void* bytes, std::size_t size)
{
    constexpr std::uint64_t kPrime = 1099511628211ULL; // FNV prime
    const auto* p = static_cast<const unsigned char*>(bytes);
    std::uint64_t state = m_state;
    for (std::size_t i = 0; i < size; ++i)
        state = (state ^ p[i]) * kPrime;
    m_state = state;
}

std::string ContentHash::hex() const
{
    char text[17];
    std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(m_state));
    return text;
}

std::string fileContentHash(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw Error("cannot read " + path.u8string());
    ContentHash hash;
    std::vector<char> buffer(1 << 20);
    while (in) {
        in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
        hash.add(buffer.data(), static_cast<std::size_t>(in.gcount()));
    }
    return hash.hex();
}

} // namespace advlens::core
