#pragma once

#include "ui/gallery/galleryitem.h"
#include "ui/gallery/gallerysource.h"
#include "ui/jobs/jobtracker.h"
#include "ui/workers/attackrequest.h"
#include "ui/workers/runtimeoptions.h"

#include <QObject>
#include <QString>

#include <functional>
#include <memory>
#include <vector>

namespace advlens::core {
class Classifier;
}

namespace advlens::ui {

class GalleryImageSource;

/// Classifies a whole gallery (a folder of labelled images or the first N
/// Fashion-MNIST test images) on its own thread (a WorkerThread; jobs run as
/// jobtracker.h says) with a model of its own from the shared cache, so the explorer stays responsive while thousands of photos are
/// decoded, and attacks the classified images on request. Works in batches
/// of up to kBatchSize (4 for ImageNet photos, so Esc answers within a
/// second or so) and streams each batch's results, so the grid fills as it
/// goes. Latest wins: a new request cancels the running one (within a batch
/// or an attack iteration) and stale queued ones are skipped.
class GalleryWorker : public QObject {
    Q_OBJECT

public:
    /// Images per batch for 28×28 inputs; fewer for larger ones (core::batchSizeFor).
    static constexpr int kBatchSize = 32;

    explicit GalleryWorker(RuntimeOptions options, QObject* parent = nullptr);
    ~GalleryWorker() override;

    /// Classifies `source` with the model whose metadata is at `modelPath`
    /// (empty: the default model; loaded again when it changed). Thread-safe;
    /// returns the request's generation, which every answer carries.
    quint64 requestClassification(const QString& modelPath, const GallerySource& source);
    /// Attacks every image the last classification handed out, with the same
    /// model. Thread-safe; returns the generation.
    quint64 requestAttack(const AttackRequest& attack);
    /// Stops the running job; it reports what it finished, cancelled. Immediate (an atomic).
    void cancel();
    /// Later jobs run on `device` (the model is loaded again there).
    void setDevice(const QString& device);

Q_SIGNALS:
    void sourceOpened(quint64 generation, const advlens::ui::GallerySourceInfo& info);
    void batchClassified(quint64 generation, const advlens::ui::GalleryBatch& batch);
    void batchAttacked(quint64 generation, const QVector<advlens::ui::AttackMark>& marks);
    /// (images done, images in all) of the running classification or attack.
    void progressed(quint64 generation, qint64 done, qint64 total);
    void finished(quint64 generation, bool cancelled);
    void failed(quint64 generation, const QString& message);

private:
    /// Queues `job` as the newest; it answers `finished` (cancelled or not),
    /// or `failed` with `failure`'s message and the reason.
    quint64 start(const char* failure, std::function<void(quint64, const core::RunControl&)> job);
    void classify(quint64 generation, const QString& modelPath, const GallerySource& source,
                  const core::RunControl& control);
    void attack(quint64 generation, const AttackRequest& request, const core::RunControl& control);

    RuntimeOptions m_options;
    JobTracker m_jobs;
    QString m_modelPath; ///< of the last classification, which attacks use too
    std::unique_ptr<GalleryImageSource> m_source; ///< of the last classification
    std::vector<std::int64_t> m_references;       ///< per row: the label, or the prediction when unknown
    std::vector<std::int64_t> m_predictions;      ///< per row: the clean prediction
};

} // namespace advlens::ui
