#include "ui/workers/curveworker.h"

#include "ui/jobs/workermodel.h"
#include "ui/workers/attackconfig.h"
#include "ui/workers/failureof.h"

#include "core/attacks/attackregistry.h"
#include "core/data/fashionmnist.h"
#include "core/data/imagefolder.h"
#include "core/metrics/robustnessevaluation.h"
#include "core/model/batchsizing.h"
#include "core/model/classifier.h"
#include "core/util/datapaths.h"
#include "core/util/error.h"
#include "core/util/runcontrol.h"
#include "core/util/freedmemory.h"

#include <ATen/ATen.h>

#include <cmath>

namespace advlens::ui {

namespace {

CurvePointValue toValue(int series, const CurveRequest& request, const core::CurvePoint& point, qint64 images)
{
    CurvePointValue value;
    value.series = series;
    value.epsilon = point.epsilon;
    value.steps = point.steps;
    value.x = request.axis == CurveRequest::Iterations ? point.steps : point.epsilon;
    value.accuracy = point.robustAccuracy;
    value.attackSuccessRate = point.successRate;
    value.successes = point.successes;
    value.meanL2 = point.l2.count > 0 ? point.l2.mean : std::nan("");
    value.meanLinf = point.linf.count > 0 ? point.linf.mean : std::nan("");
    value.images = images;
    value.gradientEvaluations = point.gradientEvaluations;
    value.seconds = point.seconds;
    return value;
}

/// One run of a query-based attack at the request's ε and budget. The naive
/// method runs that ε itself: the fast one of a minimal attack (the boundary
/// attack, HopSkipJump) searches without a budget and keeps no queries to
/// success at a finite ε. Some ten batches, or progress would jump from
/// nothing to done: there is one point only.
core::RobustnessReport queryCurve(core::Classifier& classifier, const core::LabelledImages& data, core::Attack& attack,
                                  const core::AttackConfig& config, const CurveRequest& request,
                                  core::CurveOptions options, const core::RunControl& control)
{
    constexpr std::int64_t kBatches = 10;
    constexpr std::int64_t kSmallestBatch = 32;
    options.method = core::CurveMethod::Naive;
    options.batchSize = std::min(options.batchSize, std::max(kSmallestBatch, (data.size() + kBatches - 1) / kBatches));
    return core::evaluateRobustness(classifier, data, attack, config, {request.fixedEpsilon}, options, control);
}

} // namespace

void CurveWorker::emitQueryPoints(quint64 generation, const CurveRequest& request, const core::RobustnessReport& report,
                                  qint64 images)
{
    if (report.points.empty())
        return; // no images
    const core::CurvePoint& point = report.points.front();
    if (point.accuracyByQueries.empty())
        throw core::Error(tr("%1 does not say after how many queries it fooled each image, so it gives no curve "
                             "of accuracy vs queries")
                              .arg(request.attackLabel.isEmpty() ? request.attack : request.attackLabel)
                              .toStdString());
    // Every point is the one run stopped earlier; the totals of the run (success
    // rate, norms, time) belong to its budget, the last point.
    CurvePointValue last = toValue(request.series, request, point, images);
    for (const core::QueryAccuracy& q : point.accuracyByQueries) {
        CurvePointValue value;
        value.series = request.series;
        value.epsilon = point.epsilon;
        value.images = images;
        value.x = static_cast<double>(q.queries);
        value.accuracy = q.robustAccuracy;
        if (&q == &point.accuracyByQueries.back()) {
            last.x = value.x;
            last.accuracy = value.accuracy;
            value = last;
        }
        Q_EMIT pointComputed(generation, value);
    }
}

CurveWorker::CurveWorker(RuntimeOptions options, QObject* parent)
    : QObject(parent)
    , m_options(withClassifierCache(std::move(options)))
{
    qRegisterMetaType<CurveRequest>();
    qRegisterMetaType<CurvePointValue>();
}

CurveWorker::~CurveWorker() = default;

quint64 CurveWorker::requestCurve(const QString& modelPath, const CurveRequest& request)
{
    return m_curves.start(this,
                          [this, modelPath, request](const JobTracker::Job& job) { run(job, modelPath, request); });
}

void CurveWorker::cancel()
{
    m_curves.cancel();
}

void CurveWorker::setDevice(const QString& device)
{
    QMetaObject::invokeMethod(
        this, [this, device] { m_options.device = device; }, Qt::QueuedConnection);
}

void CurveWorker::run(const JobTracker::Job& job, const QString& modelPath, const CurveRequest& request)
{
    const core::RunControl control = job.control(
        [this, generation = job.generation](qint64 done, qint64 total) { Q_EMIT progressed(generation, done, total); });
    QStringList warnings;
    bool cancelled = false;
    const auto failure = failureOf([&] { compute(job, modelPath, request, control, warnings, cancelled); });
    core::returnFreedMemory();
    const quint64 generation = job.generation;
    if (failure)
        Q_EMIT curveFailed(generation, tr("The curve could not be computed: %1").arg(*failure));
    else
        Q_EMIT curveFinished(generation, cancelled, warnings);
}

core::LabelledImages CurveWorker::data(const core::Classifier& classifier, const QString& modelPath,
                                       const CurveRequest& request, QStringList& warnings)
{
    const core::ModelMetadata& meta = classifier.metadata();
    if (request.dataFolder.isEmpty()) {
        const core::InputSpec& in = meta.input;
        if (in.channels != 1 || in.height != 28 || in.width != 28)
            throw core::Error(tr("this model takes %1×%2×%3 images, not Fashion-MNIST's: choose a folder of "
                                 "labelled images under “Data”")
                                  .arg(in.channels)
                                  .arg(in.height)
                                  .arg(in.width)
                                  .toStdString());
        if (!m_testSet)
            m_testSet = std::make_unique<core::LabelledImages>(
                core::loadFashionMnist(core::fashionMnistDirectory(), core::Split::Test));
        const std::int64_t n = std::clamp<std::int64_t>(request.images, 1, m_testSet->size());
        return {m_testSet->images.slice(0, 0, n), m_testSet->labels.slice(0, 0, n), m_testSet->classNames};
    }
    const QString key =
        request.dataFolder + QLatin1Char('\n') + modelPath + QLatin1Char('\n') + QString::number(request.images);
    if (!m_folderSet || key != m_folderSetKey) {
        m_folderSet.reset();
        const core::ImageFolderIndex index = core::scanImageFolder(
            std::filesystem::u8path(request.dataFolder.toStdString()), meta.classNames, meta.classIds);
        if (index.classNames != meta.classNames)
            throw core::Error(tr("the sub-folders of %1 are not named after this model's classes (by name, id or "
                                 "index)")
                                  .arg(request.dataFolder)
                                  .toStdString());
        std::vector<std::string> skipped;
        m_folderSet = std::make_unique<core::LabelledImages>(
            core::loadImageFolder(core::spreadSample(index, request.images), meta.input, meta.preprocess, 0, &skipped));
        m_folderSetKey = key;
        m_skippedFiles = static_cast<int>(skipped.size());
    }
    if (m_skippedFiles > 0)
        warnings << tr("%n unreadable image(s) in the folder were skipped.", nullptr, m_skippedFiles);
    return *m_folderSet;
}

void CurveWorker::compute(const JobTracker::Job& job, const QString& modelPath, const CurveRequest& request,
                          const core::RunControl& control, QStringList& warnings, bool& cancelled)
{
    const ClassifierLease classifier = openModel(m_options, modelPath);
    const core::LabelledImages data = this->data(*classifier, modelPath, request, warnings);
    const std::int64_t n = data.size();

    core::AttackConfig config = attackConfigOf(request.attackRequest());
    auto attack = core::createAttack(request.attack.toStdString());
    const auto onPoint = [&](const core::CurvePoint& point) {
        Q_EMIT pointComputed(job.generation, toValue(request.series, request, point, n));
    };
    core::CurveOptions options;
    options.batchSize = core::batchSizeFor(classifier->metadata().input, /*forSmallImages=*/256, /*atLeast=*/8);
    if (request.axis == CurveRequest::Queries) {
        // As attackcatalog.cpp: AutoAttack reads "queries" too, but only for its last stage.
        const core::AttackInfo& info = core::attackInfo(request.attack.toStdString());
        if (info.needsGradients || !info.parameter("queries"))
            throw core::Error(tr("%1 is not a query-based attack; accuracy vs queries needs one such as Square")
                                  .arg(request.attackLabel.isEmpty() ? request.attack : request.attackLabel)
                                  .toStdString());
        config.extra["queries"] = request.queries;
        core::validateAttackConfig(info, config);
        const core::RobustnessReport report = queryCurve(*classifier, data, *attack, config, request, options, control);
        cancelled = report.cancelled;
        for (const std::string& warning : report.warnings)
            warnings << QString::fromStdString(warning);
        if (!cancelled)
            emitQueryPoints(job.generation, request, report, n);
        return;
    }
    const core::RobustnessReport report =
        request.axis == CurveRequest::Iterations
            ? core::evaluateIterations(*classifier, data, *attack, config, request.steps, options, control, onPoint)
            : core::evaluateRobustness(*classifier, data, *attack, config, request.epsilons(), options, control,
                                       onPoint);
    cancelled = report.cancelled;
    for (const std::string& warning : report.warnings)
        warnings << QString::fromStdString(warning);
}

} // namespace advlens::ui
