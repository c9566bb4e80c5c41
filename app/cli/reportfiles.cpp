#include "app/cli/reportfiles.h"

#include "core/util/atomicfile.h"

#include <algorithm>
#include <cstdio>

namespace advlens::cli {

void writeReportFiles(const std::string& out, const std::string& json, const core::RobustnessReport& report)
{
    core::writeFileAtomically(std::filesystem::u8path(out + ".json"), json);
    core::writeFileAtomically(std::filesystem::u8path(out + ".csv"), core::reportToCsv(report));
    const bool queryCurves = std::any_of(report.points.begin(), report.points.end(),
                                         [](const core::CurvePoint& p) { return !p.accuracyByQueries.empty(); });
    if (queryCurves) {
        core::writeFileAtomically(std::filesystem::u8path(out + "-queries.csv"), core::reportQueriesToCsv(report));
        std::printf("wrote %s.json, %s.csv and %s-queries.csv\n", out.c_str(), out.c_str(), out.c_str());
    } else {
        std::printf("wrote %s.json and %s.csv\n", out.c_str(), out.c_str());
    }
}

} // namespace advlens::cli
