#include "core/model/modelfilecheck.h"

#include "core/util/error.h"

#include <algorithm>
#include <fstream>

namespace advlens::core {

namespace {

constexpr std::uint32_t kLocalHeader = 0x04034b50;
constexpr std::uint32_t kCentralHeader = 0x02014b50;
constexpr std::uint32_t kEndOfDirectory = 0x06054b50;
constexpr std::uint32_t kZip64EndOfDirectory = 0x06064b50;
constexpr std::uint32_t kZip64Locator = 0x07064b50;
constexpr std::size_t kEndRecordSize = 22;
constexpr std::size_t kMaxComment = 0xFFFF;
constexpr std::size_t kCentralEntrySize = 46;
/// A model's central directory is a few kB per thousand tensors; more is not a model.
constexpr std::uint64_t kMaxDirectoryBytes = 64ULL << 20;

std::uint64_t little(const std::string& b, std::size_t at, int bytes)
{
    std::uint64_t value = 0;
    for (int i = bytes - 1; i >= 0; --i)
        value = (value << 8) | static_cast<unsigned char>(b[at + static_cast<std::size_t>(i)]);
    return value;
}

bool endsWith(const std::string& text, const std::string& suffix)
{
    return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

[[noreturn]] void refuse(const std::string& why)
{
    throw Error("not a TorchScript file or truncated (" + why + ")");
}

} // namespace

void checkTorchScriptArchive(std::uint64_t size, const ByteReader& read)
{
    if (size < kEndRecordSize + 4)
        refuse("too short to be a zip archive (" + std::to_string(size) + " bytes)");
    const std::string head = read(0, 4);
    if (head.size() < 4 || little(head, 0, 4) != kLocalHeader)
        refuse("it does not start like a zip archive (torch.jit.save writes one)");

    // The end-of-central-directory record: the last one in the final 64 kB + 22 bytes.
    const std::uint64_t tailStart = size > kEndRecordSize + kMaxComment ? size - kEndRecordSize - kMaxComment : 0;
    const std::string tail = read(tailStart, static_cast<std::size_t>(size - tailStart));
    if (tail.size() != size - tailStart)
        refuse("it could not be read to its end");
    std::size_t end = std::string::npos;
    for (std::size_t at = tail.size() - kEndRecordSize + 1; at-- > 0;)
        if (little(tail, at, 4) == kEndOfDirectory) {
            end = at;
            break;
        }
    if (end == std::string::npos)
        refuse("no zip directory at its end (truncated?)");
    std::uint64_t entries = little(tail, end + 10, 2);
    std::uint64_t directorySize = little(tail, end + 12, 4);
    std::uint64_t directoryOffset = little(tail, end + 16, 4);
    if (entries == 0xFFFF || directorySize == 0xFFFFFFFF || directoryOffset == 0xFFFFFFFF) {
        // Zip64 (archives over 4 GB): a locator just before the record points at the real one.
        if (end < 20 || little(tail, end - 20, 4) != kZip64Locator)
            refuse("a zip64 directory without its locator");
        const std::uint64_t recordOffset = little(tail, end - 20 + 8, 8);
        if (recordOffset > size || size - recordOffset < 56)
            refuse("a zip64 directory record outside the file");
        const std::string record = read(recordOffset, 56);
        if (record.size() < 56 || little(record, 0, 4) != kZip64EndOfDirectory)
            refuse("a broken zip64 directory record");
        entries = little(record, 32, 8);
        directorySize = little(record, 40, 8);
        directoryOffset = little(record, 48, 8);
    }
    if (entries == 0)
        refuse("an empty zip archive");
    if (directoryOffset > size || directorySize > size - directoryOffset)
        refuse("its zip directory lies outside the file (truncated?)");
    // Divided, not multiplied: a zip64 record's 64-bit entry count times 46 can wrap around.
    if (directorySize > kMaxDirectoryBytes || entries > directorySize / kCentralEntrySize)
        refuse("a zip directory of implausible size");

    const std::string directory = read(directoryOffset, static_cast<std::size_t>(directorySize));
    if (directory.size() != directorySize)
        refuse("its zip directory could not be read");
    bool hasData = false, hasVersion = false;
    std::size_t at = 0;
    for (std::uint64_t i = 0; i < entries; ++i) {
        if (directory.size() - at < kCentralEntrySize || little(directory, at, 4) != kCentralHeader)
            refuse("a broken zip directory entry");
        const std::uint64_t compressed = little(directory, at + 20, 4);
        const std::size_t nameLength = little(directory, at + 28, 2);
        const std::size_t extraLength = little(directory, at + 30, 2);
        const std::size_t commentLength = little(directory, at + 32, 2);
        const std::uint64_t localOffset = little(directory, at + 42, 4);
        const std::size_t entrySize = kCentralEntrySize + nameLength + extraLength + commentLength;
        if (directory.size() - at < entrySize)
            refuse("a zip directory entry runs past the directory");
        // Zip64 entries keep their real sizes in the extra field; check the plain ones.
        if (compressed != 0xFFFFFFFF && localOffset != 0xFFFFFFFF &&
            (localOffset >= directoryOffset || compressed > directoryOffset - localOffset))
            refuse("a zip entry lies outside the archive's data");
        const std::string name = directory.substr(at + kCentralEntrySize, nameLength);
        hasData = hasData || endsWith(name, "/data.pkl") || name == "data.pkl";
        hasVersion = hasVersion || endsWith(name, "/version") || name == "version";
        at += entrySize;
    }
    if (!hasData || !hasVersion)
        refuse("a zip archive without TorchScript's data.pkl and version entries");
}

void checkTorchScriptFile(const std::filesystem::path& path)
{
    std::ifstream stream(path, std::ios::binary);
    if (!stream)
        throw Error("cannot read '" + path.u8string() + "'");
    stream.seekg(0, std::ios::end);
    const auto size = static_cast<std::uint64_t>(std::max<std::streamoff>(0, stream.tellg()));
    checkTorchScriptArchive(size, [&stream](std::uint64_t offset, std::size_t length) {
        std::string bytes(length, '\0');
        stream.clear();
        stream.seekg(static_cast<std::streamoff>(offset));
        stream.read(bytes.data(), static_cast<std::streamsize>(length));
        bytes.resize(static_cast<std::size_t>(std::max<std::streamsize>(0, stream.gcount())));
        return bytes;
    });
}

} // namespace advlens::core
