#pragma once

#include "workers/modelsummary.h"
#include "workers/prediction.h"
#include "workers/runtimeoptions.h"

#include <QObject>
#include <QString>

#include <atomic>
#include <memory>

namespace advlens::core {
class Classifier;
struct LabelledImages;
} // namespace advlens::core

namespace advlens::ui {

/// Owns the classifier and the Fashion-MNIST test set, and runs every
/// LibTorch call of the GUI. Lives on its own QThread (move it there after
/// construction); the GUI talks to it only through the thread-safe request
/// functions and its signals.
///
/// Latest wins: each request gets a generation number; a queued request that
/// a newer one of the same kind has superseded is skipped, and signals carry
/// the generation so receivers can drop stale answers. Model and image
/// requests are counted apart so browsing images never skips a model load.
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

    /// Makes every request so far stale: queued ones are skipped and a running
    /// one drops its result. Thread-safe and immediate (writes atomics), so it
    /// works while the worker is busy.
    void cancel();

Q_SIGNALS:
    void modelLoaded(quint64 generation, const advlens::ui::ModelSummary& summary);
    void modelLoadFailed(quint64 generation, const QString& message);
    void predictionReady(quint64 generation, const advlens::ui::Prediction& prediction);
    void predictionFailed(quint64 generation, const QString& message);

private:
    void loadModel(quint64 generation, const QString& path);
    void classifyTestImage(quint64 generation, int index);
    void classifyImageFile(quint64 generation, const QString& path);

    bool isStaleModel(quint64 generation) const { return generation != m_latestModel.load(); }
    bool isStaleImage(quint64 generation) const { return generation != m_latestImage.load(); }
    void ensureRuntime();
    core::Classifier& requireClassifier();
    const core::LabelledImages& testSet();

    RuntimeOptions m_options;
    bool m_runtimeReady = false;
    std::unique_ptr<core::Classifier> m_classifier;
    std::unique_ptr<core::LabelledImages> m_testSet;
    std::atomic<quint64> m_latestModel{0};
    std::atomic<quint64> m_latestImage{0};
};

} // namespace advlens::ui
