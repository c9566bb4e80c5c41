#include "ui/gallery/galleryworker.h"

#include "ui/gallery/galleryimagesource.h"
#include "ui/gallery/thumbnail.h"
#include "ui/jobs/workermodel.h"
#include "ui/workers/attackconfig.h"
#include "ui/workers/failureof.h"

#include "core/attacks/attackregistry.h"
#include "core/metrics/imagescores.h"
#include "core/model/batchsizing.h"
#include "core/model/classifier.h"
#include "core/util/error.h"
#include "core/util/runcontrol.h"
#include "core/util/freedmemory.h"

#include <ATen/ATen.h>

#include <algorithm>
#include <numeric>

namespace advlens::ui {

namespace {

constexpr int kTopClasses = 5;

} // namespace

GalleryWorker::GalleryWorker(RuntimeOptions options, QObject* parent)
    : QObject(parent)
    , m_options(withClassifierCache(std::move(options)))
{
    qRegisterMetaType<GalleryBatch>();
    qRegisterMetaType<GallerySourceInfo>();
    qRegisterMetaType<AttackMark>();
    qRegisterMetaType<QVector<AttackMark>>();
}

// Out of line: the unique_ptrs need the complete types.
GalleryWorker::~GalleryWorker() = default;

quint64 GalleryWorker::requestClassification(const QString& modelPath, const GallerySource& source)
{
    return start(QT_TR_NOOP("Could not classify the gallery: %1"),
                 [this, modelPath, source](quint64 generation, const core::RunControl& control) {
                     classify(generation, modelPath, source, control);
                 });
}

quint64 GalleryWorker::requestAttack(const AttackRequest& request)
{
    return start(QT_TR_NOOP("The attack over the gallery failed: %1"),
                 [this, request](quint64 generation, const core::RunControl& control) {
                     attack(generation, request, control);
                 });
}

quint64 GalleryWorker::start(const char* failure, std::function<void(quint64, const core::RunControl&)> job)
{
    return m_jobs.start(this, [this, failure, job = std::move(job)](const JobTracker::Job& running) {
        const auto problem = failureOf([&] { job(running.generation, running.control()); });
        core::returnFreedMemory();
        if (problem)
            Q_EMIT failed(running.generation, tr(failure).arg(*problem));
        else
            Q_EMIT finished(running.generation, running.cancelled());
    });
}

void GalleryWorker::cancel()
{
    m_jobs.cancel();
}

void GalleryWorker::setDevice(const QString& device)
{
    QMetaObject::invokeMethod(
        this,
        [this, device] { m_options.device = device; }, // the gallery's rows stay valid
        Qt::QueuedConnection);
}

void GalleryWorker::classify(quint64 generation, const QString& modelPath, const GallerySource& request,
                             const core::RunControl& control)
{
    m_source.reset();
    m_references.clear();
    m_predictions.clear();
    m_modelPath = modelPath;
    const ClassifierLease lease = openModel(m_options, modelPath);
    core::Classifier& classifier = *lease;
    auto source = std::make_unique<GalleryImageSource>(request, classifier.metadata());
    const qint64 total = source->info().total;
    Q_EMIT sourceOpened(generation, source->info());
    m_source = std::move(source);
    Q_EMIT progressed(generation, 0, total);

    at::Tensor images;
    at::Tensor labels;
    GalleryBatch batch;
    const auto batchSize = static_cast<int>(core::batchSizeFor(classifier.metadata().input, kBatchSize, /*atLeast=*/4));
    while (!control.cancelled() && m_source->next(batchSize, images, labels, batch)) {
        if (images.defined()) {
            const core::ImageScores scores = core::scoreImages(classifier, images, labels, kTopClasses);
            const auto predicted = scores.predictions.accessor<std::int64_t, 1>();
            const auto confidence = scores.confidence.accessor<float, 1>();
            const auto margin = scores.margin.accessor<float, 1>();
            const auto loss = scores.loss.accessor<float, 1>();
            const auto topClasses = scores.topClasses.accessor<std::int64_t, 2>();
            const auto topProbabilities = scores.topProbabilities.accessor<float, 2>();
            for (int i = 0; i < batch.items.size(); ++i) {
                GalleryItem& item = batch.items[i];
                item.predicted = static_cast<int>(predicted[i]);
                item.confidence = confidence[i];
                item.margin = margin[i];
                item.loss = loss[i];
                for (std::int64_t k = 0; k < topClasses.size(1); ++k) {
                    item.topClasses.push_back(static_cast<int>(topClasses[i][k]));
                    item.topProbabilities.push_back(topProbabilities[i][k]);
                }
                item.thumbnail = thumbnailOf(images[i], GalleryItem::kThumbnailSide);
                m_predictions.push_back(predicted[i]);
                m_references.push_back(item.label >= 0 ? item.label : predicted[i]);
            }
        }
        Q_EMIT batchClassified(generation, batch);
        Q_EMIT progressed(generation, total - m_source->remaining(), total);
        batch = GalleryBatch();
    }
}

void GalleryWorker::attack(quint64 generation, const AttackRequest& request, const core::RunControl& control)
{
    if (!m_source || m_predictions.empty())
        throw core::Error(tr("classify some images first").toStdString());
    const ClassifierLease lease = openModel(m_options, m_modelPath);
    core::Classifier& classifier = *lease;
    const core::AttackConfig config = attackConfigOf(request);
    auto attack = core::createAttack(request.attack.toStdString());
    const auto rows = static_cast<int>(m_predictions.size());
    Q_EMIT progressed(generation, 0, rows);
    const auto batchSize = static_cast<int>(core::batchSizeFor(classifier.metadata().input, kBatchSize, /*atLeast=*/4));
    for (int first = 0; first < rows && !control.cancelled(); first += batchSize) {
        std::vector<int> wanted(static_cast<std::size_t>(std::min(batchSize, rows - first)));
        std::iota(wanted.begin(), wanted.end(), first);
        std::vector<int> kept;
        const at::Tensor images = m_source->load(wanted, kept);
        QVector<AttackMark> marks;
        if (images.defined()) {
            std::vector<std::int64_t> references;
            for (int row : kept)
                references.push_back(m_references[static_cast<std::size_t>(row)]);
            core::RunControl batchControl;
            batchControl.cancellation = control.cancellation;
            batchControl.progress = [&](std::int64_t done, std::int64_t total) {
                if (total > 0)
                    Q_EMIT progressed(generation, first + static_cast<qint64>(wanted.size()) * done / total, rows);
            };
            core::AttackInput input;
            input.images = images;
            input.labels = at::tensor(references, at::kLong);
            input.indices = at::tensor(std::vector<std::int64_t>(kept.begin(), kept.end()), at::kLong);
            const core::AttackResult result = attack->run(classifier, input, config, batchControl);
            if (result.cancelled || control.cancelled())
                break; // a batch cut short says nothing about its images
            const at::Tensor clean = result.cleanPredictions.to(at::kCPU);
            const at::Tensor adversarial = result.adversarialPredictions.to(at::kCPU);
            const at::Tensor success = result.success.to(at::kCPU);
            for (std::size_t j = 0; j < kept.size(); ++j) {
                const auto i = static_cast<std::int64_t>(j);
                AttackMark mark;
                mark.row = kept[j];
                mark.adversarialPrediction = static_cast<int>(adversarial[i].item<std::int64_t>());
                if (clean[i].item<std::int64_t>() != references[j])
                    mark.verdict = AttackVerdict::AlreadyWrong;
                else
                    mark.verdict = success[i].item<bool>() ? AttackVerdict::Fooled : AttackVerdict::Resisted;
                marks << mark;
            }
        }
        Q_EMIT batchAttacked(generation, marks);
        Q_EMIT progressed(generation, first + static_cast<qint64>(wanted.size()), rows);
    }
}

} // namespace advlens::ui
