#include "ui/imaging/pixelreadout.h"

#include <QStringList>

#include <cmath>

namespace advlens::ui {

namespace {

constexpr int kValueDecimals = 3; ///< pixel values are 8-bit: 3 decimals suffice

QString number(double value)
{
    return QString::number(value, 'f', kValueDecimals);
}

/// "+0.031" / "−0.020" with a real minus sign; −0.000 reads "+0.000".
QString signedNumber(double value)
{
    const QString magnitude = number(std::abs(value));
    const bool negative = value < 0.0 && magnitude != number(0.0);
    return (negative ? QStringLiteral("\u2212") : QStringLiteral("+")) + magnitude;
}

/// k/255 with one decimal, or none when k is (nearly) whole: "8", "7.6".
QString per255(double value)
{
    const double k = value * 255.0;
    return std::abs(k - std::round(k)) < 0.05 ? QString::number(std::lround(k)) : QString::number(k, 'f', 1);
}

QString values(const PixelBuffer& buffer, QPoint pixel)
{
    if (buffer.channels == 1)
        return number(buffer.at(0, pixel.y(), pixel.x()));
    QStringList parts;
    for (int c = 0; c < buffer.channels; ++c)
        parts << number(buffer.at(c, pixel.y(), pixel.x()));
    return QStringLiteral("(%1)").arg(parts.join(QStringLiteral(", ")));
}

} // namespace

QString PixelReadout::pixel(const PixelBuffer& original, const PixelBuffer& adversarial,
                            const Perturbation& perturbation, QPoint pixel)
{
    if (original.isEmpty() || pixel.x() < 0 || pixel.y() < 0 || pixel.x() >= original.width ||
        pixel.y() >= original.height)
        return {};
    if (perturbation.isEmpty())
        return tr("%1, %2 — original %3").arg(pixel.x()).arg(pixel.y()).arg(values(original, pixel));
    QStringList deltas;
    for (int c = 0; c < perturbation.channels; ++c)
        deltas << signedNumber(perturbation.at(c, pixel.y(), pixel.x()));
    return tr("%1, %2 — original %3 → adversarial %4 (δ %5)")
        .arg(pixel.x())
        .arg(pixel.y())
        .arg(values(original, pixel), values(adversarial, pixel), deltas.join(QStringLiteral(", ")));
}

QString PixelReadout::norms(const Perturbation& perturbation)
{
    if (perturbation.isEmpty())
        return {};
    const double linf = perturbation.linf;
    return tr("ℓ∞ = %1 (%2/255) · ℓ₂ = %3")
        .arg(QString::number(linf, 'f', 4), per255(linf), QString::number(perturbation.l2, 'f', 3));
}

} // namespace advlens::ui
