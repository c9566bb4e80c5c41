#pragma once

#include "core/studies/studyconfig.h"
#include "core/util/runcontrol.h"

#include <c10/core/Device.h>

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace advlens::core {

class StudyStore;

struct StudyRunOptions {
    c10::Device device{c10::kCPU};
    /// Cancellation is checked between and inside parts; progress counts parts
    /// (done, total), reused ones included.
    RunControl control;
    /// One line per part as it starts or is found finished, for a terminal or a log view.
    std::function<void(const std::string&)> log;
    /// Compute and store the parts only, writing no results.json or tables:
    /// a work item of a split run (studyWorkItems), assembled by a last full run.
    bool partsOnly = false;
    /// Compute nothing: a part missing from the store ends the run as
    /// cancelled (unfinishedWorkItems uses it to look without computing).
    bool storedOnly = false;
};

struct StudyOutcome {
    bool cancelled = false; ///< stopped early; finished parts are kept for the next run
    std::int64_t partsComputed = 0;
    std::int64_t partsReused = 0; ///< found finished in the store with the same inputs
    std::filesystem::path results; ///< results.json (written only when the study finished)
    std::vector<std::filesystem::path> tables; ///< CSV files written beside it
};

/// Runs a study into `store` on the calling thread (which then owns the models
/// it opens), and keeps its config there (saveStudyConfig) unless partsOnly
/// or storedOnly. Parts already in the store with the same inputs are reused, so
/// an interrupted run resumes where it stopped. When every part is done,
/// writes results.json (what the figures and the report are drawn from) and
/// the study's CSV tables. Throws Error for a bad config or a model or data
/// set that cannot be opened.
StudyOutcome runStudy(const StudyConfig& config, const StudyStore& store, const StudyRunOptions& options = {});

/// A study split into work items for several processes (mpirun ranks, or
/// `study --shard` jobs): configs whose runs, with partsOnly, each compute
/// some of the study's parts into the shared store and together all of them,
/// with the fingerprints the whole config gives them, so that a last run of
/// the whole config reuses every part and writes what one process would. A
/// study that cannot be split is one item, the whole config.
std::vector<StudyConfig> studyWorkItems(const StudyConfig& config);

/// The titles of the work items of `config` whose parts are not all in the
/// store yet (for a study split over shards or ranks that did not all
/// finish), in item order; empty when every part is there. Computes nothing
/// and opens no model.
std::vector<std::string> unfinishedWorkItems(const StudyConfig& config, const StudyStore& store);

/// The file a study's folder keeps its config in (study-config.json), so
/// that the folder says what it is a study of before results.json exists.
std::filesystem::path savedConfigFile(const std::filesystem::path& folder);
/// Writes `config` (studyConfigToJson) there, atomically.
void saveStudyConfig(const StudyConfig& config, const StudyStore& store);

} // namespace advlens::core
