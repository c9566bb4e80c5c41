#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace advlens::core {

struct ImageSize {
    std::int64_t width = 0;
    std::int64_t height = 0;
};

/// The width and height a PNG, JPEG, BMP, GIF, WebP, PNM or TIFF file
/// declares in its header (PNM and TIFF as OpenCV reads them), read without
/// decoding anything, so a huge image can be refused before a decoder
/// allocates for it. nullopt for other formats and for
/// headers too short or malformed to say (the decoder then decides). Pure
/// function of the bytes, safe on any input (fuzzed: tests/fuzz).
std::optional<ImageSize> imageSizeFromHeader(std::string_view bytes);

/// The largest image, in pixels, AdvLens decodes: 100 million, or the
/// environment variable ADVLENS_MAX_IMAGE_PIXELS when it holds a positive
/// whole number (read once).
std::int64_t maxImagePixels();

} // namespace advlens::core
