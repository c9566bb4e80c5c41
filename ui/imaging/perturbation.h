#pragma once

#include "ui/imaging/pixelbuffer.h"

#include <QMetaType>

#include <cstddef>
#include <vector>

namespace advlens::ui {

/// δ = adversarial − original, per channel and signed: C×H×W planar values
/// in [−1, 1], laid out like PixelBuffer, with its norms in pixel units.
struct Perturbation {
    int channels = 0;
    int height = 0;
    int width = 0;
    std::vector<float> values;
    double linf = 0.0; ///< max |δ| over all C·H·W values
    double l2 = 0.0;   ///< √Σ δ² over all C·H·W values

    bool isEmpty() const { return values.empty(); }
    float at(int channel, int y, int x) const
    {
        return values[(static_cast<std::size_t>(channel) * height + y) * width + x];
    }
    /// One signed value per pixel (H×W, row-major): the channel's δ with the
    /// largest magnitude, so a one-channel change is never averaged away.
    std::vector<float> strongestChannel() const;
    /// Pixels (of H·W) with |δ| > tolerance in any channel: the ℓ0 count.
    int changedPixels(float tolerance = 1e-6F) const;
};

/// δ for two buffers of the same shape; an empty Perturbation when either is
/// empty or malformed, or their shapes differ. A NaN on either side counts as
/// δ = 0, so one bad value cannot poison the norms.
Perturbation computePerturbation(const PixelBuffer& original, const PixelBuffer& adversarial);

/// True when the buffers have the same channels, height and width and
/// hold that many values.
bool sameShape(const PixelBuffer& a, const PixelBuffer& b);

} // namespace advlens::ui

Q_DECLARE_METATYPE(advlens::ui::Perturbation)
