#include "imageheader.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <string>

namespace advlens::core {

namespace {

constexpr std::int64_t kDefaultMaxImagePixels = 100'000'000;
/// The largest side reported: no decoder takes more (PNG allows 2^31 − 1),
/// and with both sides capped, width × height fits in 64 bits for the
/// caller's comparison with the pixel limit. Larger declared sides are
/// reported as this, so the image is still refused as too large.
constexpr std::int64_t kLargestSide = 0x7FFF'FFFF;

std::uint32_t bigEndian(std::string_view b, std::size_t at, int bytes)
{
    std::uint32_t value = 0;
    for (int i = 0; i < bytes; ++i)
        value = (value << 8) | static_cast<unsigned char>(b[at + static_cast<std::size_t>(i)]);
    return value;
}

std::uint32_t littleEndian(std::string_view b, std::size_t at, int bytes)
{
    std::uint32_t value = 0;
    for (int i = bytes - 1; i >= 0; --i)
        value = (value << 8) | static_cast<unsigned char>(b[at + static_cast<std::size_t>(i)]);
    return value;
}

bool startsWith(std::string_view b, std::string_view prefix)
{
    return b.substr(0, prefix.size()) == prefix;
}

std::optional<ImageSize> png(std::string_view b)
{
    // Signature, then the IHDR chunk: length, "IHDR", width, height (big-endian).
    if (b.size() < 24 || b.substr(12, 4) != "IHDR")
        return std::nullopt;
    return ImageSize{bigEndian(b, 16, 4), bigEndian(b, 20, 4)};
}

std::optional<ImageSize> jpeg(std::string_view b)
{
    // Walk the marker segments to the first start-of-frame (SOF0–SOF15 but
    // DHT C4, JPG C8, DAC CC), which holds the height and width.
    std::size_t at = 2;
    while (at + 4 <= b.size()) {
        if (static_cast<unsigned char>(b[at]) != 0xFF)
            return std::nullopt;
        const unsigned marker = static_cast<unsigned char>(b[at + 1]);
        if (marker == 0xFF) { // fill byte
            ++at;
            continue;
        }
        if (marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) { // no length
            at += 2;
            continue;
        }
        const std::size_t length = bigEndian(b, at + 2, 2);
        if (length < 2)
            return std::nullopt;
        const bool frame = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
        if (frame) {
            if (at + 9 > b.size())
                return std::nullopt;
            return ImageSize{bigEndian(b, at + 7, 2), bigEndian(b, at + 5, 2)};
        }
        if (marker == 0xDA || marker == 0xD9) // scan data or end before any frame
            return std::nullopt;
        at += 2 + length;
    }
    return std::nullopt;
}

std::optional<ImageSize> bmp(std::string_view b)
{
    if (b.size() < 26)
        return std::nullopt;
    const std::uint32_t header = littleEndian(b, 14, 4);
    if (header == 12) // OS/2 BITMAPCOREHEADER: 16-bit sizes
        return ImageSize{littleEndian(b, 18, 2), littleEndian(b, 20, 2)};
    // Height is signed: negative means top-down rows. A negative width is
    // malformed (the decoder refuses it).
    const auto width = static_cast<std::int32_t>(littleEndian(b, 18, 4));
    const auto height = static_cast<std::int32_t>(littleEndian(b, 22, 4));
    if (width < 0)
        return std::nullopt;
    return ImageSize{width, height < 0 ? -std::int64_t{height} : height};
}

std::optional<ImageSize> gif(std::string_view b)
{
    if (b.size() < 10)
        return std::nullopt;
    return ImageSize{littleEndian(b, 6, 2), littleEndian(b, 8, 2)};
}

std::optional<ImageSize> webp(std::string_view b)
{
    if (b.size() < 30)
        return std::nullopt;
    const std::string_view chunk = b.substr(12, 4);
    if (chunk == "VP8 ") // lossy: 14-bit sizes after the start code
        return ImageSize{littleEndian(b, 26, 2) & 0x3FFF, littleEndian(b, 28, 2) & 0x3FFF};
    if (chunk == "VP8L") { // lossless: 14-bit width − 1 and height − 1, packed
        const std::uint32_t bits = littleEndian(b, 21, 4);
        return ImageSize{(bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1};
    }
    if (chunk == "VP8X") // extended: 24-bit canvas width − 1 and height − 1
        return ImageSize{littleEndian(b, 24, 3) + std::int64_t{1}, littleEndian(b, 27, 3) + std::int64_t{1}};
    return std::nullopt;
}

std::optional<ImageSize> pnm(std::string_view b)
{
    // "P1".."P6", then width and height as decimal text, with whitespace and # comments between.
    std::size_t at = 2;
    std::int64_t values[2] = {0, 0};
    for (std::int64_t& value : values) {
        for (;;) {
            while (at < b.size() && std::isspace(static_cast<unsigned char>(b[at])))
                ++at;
            if (at < b.size() && b[at] == '#') {
                while (at < b.size() && b[at] != '\n')
                    ++at;
                continue;
            }
            break;
        }
        const std::size_t start = at;
        while (at < b.size() && std::isdigit(static_cast<unsigned char>(b[at]))) // saturating: no overflow
            value = std::min(value * 10 + (b[at++] - '0'), kLargestSide);
        if (at == start)
            return std::nullopt;
    }
    return ImageSize{values[0], values[1]};
}

std::optional<ImageSize> declaredSize(std::string_view b)
{
    if (startsWith(b, "\x89PNG\r\n\x1a\n"))
        return png(b);
    if (startsWith(b, "\xFF\xD8"))
        return jpeg(b);
    if (startsWith(b, "BM"))
        return bmp(b);
    if (startsWith(b, "GIF87a") || startsWith(b, "GIF89a"))
        return gif(b);
    if (startsWith(b, "RIFF") && b.size() >= 12 && b.substr(8, 4) == "WEBP")
        return webp(b);
    if (b.size() >= 3 && b[0] == 'P' && b[1] >= '1' && b[1] <= '6' &&
        std::isspace(static_cast<unsigned char>(b[2])))
        return pnm(b);
    return std::nullopt;
}

} // namespace

std::optional<ImageSize> imageSizeFromHeader(std::string_view b)
{
    std::optional<ImageSize> size = declaredSize(b);
    if (!size || size->width < 0 || size->height < 0)
        return std::nullopt;
    size->width = std::min(size->width, kLargestSide);
    size->height = std::min(size->height, kLargestSide);
    return size;
}

std::int64_t maxImagePixels()
{
    static const std::int64_t limit = [] {
        if (const char* text = std::getenv("ADVLENS_MAX_IMAGE_PIXELS")) {
            char* end = nullptr;
            const long long value = std::strtoll(text, &end, 10);
            if (end != text && *end == '\0' && value > 0)
                return static_cast<std::int64_t>(value);
        }
        return kDefaultMaxImagePixels;
    }();
    return limit;
}

} // namespace advlens::core
