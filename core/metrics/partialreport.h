#pragma once

#include "core/metrics/robustnessreport.h"
#include "core/metrics/shares.h"

#include <map>
#include <string>
#include <vector>

namespace advlens::core {

/// One share of an evaluation split over processes (eval --shard): the
/// share's per-image outcomes, from which the merge computes every number of
/// the whole run (sharemerge.h), and what it was computed with.
struct PartialReport {
    Share share;
    /// Everything the numbers depend on, by name (the command's settings, the
    /// model's and the data's content hashes, the program's version): shares
    /// are merged only when these are equal.
    std::map<std::string, std::string> configuration;
    std::int64_t totalImages = 0; ///< of the whole run
    /// Header (model, attack, method, axis, config, cancelled), each point's
    /// ε, steps and seconds, and `outcomes`; its other numbers are the share's
    /// own and are not written. Its checks are the gradient-masking checks of
    /// the whole set, run by one share only (checksRun).
    RobustnessReport report;
    bool checksRun = false;
    std::vector<std::string> checkWarnings; ///< the warnings the checks added
};

/// A short hash of the configuration, to name it in one line.
std::string configurationFingerprint(const std::map<std::string, std::string>& configuration);

/// JSON text (one line) with a "partial" section (share, shards, fingerprint,
/// configuration, total images), the report's header and per-image arrays.
/// Non-finite numbers are written as the strings "nan", "inf", "-inf".
std::string partialReportToJson(const PartialReport& partial);

/// Reads partialReportToJson()'s text; throws Error with one line when the
/// text is not JSON, has no "partial" section (a whole run's result) or is
/// incomplete. `name` (the file) goes into the messages.
PartialReport partialReportFromJson(const std::string& text, const std::string& name);

} // namespace advlens::core
