#pragma once

#include "ui/studies/studyviews.h"

namespace advlens::ui {

/// core's "robustness" study: Su et al.'s scatter plot per metric; in the
/// report, the models' table and the fits d = a + b·ln(error) with their Pareto frontiers.
StudyView robustnessStudyView();

} // namespace advlens::ui
