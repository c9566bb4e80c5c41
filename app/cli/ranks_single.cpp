// Built when CMake found no MPI: every run is a lone process.
#include "app/cli/ranks.h"

namespace advlens::cli {

RankSession::RankSession(int&, char**&) {}

RankSession::~RankSession() = default;

int RankSession::finish(int exitCode)
{
    return exitCode;
}

const RankInfo& ranks()
{
    static const RankInfo lone;
    return lone;
}

bool builtWithMpi()
{
    return false;
}

std::vector<std::string> computeAcrossRanks(std::int64_t count,
                                            const std::function<std::string(std::int64_t item)>& compute,
                                            const std::function<void(std::int64_t done, std::int64_t total)>& progress)
{
    std::vector<std::string> results;
    for (std::int64_t item = 0; item < count; ++item) {
        results.push_back(compute(item));
        progress(item + 1, count);
    }
    return results;
}

} // namespace advlens::cli
