#pragma once

#include "core/metrics/robustnessreport.h"

#include <string>

namespace advlens::cli {

/// Writes an evaluation's files: PREFIX.json (`json`, the report's JSON
/// text), PREFIX.csv and, when a point has an accuracy-by-queries curve,
/// PREFIX-queries.csv; says on stdout which were written.
void writeReportFiles(const std::string& prefix, const std::string& json, const core::RobustnessReport& report);

} // namespace advlens::cli
