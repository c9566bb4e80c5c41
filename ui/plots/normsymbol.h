#pragma once

#include <QString>

namespace advlens::ui {

/// "linf" → "ℓ∞", "l2" → "ℓ2", "l1" → "ℓ1"; anything else as written. The
/// attack forms, the curve labels and the study figures all name norms so.
inline QString normSymbol(const QString& norm)
{
    if (norm == QLatin1String("linf"))
        return QStringLiteral("ℓ∞");
    if (norm == QLatin1String("l2"))
        return QStringLiteral("ℓ2");
    if (norm == QLatin1String("l1"))
        return QStringLiteral("ℓ1");
    return norm;
}

} // namespace advlens::ui
