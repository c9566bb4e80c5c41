#include "core/data/imageheader.h"

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

/// The bytes of one value of a TIFF field type that libtiff reads as an
/// integer size (BYTE, SHORT, LONG, LONG8 and their signed kinds), else 0.
int tiffIntegerBytes(std::uint64_t type)
{
    switch (type) {
    case 1:
    case 6:
        return 1;
    case 3:
    case 8:
        return 2;
    case 4:
    case 9:
        return 4;
    case 16:
    case 17:
        return 8;
    default:
        return 0;
    }
}

/// TIFF and BigTIFF: ImageWidth (256) and ImageLength (257) of the first
/// image file directory, the image OpenCV decodes. A value no writer stores
/// (not one integer held in the entry itself) counts as the largest side, so
/// the file is refused; a signed value is read as unsigned (a negative one is
/// large), and a tag given twice counts with its larger value. Without either
/// tag, or with a directory cut short, libtiff refuses the file itself.
std::optional<ImageSize> tiff(std::string_view b)
{
    const bool little = b[0] == 'I';
    const auto read = [&](std::uint64_t at, int bytes) -> std::uint64_t {
        if (bytes == 8) // two halves, in the file's order
            return little ? littleEndian(b, at, 4) | std::uint64_t{littleEndian(b, at + 4, 4)} << 32
                          : std::uint64_t{bigEndian(b, at, 4)} << 32 | bigEndian(b, at + 4, 4);
        return little ? littleEndian(b, at, bytes) : bigEndian(b, at, bytes);
    };
    const bool big = b[2] == '+' || b[3] == '+';
    if (b.size() < (big ? 16u : 8u))
        return std::nullopt;
    const int countBytes = big ? 8 : 2, valueBytes = big ? 8 : 4;
    const std::uint64_t entrySize = big ? 20 : 12;
    const std::uint64_t directory = big ? read(8, 8) : read(4, 4);
    if (directory > b.size() || b.size() - directory < std::uint64_t(countBytes))
        return std::nullopt;
    const std::uint64_t entries = read(directory, countBytes);
    std::int64_t sides[2] = {-1, -1}; // width, height
    for (std::uint64_t i = 0; i < entries; ++i) {
        const std::uint64_t at = directory + std::uint64_t(countBytes) + i * entrySize;
        if (at > b.size() || b.size() - at < entrySize)
            return std::nullopt;
        const std::uint64_t tag = read(at, 2);
        if (tag != 256 && tag != 257)
            continue;
        const int bytes = tiffIntegerBytes(read(at + 2, 2));
        const std::uint64_t count = big ? read(at + 4, 8) : read(at + 4, 4);
        std::int64_t side = kLargestSide;
        if (bytes > 0 && bytes <= valueBytes && count == 1)
            side = std::int64_t(std::min<std::uint64_t>(read(at + (big ? 12 : 8), bytes), kLargestSide));
        sides[tag - 256] = std::max(sides[tag - 256], side);
    }
    if (sides[0] < 0 || sides[1] < 0)
        return std::nullopt;
    return ImageSize{sides[0], sides[1]};
}

std::optional<ImageSize> pnm(std::string_view b)
{
    // "P1".."P6", then width and height as decimal text, read exactly as
    // OpenCV's PxM reader (ReadNumber) reads them, so the size checked is the
    // size it allocates: before each number whitespace and comments ("#" to
    // the next \n or \r; a stricter reading let "P6\n#\r99999 9999\n1 1" pass
    // as 1×1), then the digits, then one byte of any kind taken as the
    // separator ("99999+9999" is 99999 × 9999: a fuzzer finding).
    const auto isDigit = [&](std::size_t i) { return std::isdigit(static_cast<unsigned char>(b[i])) != 0; };
    std::size_t at = 2;
    std::int64_t values[2] = {0, 0};
    for (std::int64_t& value : values) {
        while (at < b.size() && !isDigit(at)) {
            if (b[at] == '#') {
                ++at; // the comment's end is looked for from the byte after '#'
                while (at < b.size() && b[at] != '\n' && b[at] != '\r')
                    ++at;
                ++at;
            } else if (std::isspace(static_cast<unsigned char>(b[at]))) {
                ++at;
            } else {
                return std::nullopt; // OpenCV refuses it too
            }
        }
        if (at >= b.size())
            return std::nullopt;
        while (at < b.size() && isDigit(at)) // saturating: no overflow
            value = std::min(value * 10 + (b[at++] - '0'), kLargestSide);
        ++at; // the separator, whatever it is
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
    if (startsWith(b, std::string_view("II*\0", 4)) || startsWith(b, std::string_view("MM\0*", 4)) ||
        startsWith(b, std::string_view("II+\0", 4)) || startsWith(b, std::string_view("MM\0+", 4)))
        return tiff(b);
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
