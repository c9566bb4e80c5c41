#pragma once

class QCPAxis;
class QCustomPlot;
class QPalette;

namespace advlens::ui {

/// Colours `plot`'s background, every axis of its axis rectangles (lines,
/// ticks, labels, dotted grid), its legend text and its title elements from
/// `palette`: QCustomPlot draws black on white whatever the desktop theme, so
/// on a dark one text in the palette's colours would vanish. Call again on
/// QEvent::PaletteChange. Grid visibility and zero lines are left to the caller.
void applyPlotPalette(QCustomPlot& plot, const QPalette& palette);

/// The same for one axis outside the axis rectangles (a colour scale's).
void applyAxisPalette(QCPAxis& axis, const QPalette& palette);

/// Moves `plot`'s legend out of the axis rectangle into a row below it,
/// centred: inside, it covers data and labels once entries are long. Empty
/// elements either side take the spare width and keep the axes wide when the
/// legend is empty (a grid column is no wider than its narrowest element's
/// maximum).
void placeLegendBelow(QCustomPlot& plot);

} // namespace advlens::ui
