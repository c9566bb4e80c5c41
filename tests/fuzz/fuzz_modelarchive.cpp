// Fuzz target: core::checkTorchScriptArchive (core/model/modelfilecheck.h),
// the zip-structure check a model file passes before LibTorch reads it. The
// input is the whole file. The contract: a bad file throws core::Error and
// nothing else, and the check reads only inside the file (offset + length ≤
// size: it never asks the reader for bytes a real file cannot have).

#include "tests/fuzz/fuzzsupport.h"
#include "core/model/modelfilecheck.h"
#include "core/util/error.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view file(reinterpret_cast<const char*>(data), size);
    const advlens::core::ByteReader read = [file](std::uint64_t offset, std::size_t length) {
        if (offset > file.size() || length > file.size() - offset)
            advlens::fuzz::fail("checkTorchScriptArchive read outside the file");
        return std::string(file.substr(static_cast<std::size_t>(offset), length));
    };
    try {
        advlens::core::checkTorchScriptArchive(size, read);
    } catch (const advlens::core::Error&) {
        // The documented failure.
    }
    return 0;
}
