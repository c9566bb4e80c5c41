#pragma once

#include "ui/imaging/perturbation.h"
#include "ui/imaging/pixelbuffer.h"

#include <QCoreApplication>
#include <QPoint>
#include <QString>

namespace advlens::ui {

/// The text of the comparison's numbers: pixel values to three decimals
/// (enough for 8-bit data), signed δ with a real minus sign.
class PixelReadout {
    Q_DECLARE_TR_FUNCTIONS(PixelReadout)

public:
    /// "x, y — original v → adversarial v′ (δ ±d)"; RGB values as triples.
    /// Without a perturbation only "x, y — original v". Empty when the
    /// pixel lies outside the original.
    static QString pixel(const PixelBuffer& original, const PixelBuffer& adversarial, const Perturbation& perturbation,
                         QPoint pixel);
    /// "ℓ∞ = 0.0314 (8/255) · ℓ₂ = 0.754"; empty without a perturbation.
    static QString norms(const Perturbation& perturbation);
};

} // namespace advlens::ui
