#pragma once

#include "workers/curverequest.h"
#include "workers/runtimeoptions.h"

#include "util/runcontrol.h"

#include <QObject>
#include <QString>

#include <atomic>
#include <memory>
#include <mutex>

namespace advlens::core {
class Classifier;
struct LabelledImages;
} // namespace advlens::core

namespace advlens::ui {

/// Computes robustness curves on its own thread with its own copy of the
/// model (a classifier is not thread-safe), so exploring in the main view
/// goes on while a curve runs. Points arrive one by one as they are done.
/// Latest wins: a new request cancels the running one.
class CurveWorker : public QObject {
    Q_OBJECT

public:
    explicit CurveWorker(RuntimeOptions options, QObject* parent = nullptr);
    ~CurveWorker() override;

    /// Runs `request` on the model whose metadata is at `modelPath` (loaded
    /// again when it changed) over the first request.images Fashion-MNIST
    /// test images, or as many spread over request.dataFolder. Thread-safe;
    /// returns the request's generation.
    quint64 requestCurve(const QString& modelPath, const CurveRequest& request);
    /// Stops the running curve (it reports what it finished, cancelled).
    void cancel();
    /// Later curves run on `device` (the model is loaded again there).
    void setDevice(const QString& device);

Q_SIGNALS:
    void pointComputed(quint64 generation, const advlens::ui::CurvePointValue& point);
    void progressed(quint64 generation, qint64 done, qint64 total);
    void curveFinished(quint64 generation, bool cancelled, const QStringList& warnings);
    void curveFailed(quint64 generation, const QString& message);

private:
    void run(quint64 generation, const QString& modelPath, const CurveRequest& request,
             const std::shared_ptr<core::CancellationToken>& token);
    void compute(quint64 generation, const QString& modelPath, const CurveRequest& request,
                 const core::RunControl& control, QStringList& warnings, bool& cancelled);

    /// The first `images` test images, or `images` spread over the request's folder.
    core::LabelledImages data(const CurveRequest& request, QStringList& warnings);

    RuntimeOptions m_options;
    bool m_runtimeReady = false;
    QString m_modelPath;
    std::unique_ptr<core::Classifier> m_classifier;
    std::unique_ptr<core::LabelledImages> m_testSet;
    /// The last folder sample, as the model saw it: loading hundreds of photos
    /// is worth keeping across runs of the same request.
    std::unique_ptr<core::LabelledImages> m_folderSet;
    QString m_folderSetKey;
    int m_skippedFiles = 0; ///< of m_folderSet
    std::atomic<quint64> m_latest{0};
    std::mutex m_tokenMutex;
    std::shared_ptr<core::CancellationToken> m_token;
};

} // namespace advlens::ui
