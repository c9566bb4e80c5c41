#include "ui/imaging/colormaps.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>

namespace advlens::ui {

namespace {

/// ColorBrewer RdBu (11 classes) reversed, negative → positive; the centre
/// #f7f7f7 is made pure white so that δ = 0 reads as "no change".
constexpr std::array<QRgb, 11> kDiverging = {
    0x053061, 0x2166ac, 0x4393c3, 0x92c5de, 0xd1e5f0, 0xffffff, 0xfddbc7, 0xf4a582, 0xd6604d, 0xb2182b, 0x67001f,
};

/// matplotlib 'inferno' sampled at ten evenly spaced points.
constexpr std::array<QRgb, 10> kSequential = {
    0x000004, 0x1b0c42, 0x4b0c6b, 0x781c6d, 0xa52c60, 0xcf4446, 0xed6925, 0xfb9a06, 0xf7d03c, 0xfcffa4,
};

/// Piecewise-linear interpolation between evenly spaced stops, s ∈ [0, 1].
template <std::size_t N> QRgb interpolate(const std::array<QRgb, N>& stops, float s)
{
    const float position = std::clamp(s, 0.0F, 1.0F) * float(N - 1);
    const auto i = std::min(static_cast<std::size_t>(position), N - 2);
    const float f = position - float(i);
    const auto mix = [f](int a, int b) { return int(std::lround(a + (b - a) * f)); };
    const QRgb a = stops[i];
    const QRgb b = stops[i + 1];
    return qRgb(mix(qRed(a), qRed(b)), mix(qGreen(a), qGreen(b)), mix(qBlue(a), qBlue(b)));
}

} // namespace

QRgb divergingColor(float t)
{
    if (std::isnan(t))
        t = 0.0F;
    return interpolate(kDiverging, (std::clamp(t, -1.0F, 1.0F) + 1.0F) / 2.0F);
}

QRgb sequentialColor(float t)
{
    return interpolate(kSequential, std::isnan(t) ? 0.0F : t);
}

QImage divergingImage(const std::vector<float>& values, int height, int width, double scale)
{
    if (values.empty() || height <= 0 || width <= 0 || values.size() != static_cast<std::size_t>(height) * width)
        return {};
    QImage image(width, height, QImage::Format_RGB32);
    for (int y = 0; y < height; ++y) {
        auto* line = reinterpret_cast<QRgb*>(image.scanLine(y));
        for (int x = 0; x < width; ++x)
            line[x] = divergingColor(float(scale * values[static_cast<std::size_t>(y) * width + x]));
    }
    return image;
}

QImage sequentialImage(const HeatMap& heat)
{
    if (heat.isEmpty() || heat.height <= 0 || heat.width <= 0 ||
        heat.values.size() != static_cast<std::size_t>(heat.height) * heat.width)
        return {};
    QImage image(heat.width, heat.height, QImage::Format_RGB32);
    for (int y = 0; y < heat.height; ++y) {
        auto* line = reinterpret_cast<QRgb*>(image.scanLine(y));
        for (int x = 0; x < heat.width; ++x)
            line[x] = sequentialColor(heat.at(y, x));
    }
    return image;
}

QImage divergingLegend(int width, int height)
{
    if (width <= 0 || height <= 0)
        return {};
    QImage image(width, height, QImage::Format_RGB32);
    for (int x = 0; x < width; ++x) {
        const float t = width == 1 ? 0.0F : -1.0F + 2.0F * float(x) / float(width - 1);
        const QRgb colour = divergingColor(t);
        for (int y = 0; y < height; ++y)
            reinterpret_cast<QRgb*>(image.scanLine(y))[x] = colour;
    }
    return image;
}

} // namespace advlens::ui
