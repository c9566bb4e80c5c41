#pragma once

#include "ui/imaging/pixelbuffer.h"

#include <QImage>

namespace advlens::ui {

/// The 8-bit picture of a pixel buffer: grey → Format_Grayscale8, RGB →
/// Format_RGB888, each value v ↦ round(255·clamp(v, 0, 1)); NaN shows black.
/// Returns a null QImage for an empty buffer, one with 2 or more than 3
/// channels, or one whose value count is not C·H·W. Pixel-exact: no resampling, one buffer pixel
/// per image pixel.
QImage toQImage(const PixelBuffer& buffer);

} // namespace advlens::ui
