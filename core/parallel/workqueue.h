#pragma once

#include <cstdint>
#include <mutex>
#include <optional>

namespace advlens::core {

/// Dynamic splitting of a run's work items 0 … count − 1: each caller (a
/// thread, or a rank through the MPI coordinator) gets the next item not yet
/// handed out when it asks, so a rank that drew cheap items simply draws more.
/// Items go out in order; which rank computes one never changes its result
/// (every random draw is seeded by the images' indices). Thread-safe.
class WorkQueue {
public:
    explicit WorkQueue(std::int64_t count) : m_count(count < 0 ? 0 : count) {}

    /// The next item, or nothing when every item has been handed out.
    std::optional<std::int64_t> next()
    {
        const std::lock_guard<std::mutex> lock(m_mutex);
        if (m_next >= m_count)
            return std::nullopt;
        return m_next++;
    }

    std::int64_t count() const { return m_count; }

private:
    std::mutex m_mutex;
    const std::int64_t m_count;
    std::int64_t m_next = 0;
};

} // namespace advlens::core
