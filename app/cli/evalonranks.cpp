#include "app/cli/evalonranks.h"

#include "app/cli/ranks.h"

#include "core/metrics/partialreport.h"
#include "core/metrics/shares.h"
#include "core/metrics/sharemerge.h"

#include <ATen/ATen.h>

namespace advlens::cli {

std::optional<core::RobustnessReport> evaluateOnRanks(const EvalOnRanks& run)
{
    const std::int64_t batchSize = run.options.batchSize;
    const auto batches = static_cast<int>((run.images + batchSize - 1) / batchSize);
    std::vector<core::MaskingCheckPass> passes;
    std::int64_t checkBatches = 0;
    if (run.checkCorrect && run.checkImages.size() > 0) {
        // The checks attack at the curve's largest ε: the passes come from the
        // report's header with the curve's points.
        core::CurveOptions none = run.options;
        none.images = at::empty({0}, at::kLong);
        core::RobustnessReport curve = run.evaluate(none);
        for (const double epsilon : run.epsilons) {
            core::CurvePoint point;
            point.epsilon = epsilon;
            curve.points.push_back(point);
        }
        passes = core::maskingCheckPasses(curve, run.checkImages.images[0].numel());
        checkBatches = (run.checkImages.size() + batchSize - 1) / batchSize;
    }
    const std::int64_t checkItems = std::int64_t(passes.size()) * checkBatches;
    const std::vector<std::string> parts = computeAcrossRanks(
        batches + checkItems,
        [&](std::int64_t itemIndex) {
            if (itemIndex < checkItems) {
                const std::int64_t begin = (itemIndex % checkBatches) * batchSize;
                const std::int64_t end = std::min(run.checkImages.size(), begin + batchSize);
                return std::to_string(
                    run.checkCorrect(passes[std::size_t(itemIndex / checkBatches)], begin, end));
            }
            core::PartialReport partial;
            partial.share = core::Share{static_cast<int>(itemIndex - checkItems), batches};
            partial.configuration = run.configuration;
            partial.totalImages = run.images;
            core::CurveOptions item = run.options;
            item.images = core::shareImages(run.images, batchSize, partial.share);
            partial.report = run.evaluate(item);
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
        // After the evaluation's own warnings, where one process puts them.
        std::vector<std::int64_t> correct(passes.size(), 0);
        for (std::int64_t k = 0; k < checkItems; ++k)
            correct[std::size_t(k / checkBatches)] += std::stoll(parts[std::size_t(k)]);
        core::addGradientMaskingVerdicts(report, passes, correct, run.checkImages.size());
    }
    return report;
}

} // namespace advlens::cli
