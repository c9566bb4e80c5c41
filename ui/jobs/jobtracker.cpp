#include "ui/jobs/jobtracker.h"

#include "core/util/runcontrol.h"

#include <QElapsedTimer>

namespace advlens::ui {

JobTracker::JobTracker() = default;
JobTracker::~JobTracker() = default;

bool JobTracker::Job::cancelled() const
{
    return token->isCancelled();
}

core::RunControl JobTracker::Job::control(std::function<void(qint64, qint64)> progress, int intervalMs) const
{
    core::RunControl control;
    control.cancellation = token.get();
    if (progress) {
        auto sinceReport = std::make_shared<QElapsedTimer>();
        control.progress = [progress = std::move(progress), sinceReport, intervalMs](std::int64_t done,
                                                                                      std::int64_t total) {
            if (done < total && sinceReport->isValid() && sinceReport->elapsed() < intervalMs)
                return;
            sinceReport->start();
            progress(done, total);
        };
    }
    return control;
}

JobTracker::Job JobTracker::begin()
{
    auto fresh = std::make_shared<core::CancellationToken>();
    const std::lock_guard lock(m_mutex);
    if (m_token)
        m_token->cancel();
    m_token = fresh;
    return {++m_latest, fresh};
}

void JobTracker::cancel()
{
    const std::lock_guard lock(m_mutex);
    if (m_token)
        m_token->cancel();
}

quint64 JobTracker::drop()
{
    const std::lock_guard lock(m_mutex);
    if (m_token)
        m_token->cancel();
    return m_latest++;
}

} // namespace advlens::ui
