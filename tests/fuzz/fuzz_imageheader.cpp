// Fuzz target: core::imageSizeFromHeader (core/data/imageheader.h) on any bytes.
// Besides memory errors and UB, checks what decodeImage relies on: a size
// that is returned is non-negative and its area fits in 64 bits (decodeImage
// multiplies width by height to compare with the pixel limit).

#include "core/data/imageheader.h"
#include "tests/fuzz/fuzzsupport.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    const std::optional<advlens::core::ImageSize> found = advlens::core::imageSizeFromHeader(bytes);
    if (!found)
        return 0;
    if (found->width < 0 || found->height < 0)
        advlens::fuzz::fail("imageSizeFromHeader returned a negative width or height");
    std::int64_t area = 0;
    if (__builtin_mul_overflow(found->width, found->height, &area))
        advlens::fuzz::fail("imageSizeFromHeader returned a size whose area overflows 64 bits");
    return 0;
}
