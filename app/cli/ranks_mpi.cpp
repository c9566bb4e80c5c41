// Built when CMake found MPI (Open MPI on Debian): `mpirun -np N advlens-cli`.
#include "app/cli/ranks.h"

#include "core/parallel/workqueue.h"
#include "core/util/error.h"

#include <mpi.h>

#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <mutex>
#include <thread>

namespace advlens::cli {

namespace {

constexpr int kAskTag = 1;    ///< a rank asks for its first item
constexpr int kResultTag = 2; ///< a rank returns an item's result (and asks for the next)
constexpr int kFailedTag = 3; ///< a rank's compute failed: the text says why
constexpr int kItemTag = 4;   ///< rank 0 answers with an item, or −1 for none left

/// How long a waiting rank sleeps between looks. Open MPI's blocking calls
/// poll a core at full speed; on a machine with one core per rank, rank 0's
/// coordinator thread and every idle rank would take it from the computing
/// ones. A hand-out costs at most this much latency, against items of seconds.
constexpr auto kPollInterval = std::chrono::microseconds(500);

RankInfo g_ranks;
bool g_started = false;
int g_savedStderr = -1;         ///< the terminal's stderr, for a quiet rank's last words
std::FILE* g_quietLog = nullptr; ///< where a quiet rank's stderr goes meanwhile

/// mpirun (Open MPI, or any PMIx launcher: srun too) sets these; a plain run
/// does not, and then never pays MPI's start-up or meets its refusal to run as root.
bool launchedByMpi()
{
    for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_SIZE"})
        if (std::getenv(name))
            return true;
    return false;
}

/// Ranks other than 0 print nothing (their lines would repeat rank 0's);
/// their stderr goes to a scratch file whose end finish() shows on failure.
void quietThisRank()
{
    std::fflush(stdout);
    std::fflush(stderr);
    const int null = ::open("/dev/null", O_WRONLY);
    if (null >= 0) {
        ::dup2(null, STDOUT_FILENO);
        ::close(null);
    }
    g_quietLog = std::tmpfile();
    if (!g_quietLog)
        return;
    g_savedStderr = ::dup(STDERR_FILENO);
    ::dup2(::fileno(g_quietLog), STDERR_FILENO);
}

/// The last non-empty line a quiet rank wrote to stderr.
std::string lastQuietLine()
{
    if (!g_quietLog)
        return {};
    std::fflush(stderr);
    std::string text;
    std::rewind(g_quietLog);
    char buffer[4096];
    for (std::size_t got; (got = std::fread(buffer, 1, sizeof buffer, g_quietLog)) > 0;)
        text.append(buffer, got);
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r'))
        text.pop_back();
    const auto start = text.rfind('\n');
    return start == std::string::npos ? text : text.substr(start + 1);
}

/// Waits for `request` without holding a core.
void waitGently(MPI_Request& request)
{
    for (int done = 0;;) {
        MPI_Test(&request, &done, MPI_STATUS_IGNORE);
        if (done)
            return;
        std::this_thread::sleep_for(kPollInterval);
    }
}

/// MPI_Recv of one item number from rank 0, without holding a core.
std::int64_t receiveItem()
{
    std::int64_t item = -1;
    MPI_Request request;
    MPI_Irecv(&item, 1, MPI_INT64_T, 0, kItemTag, MPI_COMM_WORLD, &request);
    waitGently(request);
    return item;
}

[[noreturn]] void abortJob(const std::string& why, int code)
{
    const std::string line = "advlens-cli: rank " + std::to_string(g_ranks.rank) + " of " +
                             std::to_string(g_ranks.size) + " failed, stopping the job: " + why + "\n";
    const int fd = g_savedStderr >= 0 ? g_savedStderr : STDERR_FILENO;
    [[maybe_unused]] const auto written = ::write(fd, line.data(), line.size());
    MPI_Abort(MPI_COMM_WORLD, code == 0 ? 1 : code);
    std::_Exit(code == 0 ? 1 : code);
}

void sendText(const std::string& text, int tag)
{
    MPI_Send(text.data(), static_cast<int>(text.size()), MPI_CHAR, 0, tag, MPI_COMM_WORLD);
}

std::string itemMessage(std::int64_t item, const std::string& result)
{
    std::string message(sizeof item, '\0');
    std::memcpy(message.data(), &item, sizeof item);
    return message + result;
}

/// A rank other than 0: ask, compute, return, until rank 0 says none is left.
void serveAsWorker(const std::function<std::string(std::int64_t)>& compute)
{
    sendText({}, kAskTag);
    for (;;) {
        const std::int64_t item = receiveItem();
        if (item < 0)
            return;
        std::string result;
        try {
            result = compute(item);
        } catch (const std::exception& e) {
            sendText("rank " + std::to_string(g_ranks.rank) + ": " + e.what(), kFailedTag);
            receiveItem(); // rank 0 stops the job first
            return;
        }
        sendText(itemMessage(item, result), kResultTag);
    }
}

/// Rank 0's coordinator: answers every other rank's asks until each has been
/// told that no item is left. Runs beside rank 0's own computing, on its own
/// thread, and is the only code of rank 0 that calls MPI meanwhile.
void coordinate(core::WorkQueue& queue, const std::function<void(std::int64_t, std::string)>& store)
{
    int waiting = g_ranks.size - 1;
    while (waiting > 0) {
        MPI_Status status;
        int arrived = 0;
        MPI_Iprobe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &arrived, &status);
        if (!arrived) {
            std::this_thread::sleep_for(kPollInterval);
            continue;
        }
        int bytes = 0;
        MPI_Get_count(&status, MPI_CHAR, &bytes);
        std::string message(static_cast<std::size_t>(bytes), '\0');
        MPI_Recv(message.data(), bytes, MPI_CHAR, status.MPI_SOURCE, status.MPI_TAG, MPI_COMM_WORLD,
                 MPI_STATUS_IGNORE);
        if (status.MPI_TAG == kFailedTag)
            abortJob(message, 1);
        if (status.MPI_TAG == kResultTag) {
            std::int64_t item = 0;
            std::memcpy(&item, message.data(), sizeof item);
            store(item, message.substr(sizeof item));
        }
        const std::optional<std::int64_t> next = queue.next();
        const std::int64_t answer = next ? *next : -1;
        MPI_Send(&answer, 1, MPI_INT64_T, status.MPI_SOURCE, kItemTag, MPI_COMM_WORLD);
        if (!next)
            --waiting;
    }
}

} // namespace

RankSession::RankSession(int& argc, char**& argv)
{
    if (!launchedByMpi())
        return;
    int provided = MPI_THREAD_SINGLE;
    MPI_Init_thread(&argc, &argv, MPI_THREAD_MULTIPLE, &provided);
    g_started = true;
    MPI_Comm_rank(MPI_COMM_WORLD, &g_ranks.rank);
    MPI_Comm_size(MPI_COMM_WORLD, &g_ranks.size);
    MPI_Comm local;
    MPI_Comm_split_type(MPI_COMM_WORLD, MPI_COMM_TYPE_SHARED, 0, MPI_INFO_NULL, &local);
    MPI_Comm_rank(local, &g_ranks.localRank);
    MPI_Comm_size(local, &g_ranks.localSize);
    MPI_Comm_free(&local);
    // Rank 0 computes while a second thread of it answers the others.
    if (g_ranks.size > 1 && provided < MPI_THREAD_SERIALIZED)
        abortJob("this MPI library gives no thread support (MPI_THREAD_SERIALIZED), which rank 0 needs", 1);
    if (g_ranks.rank != 0)
        quietThisRank();
}

RankSession::~RankSession()
{
    if (g_started) {
        // Ranks done early would otherwise poll a core inside MPI_Finalize
        // while rank 0 still writes the results.
        MPI_Request request;
        MPI_Ibarrier(MPI_COMM_WORLD, &request);
        waitGently(request);
        MPI_Finalize();
    }
    g_started = false;
}

int RankSession::finish(int exitCode)
{
    if (!g_started || exitCode == 0 || !g_ranks.distributed())
        return exitCode;
    // Mostly every rank fails alike (a missing file): give rank 0, which
    // printed the reason itself, a moment to stop the job before another
    // rank repeats it; a rank failing alone still says why.
    if (g_ranks.rank != 0)
        std::this_thread::sleep_for(std::chrono::seconds(2));
    // The others' reasons went to their scratch log.
    const std::string why = g_ranks.rank == 0 ? "see its message above" : lastQuietLine();
    abortJob(why.empty() ? "exit code " + std::to_string(exitCode) : why, exitCode);
}

const RankInfo& ranks()
{
    return g_ranks;
}

bool builtWithMpi()
{
    return true;
}

std::vector<std::string> computeAcrossRanks(std::int64_t count,
                                            const std::function<std::string(std::int64_t item)>& compute,
                                            const std::function<void(std::int64_t done, std::int64_t total)>& progress)
{
    if (g_ranks.rank != 0) {
        serveAsWorker(compute);
        return {};
    }
    core::WorkQueue queue(count);
    std::vector<std::string> results(static_cast<std::size_t>(count));
    std::mutex mutex;
    std::int64_t done = 0;
    const auto store = [&](std::int64_t item, std::string result) {
        const std::lock_guard<std::mutex> lock(mutex);
        results[static_cast<std::size_t>(item)] = std::move(result);
        progress(++done, count);
    };
    std::thread coordinator;
    if (g_ranks.distributed())
        coordinator = std::thread([&] { coordinate(queue, store); });
    try {
        while (const std::optional<std::int64_t> item = queue.next())
            store(*item, compute(*item));
    } catch (const std::exception& e) {
        abortJob(e.what(), 1);
    }
    if (coordinator.joinable())
        coordinator.join();
    return results;
}

} // namespace advlens::cli
