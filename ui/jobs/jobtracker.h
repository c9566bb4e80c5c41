#pragma once

#include <QMetaObject>
#include <QObject>

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>

namespace advlens::core {
class CancellationToken;
struct RunControl;
} // namespace advlens::core

namespace advlens::ui {

/// How every long job of the GUI runs (model loads, attacks, saliency maps,
/// curves, gallery batches, studies) — read this header and you know them all.
///
/// 1. A worker is a QObject that lives on a WorkerThread (workerthread.h).
///    Only workers call LibTorch; the GUI thread talks to them through
///    thread-safe request functions and reads their answers from signals.
/// 2. Each kind of job a worker runs has one JobTracker. A request calls
///    start(worker, work): the running job of that tracker is cancelled (its
///    token set, so it stops within one iteration or batch) and `work` is
///    queued on the worker's thread under a new generation. Latest wins: a
///    queued job that a newer one superseded never runs.
/// 3. The work runs with job.control() (cancellation, throttled progress) and
///    answers with signals that carry job.generation. A failure is one line
///    from failureOf() (workers/failureof.h), sent as the worker's `…Failed`
///    signal; the window shows it in its message banner. Receivers keep the
///    generation their request returned and drop answers of any other.
/// 4. cancel() stops the running job, which still answers (cancelled, with
///    what it finished); drop() also makes it and every queued job stale, so
///    they do not answer at all (a newer image makes an attack's answer moot).
/// 5. The WorkerThread's destructor cancels the worker's jobs, ends the
///    thread's event loop and waits, so closing a window with a job in flight
///    neither blocks for long nor lets an answer reach a deleted widget.
/// 6. Models come from the ClassifierCache (classifiercache.h) shared by all
///    workers: a model a job has finished with serves the next job that asks
///    for it instead of being read again, and a file is pre-checked once.
///
/// Thread-safe: start(), cancel(), drop() and isCurrent() may be called from
/// any thread.
class JobTracker {
public:
    /// One started job: its generation and the token its work polls.
    struct Job {
        quint64 generation = 0;
        std::shared_ptr<core::CancellationToken> token;

        /// The run control of core calls: this job's cancellation, and
        /// `progress` called at most every `intervalMs` (but always for the
        /// last unit), since a bar needs a few updates a second, not one per
        /// iteration.
        core::RunControl control(std::function<void(qint64 done, qint64 total)> progress = {},
                                 int intervalMs = kProgressIntervalMs) const;
        bool cancelled() const;
    };

    static constexpr int kProgressIntervalMs = 50;

    JobTracker();
    ~JobTracker();
    JobTracker(const JobTracker&) = delete;
    JobTracker& operator=(const JobTracker&) = delete;

    /// Cancels the running job and queues `work(job)` on `worker`'s thread as
    /// the newest job; returns its generation. `work` runs only if no newer
    /// job was started or drop() called before the worker picked it up.
    template <typename Work> quint64 start(QObject* worker, Work work)
    {
        const Job job = begin();
        QMetaObject::invokeMethod(
            worker,
            [this, job, work = std::move(work)]() mutable {
                if (isCurrent(job.generation))
                    work(job);
            },
            Qt::QueuedConnection);
        return job.generation;
    }

    /// A new current job without queuing anything (for work the caller runs
    /// itself): cancels the running one.
    Job begin();
    /// Stops the running job; it still answers, marked cancelled.
    void cancel();
    /// Makes the running and every queued job stale (they will not answer)
    /// and stops the running one. Returns the generation dropped.
    quint64 drop();
    /// Whether `generation` is the newest job, so its answer is wanted.
    bool isCurrent(quint64 generation) const { return generation == m_latest.load(); }
    quint64 latest() const { return m_latest.load(); }

private:
    std::atomic<quint64> m_latest{0};
    std::mutex m_mutex;
    std::shared_ptr<core::CancellationToken> m_token; ///< the running (or next) job's
};

} // namespace advlens::ui
