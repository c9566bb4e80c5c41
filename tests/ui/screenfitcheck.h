#pragma once

#include <QScreen>
#include <QString>
#include <QWidget>

namespace advlens::test {

/// Empty when `window` fits its screen's available area, else what does not
/// fit, for QVERIFY2.
inline QString sizeBeyondScreen(const QWidget& window)
{
    const QSize available = window.screen()->availableGeometry().size();
    if (window.width() <= available.width() && window.height() <= available.height())
        return {};
    return QStringLiteral("%1×%2 on a screen of %3×%4")
        .arg(window.width())
        .arg(window.height())
        .arg(available.width())
        .arg(available.height());
}

} // namespace advlens::test
