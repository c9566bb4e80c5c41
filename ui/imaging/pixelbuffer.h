#pragma once

#include <QMetaType>

#include <cstddef>
#include <vector>

namespace advlens::ui {

/// An image in pixel space, detached from LibTorch so it can cross threads by
/// value: C×H×W float values in [0, 1], planar (all of channel 0, then 1, …),
/// C = 1 (grey) or 3 (RGB). Values outside [0, 1] or NaN are the producer's
/// bug; the QImage conversion clamps them so a view never shows garbage.
struct PixelBuffer {
    int channels = 0;
    int height = 0;
    int width = 0;
    std::vector<float> values;

    bool isEmpty() const { return values.empty(); }
    float at(int channel, int y, int x) const
    {
        return values[(static_cast<std::size_t>(channel) * height + y) * width + x];
    }
};

} // namespace advlens::ui

Q_DECLARE_METATYPE(advlens::ui::PixelBuffer)
