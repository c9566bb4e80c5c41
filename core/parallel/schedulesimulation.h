#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace advlens::core {

/// How a run's work items 0 … n − 1 are split over R ranks.
enum class SchedulePolicy {
    Static,     ///< contiguous blocks: rank r gets items [r·n/R, (r+1)·n/R) (the first n mod R blocks one longer)
    RoundRobin, ///< item i to rank i mod R, as `eval --shard I/N` deals batches (core/metrics/shares.h)
    Dynamic,    ///< items in order, each to the rank that becomes free first, handed out by core::WorkQueue
};

/// "static", "round-robin", "dynamic".
std::string toString(SchedulePolicy policy);

struct ScheduleOptions {
    int ranks = 1; ///< R ≥ 1
    SchedulePolicy policy = SchedulePolicy::Dynamic;
    /// Seconds a rank loses per item it draws from the coordinator under
    /// Dynamic (the request/reply round trip); ≥ 0. Static splits exchange no
    /// messages per item and ignore it.
    double handOutLatency = 0.0;
    /// Dynamic only: false models rank 0 as a dedicated coordinator that hands
    /// out items and computes none (needs R ≥ 2); true lets every rank compute
    /// (a shared counter, or a coordinator that also works).
    bool coordinatorComputes = true;
};

/// What one rank did in a simulated run.
struct RankLoad {
    double busy = 0.0;     ///< seconds of item costs it computed (hand-out latency not included)
    double finished = 0.0; ///< when it computed its last item (0 when it got none), latency included
    std::int64_t items = 0;
};

/// A simulated run: every rank starts at 0 and computes its items back to
/// back; the run ends when the last rank finishes.
struct ScheduleResult {
    SchedulePolicy policy = SchedulePolicy::Dynamic;
    int ranks = 1;
    double totalWork = 0.0; ///< Σ costs, seconds
    double makespan = 0.0;  ///< max over ranks of `finished`
    /// totalWork / (ranks × makespan) in [0, 1]: 1 when no rank ever waits (or
    /// loses time to hand-out latency); 1 for a run without work.
    double efficiency = 1.0;
    /// The tail: makespan − min over ranks of `finished`, i.e. how long the
    /// rank that finished first sits idle waiting for the slowest one (the
    /// whole makespan when a rank got no item, e.g. R > n). A dedicated
    /// coordinator is not counted: the tail is over the ranks that compute.
    double tail = 0.0;
    std::vector<RankLoad> perRank; ///< R entries
    std::vector<int> rankOfItem;   ///< n entries: the rank that computed item i
};

/// Replays per-item costs (seconds, item i costs costs[i]) on R simulated
/// ranks under options.policy. Deterministic: under Dynamic, ranks free at the
/// same moment draw in rank order. Throws Error for R < 1, a negative or
/// non-finite cost or latency, or a dedicated coordinator with R < 2.
ScheduleResult simulateSchedule(const std::vector<double>& costs, const ScheduleOptions& options);

} // namespace advlens::core
