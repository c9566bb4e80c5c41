#include "ui/workers/tensorpixels.h"

#include "core/util/error.h"
#include "core/util/tensorformat.h"

#include <ATen/ATen.h>

namespace advlens::ui {

PixelBuffer toPixelBuffer(const at::Tensor& image)
{
    at::Tensor chw = image.dim() == 4 && image.size(0) == 1 ? image[0] : image;
    if (chw.dim() != 3)
        throw core::Error("expected a C×H×W image, got shape " + core::shapeString(image.sizes()));
    chw = chw.detach().to(at::kCPU, at::kFloat).contiguous();

    PixelBuffer buffer;
    buffer.channels = static_cast<int>(chw.size(0));
    buffer.height = static_cast<int>(chw.size(1));
    buffer.width = static_cast<int>(chw.size(2));
    const float* data = chw.data_ptr<float>();
    buffer.values.assign(data, data + chw.numel());
    return buffer;
}

} // namespace advlens::ui
