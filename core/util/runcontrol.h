#pragma once

#include <atomic>
#include <cstdint>
#include <functional>

namespace advlens::core {

/// Cooperative cancellation. cancel() may be called from any thread; long jobs
/// poll isCancelled() between iterations and return what they have.
class CancellationToken {
public:
    void cancel() noexcept { m_cancelled.store(true, std::memory_order_relaxed); }
    void reset() noexcept { m_cancelled.store(false, std::memory_order_relaxed); }
    bool isCancelled() const noexcept { return m_cancelled.load(std::memory_order_relaxed); }

private:
    std::atomic<bool> m_cancelled{false};
};

/// Called with (done, total) units of work; runs on the job's thread.
using ProgressCallback = std::function<void(std::int64_t done, std::int64_t total)>;

/// What every long core job receives: an optional token and an optional callback.
struct RunControl {
    const CancellationToken* cancellation = nullptr;
    ProgressCallback progress;

    bool cancelled() const { return cancellation && cancellation->isCancelled(); }
    void report(std::int64_t done, std::int64_t total) const
    {
        if (progress)
            progress(done, total);
    }
};

} // namespace advlens::core
