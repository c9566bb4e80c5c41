#include "ui/jobs/workerthread.h"

namespace advlens::ui {

WorkerThreadBase::WorkerThreadBase(QObject* worker, std::function<void()> stopJobs, const QString& name)
    : m_worker(worker)
    , m_stopJobs(std::move(stopJobs))
{
    Q_ASSERT(worker && !worker->parent());
    m_thread.setObjectName(name);
    worker->moveToThread(&m_thread);
    // Deleted on its own thread, after its last job, as QObjects must be.
    QObject::connect(&m_thread, &QThread::finished, worker, &QObject::deleteLater);
    m_thread.start();
}

WorkerThreadBase::~WorkerThreadBase()
{
    QObject::disconnect(m_worker, nullptr, nullptr, nullptr);
    m_stopJobs();
    m_thread.quit();
    m_thread.wait();
}

} // namespace advlens::ui
