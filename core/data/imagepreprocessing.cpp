#include "core/data/imagepreprocessing.h"

#include "core/data/imagecompleteness.h"
#include "core/data/imageheader.h"
#include "core/util/atomicfile.h"
#include "core/util/error.h"

#include <ATen/ATen.h>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <cctype>
#include <cmath>

namespace advlens::core {

namespace {

int toOpenCv(Interpolation interpolation)
{
    return interpolation == Interpolation::Area ? cv::INTER_AREA : cv::INTER_NEAREST;
}

/// Python's round(): halves go to the even neighbour (torchvision's centre
/// crop uses it, so a 33-pixel margin puts 16 pixels on top, not 17).
int roundHalfToEven(double value)
{
    return static_cast<int>(std::nearbyint(value));
}

cv::Mat toUnitFloat(const cv::Mat& image)
{
    cv::Mat out;
    switch (image.depth()) {
    case CV_8U:
        image.convertTo(out, CV_32F, 1.0 / 255.0);
        break;
    case CV_16U:
        image.convertTo(out, CV_32F, 1.0 / 65535.0);
        break;
    case CV_32F:
    case CV_64F:
        image.convertTo(out, CV_32F);
        break;
    default:
        throw Error("unsupported pixel type (only 8-bit, 16-bit and float images)");
    }
    cv::patchNaNs(out, 0.0);
    return out;
}

cv::Mat toModelChannels(const cv::Mat& image, int channels)
{
    cv::Mat rgbOrGrey;
    switch (image.channels()) {
    case 1:
        rgbOrGrey = image;
        break;
    case 2:
        cv::extractChannel(image, rgbOrGrey, 0);
        break; // grey + alpha
    case 3:
        cv::cvtColor(image, rgbOrGrey, cv::COLOR_BGR2RGB);
        break;
    case 4:
        cv::cvtColor(image, rgbOrGrey, cv::COLOR_BGRA2RGB);
        break;
    default:
        throw Error("unsupported number of image channels: " + std::to_string(image.channels()));
    }
    if (channels == rgbOrGrey.channels())
        return rgbOrGrey;
    cv::Mat converted;
    cv::cvtColor(rgbOrGrey, converted, channels == 1 ? cv::COLOR_RGB2GRAY : cv::COLOR_GRAY2RGB);
    return converted;
}

/// HWC float image → 1×C×H×W tensor sharing nothing with the Mat.
at::Tensor toTensor(const cv::Mat& image)
{
    const cv::Mat continuous = image.isContinuous() ? image : image.clone();
    return at::from_blob(continuous.data, {continuous.rows, continuous.cols, continuous.channels()}, at::kFloat)
        .permute({2, 0, 1})
        .unsqueeze(0)
        .clone(at::MemoryFormat::Contiguous);
}

/// Bilinear and bicubic resizing as torchvision's Resize does on float tensors
/// (interpolate with align_corners=False, antialias as declared), so a model
/// exported from torchvision sees the values it was evaluated on. Area and
/// nearest have no antialiased torchvision counterpart and stay with OpenCV.
at::Tensor resizeTo(const cv::Mat& image, int height, int width, const PreprocessPolicy& policy)
{
    if (image.rows == height && image.cols == width)
        return toTensor(image);
    const std::vector<std::int64_t> size = {height, width};
    switch (policy.interpolation) {
    case Interpolation::Bilinear:
        return policy.antialias ? at::_upsample_bilinear2d_aa(toTensor(image), size, /*align_corners=*/false)
                                : at::upsample_bilinear2d(toTensor(image), size, /*align_corners=*/false);
    case Interpolation::Bicubic:
        return policy.antialias ? at::_upsample_bicubic2d_aa(toTensor(image), size, /*align_corners=*/false)
                                : at::upsample_bicubic2d(toTensor(image), size, /*align_corners=*/false);
    case Interpolation::Area:
    case Interpolation::Nearest:
        break;
    }
    cv::Mat resized;
    cv::resize(image, resized, cv::Size(width, height), 0, 0, toOpenCv(policy.interpolation));
    return toTensor(resized);
}

at::Tensor resizeToInput(const cv::Mat& image, const InputSpec& input, const PreprocessPolicy& policy)
{
    if (policy.resize == ResizeMode::Stretch)
        return resizeTo(image, input.height, input.width, policy);
    // torchvision's Resize(int) then CenterCrop: the shorter side becomes `size`,
    // the longer one int(size * long / short); the crop offset is round()ed.
    const int size = policy.resizeShorterSide > 0 ? policy.resizeShorterSide : std::max(input.height, input.width);
    int newWidth = size, newHeight = size;
    if (image.cols <= image.rows)
        newHeight = static_cast<int>(static_cast<double>(size) * image.rows / image.cols);
    else
        newWidth = static_cast<int>(static_cast<double>(size) * image.cols / image.rows);
    if (newWidth < input.width || newHeight < input.height)
        throw Error("resize_shorter_side is smaller than the model's input");
    const at::Tensor resized = resizeTo(image, newHeight, newWidth, policy);
    const int top = roundHalfToEven((newHeight - input.height) / 2.0);
    const int left = roundHalfToEven((newWidth - input.width) / 2.0);
    return resized.narrow(2, top, input.height).narrow(3, left, input.width);
}

/// The formats AdvLens reads, by the signature at the start of the file.
/// cv::imdecode would also hand bytes to Debian's OpenCV's DICOM (GDCM),
/// JPEG 2000, OpenEXR, Radiance, Sun raster, PFM and PAM decoders, which no
/// user means to open as a photo; GDCM even aborts the process on a short
/// file with "DICM" at offset 128 (tests/fuzz).
bool isReadableFormat(std::string_view b)
{
    const auto startsWith = [&](std::string_view prefix) { return b.substr(0, prefix.size()) == prefix; };
    return startsWith("\x89PNG\r\n\x1a\n") || startsWith("\xFF\xD8\xFF") || startsWith("BM") ||
           startsWith(std::string_view("II*\0", 4)) || startsWith(std::string_view("MM\0*", 4)) || // TIFF
           startsWith(std::string_view("II+\0", 4)) || startsWith(std::string_view("MM\0+", 4)) || // BigTIFF
           (startsWith("RIFF") && b.size() >= 12 && b.substr(8, 4) == "WEBP") ||
           (b.size() >= 3 && b[0] == 'P' && b[1] >= '1' && b[1] <= '6' && // PBM, PGM, PPM
            std::isspace(static_cast<unsigned char>(b[2])));
}

/// DICOM's marker. OpenCV gives the bytes to the first decoder whose
/// signature check accepts them (BMP, …, JPEG, WebP, …, PBM/PGM/PPM, TIFF,
/// PNG, then GDCM): all but WebP's check only the prefixes above, but WebP's
/// asks libwebp whether the header is valid, and when not, GDCM takes a
/// "RIFF…WEBP" file with this marker. Refused in any file (a real image has
/// these four bytes there about once in 4 billion).
bool hasDicomMarker(std::string_view b)
{
    return b.size() >= 132 && b.substr(128, 4) == "DICM";
}

} // namespace

cv::Mat decodeImage(std::string_view bytes, const std::string& name)
{
    if (static_cast<std::int64_t>(bytes.size()) > kMaxImageFileBytes)
        throw Error("image '" + name + "' is larger than 256 MiB");
    if (bytes.empty())
        throw Error("image '" + name + "' is empty");
    const std::string formats = "not an image format AdvLens reads (PNG, JPEG, BMP, TIFF, WebP, PBM/PGM/PPM)";
    if (!isReadableFormat(bytes))
        throw Error("image '" + name + "' is " + formats);
    if (hasDicomMarker(bytes))
        throw Error("image '" + name + "' has DICOM's marker (\"DICM\" at byte 128): " + formats);
    const std::int64_t limit = maxImagePixels();
    auto tooLarge = [&](std::int64_t width, std::int64_t height) {
        return Error("image '" + name + "' is " + std::to_string(width) + "×" + std::to_string(height) +
                     " pixels, more than the limit of " + std::to_string(limit) +
                     " (set ADVLENS_MAX_IMAGE_PIXELS to change it)");
    };
    const std::optional<ImageSize> size = imageSizeFromHeader(bytes);
    if (!size) // OpenCV's decoders would refuse it too, after printing to stderr
        throw Error("image '" + name + "' has a header that is cut short or malformed");
    if (size->width > limit || size->height > limit || size->width * size->height > limit)
        throw tooLarge(size->width, size->height);
    if (const std::optional<std::string> damage = imageDamage(bytes))
        throw Error("image '" + name + "' " + *damage);
    cv::Mat decoded;
    try {
        const cv::Mat buffer(1, static_cast<int>(bytes.size()), CV_8U, const_cast<char*>(bytes.data()));
        decoded = cv::imdecode(buffer, cv::IMREAD_UNCHANGED);
    } catch (const cv::Exception& e) {
        throw Error("cannot decode image '" + name + "': " + firstLine(e.what()));
    }
    if (decoded.empty())
        throw Error("cannot decode image '" + name + "': not an image OpenCV can read, or corrupt");
    if (static_cast<std::int64_t>(decoded.total()) > limit)
        throw tooLarge(decoded.cols, decoded.rows);
    return decoded;
}

cv::Mat readImageFile(const std::filesystem::path& path)
{
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    if (!ec && static_cast<std::int64_t>(size) > kMaxImageFileBytes)
        throw Error("image '" + path.filename().u8string() + "' is larger than 256 MiB");
    return decodeImage(readFileBytes(path), path.filename().u8string());
}

at::Tensor preprocessImage(const cv::Mat& decoded, const InputSpec& input, const PreprocessPolicy& policy)
{
    if (decoded.empty())
        throw Error("empty image");
    const cv::Mat image = toModelChannels(toUnitFloat(decoded), input.channels);
    return resizeToInput(image, input, policy).clamp(0.0, 1.0).contiguous();
}

at::Tensor loadImageForModel(const std::filesystem::path& path, const InputSpec& input, const PreprocessPolicy& policy)
{
    try {
        return preprocessImage(readImageFile(path), input, policy);
    } catch (const cv::Exception& e) {
        throw Error("cannot convert image '" + path.filename().u8string() + "': " + firstLine(e.what()));
    }
}

} // namespace advlens::core
