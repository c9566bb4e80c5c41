#include "core/parallel/schedulesimulation.h"

#include "core/parallel/workqueue.h"
#include "core/util/error.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <queue>
#include <utility>

namespace advlens::core {

namespace {

void check(const std::vector<double>& costs, const ScheduleOptions& options)
{
    if (options.ranks < 1)
        throw Error("schedule simulation: needs at least 1 rank, not " + std::to_string(options.ranks));
    if (!std::isfinite(options.handOutLatency) || options.handOutLatency < 0.0)
        throw Error("schedule simulation: the hand-out latency must be a finite number of seconds ≥ 0");
    if (options.policy == SchedulePolicy::Dynamic && !options.coordinatorComputes && options.ranks < 2)
        throw Error("schedule simulation: a dedicated coordinator needs at least 2 ranks (one to compute)");
    for (std::size_t i = 0; i < costs.size(); ++i)
        if (!std::isfinite(costs[i]) || costs[i] < 0.0)
            throw Error("schedule simulation: item " + std::to_string(i) +
                        " has a cost that is negative or not a number (" + std::to_string(costs[i]) + " s)");
}

/// Static splits: every rank computes its own items back to back.
void runFixed(const std::vector<double>& costs, const std::function<int(std::int64_t)>& rankOf, ScheduleResult& r)
{
    for (std::size_t i = 0; i < costs.size(); ++i) {
        const int rank = rankOf(std::int64_t(i));
        RankLoad& load = r.perRank[std::size_t(rank)];
        load.busy += costs[i];
        load.finished += costs[i];
        ++load.items;
        r.rankOfItem[i] = rank;
    }
}

/// Dynamic: the rank that becomes free first asks the queue for the next item.
void runDynamic(const std::vector<double>& costs, const ScheduleOptions& options, ScheduleResult& r)
{
    using Free = std::pair<double, int>; // (free at, rank): earliest first, then the lower rank
    std::priority_queue<Free, std::vector<Free>, std::greater<Free>> free;
    for (int rank = options.coordinatorComputes ? 0 : 1; rank < options.ranks; ++rank)
        free.push({0.0, rank});
    WorkQueue queue(std::int64_t(costs.size()));
    while (const auto item = queue.next()) {
        const auto [at, rank] = free.top();
        free.pop();
        const double cost = costs[std::size_t(*item)];
        RankLoad& load = r.perRank[std::size_t(rank)];
        load.busy += cost;
        load.finished = at + options.handOutLatency + cost;
        ++load.items;
        r.rankOfItem[std::size_t(*item)] = rank;
        free.push({load.finished, rank});
    }
}

} // namespace

std::string toString(SchedulePolicy policy)
{
    switch (policy) {
    case SchedulePolicy::Static:
        return "static";
    case SchedulePolicy::RoundRobin:
        return "round-robin";
    case SchedulePolicy::Dynamic:
        return "dynamic";
    }
    return "?";
}

ScheduleResult simulateSchedule(const std::vector<double>& costs, const ScheduleOptions& options)
{
    check(costs, options);
    ScheduleResult r;
    r.policy = options.policy;
    r.ranks = options.ranks;
    r.perRank.assign(std::size_t(options.ranks), {});
    r.rankOfItem.assign(costs.size(), 0);

    const std::int64_t n = std::int64_t(costs.size());
    const std::int64_t ranks = options.ranks;
    switch (options.policy) {
    case SchedulePolicy::Static: {
        // Blocks of ⌊n/R⌋ + 1 for the first n mod R ranks, ⌊n/R⌋ for the rest.
        const std::int64_t base = n / ranks, longer = n % ranks;
        runFixed(
            costs,
            [&](std::int64_t i) {
                const std::int64_t split = longer * (base + 1);
                return int(i < split ? i / (base + 1) : longer + (i - split) / base);
            },
            r);
        break;
    }
    case SchedulePolicy::RoundRobin:
        runFixed(
            costs, [&](std::int64_t i) { return int(i % ranks); }, r);
        break;
    case SchedulePolicy::Dynamic:
        runDynamic(costs, options, r);
        break;
    }

    // A dedicated coordinator is not a computing rank: its idle time is no tail.
    const bool coordinatorOnly = options.policy == SchedulePolicy::Dynamic && !options.coordinatorComputes;
    double first = r.perRank[coordinatorOnly ? 1 : 0].finished;
    for (std::size_t rank = 0; rank < r.perRank.size(); ++rank) {
        const RankLoad& load = r.perRank[rank];
        r.totalWork += load.busy;
        r.makespan = std::max(r.makespan, load.finished);
        if (rank > 0 || !coordinatorOnly)
            first = std::min(first, load.finished);
    }
    r.tail = r.makespan - first;
    // Clamped: the two sums round differently, and equal costs should read 1, not 1 + 1e-16.
    r.efficiency = r.makespan > 0.0 ? std::min(1.0, r.totalWork / (double(ranks) * r.makespan)) : 1.0;
    return r;
}

} // namespace advlens::core
