#include "ui/imaging/perturbation.h"

#include <algorithm>
#include <cmath>

namespace advlens::ui {

namespace {

bool wellFormed(const PixelBuffer& b)
{
    return !b.isEmpty() && (b.channels == 1 || b.channels == 3) &&
           b.values.size() == static_cast<std::size_t>(b.channels) * b.height * b.width;
}

} // namespace

bool sameShape(const PixelBuffer& a, const PixelBuffer& b)
{
    return wellFormed(a) && wellFormed(b) && a.channels == b.channels && a.height == b.height && a.width == b.width;
}

Perturbation computePerturbation(const PixelBuffer& original, const PixelBuffer& adversarial)
{
    if (!sameShape(original, adversarial))
        return {};
    Perturbation p;
    p.channels = original.channels;
    p.height = original.height;
    p.width = original.width;
    p.values.resize(original.values.size());
    double sumOfSquares = 0.0;
    for (std::size_t i = 0; i < p.values.size(); ++i) {
        const float d = adversarial.values[i] - original.values[i];
        const float delta = std::isfinite(d) ? d : 0.0F;
        p.values[i] = delta;
        p.linf = std::max(p.linf, double(std::abs(delta)));
        sumOfSquares += double(delta) * delta;
    }
    p.l2 = std::sqrt(sumOfSquares);
    return p;
}

std::vector<float> Perturbation::strongestChannel() const
{
    std::vector<float> plane(static_cast<std::size_t>(height) * width, 0.0F);
    if (isEmpty())
        return plane;
    for (int c = 0; c < channels; ++c) {
        for (std::size_t i = 0; i < plane.size(); ++i) {
            const float v = values[c * plane.size() + i];
            if (std::abs(v) > std::abs(plane[i]))
                plane[i] = v;
        }
    }
    return plane;
}

int Perturbation::changedPixels(float tolerance) const
{
    int changed = 0;
    for (const float v : strongestChannel())
        changed += std::abs(v) > tolerance ? 1 : 0;
    return changed;
}

} // namespace advlens::ui
