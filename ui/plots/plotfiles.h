#pragma once

#include <QSize>
#include <QString>

class QCustomPlot;

namespace advlens::ui {

/// `plot` drawn at `size` into a PNG or a vector PDF, written to a temporary
/// name beside `path` and renamed, so a reader never sees half a file.
bool savePlotPng(QCustomPlot* plot, const QString& path, QSize size);
bool savePlotPdf(QCustomPlot* plot, const QString& path, QSize size, const QString& title);

} // namespace advlens::ui
