#include "app/cli/stagetable.h"

#include <cmath>
#include <cstdio>

namespace advlens::cli {

void printQueriesAndStages(const core::RobustnessReport& report, const core::AttackInfo& attack)
{
    const auto counted = static_cast<double>(report.clean.counted());
    for (const core::CurvePoint& p : report.points) {
        if (!attack.needsGradients)
            std::printf("epsilon %g: %lld queries, median %s to success\n", p.epsilon,
                        static_cast<long long>(p.queries),
                        std::isnan(p.medianQueriesToSuccess)
                            ? "(none succeeded)"
                            : std::to_string(static_cast<long long>(std::llround(p.medianQueriesToSuccess))).c_str());
        if (p.stages.empty())
            continue;
        std::printf("stages at epsilon %g:\n", p.epsilon);
        std::printf("  %-12s %9s %13s %16s %14s %10s\n", "stage", "attacked", "robust after", "robust acc. %",
                    "queries", "seconds");
        for (const core::AttackStage& s : p.stages)
            std::printf("  %-12s %9lld %13lld %16.2f %14lld %10.1f\n", s.name.c_str(),
                        static_cast<long long>(s.attacked), static_cast<long long>(s.robustAfter),
                        counted > 0 ? 100.0 * double(s.robustAfter) / counted : 0.0,
                        static_cast<long long>(s.queries), s.seconds);
    }
}

} // namespace advlens::cli
