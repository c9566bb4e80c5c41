#include "app/cli/stagetable.h"

#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

namespace advlens::cli {

namespace {

/// One line: robust accuracy at the curve's query counts nearest 10, 100,
/// 1000, … and at its last (the budget), each labelled with its own count.
void printAccuracyByQueries(const core::CurvePoint& p)
{
    const std::vector<core::QueryAccuracy>& curve = p.accuracyByQueries;
    if (curve.empty())
        return;
    std::vector<std::size_t> shown;
    for (double target = 10.0; target < double(curve.back().queries); target *= 10.0) {
        std::size_t nearest = 0;
        for (std::size_t k = 1; k < curve.size(); ++k)
            if (std::abs(std::log(double(curve[k].queries) / target)) <
                std::abs(std::log(double(curve[nearest].queries) / target)))
                nearest = k;
        if (shown.empty() || shown.back() != nearest)
            shown.push_back(nearest);
    }
    if (shown.empty() || shown.back() != curve.size() - 1)
        shown.push_back(curve.size() - 1);
    std::string line;
    for (std::size_t k : shown) {
        char part[64];
        std::snprintf(part, sizeof part, "%s%lld: %.2f %%", line.empty() ? "" : ", ",
                      static_cast<long long>(curve[k].queries), 100.0 * curve[k].robustAccuracy);
        line += part;
    }
    std::printf("epsilon %g: robust accuracy after queries %s\n", p.epsilon, line.c_str());
}

} // namespace

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
        printAccuracyByQueries(p);
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
