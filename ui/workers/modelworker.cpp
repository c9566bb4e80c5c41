#include "workers/modelworker.h"

#include "workers/tensorpixels.h"

#include "data/fashionmnist.h"
#include "data/imagepreprocessing.h"
#include "model/classifier.h"
#include "model/computedevice.h"
#include "model/modelloader.h"
#include "util/datapaths.h"
#include "util/error.h"

#include <ATen/ATen.h>
#include <ATen/core/grad_mode.h>

#include <QDir>
#include <QFileInfo>

#include <algorithm>
#include <exception>
#include <optional>

namespace advlens::ui {

namespace fs = std::filesystem;

namespace {

QString fromStd(const std::string& text)
{
    return QString::fromStdString(text);
}

/// Runs `job` and turns any exception into one line for the user: nothing
/// thrown by LibTorch, OpenCV or core may reach the event loop.
template <typename Job> std::optional<QString> failureOf(Job&& job)
{
    try {
        job();
        return std::nullopt;
    } catch (const core::Error& e) {
        return fromStd(e.what());
    } catch (const c10::Error& e) {
        return ModelWorker::tr("LibTorch error: %1").arg(fromStd(core::firstLine(e.what_without_backtrace())));
    } catch (const std::bad_alloc&) {
        return ModelWorker::tr("out of memory");
    } catch (const std::exception& e) {
        return fromStd(core::firstLine(e.what()));
    }
}

ModelSummary summarise(const core::Classifier& classifier, const fs::path& path)
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
    return summary;
}

/// Softmax and top classes of one 1×C×H×W image. `trueClass` is the
/// image's label name when known (empty otherwise).
Prediction classify(core::Classifier& classifier, const at::Tensor& image, const std::string& trueClass)
{
    at::NoGradGuard noGrad; // grad mode is thread-local: set it on this thread
    const at::Tensor probabilities =
        classifier.logits(image.to(classifier.device())).to(at::kCPU, at::kFloat).softmax(-1).view(-1);
    if (!at::isfinite(probabilities).all().item<bool>())
        throw core::Error(ModelWorker::tr("the model produced NaN or infinite outputs for this image").toStdString());
    const std::vector<std::string>& names = classifier.metadata().classNames;
    const auto k = std::min<std::int64_t>(Prediction::kMaxTopClasses, probabilities.size(0));
    const auto [values, indices] = probabilities.topk(k);

    Prediction prediction;
    prediction.image = toPixelBuffer(image);
    prediction.numClasses = static_cast<int>(probabilities.size(0));
    for (std::int64_t i = 0; i < k; ++i) {
        const auto index = indices[i].item<std::int64_t>();
        prediction.topClasses.push_back(static_cast<int>(index));
        prediction.topProbabilities.push_back(values[i].item<float>());
        prediction.topNames << fromStd(names[static_cast<std::size_t>(index)]);
    }
    prediction.trueClass = fromStd(trueClass);
    const auto found = std::find(names.begin(), names.end(), trueClass);
    if (!trueClass.empty() && found != names.end()) {
        prediction.trueClassIndex = static_cast<int>(found - names.begin());
        prediction.trueClassProbability = probabilities[prediction.trueClassIndex].item<float>();
    }
    return prediction;
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
}

// Out of line: the unique_ptrs need the complete core types.
ModelWorker::~ModelWorker() = default;

quint64 ModelWorker::requestModel(const QString& path)
{
    const quint64 generation = ++m_latestModel;
    QMetaObject::invokeMethod(
        this, [this, generation, path] { loadModel(generation, path); }, Qt::QueuedConnection);
    return generation;
}

quint64 ModelWorker::requestTestImage(int index)
{
    const quint64 generation = ++m_latestImage;
    QMetaObject::invokeMethod(
        this, [this, generation, index] { classifyTestImage(generation, index); }, Qt::QueuedConnection);
    return generation;
}

quint64 ModelWorker::requestImageFile(const QString& path)
{
    const quint64 generation = ++m_latestImage;
    QMetaObject::invokeMethod(
        this, [this, generation, path] { classifyImageFile(generation, path); }, Qt::QueuedConnection);
    return generation;
}

void ModelWorker::cancel()
{
    ++m_latestModel;
    ++m_latestImage;
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
        ensureRuntime();
        classifier = core::loadClassifier(file, core::resolveDevice(m_options.device.toStdString()));
    });
    if (isStaleModel(generation))
        return; // a newer model request follows; don't flash this one
    if (failure) {
        Q_EMIT modelLoadFailed(generation, tr("Could not open the model: %1").arg(*failure));
        return;
    }
    m_classifier = std::move(classifier);
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
        prediction =
            classify(classifier, set.images[index].unsqueeze(0), set.classNames[static_cast<std::size_t>(label)]);
        prediction.testIndex = index;
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
    });
    if (isStaleImage(generation))
        return;
    if (failure)
        Q_EMIT predictionFailed(generation,
                                tr("Could not classify '%1': %2").arg(QFileInfo(path).fileName(), *failure));
    else
        Q_EMIT predictionReady(generation, prediction);
}

void ModelWorker::ensureRuntime()
{
    // Once, on this thread: OpenMP keeps its thread count per thread.
    if (!m_runtimeReady) {
        core::configureThreads(m_options.threads);
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
