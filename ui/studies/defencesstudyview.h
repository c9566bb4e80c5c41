#pragma once

#include "ui/studies/studyviews.h"

namespace advlens::ui {

/// core's "defences" study: Deep Defense's table, then one plot per attack of
/// the undefended model and each input transform (own gradient, BPDA); in the report, the table and the checks.
StudyView defencesStudyView();

} // namespace advlens::ui
