#include "app/cli/commands.h"
#include "app/cli/reportfiles.h"

#include "core/metrics/sharemerge.h"
#include "core/util/atomicfile.h"

#include <cstdio>

namespace advlens::cli {

namespace {

int runMerge(const CommandLine& line)
{
    const std::vector<std::string>& files = line.positional();
    if (files.empty())
        throw UsageError("merge needs the shares' partial results: advlens-cli merge --out PREFIX PART.json...");
    const std::string out = line.value("out");
    if (out.empty())
        throw UsageError("merge needs --out PREFIX");
    std::vector<core::PartialReport> shares;
    for (const std::string& file : files)
        shares.push_back(core::partialReportFromJson(core::readFileBytes(std::filesystem::u8path(file)), file));
    const core::RobustnessReport report = core::mergeShares(shares, files);
    std::printf("merged %zu shares: %lld images, %zu points (seconds are summed over the shares)\n", shares.size(),
                static_cast<long long>(report.clean.images), report.points.size());
    writeReportFiles(out, core::reportToJson(report), report);
    return 0;
}

} // namespace

Command mergeCommand()
{
    CommandSpec spec;
    spec.name = "merge";
    spec.summary = "Join the partial results of 'eval --shard I/N' (every share of one run) into the files the "
                   "whole run writes: the same numbers, seconds summed over the shares.";
    spec.positional = "PART.json...";
    spec.options = {
        {"out", "PREFIX", "write PREFIX.json and PREFIX.csv (and PREFIX-queries.csv for query-based attacks)",
         "robustness"},
    };
    spec.details = "Refused, in one line: shares of different runs (another model, data, setting or program "
                   "version), a share missing or given twice, a cancelled share, a file that is not a partial "
                   "result. The gradient-masking checks are those share 0 ran on the whole set.\n";
    spec.examples = "  advlens-cli merge --out pgd-curve part-0.json part-1.json part-2.json part-3.json\n";
    return {spec, &runMerge};
}

} // namespace advlens::cli
