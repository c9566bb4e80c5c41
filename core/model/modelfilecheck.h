#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>

namespace advlens::core {

/// Reads `length` bytes at `offset` of a file; fewer at its end.
using ByteReader = std::function<std::string(std::uint64_t offset, std::size_t length)>;

/// Checks that a file of `size` bytes is a well-formed zip archive that looks
/// like a TorchScript model (torch.jit.save's layout: an entry ending in
/// "data.pkl" and one named "version"), reading only its end-of-central-
/// directory record and central directory: signatures, bounds, entry counts.
/// LibTorch's loader is not safe on hostile bytes (upstream treats model
/// files as trusted), so what is plainly not such an archive never reaches
/// it. Throws Error with one line saying what is wrong. Pure, safe on any
/// input (fuzzed: tests/fuzz).
void checkTorchScriptArchive(std::uint64_t size, const ByteReader& read);

/// checkTorchScriptArchive on a file.
void checkTorchScriptFile(const std::filesystem::path& path);

} // namespace advlens::core
