#pragma once

#include "ui/imaging/pixelbuffer.h"

// Forward declaration only: moc and the GUI files must never see LibTorch
// headers (Qt's keywords clash with them), so only worker .cpp files include ATen.
namespace at {
class Tensor;
}

namespace advlens::ui {

/// Copies a C×H×W or 1×C×H×W image tensor (any device, any floating dtype,
/// values in [0, 1]) into a pixel buffer. Throws core::Error for other shapes.
PixelBuffer toPixelBuffer(const at::Tensor& image);

} // namespace advlens::ui
