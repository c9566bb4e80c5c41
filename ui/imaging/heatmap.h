#pragma once

#include <QMetaType>

#include <cstddef>
#include <vector>

namespace advlens::ui {

/// A saliency map in pixel space, detached from LibTorch so it can cross
/// threads by value: H×W row-major values in [0, 1] (1 = most salient).
/// Values outside [0, 1] or NaN are the producer's bug; the colour map
/// clamps them (NaN shows as 0).
struct HeatMap {
    int height = 0;
    int width = 0;
    std::vector<float> values;

    bool isEmpty() const { return values.empty(); }
    float at(int y, int x) const { return values[static_cast<std::size_t>(y) * width + x]; }
};

} // namespace advlens::ui

Q_DECLARE_METATYPE(advlens::ui::HeatMap)
