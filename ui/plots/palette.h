#pragma once

#include "ui/plots/qcustomplotinclude.h"

#include <QColor>

namespace advlens::ui {

/// The colour of the `index`-th series of a plot: Okabe–Ito, told apart with
/// every common colour-vision deficiency and mid-toned enough for light and
/// dark backgrounds (its yellow and black are left out). Six colours; callers
/// tell later rounds apart by marker shape or dash.
QColor paletteColour(int index);
int paletteColourCount();

/// The marker of the `index`-th series; seven shapes, so colour and shape
/// repeat together only after 42 series.
QCPScatterStyle::ScatterShape paletteShape(int index);

} // namespace advlens::ui
