#include "imagepreprocessing.h"

#include "util/atomicfile.h"
#include "util/error.h"

#include <ATen/ATen.h>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <cmath>

namespace advlens::core {

namespace {

int toOpenCv(Interpolation interpolation)
{
    switch (interpolation) {
    case Interpolation::Bilinear:
        return cv::INTER_LINEAR;
    case Interpolation::Area:
        return cv::INTER_AREA;
    case Interpolation::Nearest:
        return cv::INTER_NEAREST;
    case Interpolation::Bicubic:
        return cv::INTER_CUBIC;
    }
    return cv::INTER_LINEAR;
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

cv::Mat resizeToInput(const cv::Mat& image, const InputSpec& input, const PreprocessPolicy& policy)
{
    const int interpolation = toOpenCv(policy.interpolation);
    cv::Mat resized;
    if (policy.resize == ResizeMode::Stretch) {
        if (image.cols == input.width && image.rows == input.height)
            return image;
        cv::resize(image, resized, cv::Size(input.width, input.height), 0, 0, interpolation);
        return resized;
    }
    // torchvision's Resize(int) then CenterCrop: the shorter side becomes `size`,
    // the longer one int(size * long / short); the crop offset is rounded.
    const int size = policy.resizeShorterSide > 0 ? policy.resizeShorterSide : std::max(input.height, input.width);
    int newWidth = size, newHeight = size;
    if (image.cols <= image.rows)
        newHeight = static_cast<int>(static_cast<double>(size) * image.rows / image.cols);
    else
        newWidth = static_cast<int>(static_cast<double>(size) * image.cols / image.rows);
    if (newWidth < input.width || newHeight < input.height)
        throw Error("resize_shorter_side is smaller than the model's input");
    cv::resize(image, resized, cv::Size(newWidth, newHeight), 0, 0, interpolation);
    const int top = static_cast<int>(std::lround((newHeight - input.height) / 2.0));
    const int left = static_cast<int>(std::lround((newWidth - input.width) / 2.0));
    return resized(cv::Rect(left, top, input.width, input.height)).clone();
}

} // namespace

cv::Mat decodeImage(std::string_view bytes, const std::string& name)
{
    if (static_cast<std::int64_t>(bytes.size()) > kMaxImageFileBytes)
        throw Error("image '" + name + "' is larger than 256 MiB");
    if (bytes.empty())
        throw Error("image '" + name + "' is empty");
    cv::Mat decoded;
    try {
        const cv::Mat buffer(1, static_cast<int>(bytes.size()), CV_8U, const_cast<char*>(bytes.data()));
        decoded = cv::imdecode(buffer, cv::IMREAD_UNCHANGED);
    } catch (const cv::Exception& e) {
        throw Error("cannot decode image '" + name + "': " + firstLine(e.what()));
    }
    if (decoded.empty())
        throw Error("cannot decode image '" + name + "': not an image OpenCV can read, or corrupt");
    if (static_cast<std::int64_t>(decoded.total()) > kMaxImagePixels)
        throw Error("image '" + name + "' is too large (" + std::to_string(decoded.cols) + "×" +
                    std::to_string(decoded.rows) + " pixels)");
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
    cv::Mat image = toModelChannels(toUnitFloat(decoded), input.channels);
    image = resizeToInput(image, input, policy);
    if (!image.isContinuous())
        image = image.clone();
    at::Tensor hwc = at::from_blob(image.data, {image.rows, image.cols, image.channels()}, at::kFloat);
    return hwc.permute({2, 0, 1}).unsqueeze(0).clamp(0.0, 1.0).contiguous();
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
