#pragma once

#include "ui/studies/studyviews.h"

namespace advlens::ui {

/// core's "curves" study: one plot per norm and axis with every model × attack
/// on it and the gradient-masking checks beside it; in the report, the checks as a table.
StudyView curvesStudyView();

} // namespace advlens::ui
