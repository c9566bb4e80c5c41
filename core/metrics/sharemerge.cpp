#include "core/metrics/sharemerge.h"

#include "core/attacks/evaluationsigns.h"
#include "core/util/error.h"

#include <ATen/ATen.h>

#include <cmath>

namespace advlens::core {

namespace {

std::string shareName(const Share& share)
{
    return std::to_string(share.index) + "/" + std::to_string(share.count);
}

/// The first setting in which `b` differs from `a`, as one line.
std::string firstDifference(const std::map<std::string, std::string>& a, const std::map<std::string, std::string>& b)
{
    for (const auto& [key, value] : a) {
        const auto it = b.find(key);
        if (it == b.end())
            return key + " (missing)";
        if (it->second != value)
            return key + " ('" + value + "' vs '" + it->second + "')";
    }
    for (const auto& [key, value] : b)
        if (a.find(key) == a.end())
            return key + " (missing)";
    return "nothing";
}

/// Refuses shares that do not belong together or do not make a whole run.
void checkShares(const std::vector<PartialReport>& shares, const std::vector<std::string>& names)
{
    if (shares.empty())
        throw Error("nothing to merge: give every share's partial result");
    const PartialReport& first = shares.front();
    std::vector<int> holder(static_cast<std::size_t>(std::max(first.share.count, 0)), -1);
    for (std::size_t s = 0; s < shares.size(); ++s) {
        const PartialReport& share = shares[s];
        if (share.configuration != first.configuration)
            throw Error(names[s] + " was computed differently from " + names[0] + ": " +
                        firstDifference(first.configuration, share.configuration));
        if (share.share.count != first.share.count || share.totalImages != first.totalImages)
            throw Error(names[s] + " is share " + shareName(share.share) + " but " + names[0] + " is share " +
                        shareName(first.share) + ": not one run's shares");
        if (share.share.index < 0 || share.share.index >= share.share.count)
            throw Error(names[s] + " claims share " + shareName(share.share) + ", which does not exist");
        if (share.report.cancelled)
            throw Error(names[s] + " is a cancelled share: run share " + shareName(share.share) + " again");
        int& slot = holder[static_cast<std::size_t>(share.share.index)];
        if (slot >= 0)
            throw Error("share " + shareName(share.share) + " is given twice: " + names[static_cast<std::size_t>(slot)] +
                        " and " + names[s]);
        slot = static_cast<int>(s);
    }
    for (std::size_t i = 0; i < holder.size(); ++i)
        if (holder[i] < 0)
            throw Error("share " + shareName({static_cast<int>(i), first.share.count}) + " is missing (" +
                        std::to_string(shares.size()) + " of " + std::to_string(first.share.count) + " given)");
}

/// The images' outcomes of one point of every share, joined and put in the
/// data set's order by `order`.
PointOutcomes joinPoint(const std::vector<const PartialReport*>& withImages, std::size_t p, const at::Tensor& order)
{
    auto join = [&](at::Tensor PointOutcomes::*field) {
        std::vector<at::Tensor> parts;
        for (const PartialReport* share : withImages)
            parts.push_back(share->report.outcomes.points[p].*field);
        return at::cat(parts).index_select(0, order);
    };
    PointOutcomes joined;
    joined.predictions = join(&PointOutcomes::predictions);
    joined.adversarialFinite = join(&PointOutcomes::adversarialFinite);
    joined.success = join(&PointOutcomes::success);
    joined.l0 = join(&PointOutcomes::l0);
    joined.l1 = join(&PointOutcomes::l1);
    joined.l2 = join(&PointOutcomes::l2);
    joined.linf = join(&PointOutcomes::linf);
    joined.queries = join(&PointOutcomes::queries);
    bool everyShareCounted = true;
    for (const PartialReport* share : withImages) {
        const PointOutcomes& o = share->report.outcomes.points[p];
        everyShareCounted = everyShareCounted && o.queriesToSuccess.defined();
        joined.gradientEvaluations += o.gradientEvaluations;
        joined.queriesSpent += o.queriesSpent;
        joined.queryBudget = o.queryBudget;
        addStages(joined.stages, o.stages); // sums counts and seconds, as over batches
        joined.signs.add(o.signs);
    }
    if (everyShareCounted)
        joined.queriesToSuccess = join(&PointOutcomes::queriesToSuccess);
    return joined;
}

} // namespace

RobustnessReport mergeShares(const std::vector<PartialReport>& shares, const std::vector<std::string>& names)
{
    if (names.size() != shares.size())
        throw Error("mergeShares: one name per share");
    checkShares(shares, names);

    // Shares with images, in share order; a share of a run with fewer batches
    // than shares may have none, and no points.
    std::vector<const PartialReport*> withImages;
    const PartialReport* header = nullptr;
    for (const PartialReport& share : shares)
        if (share.report.outcomes.indices.numel() > 0) {
            withImages.push_back(&share);
            if (!header || share.share.index < header->share.index)
                header = &share;
        }
    RobustnessReport report;
    const PartialReport& base = header ? *header : shares.front();
    report.model = base.report.model;
    report.attack = base.report.attack;
    report.surrogate = base.report.surrogate;
    report.method = base.report.method;
    report.axis = base.report.axis;
    report.config = base.report.config;
    const std::size_t points = base.report.points.size();
    for (const PartialReport* share : withImages)
        if (share->report.points.size() != points)
            throw Error("the shares have different numbers of points (" + std::to_string(points) + " and " +
                        std::to_string(share->report.points.size()) + ")");

    std::vector<at::Tensor> indices, labels, predictions, top1, top5, finite;
    for (const PartialReport* share : withImages) {
        const ImageOutcomes& o = share->report.outcomes;
        indices.push_back(o.indices);
        labels.push_back(o.labels);
        predictions.push_back(o.clean.predictions);
        top1.push_back(o.clean.top1);
        top5.push_back(o.clean.top5);
        finite.push_back(o.clean.finite);
    }
    const std::int64_t total = base.totalImages;
    at::Tensor order;
    if (!withImages.empty()) {
        const auto [sorted, permutation] = at::cat(indices).sort();
        if (sorted.numel() != total || !sorted.equal(at::arange(total, at::kLong)))
            throw Error("the shares do not cover the run's " + std::to_string(total) + " images exactly once");
        order = permutation;
        report.outcomes.indices = sorted;
    } else if (total > 0) {
        throw Error("the shares hold none of the run's " + std::to_string(total) + " images");
    }
    if (withImages.empty()) {
        report.outcomes.indices = at::empty({0}, at::kLong);
    } else {
        const at::Tensor joinedLabels = at::cat(labels).index_select(0, order);
        const CleanOutcomes clean{at::cat(predictions).index_select(0, order), at::cat(top1).index_select(0, order),
                                  at::cat(top5).index_select(0, order), at::cat(finite).index_select(0, order)};
        setCleanResults(report, clean, joinedLabels);
        for (std::size_t p = 0; p < points; ++p) {
            PointOutcomes outcomes = joinPoint(withImages, p, order);
            CurvePoint point = curvePointOf(outcomes, report, joinedLabels);
            const CurvePoint& first = base.report.points[p];
            point.epsilon = first.epsilon;
            point.steps = first.steps;
            for (const PartialReport* share : withImages) {
                const CurvePoint& own = share->report.points[p];
                const bool sameEpsilon = own.epsilon == first.epsilon || (std::isnan(own.epsilon) && std::isnan(first.epsilon));
                if (!sameEpsilon || own.steps != first.steps)
                    throw Error("the shares' points differ (point " + std::to_string(p + 1) + ")");
                point.seconds += own.seconds;
            }
            addPoint(report, point);
            report.outcomes.points.push_back(std::move(outcomes));
        }
    }
    for (const PartialReport& share : shares)
        if (share.checksRun) {
            report.checks = share.report.checks;
            report.warnings.insert(report.warnings.end(), share.checkWarnings.begin(), share.checkWarnings.end());
        }
    return report;
}

} // namespace advlens::core
