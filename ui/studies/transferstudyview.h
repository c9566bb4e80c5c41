#pragma once

#include "ui/studies/studyviews.h"

namespace advlens::ui {

/// core's "transfer" study: a heat map per attack and mode (StudyFigure::matrix
/// indexes "matrices", for the examples behind a cell); in the report, each matrix as a table.
StudyView transferStudyView();

} // namespace advlens::ui
