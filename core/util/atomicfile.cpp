#include "atomicfile.h"

#include "error.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <random>
#include <sstream>

namespace advlens::core {

namespace fs = std::filesystem;

void writeFileAtomically(const fs::path& path, std::string_view bytes)
{
    std::error_code ec;
    if (path.has_parent_path())
        fs::create_directories(path.parent_path(), ec);
    std::random_device entropy;
    fs::path temporary = path;
    temporary += ".tmp-" + std::to_string(entropy());
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        if (!out)
            throw Error("cannot write '" + path.u8string() + "': " + std::strerror(errno));
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        out.flush();
        if (!out) {
            fs::remove(temporary, ec);
            throw Error("cannot write '" + path.u8string() + "': write failed (disk full?)");
        }
    }
    fs::rename(temporary, path, ec);
    if (ec) {
        fs::remove(temporary, ec);
        throw Error("cannot write '" + path.u8string() + "': " + ec.message());
    }
}

std::string readFileBytes(const fs::path& path)
{
    std::error_code ec;
    if (!fs::exists(path, ec))
        throw Error("file not found: '" + path.u8string() + "'");
    if (fs::is_directory(path, ec))
        throw Error("'" + path.u8string() + "' is a folder, not a file");
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw Error("cannot read '" + path.u8string() + "': " + std::strerror(errno));
    std::ostringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

} // namespace advlens::core
