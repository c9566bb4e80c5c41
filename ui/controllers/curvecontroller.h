#pragma once

#include "workers/runtimeoptions.h"

#include <QObject>
#include <QThread>

namespace advlens::ui {

class CurvePanel;
class CurveWorker;

/// Connects the curve panel to a CurveWorker on its own thread, which
/// computes with its own copy of the open model.
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
    QThread m_thread;
    CurveWorker* m_worker; ///< lives on m_thread, deleted there
    CurvePanel* m_panel;
    QString m_modelPath;
    quint64 m_request = 0;
};

} // namespace advlens::ui
