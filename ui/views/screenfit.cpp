#include "ui/views/screenfit.h"

#include <QScreen>
#include <QWidget>

namespace advlens::ui {

namespace {

/// Title bar and borders.
const QSize kFrameAllowance(16, 48);

} // namespace

QSize fitToScreen(const QWidget& window, QSize wanted)
{
    const QScreen* screen = window.screen();
    return screen ? wanted.boundedTo(screen->availableGeometry().size() - kFrameAllowance) : wanted;
}

} // namespace advlens::ui
