#pragma once

#include "ui/imaging/heatmap.h"

#include <QImage>
#include <QRgb>

#include <vector>

namespace advlens::ui {

/// Diverging blue–white–red map for signed values (ColorBrewer RdBu reversed,
/// as matplotlib's 'RdBu_r', with a pure white centre): t ∈ [−1, 1], −1 dark
/// blue, 0 white, +1 dark red; t is clamped and NaN shows white. Colour-blind
/// safe (blue/red differ in lightness as well as hue).
QRgb divergingColor(float t);

/// Sequential dark-to-bright map for magnitudes (matplotlib's 'inferno'):
/// t ∈ [0, 1], 0 near black, 1 pale yellow; t is clamped and NaN shows as 0.
/// Lightness rises monotonically, so it reads in grey and to colour-blind eyes.
QRgb sequentialColor(float t);

/// The H×W row-major signed values as an RGB32 image, pixel (x, y) coloured
/// divergingColor(scale · value). Null for empty input or a size mismatch.
QImage divergingImage(const std::vector<float>& values, int height, int width, double scale);

/// The heat map as an RGB32 image through sequentialColor. Null when empty or
/// malformed.
QImage sequentialImage(const HeatMap& heat);

/// A horizontal colour bar of the diverging map from −1 (left) to +1, one
/// column per value, for legends.
QImage divergingLegend(int width, int height);

} // namespace advlens::ui
