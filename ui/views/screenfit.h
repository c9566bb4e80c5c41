#pragma once

#include <QSize>

class QWidget;

namespace advlens::ui {

/// `wanted`, or less where the screen `window` is on has a smaller available
/// area (less panels and docks), e.g. 1280×800 for a 1440×900 default; the
/// window's frame is allowed for with a generous guess, as it is not known
/// before the window is shown.
QSize fitToScreen(const QWidget& window, QSize wanted);

} // namespace advlens::ui
