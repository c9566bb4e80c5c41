#include "ui/gallery/thumbnail.h"

#include "core/util/error.h"
#include "core/util/tensorformat.h"

#include <ATen/ATen.h>

#include <algorithm>
#include <cmath>
#include <cstring>

namespace advlens::ui {

QImage thumbnailOf(const at::Tensor& image, int maxSide)
{
    at::Tensor chw = image.dim() == 4 && image.size(0) == 1 ? image[0] : image;
    if (chw.dim() != 3 || (chw.size(0) != 1 && chw.size(0) != 3))
        throw core::Error("a thumbnail needs a 1- or 3-channel C×H×W image, got " + core::shapeString(image.sizes()));
    chw = chw.detach().to(at::kCPU, at::kFloat);
    const std::int64_t height = chw.size(1);
    const std::int64_t width = chw.size(2);
    const std::int64_t longer = std::max(height, width);
    if (longer > maxSide) {
        const double scale = static_cast<double>(maxSide) / static_cast<double>(longer);
        const auto h = std::max<std::int64_t>(1, std::llround(height * scale));
        const auto w = std::max<std::int64_t>(1, std::llround(width * scale));
        chw = at::adaptive_avg_pool2d(chw.unsqueeze(0), {h, w})[0];
    }
    const at::Tensor hwc = (chw * 255.0).round().clamp(0, 255).to(at::kByte).permute({1, 2, 0}).contiguous();
    const int h = static_cast<int>(hwc.size(0));
    const int w = static_cast<int>(hwc.size(1));
    const int channels = static_cast<int>(hwc.size(2));
    QImage thumbnail(w, h, channels == 1 ? QImage::Format_Grayscale8 : QImage::Format_RGB888);
    const auto* source = hwc.data_ptr<std::uint8_t>();
    // QImage pads its lines to 4 bytes: copy line by line.
    for (int y = 0; y < h; ++y)
        std::memcpy(thumbnail.scanLine(y), source + static_cast<std::size_t>(y) * w * channels,
                    static_cast<std::size_t>(w) * channels);
    return thumbnail;
}

} // namespace advlens::ui
