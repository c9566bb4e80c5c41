#pragma once

#include <atomic>
#include <cstdint>
#include <functional>

namespace at {
class Tensor;
} // namespace at

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

/// Called by iterative attacks after each iteration with the current iterates
/// of the whole batch (N×C×H×W on the model's device, detached; an image no
/// longer worked on holds its last iterate). For live views and step-by-step
/// teaching; runs on the attack's thread, so copy what must outlive the call.
using IterateCallback = std::function<void(std::int64_t iteration, const at::Tensor& iterates)>;

/// What every long core job receives: an optional token and optional callbacks.
struct RunControl {
    const CancellationToken* cancellation = nullptr;
    ProgressCallback progress;
    IterateCallback iterate;

    bool cancelled() const { return cancellation && cancellation->isCancelled(); }
    void report(std::int64_t done, std::int64_t total) const
    {
        if (progress)
            progress(done, total);
    }
    bool wantsIterates() const { return static_cast<bool>(iterate); }
    void reportIterate(std::int64_t iteration, const at::Tensor& iterates) const
    {
        if (iterate)
            iterate(iteration, iterates);
    }
};

} // namespace advlens::core
