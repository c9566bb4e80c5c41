#pragma once

#include <cstdint>
#include <filesystem>
#include <vector>

namespace advlens::core {

/// An unsigned-byte IDX array (the MNIST file format): dims and row-major data.
struct IdxArray {
    std::vector<std::int64_t> dims;
    std::vector<std::uint8_t> data;
};

/// Reads an IDX file of unsigned bytes, gzip-compressed or plain (zlib reads
/// both). `limit` > 0 keeps only the first `limit` items along dim 0.
/// Throws Error for a missing file, a bad magic number, a non-ubyte type or a
/// file shorter than its header says.
IdxArray readIdxFile(const std::filesystem::path& path, std::int64_t limit = 0);

} // namespace advlens::core
