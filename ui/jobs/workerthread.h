#pragma once

#include <QString>
#include <QThread>

#include <functional>
#include <memory>

namespace advlens::ui {

/// Owns the thread a worker lives on (see jobtracker.h for how its jobs run).
/// Takes the worker (which must have no parent), moves it to a new thread
/// named `name` and starts the thread. The destructor disconnects the
/// worker's signals (an answer must not reach an owner being destroyed),
/// stops its jobs with `stopJobs` (thread-safe and immediate), ends the
/// thread's event loop, waits for the running job to return and deletes the
/// worker on its thread.
class WorkerThreadBase {
public:
    WorkerThreadBase(QObject* worker, std::function<void()> stopJobs, const QString& name);
    ~WorkerThreadBase();
    WorkerThreadBase(const WorkerThreadBase&) = delete;
    WorkerThreadBase& operator=(const WorkerThreadBase&) = delete;

    /// The thread, e.g. to check in tests that a job ran off the GUI thread.
    const QThread& thread() const { return m_thread; }

private:
    QThread m_thread;
    QObject* m_worker;
    std::function<void()> m_stopJobs;
};

/// A WorkerThreadBase typed by its worker, which must have a thread-safe
/// `void cancel()` that stops (or drops) every job it runs.
template <typename Worker> class WorkerThread : public WorkerThreadBase {
public:
    WorkerThread(std::unique_ptr<Worker> worker, const QString& name)
        : WorkerThreadBase(worker.get(), [w = worker.get()] { w->cancel(); }, name)
        , m_worker(worker.release())
    {
    }

    /// Lives on the thread; call only its thread-safe functions and connect to its signals.
    Worker* worker() const { return m_worker; }
    Worker* operator->() const { return m_worker; }

private:
    Worker* m_worker; ///< owned through the thread's finished signal
};

} // namespace advlens::ui
