#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace advlens::cli {

/// This process's place in an MPI job (`mpirun -np N advlens-cli …`), or a
/// lone process (rank 0 of 1) when not launched by mpirun or built without MPI.
struct RankInfo {
    int rank = 0;
    int size = 1;
    int localRank = 0; ///< among the ranks on this machine: picks its GPU
    int localSize = 1; ///< ranks on this machine: share its cores
    bool distributed() const { return size > 1; }
};

/// The job's MPI life, for main(): starts MPI when launched by mpirun (a lone
/// run never touches it), quiets the ranks other than 0 (their output would
/// repeat rank 0's; their last error lines are kept for finish()), and at the
/// end either finalises MPI or, when this rank failed, says which rank failed
/// and why and aborts the whole job, so no rank waits forever for it.
class RankSession {
public:
    RankSession(int& argc, char**& argv);
    ~RankSession();
    RankSession(const RankSession&) = delete;
    RankSession& operator=(const RankSession&) = delete;

    /// The exit code to return from main.
    int finish(int exitCode);
};

/// The running job's ranks (rank 0 of 1 outside MPI).
const RankInfo& ranks();

/// Whether this build can run under mpirun (found MPI when configured).
bool builtWithMpi();

/// Computes items 0 … count − 1 across the job's ranks, handed out
/// dynamically (core::WorkQueue on rank 0: a rank asks for the next item when
/// it is done with its last, so ranks that drew cheap items draw more), rank
/// 0 computing too. Rank 0 returns every item's result in item order and
/// reports progress (items done by all ranks); the other ranks return
/// nothing. A rank whose compute() throws makes the job stop with its reason.
/// Outside MPI, computes every item in order here.
std::vector<std::string> computeAcrossRanks(std::int64_t count,
                                            const std::function<std::string(std::int64_t item)>& compute,
                                            const std::function<void(std::int64_t done, std::int64_t total)>& progress);

} // namespace advlens::cli
