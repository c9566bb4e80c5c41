// Fuzz target: core::decodeImage (core/data/imagepreprocessing.h), OpenCV's
// decoders behind our header check and pixel limit. The contract: bad bytes
// throw core::Error and nothing else; a decoded image is not empty and holds
// no more pixels than the limit.

#include "core/data/imagepreprocessing.h"
#include "tests/fuzz/fuzzsupport.h"
#include "core/util/error.h"

#include <opencv2/core/utility.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdlib>

namespace {
/// The pixel limit under test: small, so a huge declared size is refused at
/// once instead of spending the run on decoding megapixels.
constexpr const char* kMaxPixels = "4000000";
constexpr std::int64_t kMaxPixelsValue = 4'000'000;
} // namespace

extern "C" int LLVMFuzzerInitialize(int* /*argc*/, char*** /*argv*/)
{
    // Before the first decodeImage: maxImagePixels() reads the variable once.
    ::setenv("ADVLENS_MAX_IMAGE_PIXELS", kMaxPixels, /*overwrite=*/1);
    cv::setNumThreads(0); // one core: decoders run on the calling thread
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    try {
        const cv::Mat image = advlens::core::decodeImage(bytes, "fuzz");
        if (image.empty())
            advlens::fuzz::fail("decodeImage returned an empty image");
        if (static_cast<std::int64_t>(image.total()) > kMaxPixelsValue)
            advlens::fuzz::fail("decodeImage returned more pixels than ADVLENS_MAX_IMAGE_PIXELS");
    } catch (const advlens::core::Error&) {
        // The documented failure.
    }
    return 0;
}
