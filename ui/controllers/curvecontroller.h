#pragma once

#include "ui/jobs/workerthread.h"
#include "ui/workers/runtimeoptions.h"

#include <QObject>

namespace advlens::ui {

class CurveWorker;

class CurvePanel;

/// Connects the curve panel to a CurveWorker on its own thread, which
/// computes with its own copy of the open model (jobs/jobtracker.h).
class CurveController : public QObject {
    Q_OBJECT

public:
    CurveController(const RuntimeOptions& options, CurvePanel* panel, QObject* parent = nullptr);
    ~CurveController() override;

    /// The model the next curves use (its metadata path; empty = the default model).
    void setModel(const QString& path, const QString& name);
    void cancel();
    void setDevice(const QString& device);

private:
    WorkerThread<CurveWorker> m_worker;
    CurvePanel* m_panel;
    QString m_modelPath;
    quint64 m_request = 0;
};

} // namespace advlens::ui
