#include "ui/workers/modelworker.h"

#include "ui/jobs/workermodel.h"
#include "ui/workers/attacksession.h"
#include "ui/workers/classification.h"
#include "ui/workers/failureof.h"
#include "ui/workers/saliencyjob.h"
#include "ui/workers/tensorpixels.h"

#include "core/data/fashionmnist.h"
#include "core/data/imageexport.h"
#include "core/data/imagepreprocessing.h"
#include "core/model/classifier.h"
#include "core/model/computedevice.h"
#include "core/model/modelmetadata.h"
#include "core/util/datapaths.h"
#include "core/util/error.h"
#include "core/util/runcontrol.h"
#include "core/util/freedmemory.h"

#include <ATen/ATen.h>
#include <ATen/core/grad_mode.h>

#include <QDir>
#include <QFileInfo>

#include <algorithm>
#include <exception>
#include <functional>
#include <optional>

namespace advlens::ui {

namespace fs = std::filesystem;

namespace {

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
    , m_options(withClassifierCache(std::move(options)))
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

void ModelWorker::cancelSaliency()
{
    Q_EMIT saliencyDropped(m_saliency.drop());
}

quint64 ModelWorker::requestAttack(const AttackRequest& request)
{
    cancelSaliency(); // the maps follow the attack's outcome, so they are asked again after it
    return m_attacks.start(this, [this, request](const Job& job) { runAttack(job, request); });
}

quint64 ModelWorker::requestSaliency(const SaliencyRequest& request)
{
    return m_saliency.start(this, [this, request](const Job& job) { runSaliency(job, request); });
}

void ModelWorker::runSaliency(const Job& job, const SaliencyRequest& request)
{
    const core::RunControl control = job.control();
    SaliencyOutcome outcome;
    const auto failure = failureOf([&] {
        core::Classifier& classifier = requireClassifier();
        if (!m_session || !m_session->hasImage())
            throw core::Error(tr("open an image first").toStdString());
        outcome = computeSaliencyMaps(classifier, m_session->image(), m_session->adversarial(), request, control);
    });
    if (!m_saliency.isCurrent(job.generation))
        return;
    if (failure)
        Q_EMIT saliencyFailed(job.generation, tr("No saliency map: %1").arg(*failure));
    else
        Q_EMIT saliencyFinished(job.generation, outcome);
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
    m_options.classifiers->clearIdle(); // copies on the old device would only hold its memory
    Q_EMIT deviceChanged(resolved);
}

quint64 ModelWorker::requestExport(const QString& stem)
{
    const quint64 generation = ++m_exports;
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
    Q_EMIT attackDropped(m_attacks.drop());
}

quint64 ModelWorker::requestModel(const QString& path)
{
    cancelAttack();
    cancelSaliency();
    return m_models.start(this, [this, path](const Job& job) { loadModel(job, path); });
}

quint64 ModelWorker::requestTestImage(int index)
{
    cancelAttack();
    cancelSaliency();
    return m_images.start(this, [this, index](const Job& job) { classifyTestImage(job, index); });
}

quint64 ModelWorker::requestImageFile(const QString& path)
{
    cancelAttack();
    cancelSaliency();
    return m_images.start(this, [this, path](const Job& job) { classifyImageFile(job, path); });
}

void ModelWorker::cancel()
{
    m_models.drop();
    m_images.drop();
    cancelAttack();
    cancelSaliency();
}

void ModelWorker::loadModel(const Job& job, const QString& path)
{
    ClassifierLease classifier;
    QString file;
    const auto failure = failureOf([&] {
        file = modelFileFor(path);
        classifier = openModel(m_options, file);
    });
    if (!m_models.isCurrent(job.generation))
        return; // a newer model request follows; don't flash this one
    if (failure) {
        // No default model is a state to explain, not a file that failed.
        Q_EMIT modelLoadFailed(job.generation,
                               file.isEmpty() ? *failure : tr("Could not open the model: %1").arg(*failure));
        return;
    }
    if (m_session)
        m_session->clear(); // its cached work refers to the old model
    m_classifier = std::move(classifier); // the old model goes back to the cache
    core::returnFreedMemory();
    Q_EMIT modelLoaded(job.generation, summarise(*m_classifier, std::filesystem::u8path(file.toStdString())));
}

void ModelWorker::classifyTestImage(const Job& job, int index)
{
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
    if (!m_images.isCurrent(job.generation))
        return;
    if (failure)
        Q_EMIT predictionFailed(job.generation, tr("Could not classify test image %1: %2").arg(index).arg(*failure));
    else
        Q_EMIT predictionReady(job.generation, prediction);
}

void ModelWorker::classifyImageFile(const Job& job, const QString& path)
{
    Prediction prediction;
    const auto failure = failureOf([&] {
        core::Classifier& classifier = requireClassifier();
        const core::ModelMetadata& meta = classifier.metadata();
        const at::Tensor image = core::loadImageForModel(fs::u8path(path.toStdString()), meta.input, meta.preprocess);
        prediction = classify(classifier, image, folderLabel(path, meta.classNames));
        prediction.sourcePath = path;
        showImage(image, prediction);
    });
    if (!m_images.isCurrent(job.generation))
        return;
    if (failure)
        Q_EMIT predictionFailed(job.generation,
                                tr("Could not classify '%1': %2").arg(QFileInfo(path).fileName(), *failure));
    else
        Q_EMIT predictionReady(job.generation, prediction);
}

void ModelWorker::showImage(const at::Tensor& image, const Prediction& prediction)
{
    if (!m_session)
        m_session = std::make_unique<AttackSession>();
    m_session->setImage(image, prediction);
}

void ModelWorker::runAttack(const Job& job, const AttackRequest& request)
{
    const quint64 generation = job.generation;
    const core::RunControl control = job.control(
        [this, generation](qint64 done, qint64 total) { Q_EMIT attackProgressed(generation, done, total); });
    AttackOutcome outcome;
    const auto failure = failureOf([&] {
        core::Classifier& classifier = requireClassifier();
        if (!m_session || !m_session->hasImage())
            throw core::Error(tr("open an image first").toStdString());
        outcome = m_session->run(classifier, request, control, [this, generation](int iteration, const Prediction& p) {
            Q_EMIT attackIterated(generation, iteration, p);
        });
    });
    if (!m_attacks.isCurrent(generation))
        return;
    if (failure)
        Q_EMIT attackFailed(generation, tr("The attack failed: %1").arg(*failure));
    else
        Q_EMIT attackFinished(generation, outcome);
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
