#include "core/defences/inputtransforms.h"

#include "core/util/error.h"
#include "core/util/tensorformat.h"

#include <ATen/ATen.h>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cctype>
#include <vector>

namespace advlens::core {

namespace {

constexpr const char* kSpecForms = "expected jpeg:QUALITY (1-100) or bits:BITS (1-8), e.g. jpeg:75 or bits:3";

/// A whole number in [low, high], or Error naming what it is for.
int parseLevel(const std::string& text, int low, int high, const std::string& what, const std::string& spec)
{
    const bool digits = !text.empty() && text.size() <= 3 &&
                        std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c) != 0; });
    const int value = digits ? std::stoi(text) : -1;
    if (!digits || value < low || value > high)
        throw Error("defence '" + spec + "': " + what + " must be a whole number from " + std::to_string(low) + " to " +
                    std::to_string(high) + ", not '" + text + "'");
    return value;
}

} // namespace

InputDefence parseInputDefence(const std::string& spec)
{
    std::string lower = spec;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
    const auto colon = lower.find(':');
    if (colon == std::string::npos)
        throw Error("defence '" + spec + "' has no level: " + kSpecForms);
    const std::string name = lower.substr(0, colon), level = lower.substr(colon + 1);
    InputDefence defence;
    if (name == "jpeg") {
        defence.kind = InputDefence::Kind::Jpeg;
        defence.level = parseLevel(level, 1, 100, "the JPEG quality", spec);
    } else if (name == "bits") {
        defence.kind = InputDefence::Kind::BitDepth;
        defence.level = parseLevel(level, 1, 8, "the bit depth", spec);
    } else {
        throw Error("unknown defence '" + spec + "': " + kSpecForms);
    }
    return defence;
}

std::string toString(const InputDefence& defence)
{
    return (defence.kind == InputDefence::Kind::Jpeg ? "jpeg:" : "bits:") + std::to_string(defence.level);
}

at::Tensor reduceBitDepth(const at::Tensor& pixels, int bits)
{
    if (bits < 1 || bits > 8)
        throw Error("bit depth must be 1 to 8, not " + std::to_string(bits));
    const double levels = double((1 << bits) - 1);
    return at::round(pixels.clamp(0.0, 1.0) * levels) / levels;
}

at::Tensor jpegRecompress(const at::Tensor& pixels, int quality)
{
    if (quality < 1 || quality > 100)
        throw Error("JPEG quality must be 1 to 100, not " + std::to_string(quality));
    if (pixels.dim() != 4 || (pixels.size(1) != 1 && pixels.size(1) != 3) || pixels.size(2) < 1 || pixels.size(3) < 1)
        throw Error("JPEG re-compression expects N×1×H×W or N×3×H×W images, got shape " + shapeString(pixels.sizes()));
    const std::int64_t n = pixels.size(0), channels = pixels.size(1);
    const int height = static_cast<int>(pixels.size(2)), width = static_cast<int>(pixels.size(3));
    // 8-bit N×H×W×C on the CPU, as a JPEG file would hold it.
    const at::Tensor bytes = pixels.detach()
                                 .to(at::kCPU, at::kFloat)
                                 .clamp(0.0, 1.0)
                                 .mul(255.0)
                                 .round()
                                 .to(at::kByte)
                                 .permute({0, 2, 3, 1})
                                 .contiguous();
    at::Tensor out = at::empty({n, height, width, channels}, at::kByte);
    const int type = channels == 1 ? CV_8UC1 : CV_8UC3;
    const std::vector<int> parameters{cv::IMWRITE_JPEG_QUALITY, quality};
    std::vector<uchar> encoded;
    for (std::int64_t i = 0; i < n; ++i) {
        cv::Mat image(height, width, type, bytes[i].data_ptr<std::uint8_t>());
        if (channels == 3) {
            cv::Mat bgr; // OpenCV's codecs take BGR
            cv::cvtColor(image, bgr, cv::COLOR_RGB2BGR);
            image = bgr;
        }
        if (!cv::imencode(".jpg", image, encoded, parameters))
            throw Error("OpenCV could not encode a " + std::to_string(width) + "×" + std::to_string(height) +
                        " image as JPEG");
        cv::Mat decoded = cv::imdecode(encoded, channels == 1 ? cv::IMREAD_GRAYSCALE : cv::IMREAD_COLOR);
        if (decoded.empty() || decoded.rows != height || decoded.cols != width)
            throw Error("OpenCV could not decode the JPEG it had just encoded");
        cv::Mat target(height, width, type, out[i].data_ptr<std::uint8_t>());
        if (channels == 3)
            cv::cvtColor(decoded, target, cv::COLOR_BGR2RGB);
        else
            decoded.copyTo(target);
    }
    return out.permute({0, 3, 1, 2}).to(at::kFloat).div(255.0).contiguous().to(pixels.device());
}

at::Tensor applyInputDefence(const InputDefence& defence, const at::Tensor& pixels)
{
    return defence.kind == InputDefence::Kind::Jpeg ? jpegRecompress(pixels, defence.level)
                                                    : reduceBitDepth(pixels, defence.level);
}

} // namespace advlens::core
