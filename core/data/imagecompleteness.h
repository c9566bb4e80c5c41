#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace advlens::core {

/// Why an image file is cut short or damaged, checked on its container
/// before a decoder sees it; nullopt when nothing is found. A PNG must have
/// every chunk inside the file, each with a matching CRC-32, up to IEND; a
/// JPEG must end its last scan with an end-of-image marker; an uncompressed
/// BMP must hold all its rows. The decoders would otherwise print to stderr
/// ("libpng error: …", OpenCV's "imdecode_(''): can't read header") or,
/// for a truncated JPEG, decode the missing half as grey without a word.
/// Pure function of the bytes, safe on any input (fuzzed with the decoder).
std::optional<std::string> imageDamage(std::string_view bytes);

} // namespace advlens::core
