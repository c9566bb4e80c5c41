#pragma once

#include <QImage>

// Worker-side only (LibTorch types are forward-declared; see workers/tensorpixels.h).
namespace at {
class Tensor;
}

namespace advlens::ui {

/// A small picture of one C×H×W (or 1×C×H×W) image in [0, 1], C = 1 or 3, on
/// any device: averaged down (area interpolation, no aliasing) so that its
/// longer side is at most `maxSide`, never enlarged; Grayscale8 for one
/// channel, RGB888 for three. Safe on any thread. Throws core::Error for
/// other shapes.
QImage thumbnailOf(const at::Tensor& image, int maxSide);

} // namespace advlens::ui
