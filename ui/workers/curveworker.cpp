#include "workers/curveworker.h"

#include "workers/failureof.h"

#include "attacks/attackregistry.h"
#include "data/fashionmnist.h"
#include "metrics/robustnessevaluation.h"
#include "model/classifier.h"
#include "model/computedevice.h"
#include "model/modelloader.h"
#include "util/datapaths.h"
#include "util/error.h"

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

} // namespace

CurveWorker::CurveWorker(RuntimeOptions options, QObject* parent)
    : QObject(parent)
    , m_options(std::move(options))
{
    qRegisterMetaType<CurveRequest>();
    qRegisterMetaType<CurvePointValue>();
}

CurveWorker::~CurveWorker() = default;

quint64 CurveWorker::requestCurve(const QString& modelPath, const CurveRequest& request)
{
    const quint64 generation = ++m_latest;
    auto token = std::make_shared<core::CancellationToken>();
    {
        const std::lock_guard lock(m_tokenMutex);
        if (m_token)
            m_token->cancel();
        m_token = token;
    }
    QMetaObject::invokeMethod(
        this, [this, generation, modelPath, request, token] { run(generation, modelPath, request, token); },
        Qt::QueuedConnection);
    return generation;
}

void CurveWorker::cancel()
{
    const std::lock_guard lock(m_tokenMutex);
    if (m_token)
        m_token->cancel();
}

void CurveWorker::setDevice(const QString& device)
{
    QMetaObject::invokeMethod(
        this,
        [this, device] {
            m_options.device = device;
            m_classifier.reset();
        },
        Qt::QueuedConnection);
}

void CurveWorker::run(quint64 generation, const QString& modelPath, const CurveRequest& request,
                      const std::shared_ptr<core::CancellationToken>& token)
{
    if (generation != m_latest.load())
        return;
    core::RunControl control;
    control.cancellation = token.get();
    control.progress = [this, generation](std::int64_t done, std::int64_t total) {
        Q_EMIT progressed(generation, done, total);
    };
    QStringList warnings;
    bool cancelled = false;
    const auto failure = failureOf([&] { compute(generation, modelPath, request, control, warnings, cancelled); });
    if (failure)
        Q_EMIT curveFailed(generation, tr("The curve could not be computed: %1").arg(*failure));
    else
        Q_EMIT curveFinished(generation, cancelled, warnings);
}

void CurveWorker::compute(quint64 generation, const QString& modelPath, const CurveRequest& request,
                          const core::RunControl& control, QStringList& warnings, bool& cancelled)
{
    if (!m_runtimeReady) {
        core::configureThreads(m_options.workerThreads()); // per thread, as OpenMP keeps it
        m_runtimeReady = true;
    }
    if (!m_classifier || modelPath != m_modelPath) {
        m_classifier.reset();
        std::filesystem::path file = std::filesystem::u8path(modelPath.toStdString());
        if (file.empty())
            file = core::findDefaultModel();
        m_classifier = core::loadClassifier(file, core::resolveDevice(m_options.device.toStdString()));
        m_modelPath = modelPath;
    }
    const core::InputSpec& in = m_classifier->metadata().input;
    if (in.channels != 1 || in.height != 28 || in.width != 28)
        throw core::Error(tr("curves run on the Fashion-MNIST test set, which this model (%1×%2×%3 input) "
                             "does not take")
                              .arg(in.channels)
                              .arg(in.height)
                              .arg(in.width)
                              .toStdString());
    if (!m_testSet)
        m_testSet = std::make_unique<core::LabelledImages>(
            core::loadFashionMnist(core::fashionMnistDirectory(), core::Split::Test));
    const std::int64_t n = std::clamp<std::int64_t>(request.images, 1, m_testSet->size());
    const core::LabelledImages data{m_testSet->images.slice(0, 0, n), m_testSet->labels.slice(0, 0, n),
                                    m_testSet->classNames};

    auto attack = core::createAttack(request.attack.toStdString());
    core::AttackConfig config;
    config.norm = core::parseNorm(request.norm.toStdString());
    config.targeted = request.targeted;
    config.steps = request.stepsPerAttack;
    config.epsilon = request.fixedEpsilon;
    const auto onPoint = [&](const core::CurvePoint& point) {
        Q_EMIT pointComputed(generation, toValue(request.series, request, point, n));
    };
    core::CurveOptions options;
    options.batchSize = 256;
    const core::RobustnessReport report =
        request.axis == CurveRequest::Iterations
            ? core::evaluateIterations(*m_classifier, data, *attack, config, request.steps, options, control, onPoint)
            : core::evaluateRobustness(*m_classifier, data, *attack, config, request.epsilons(), options, control,
                                       onPoint);
    cancelled = report.cancelled;
    for (const std::string& warning : report.warnings)
        warnings << QString::fromStdString(warning);
}

} // namespace advlens::ui
