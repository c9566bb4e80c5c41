#pragma once

#include "ui/studies/studyfigures.h"

#include <QStringList>

namespace advlens::ui {

/// Draws every figure of a finished study into its folder as
/// figures/<name>.png and figures/<name>.pdf and writes report.html, one page
/// with the figures, the tables and the gradient-masking checks (self-contained
/// apart from the PNGs beside it). Needs a QApplication (the offscreen
/// platform will do). Returns the files written; on failure returns what was
/// written so far and sets `error`.
QStringList writeStudyReport(const StudyResults& results, QString* error);

} // namespace advlens::ui
