#include "app/cli/evalonranks.h"

#include "app/cli/ranks.h"

#include "core/metrics/partialreport.h"
#include "core/metrics/shares.h"
#include "core/metrics/sharemerge.h"

#include <ATen/ATen.h>

namespace advlens::cli {

std::optional<core::RobustnessReport> evaluateOnRanks(const EvalOnRanks& run)
{
    const auto batches = static_cast<int>((run.images + run.options.batchSize - 1) / run.options.batchSize);
    const int checkItems = run.checks ? 1 : 0;
    const std::vector<std::string> parts = computeAcrossRanks(
        batches + checkItems,
        [&](std::int64_t itemIndex) {
            const bool checks = itemIndex < checkItems;
            core::PartialReport partial;
            partial.share = core::Share{checks ? 0 : static_cast<int>(itemIndex - checkItems), batches};
            partial.configuration = run.configuration;
            partial.totalImages = run.images;
            core::CurveOptions item = run.options;
            item.images = checks ? at::empty({0}, at::kLong)
                                 : core::shareImages(run.images, run.options.batchSize, partial.share);
            partial.report = run.evaluate(item);
            if (checks) {
                // The checks attack at the curve's largest ε, which a report of no images has no point for.
                core::RobustnessReport curve = partial.report;
                for (const double epsilon : run.epsilons) {
                    core::CurvePoint point;
                    point.epsilon = epsilon;
                    curve.points.push_back(point);
                }
                const std::size_t before = curve.warnings.size();
                run.checks(curve);
                partial.report.checks = curve.checks;
                partial.checksRun = true;
                partial.checkWarnings.assign(curve.warnings.begin() + static_cast<std::ptrdiff_t>(before),
                                             curve.warnings.end());
            }
            return core::partialReportToJson(partial);
        },
        run.progress);
    if (ranks().rank != 0)
        return std::nullopt;
    std::vector<core::PartialReport> partials;
    std::vector<std::string> names;
    for (std::size_t b = 0; b < std::size_t(batches); ++b) {
        names.push_back("batch " + std::to_string(b));
        partials.push_back(core::partialReportFromJson(parts[b + std::size_t(checkItems)], names.back()));
    }
    core::RobustnessReport report = core::mergeShares(partials, names);
    if (checkItems > 0) {
        // Where the merge puts share 0's checks: after the evaluation's own warnings.
        const core::PartialReport checks = core::partialReportFromJson(parts[0], "the checks");
        report.checks = checks.report.checks;
        report.warnings.insert(report.warnings.end(), checks.checkWarnings.begin(), checks.checkWarnings.end());
    }
    return report;
}

} // namespace advlens::cli
