#pragma once

#include <QString>

namespace advlens::ui {

/// What a study folder without results.json lacks, for the Studies view: a
/// study split over cluster shards or MPI ranks whose parts are not all there
/// yet (or a run that stopped early) says which work items are missing and
/// how to finish it. Empty when the folder keeps no study config. Reads the
/// store only: computes nothing and opens no model. Throws nothing (the
/// Studies window runs it on a thread of its own), saying what went wrong instead.
QString unfinishedStudyText(const QString& folder);

} // namespace advlens::ui
