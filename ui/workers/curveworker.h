#pragma once

#include "ui/jobs/jobtracker.h"
#include "ui/workers/curverequest.h"
#include "ui/workers/runtimeoptions.h"

#include <QObject>
#include <QString>

#include <memory>

namespace advlens::core {
class Classifier;
struct LabelledImages;
struct RobustnessReport;
} // namespace advlens::core

namespace advlens::ui {

/// Computes robustness curves on its own thread (a WorkerThread; jobs run as
/// jobtracker.h says) with a model of its own from the shared cache (a
/// classifier is not thread-safe), so exploring in the main view goes on
/// while a curve runs. Axis Queries is one run of a query-based attack at a
/// fixed ε and budget, whose accuracy-by-queries curve is the series. Points arrive one by one as they are done. Latest
/// wins: a new request cancels the running one.
class CurveWorker : public QObject {
    Q_OBJECT

public:
    explicit CurveWorker(RuntimeOptions options, QObject* parent = nullptr);
    ~CurveWorker() override;

    /// Runs `request` on the model whose metadata is at `modelPath` (empty:
    /// the default model) over the first request.images Fashion-MNIST
    /// test images, or as many spread over request.dataFolder. Thread-safe;
    /// returns the request's generation.
    quint64 requestCurve(const QString& modelPath, const CurveRequest& request);
    /// Stops the running curve (it reports what it finished, cancelled).
    void cancel();
    /// Later curves run on `device` (the model is loaded there).
    void setDevice(const QString& device);

Q_SIGNALS:
    void pointComputed(quint64 generation, const advlens::ui::CurvePointValue& point);
    void progressed(quint64 generation, qint64 done, qint64 total);
    void curveFinished(quint64 generation, bool cancelled, const QStringList& warnings);
    void curveFailed(quint64 generation, const QString& message);

private:
    void run(const JobTracker::Job& job, const QString& modelPath, const CurveRequest& request);
    void compute(const JobTracker::Job& job, const QString& modelPath, const CurveRequest& request,
                 const core::RunControl& control, QStringList& warnings, bool& cancelled);

    /// Axis Queries: the points of the run's accuracy-by-queries curve, one
    /// by one; throws core::Error when the attack kept no queries to success.
    void emitQueryPoints(quint64 generation, const CurveRequest& request, const core::RobustnessReport& report,
                         qint64 images);

    /// The first `images` test images, or `images` spread over the request's
    /// folder, for `classifier` (loaded from `modelPath`).
    core::LabelledImages data(const core::Classifier& classifier, const QString& modelPath, const CurveRequest& request,
                              QStringList& warnings);

    RuntimeOptions m_options;
    JobTracker m_curves;
    std::unique_ptr<core::LabelledImages> m_testSet;
    /// The last folder sample, as the model saw it: loading hundreds of photos
    /// is worth keeping across runs of the same request.
    std::unique_ptr<core::LabelledImages> m_folderSet;
    QString m_folderSetKey;
    int m_skippedFiles = 0; ///< of m_folderSet
};

} // namespace advlens::ui
