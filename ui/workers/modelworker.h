#pragma once

#include "ui/jobs/classifiercache.h"
#include "ui/jobs/jobtracker.h"
#include "ui/workers/attackrequest.h"
#include "ui/workers/modelsummary.h"
#include "ui/workers/prediction.h"
#include "ui/workers/runtimeoptions.h"
#include "ui/workers/saliencyrequest.h"

#include <QObject>
#include <QString>

#include <atomic>
#include <memory>

namespace at {
class Tensor;
}
namespace advlens::core {
class Classifier;
struct LabelledImages;
} // namespace advlens::core

namespace advlens::ui {

class AttackSession;

/// Holds the explorer's model (leased from the shared ClassifierCache) and
/// the Fashion-MNIST test set, and runs the explorer's LibTorch calls. Lives
/// on a WorkerThread; jobs run as jobtracker.h says, with one tracker per
/// kind: model and image requests are counted apart so browsing images never
/// skips a model load. A newer image or model request drops the running
/// attack and saliency maps (they answer attackDropped / saliencyDropped), so
/// the newest request starts within one iteration of the old one.
class ModelWorker : public QObject {
    Q_OBJECT

public:
    explicit ModelWorker(RuntimeOptions options, QObject* parent = nullptr);
    ~ModelWorker() override;

    /// Opens a model's metadata JSON (or weights with a JSON beside them); an
    /// empty path means the default zoo model. The old model stays in use
    /// when loading fails. Thread-safe; returns the request's generation.
    quint64 requestModel(const QString& path);
    /// Classifies Fashion-MNIST test image `index` (the set loads on first use).
    quint64 requestTestImage(int index);
    /// Classifies an image file, pre-processed as the model's metadata says.
    quint64 requestImageFile(const QString& path);

    /// Attacks the image shown (the last one classified). Progress, streamed
    /// iterates and the outcome arrive with the returned generation.
    quint64 requestAttack(const AttackRequest& request);
    /// Stops the running attack, if any, keeping other requests.
    void cancelAttack();
    /// Saliency maps of the image shown and of the last attack's result.
    quint64 requestSaliency(const SaliencyRequest& request);
    /// Writes the last attack's images next to `stem` (a path without suffix):
    /// STEM-adversarial.png (16-bit) and .npy, STEM-noise.npy (raw δ) and
    /// STEM-noise.png (amplified, grey = unchanged), each atomically.
    quint64 requestExport(const QString& stem);

    /// Makes `device` ("cpu", "cuda", "cuda:N") the one models are loaded on,
    /// after checking this LibTorch can use it; answers with deviceChanged
    /// (the caller then opens the model again) or deviceFailed.
    void requestDevice(const QString& device);

    /// Makes every request so far stale: queued ones are skipped and a running
    /// one drops its result. Thread-safe and immediate (writes atomics), so it
    /// works while the worker is busy.
    void cancel();

Q_SIGNALS:
    void modelLoaded(quint64 generation, const advlens::ui::ModelSummary& summary);
    void modelLoadFailed(quint64 generation, const QString& message);
    void predictionReady(quint64 generation, const advlens::ui::Prediction& prediction);
    void predictionFailed(quint64 generation, const QString& message);
    void attackProgressed(quint64 generation, qint64 done, qint64 total);
    /// An intermediate iterate (throttled to a few dozen a second).
    void attackIterated(quint64 generation, int iteration, const advlens::ui::Prediction& iterate);
    void attackFinished(quint64 generation, const advlens::ui::AttackOutcome& outcome);
    void attackFailed(quint64 generation, const QString& message);
    void saliencyFinished(quint64 generation, const advlens::ui::SaliencyOutcome& outcome);
    void saliencyFailed(quint64 generation, const QString& message);
    /// The attack or saliency request `generation` was dropped without an
    /// answer (a newer image, model, device or attack came first), so whoever
    /// waits for it stops waiting. Emitted on the calling thread.
    void attackDropped(quint64 generation);
    void saliencyDropped(quint64 generation);
    void exportFinished(quint64 generation, const QStringList& files);
    void deviceChanged(const QString& device);
    void deviceFailed(const QString& message);
    void exportFailed(quint64 generation, const QString& message);

private:
    using Job = JobTracker::Job;
    void loadModel(const Job& job, const QString& path);
    void classifyTestImage(const Job& job, int index);
    void classifyImageFile(const Job& job, const QString& path);
    void runAttack(const Job& job, const AttackRequest& request);
    void runSaliency(const Job& job, const SaliencyRequest& request);
    void cancelSaliency();
    void showImage(const at::Tensor& image, const Prediction& prediction);
    void runExport(quint64 generation, const QString& stem);
    void changeDevice(const QString& device);

    core::Classifier& requireClassifier();
    const core::LabelledImages& testSet();

    RuntimeOptions m_options;
    ClassifierLease m_classifier;
    std::unique_ptr<core::LabelledImages> m_testSet;
    std::unique_ptr<AttackSession> m_session;
    JobTracker m_models;
    JobTracker m_images;
    JobTracker m_attacks;
    JobTracker m_saliency;
    /// Exports are never superseded (each writes its own files); only counted.
    std::atomic<quint64> m_exports{0};
};

} // namespace advlens::ui
