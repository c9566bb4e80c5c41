#include "core/util/atomicfile.h"

#include "core/util/error.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <random>
#include <sstream>

namespace advlens::core {

namespace fs = std::filesystem;

namespace {

/// Writes `bytes` to a new temporary file beside `path` and returns its name.
fs::path writeTemporary(const fs::path& path, std::string_view bytes)
{
    std::error_code ec;
    if (path.has_parent_path())
        fs::create_directories(path.parent_path(), ec);
    std::random_device entropy;
    fs::path temporary = path;
    temporary += ".tmp-" + std::to_string(entropy());
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (!out)
        throw Error("cannot write '" + path.u8string() + "': " + std::strerror(errno));
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.flush();
    if (!out) {
        out.close();
        fs::remove(temporary, ec);
        throw Error("cannot write '" + path.u8string() + "': write failed (disk full?)");
    }
    return temporary;
}

void moveIntoPlace(const fs::path& temporary, const fs::path& path)
{
    std::error_code ec;
    fs::rename(temporary, path, ec);
    if (ec) {
        fs::remove(temporary, ec);
        throw Error("cannot write '" + path.u8string() + "': " + ec.message());
    }
}

} // namespace

void writeFileAtomically(const fs::path& path, std::string_view bytes)
{
    moveIntoPlace(writeTemporary(path, bytes), path);
}

void writeFilesAtomically(const std::vector<std::pair<fs::path, std::string>>& files)
{
    std::error_code ec;
    for (const auto& [path, bytes] : files)
        if (fs::is_directory(path, ec))
            throw Error("cannot write '" + path.u8string() + "': it is a folder");
    std::vector<fs::path> staged;
    try {
        for (const auto& [path, bytes] : files)
            staged.push_back(writeTemporary(path, bytes));
    } catch (const Error&) {
        for (const fs::path& temporary : staged)
            fs::remove(temporary, ec);
        throw;
    }
    for (std::size_t i = 0; i < files.size(); ++i)
        moveIntoPlace(staged[i], files[i].first);
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
