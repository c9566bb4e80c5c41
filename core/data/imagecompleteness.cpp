#include "core/data/imagecompleteness.h"

#include <zlib.h>

#include <cstdint>

namespace advlens::core {

namespace {

std::uint32_t bigEndian32(std::string_view b, std::size_t at)
{
    std::uint32_t value = 0;
    for (std::size_t i = 0; i < 4; ++i)
        value = (value << 8) | static_cast<unsigned char>(b[at + i]);
    return value;
}

std::optional<std::string> pngDamage(std::string_view b)
{
    std::size_t at = 8; // after the signature
    while (true) {
        if (b.size() - at < 12)
            return "is cut short (it ends before its IEND chunk)";
        const std::uint32_t length = bigEndian32(b, at);
        if (length > 0x7FFF'FFFFu) // the format's own limit
            return "has a malformed PNG chunk";
        if (b.size() - at - 12 < length)
            return "is cut short (its last chunk runs past the end of the file)";
        const std::string_view typeAndData = b.substr(at + 4, 4 + std::size_t{length});
        const auto crc = static_cast<std::uint32_t>(
            crc32(0, reinterpret_cast<const Bytef*>(typeAndData.data()), static_cast<uInt>(typeAndData.size())));
        if (crc != bigEndian32(b, at + 8 + length))
            return "is damaged (the checksum of its " + std::string(typeAndData.substr(0, 4)) + " chunk is wrong)";
        if (typeAndData.substr(0, 4) == "IEND")
            return std::nullopt;
        at += 12 + std::size_t{length};
    }
}

std::optional<std::string> jpegDamage(std::string_view b)
{
    // Inside entropy-coded data 0xFF is always followed by 0x00 or a restart
    // marker, so "FF DA" (start of scan) and "FF D9" (end of image) occur
    // only as markers. An EXIF thumbnail brings its own pair before the main
    // image's scan, hence: the last end marker must follow the last scan.
    const std::size_t lastScan = b.rfind("\xFF\xDA");
    const std::size_t lastEnd = b.rfind("\xFF\xD9");
    if (lastScan == std::string_view::npos)
        return "is cut short (it has no image data)";
    if (lastEnd == std::string_view::npos || lastEnd < lastScan)
        return "is cut short (its image data has no end marker)";
    return std::nullopt;
}

std::uint32_t littleEndian(std::string_view b, std::size_t at, std::size_t bytes)
{
    std::uint32_t value = 0;
    for (std::size_t i = bytes; i-- > 0;)
        value = (value << 8) | static_cast<unsigned char>(b[at + i]);
    return value;
}

std::optional<std::string> bmpDamage(std::string_view b)
{
    // File header (14 bytes, the pixels' offset at byte 10), then an info
    // header: OS/2's 12 bytes (16-bit sizes) or Windows' 40 or more.
    if (b.size() < 26)
        return "is cut short (its BMP header is incomplete)";
    const std::uint64_t offset = littleEndian(b, 10, 4);
    const bool os2 = littleEndian(b, 14, 4) == 12;
    if (!os2 && b.size() < 34)
        return "is cut short (its BMP header is incomplete)";
    if (offset >= b.size())
        return "is cut short (its pixels would start past the end of the file)";
    // Uncompressed rows (BI_RGB, BI_BITFIELDS) have a known size: each row
    // padded to 4 bytes. Run-length encoded pixels are left to the decoder.
    const std::uint32_t compression = os2 ? 0 : littleEndian(b, 30, 4);
    if (compression != 0 && compression != 3)
        return std::nullopt;
    const std::uint64_t width = os2 ? littleEndian(b, 18, 2) : littleEndian(b, 18, 4);
    const auto signedHeight = static_cast<std::int32_t>(os2 ? littleEndian(b, 20, 2) : littleEndian(b, 22, 4));
    const std::uint64_t height = signedHeight < 0 ? -std::int64_t{signedHeight} : signedHeight;
    const std::uint64_t bits = littleEndian(b, os2 ? 24 : 28, 2);
    if (width > 0x7FFF'FFFF || bits > 64) // malformed: the decoder refuses it
        return std::nullopt;
    const std::uint64_t rowBytes = (width * bits + 31) / 32 * 4;
    if (height != 0 && rowBytes > (b.size() - offset) / height)
        return "is cut short (its pixel rows run past the end of the file)";
    return std::nullopt;
}

} // namespace

std::optional<std::string> imageDamage(std::string_view b)
{
    if (b.substr(0, 8) == "\x89PNG\r\n\x1a\n")
        return pngDamage(b);
    if (b.substr(0, 3) == "\xFF\xD8\xFF")
        return jpegDamage(b);
    if (b.substr(0, 2) == "BM")
        return bmpDamage(b);
    return std::nullopt;
}

} // namespace advlens::core
