#include "core/data/idxfile.h"

#include "core/util/error.h"

#include <zlib.h>

#include <memory>

namespace advlens::core {

namespace {

constexpr std::uint8_t kUnsignedByteType = 0x08;

struct GzCloser {
    void operator()(gzFile_s* file) const { gzclose(file); }
};
using GzFile = std::unique_ptr<gzFile_s, GzCloser>;

bool readExactly(gzFile file, void* buffer, std::size_t bytes)
{
    auto* out = static_cast<std::uint8_t*>(buffer);
    while (bytes > 0) {
        const unsigned chunk = static_cast<unsigned>(std::min<std::size_t>(bytes, 1u << 30));
        const int got = gzread(file, out, chunk);
        if (got <= 0)
            return false;
        out += got;
        bytes -= static_cast<std::size_t>(got);
    }
    return true;
}

} // namespace

IdxArray readIdxFile(const std::filesystem::path& path, std::int64_t limit)
{
    const std::string name = path.u8string();
    std::error_code ec;
    if (!std::filesystem::exists(path, ec))
        throw Error("IDX file not found: '" + name + "'");
    GzFile file(gzopen(name.c_str(), "rb"));
    if (!file)
        throw Error("cannot open IDX file '" + name + "'");

    std::uint8_t magic[4];
    if (!readExactly(file.get(), magic, sizeof magic) || magic[0] != 0 || magic[1] != 0)
        throw Error("'" + name + "' is not an IDX file (bad magic number)");
    if (magic[2] != kUnsignedByteType)
        throw Error("'" + name + "' holds IDX type 0x" + std::to_string(magic[2]) +
                    "; only unsigned bytes are supported");
    const int rank = magic[3];
    if (rank < 1 || rank > 4)
        throw Error("'" + name + "' has an unsupported IDX rank " + std::to_string(rank));

    IdxArray array;
    std::int64_t total = 1;
    for (int i = 0; i < rank; ++i) {
        std::uint8_t b[4];
        if (!readExactly(file.get(), b, sizeof b))
            throw Error("'" + name + "' is truncated inside its header");
        const std::int64_t dim = (std::int64_t{b[0]} << 24) | (b[1] << 16) | (b[2] << 8) | b[3];
        array.dims.push_back(dim);
        total *= dim;
    }
    if (limit > 0 && limit < array.dims[0]) {
        total = total / array.dims[0] * limit;
        array.dims[0] = limit;
    }
    array.data.resize(static_cast<std::size_t>(total));
    if (total > 0 && !readExactly(file.get(), array.data.data(), array.data.size()))
        throw Error("'" + name + "' is truncated: fewer bytes than its header announces");
    return array;
}

} // namespace advlens::core
