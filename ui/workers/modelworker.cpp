#include "workers/modelworker.h"

#include "workers/attacksession.h"
#include "workers/classification.h"
#include "workers/failureof.h"
#include "workers/saliencyjob.h"
#include "workers/tensorpixels.h"

#include "data/fashionmnist.h"
#include "data/imageexport.h"
#include "data/imagepreprocessing.h"
#include "model/classifier.h"
#include "model/computedevice.h"
#include "model/modelloader.h"
#include "model/modelmetadata.h"
#include "util/datapaths.h"
#include "util/error.h"
#include "util/freedmemory.h"

#include <ATen/ATen.h>
#include <ATen/core/grad_mode.h>

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>

#include <algorithm>
#include <exception>
#include <functional>
#include <optional>

namespace advlens::ui {

namespace fs = std::filesystem;

namespace {

constexpr qint64 kProgressIntervalMs = 50;

QString fromStd(const std::string& text)
{
    return QString::fromStdString(text);
}

ModelSummary summarise(core::Classifier& classifier, const fs::path& path)
{
    const core::ModelMetadata& meta = classifier.metadata();
    ModelSummary summary;
    summary.path = fromStd(path.u8string());
    summary.name = fromStd(meta.name);
    summary.architecture = fromStd(meta.architecture);
    summary.kind = fromStd(core::toString(meta.kind));
    summary.channels = meta.input.channels;
    summary.height = meta.input.height;
    summary.width = meta.input.width;
    for (const std::string& name : meta.classNames)
        summary.classNames << fromStd(name);
    summary.device = fromStd(classifier.device().str());
    if (meta.training) {
        summary.trainingRecipe = fromStd(meta.training->recipe);
        summary.trainingDataset = fromStd(meta.training->dataset);
        summary.trainingEpochs = meta.training->epochs;
        summary.adversarialEpsilon = meta.training->adversarialEpsilon;
        summary.adversarialSteps = meta.training->adversarialSteps;
    }
    summary.cleanAccuracy = meta.cleanAccuracy;
    summary.evaluatedImages = meta.evaluatedImages.value_or(0);
    summary.takesFashionMnist = meta.input.channels == 1 && meta.input.height == 28 && meta.input.width == 28;
    summary.cudaAvailable = core::cudaAvailable();
    summary.hasInputGradients = classifier.inputGradientSupport().available;
    summary.noGradientReason = fromStd(classifier.inputGradientSupport().reason);
    summary.executionNote = fromStd(classifier.executionNote());
    for (const std::string& layer : classifier.featureLayers())
        summary.featureLayers << fromStd(layer);
    return summary;
}

/// The label of an image file stored the ImageFolder way (class/image.png),
/// when its folder is named after one of the model's classes.
std::string folderLabel(const QString& path, const std::vector<std::string>& classNames)
{
    const std::string folder = QFileInfo(path).dir().dirName().toStdString();
    const bool isClass = std::find(classNames.begin(), classNames.end(), folder) != classNames.end();
    return isClass ? folder : std::string();
}

} // namespace

ModelWorker::ModelWorker(RuntimeOptions options, QObject* parent)
    : QObject(parent)
    , m_options(std::move(options))
{
    // Queued connections copy these by value across threads.
    qRegisterMetaType<ModelSummary>();
    qRegisterMetaType<Prediction>();
    qRegisterMetaType<PixelBuffer>();
    qRegisterMetaType<AttackRequest>();
    qRegisterMetaType<AttackOutcome>();
    qRegisterMetaType<SaliencyRequest>();
    qRegisterMetaType<SaliencyOutcome>();
}

// Out of line: the unique_ptrs need the complete core types.
ModelWorker::~ModelWorker() = default;

std::shared_ptr<core::CancellationToken> ModelWorker::replaceAttackToken()
{
    auto fresh = std::make_shared<core::CancellationToken>();
    const std::lock_guard lock(m_tokenMutex);
    if (m_attackToken)
        m_attackToken->cancel();
    m_attackToken = fresh;
    return fresh;
}

std::shared_ptr<core::CancellationToken> ModelWorker::replaceSaliencyToken()
{
    auto fresh = std::make_shared<core::CancellationToken>();
    const std::lock_guard lock(m_tokenMutex);
    if (m_saliencyToken)
        m_saliencyToken->cancel();
    m_saliencyToken = fresh;
    return fresh;
}

void ModelWorker::cancelSaliency()
{
    const quint64 dropped = m_latestSaliency++;
    replaceSaliencyToken();
    Q_EMIT saliencyDropped(dropped);
}

quint64 ModelWorker::requestAttack(const AttackRequest& request)
{
    cancelSaliency(); // the maps follow the attack's outcome, so they are asked again after it
    const quint64 generation = ++m_latestAttack;
    auto token = replaceAttackToken();
    QMetaObject::invokeMethod(
        this, [this, generation, request, token] { runAttack(generation, request, token); }, Qt::QueuedConnection);
    return generation;
}

quint64 ModelWorker::requestSaliency(const SaliencyRequest& request)
{
    const quint64 generation = ++m_latestSaliency;
    auto token = replaceSaliencyToken();
    QMetaObject::invokeMethod(
        this, [this, generation, request, token] { runSaliency(generation, request, token); }, Qt::QueuedConnection);
    return generation;
}

void ModelWorker::runSaliency(quint64 generation, const SaliencyRequest& request,
                              const std::shared_ptr<core::CancellationToken>& token)
{
    if (generation != m_latestSaliency.load())
        return;
    core::RunControl control;
    control.cancellation = token.get();
    SaliencyOutcome outcome;
    const auto failure = failureOf([&] {
        core::Classifier& classifier = requireClassifier();
        if (!m_session || !m_session->hasImage())
            throw core::Error(tr("open an image first").toStdString());
        outcome = computeSaliencyMaps(classifier, m_session->image(), m_session->adversarial(), request, control);
    });
    if (generation != m_latestSaliency.load())
        return;
    if (failure)
        Q_EMIT saliencyFailed(generation, tr("No saliency map: %1").arg(*failure));
    else
        Q_EMIT saliencyFinished(generation, outcome);
}

void ModelWorker::requestDevice(const QString& device)
{
    cancelAttack();
    QMetaObject::invokeMethod(
        this, [this, device] { changeDevice(device); }, Qt::QueuedConnection);
}

void ModelWorker::changeDevice(const QString& device)
{
    QString resolved;
    // Only checked here: the window opens the model again, which loads it there.
    const auto failure = failureOf([&] { resolved = fromStd(core::resolveDevice(device.toStdString()).str()); });
    if (failure) {
        Q_EMIT deviceFailed(tr("Could not use device %1: %2").arg(device, *failure));
        return;
    }
    m_options.device = device; // models opened later go there too
    Q_EMIT deviceChanged(resolved);
}

quint64 ModelWorker::requestExport(const QString& stem)
{
    const quint64 generation = ++m_latestExport;
    QMetaObject::invokeMethod(
        this, [this, generation, stem] { runExport(generation, stem); }, Qt::QueuedConnection);
    return generation;
}

void ModelWorker::runExport(quint64 generation, const QString& stem)
{
    QStringList files;
    const auto failure = failureOf([&] {
        if (!m_session || !m_session->adversarial().defined())
            throw core::Error(tr("run an attack first").toStdString());
        for (const fs::path& path :
             core::writeAttackBundle(m_session->image(), m_session->adversarial(), fs::u8path(stem.toStdString())))
            files << QString::fromStdString(path.u8string());
    });
    if (failure)
        Q_EMIT exportFailed(generation, tr("Could not export: %1").arg(*failure));
    else
        Q_EMIT exportFinished(generation, files);
}

void ModelWorker::cancelAttack()
{
    const quint64 dropped = m_latestAttack++;
    replaceAttackToken();
    Q_EMIT attackDropped(dropped);
}

quint64 ModelWorker::requestModel(const QString& path)
{
    cancelAttack();
    cancelSaliency();
    const quint64 generation = ++m_latestModel;
    QMetaObject::invokeMethod(
        this, [this, generation, path] { loadModel(generation, path); }, Qt::QueuedConnection);
    return generation;
}

quint64 ModelWorker::requestTestImage(int index)
{
    cancelAttack();
    cancelSaliency();
    const quint64 generation = ++m_latestImage;
    QMetaObject::invokeMethod(
        this, [this, generation, index] { classifyTestImage(generation, index); }, Qt::QueuedConnection);
    return generation;
}

quint64 ModelWorker::requestImageFile(const QString& path)
{
    cancelAttack();
    cancelSaliency();
    const quint64 generation = ++m_latestImage;
    QMetaObject::invokeMethod(
        this, [this, generation, path] { classifyImageFile(generation, path); }, Qt::QueuedConnection);
    return generation;
}

void ModelWorker::cancel()
{
    ++m_latestModel;
    ++m_latestImage;
    cancelAttack();
    cancelSaliency();
}

void ModelWorker::loadModel(quint64 generation, const QString& path)
{
    if (isStaleModel(generation))
        return;
    fs::path file = fs::u8path(path.toStdString());
    if (file.empty())
        file = core::findDefaultModel();
    if (file.empty()) {
        Q_EMIT modelLoadFailed(generation, tr("No model is open: the default model '%1' is not trained yet. Run "
                                              "./setup.sh or advlens-cli train, or use File ▸ Open model…")
                                               .arg(QString::fromLatin1(core::kDefaultModelName)));
        return;
    }
    std::unique_ptr<core::Classifier> classifier;
    const auto failure = failureOf([&] {
        // Our own zoo's files are trusted; anything else is opened in a child first.
        const bool native = file.extension() == ".json" && core::readModelMetadata(file).kind == core::ModelKind::Native;
        if (!native)
            if (const std::optional<QString> problem = m_precheck.check(QString::fromStdString(file.u8string())))
                throw core::Error(problem->toStdString());
        ensureRuntime();
        classifier = core::loadClassifier(file, core::resolveDevice(m_options.device.toStdString()));
    });
    if (isStaleModel(generation))
        return; // a newer model request follows; don't flash this one
    if (failure) {
        Q_EMIT modelLoadFailed(generation, tr("Could not open the model: %1").arg(*failure));
        return;
    }
    if (m_session)
        m_session->clear(); // its cached work refers to the old model
    m_classifier = std::move(classifier); // the old model is freed here
    core::returnFreedMemory();
    Q_EMIT modelLoaded(generation, summarise(*m_classifier, file));
}

void ModelWorker::classifyTestImage(quint64 generation, int index)
{
    if (isStaleImage(generation))
        return;
    Prediction prediction;
    const auto failure = failureOf([&] {
        core::Classifier& classifier = requireClassifier();
        const core::InputSpec& in = classifier.metadata().input;
        if (in.channels != 1 || in.height != 28 || in.width != 28)
            throw core::Error(tr("the model takes %1×%2×%3 images, not Fashion-MNIST's 1×28×28; open "
                                 "an image file instead")
                                  .arg(in.channels)
                                  .arg(in.height)
                                  .arg(in.width)
                                  .toStdString());
        const core::LabelledImages& set = testSet();
        if (index < 0 || index >= set.size())
            throw core::Error(tr("the test set has no image %1 (it has %2)").arg(index).arg(set.size()).toStdString());
        const auto label = set.labels[index].item<std::int64_t>();
        const at::Tensor image = set.images[index].unsqueeze(0);
        prediction = classify(classifier, image, set.classNames[static_cast<std::size_t>(label)]);
        prediction.testIndex = index;
        showImage(image, prediction);
    });
    if (isStaleImage(generation))
        return;
    if (failure)
        Q_EMIT predictionFailed(generation, tr("Could not classify test image %1: %2").arg(index).arg(*failure));
    else
        Q_EMIT predictionReady(generation, prediction);
}

void ModelWorker::classifyImageFile(quint64 generation, const QString& path)
{
    if (isStaleImage(generation))
        return;
    Prediction prediction;
    const auto failure = failureOf([&] {
        core::Classifier& classifier = requireClassifier();
        const core::ModelMetadata& meta = classifier.metadata();
        const at::Tensor image = core::loadImageForModel(fs::u8path(path.toStdString()), meta.input, meta.preprocess);
        prediction = classify(classifier, image, folderLabel(path, meta.classNames));
        prediction.sourcePath = path;
        showImage(image, prediction);
    });
    if (isStaleImage(generation))
        return;
    if (failure)
        Q_EMIT predictionFailed(generation,
                                tr("Could not classify '%1': %2").arg(QFileInfo(path).fileName(), *failure));
    else
        Q_EMIT predictionReady(generation, prediction);
}

void ModelWorker::showImage(const at::Tensor& image, const Prediction& prediction)
{
    if (!m_session)
        m_session = std::make_unique<AttackSession>();
    m_session->setImage(image, prediction);
}

void ModelWorker::runAttack(quint64 generation, const AttackRequest& request,
                            const std::shared_ptr<core::CancellationToken>& token)
{
    if (isStaleAttack(generation))
        return;
    core::RunControl control;
    control.cancellation = token.get();
    // A progress bar needs a few updates a second, not one per iteration.
    QElapsedTimer sinceProgress;
    sinceProgress.start();
    control.progress = [this, generation, &sinceProgress](std::int64_t done, std::int64_t total) {
        if (done < total && sinceProgress.elapsed() < kProgressIntervalMs)
            return;
        sinceProgress.restart();
        Q_EMIT attackProgressed(generation, done, total);
    };
    AttackOutcome outcome;
    const auto failure = failureOf([&] {
        core::Classifier& classifier = requireClassifier();
        if (!m_session || !m_session->hasImage())
            throw core::Error(tr("open an image first").toStdString());
        outcome = m_session->run(classifier, request, control, [this, generation](int iteration, const Prediction& p) {
            Q_EMIT attackIterated(generation, iteration, p);
        });
    });
    if (isStaleAttack(generation))
        return;
    if (failure)
        Q_EMIT attackFailed(generation, tr("The attack failed: %1").arg(*failure));
    else
        Q_EMIT attackFinished(generation, outcome);
}

void ModelWorker::ensureRuntime()
{
    // Once, on this thread: OpenMP keeps its thread count per thread.
    if (!m_runtimeReady) {
        core::configureThreads(m_options.workerThreads());
        m_runtimeReady = true;
    }
}

core::Classifier& ModelWorker::requireClassifier()
{
    if (!m_classifier)
        throw core::Error(tr("no model is open").toStdString());
    return *m_classifier;
}

const core::LabelledImages& ModelWorker::testSet()
{
    if (!m_testSet) {
        m_testSet = std::make_unique<core::LabelledImages>(
            core::loadFashionMnist(core::fashionMnistDirectory(), core::Split::Test));
    }
    return *m_testSet;
}

} // namespace advlens::ui
