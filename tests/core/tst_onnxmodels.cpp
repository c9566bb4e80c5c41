#include "tests/support/testsupport.h"

#include "core/attacks/attackcommon.h"
#include "core/attacks/attackregistry.h"
#include "core/metrics/clever.h"
#include "core/model/computedevice.h"
#include "core/model/modelloader.h"
#include "core/model/onnxclassifier.h"
#include "core/model/threatmodel.h"
#include "core/saliency/saliency.h"
#include "core/util/error.h"

#include <ATen/ATen.h>
#include <ATen/core/grad_mode.h>
#include <opencv2/core/version.hpp>
#include <QtTest>

#include <functional>

using namespace advlens;

namespace {

namespace fs = std::filesystem;

/// Made by tests/support/export-onnx-models.py (the prepare_onnx_models fixture).
fs::path modelsDirectory()
{
    return ADVLENS_ONNX_MODELS;
}

std::unique_ptr<core::Classifier> open(const std::string& name)
{
    return core::loadClassifier(modelsDirectory() / (name + ".json"));
}

/// The message of the Error `action` throws; fails the test when it throws nothing.
std::string errorOf(const std::function<void()>& action)
{
    try {
        action();
    } catch (const core::Error& e) {
        return e.what();
    }
    return "(no Error thrown)";
}

bool contains(const std::string& text, const std::string& part)
{
    return text.find(part) != std::string::npos;
}

double maxAbsDifference(const at::Tensor& a, const at::Tensor& b)
{
    return (a - b).abs().max().item<double>();
}

/// A copy of the ONNX model `name` under `folder` as `file`, its metadata beside it.
fs::path copyModel(const std::string& name, const fs::path& folder, const std::string& file)
{
    fs::create_directories(folder);
    core::ModelMetadata meta = core::readModelMetadata(modelsDirectory() / (name + ".json"));
    fs::copy_file(meta.weights, folder / fs::u8path(file), fs::copy_options::overwrite_existing);
    meta.weights = folder / fs::u8path(file);
    fs::path json = folder / fs::u8path(file);
    json.replace_extension(".json");
    core::writeModelMetadata(meta, json);
    return json;
}

core::AttackConfig noiseConfig()
{
    core::AttackConfig config;
    config.epsilon = 0.15;
    config.restarts = 5;
    config.seed = 3;
    return config;
}

} // namespace

class TestOnnxModels : public QObject {
    Q_OBJECT

    static void modelsData()
    {
        QTest::addColumn<QString>("model");
        QTest::newRow("cnn") << "cnn";
        QTest::newRow("mlp") << "mlp";
    }

private Q_SLOTS:
    void logitsArePyTorchs_data() { modelsData(); }
    void logitsArePyTorchs()
    {
        // PyTorch's own logits from pixels: the metadata's normalisation and
        // the NCHW layout of the blob are checked against an outside truth.
        QFETCH(QString, model);
        const std::string name = model.toStdString();
        auto onnx = open(name);
        QVERIFY(dynamic_cast<core::OnnxClassifier*>(onnx.get()));
        QVERIFY(onnx->metadata().kind == core::ModelKind::Onnx);
        const at::Tensor pixels = test::readNpyFloat(modelsDirectory() / (name + "-input.npy"));
        const at::Tensor expected = test::readNpyFloat(modelsDirectory() / (name + "-logits.npy"));
        const at::Tensor got = onnx->logits(pixels);
        QCOMPARE(got.sizes().vec(), expected.sizes().vec());
        QVERIFY2(maxAbsDifference(got, expected) < 1e-4, qPrintable(QString::number(maxAbsDifference(got, expected))));
    }

    void agreesWithTorchScriptTwin_data() { modelsData(); }
    void agreesWithTorchScriptTwin()
    {
        QFETCH(QString, model);
        const std::string name = model.toStdString();
        auto onnx = open(name);
        auto twin = open(name + "-twin");
        const core::LabelledImages data = test::fashionMnist(false, 100);
        const at::Tensor expected = twin->logits(data.images).detach();
        const at::Tensor got = onnx->logits(data.images);
        QVERIFY2(maxAbsDifference(got, expected) < 1e-4, qPrintable(QString::number(maxAbsDifference(got, expected))));
        QVERIFY(at::equal(got.argmax(1), expected.argmax(1)));
        // Trained: the agreement is over real decisions, not one constant class.
        QVERIFY(std::get<0>(at::_unique(got.argmax(1))).numel() >= 5);
        QVERIFY(got.argmax(1).eq(data.labels).to(at::kFloat).mean().item<double>() > 0.6);
        // OpenCV sizes its layers from each input: other batch sizes give the same rows.
        for (const std::int64_t batch : {1, 7, 64}) {
            std::vector<at::Tensor> rows;
            for (std::int64_t start = 0; start < data.size(); start += batch)
                rows.push_back(onnx->logits(data.images.slice(0, start, start + batch)));
            QVERIFY2(maxAbsDifference(at::cat(rows), got) < 1e-5, qPrintable(QString("batch %1").arg(batch)));
        }
        const at::Tensor none = onnx->logits(data.images.slice(0, 0, 0));
        QCOMPARE(none.sizes().vec(), (std::vector<std::int64_t>{0, 10}));
    }

    void logitsHaveNoGradient()
    {
        auto onnx = open("cnn");
        QVERIFY(!onnx->inputGradientSupport().available);
        QCOMPARE(onnx->inputGradientSupport().reason, std::string(core::OnnxClassifier::kNoGradientReason));
        at::AutoGradMode enableGrad(true);
        const at::Tensor x = test::fashionMnist(false, 2).images.requires_grad_(true);
        QVERIFY(!onnx->logits(x).requires_grad());
        QVERIFY(onnx->parameters().empty());
        QVERIFY(onnx->featureLayers().empty());
        QVERIFY(onnx->executionNote().empty()); // on the CPU, as the network always runs
    }

    void gradientUsersRefuse()
    {
        auto onnx = open("cnn");
        const core::LabelledImages data = test::fashionMnist(false, 4);
        for (const char* attack : {"pgd", "fgsm", "apgd-ce", "deepfool"}) {
            const std::string message = errorOf([&] {
                core::createAttack(attack)->run(*onnx, {data.images, data.labels}, core::AttackConfig{});
            });
            QVERIFY2(contains(message, core::OnnxClassifier::kNoGradientReason), qPrintable(test::qs(message)));
        }
        const std::string saliency = errorOf([&] { core::computeSaliency(*onnx, data.images.slice(0, 0, 1), {}); });
        QVERIFY2(contains(saliency, core::OnnxClassifier::kNoGradientReason), qPrintable(test::qs(saliency)));
        const std::string clever = errorOf([&] { core::cleverScores(*onnx, data.images.slice(0, 0, 1)); });
        QVERIFY2(contains(clever, core::OnnxClassifier::kNoGradientReason), qPrintable(test::qs(clever)));
    }

    void noiseAttacksRunAsOnTheTwin_data()
    {
        QTest::addColumn<QString>("attack");
        QTest::newRow("uniform-noise") << "uniform-noise";
        QTest::newRow("gaussian-noise") << "gaussian-noise";
    }
    void noiseAttacksRunAsOnTheTwin()
    {
        // The draws depend only on the seed and the images, and the two files
        // hold one function: the same images must be fooled.
        QFETCH(QString, attack);
        auto onnx = open("cnn");
        auto twin = open("cnn-twin");
        const core::LabelledImages data = test::fashionMnist(false, 100);
        const core::AttackResult onOnnx =
            core::createAttack(attack.toStdString())->run(*onnx, {data.images, data.labels}, noiseConfig());
        const core::AttackResult onTwin =
            core::createAttack(attack.toStdString())->run(*twin, {data.images, data.labels}, noiseConfig());
        QVERIFY(at::equal(onOnnx.success, onTwin.success));
        QVERIFY(onOnnx.success.any().item<bool>()); // the comparison is about something
        QVERIFY(maxAbsDifference(onOnnx.adversarial, onTwin.adversarial) < 1e-6);
        QCOMPARE(onOnnx.gradientEvaluations, std::int64_t{0});
        QVERIFY((onOnnx.adversarial - data.images).abs().max().item<double>() <= 0.15 + 1e-6);
    }

    void transferFromTorchScriptSurrogate()
    {
        // PGD on the TorchScript twin, judged by the ONNX model: what a
        // transfer attack on a gradient-free model does.
        auto onnx = open("cnn");
        auto twin = open("cnn-twin");
        const core::LabelledImages data = test::fashionMnist(false, 50);
        core::AttackConfig config;
        config.epsilon = 0.1;
        config.steps = 10;
        const core::AttackResult crafted = core::createAttack("pgd")->run(*twin, {data.images, data.labels}, config);
        const at::Tensor onnxPredictions = onnx->logits(crafted.adversarial).argmax(1);
        QVERIFY(at::equal(onnxPredictions, crafted.adversarialPredictions));
        QVERIFY(crafted.success.to(at::kFloat).mean().item<double>() > 0.3);
    }

    void truncatedFileGivesOneLineNamingIt()
    {
        const fs::path folder = test::scratchDirectory() / "truncated";
        const fs::path json = copyModel("cnn", folder, "cut.onnx");
        const std::string bytes = test::readBytes(folder / "cut.onnx");
        test::writeBytes(folder / "cut.onnx", bytes.substr(0, bytes.size() / 3));
        const std::string message = errorOf([&] { core::loadClassifier(json); });
        QVERIFY2(contains(message, "'cut.onnx'"), qPrintable(test::qs(message)));
        QVERIFY2(contains(message, "truncated"), qPrintable(test::qs(message)));
        QVERIFY(!contains(message, "\n"));
        QVERIFY(!contains(message, "OpenCV(")); // not the raw cv::Exception
        test::writeBytes(folder / "cut.onnx", "not a protobuf at all \xff\xfe");
        const std::string garbage = errorOf([&] { core::loadClassifier(json); });
        QVERIFY2(contains(garbage, "'cut.onnx'") && !contains(garbage, "OpenCV("), qPrintable(test::qs(garbage)));
        fs::remove(folder / "cut.onnx");
        const std::string missing = errorOf([&] { core::loadClassifier(json); });
        QVERIFY2(contains(missing, "not found") && contains(missing, "cut.onnx"), qPrintable(test::qs(missing)));
    }

    void unsupportedOperatorNamesTheNode()
    {
        const std::string message = errorOf([&] { open("gridsample"); });
        QCOMPARE(message, std::string("cannot load ONNX model 'gridsample.onnx': node '/GridSample' (GridSample): "
                                      "OpenCV " CV_VERSION "'s DNN module has no GridSample layer"));
    }

    void graphThatFailsWhenRunIsRefusedAtLoad()
    {
        // x.view(x.size(0), -1) imports, then fails in OpenCV's fully
        // connected layer: refused when opened, not in the first attack.
        const std::string message = errorOf([&] { open("view"); });
        QVERIFY2(contains(message, "cannot use ONNX model 'view.onnx': a batch of 3 blank images fails"), qPrintable(test::qs(message)));
        QVERIFY2(contains(message, "fully_connected layer"), qPrintable(test::qs(message)));
        QVERIFY2(contains(message, "torch.flatten(x, 1)"), qPrintable(test::qs(message)));
        QVERIFY(!contains(message, "OpenCV(") && !contains(message, "\n"));
    }

    void nonAsciiPathLoads()
    {
        auto original = open("mlp");
        const fs::path json = copyModel("mlp", test::scratchDirectory() / fs::u8path("modèles ✓"), "réseau.onnx");
        auto copy = core::loadClassifier(json);
        const at::Tensor images = test::fashionMnist(false, 8).images;
        QVERIFY(at::equal(copy->logits(images), original->logits(images)));
        // Opening by the weights file finds the metadata beside it.
        auto byWeights = core::loadClassifier(json.parent_path() / fs::u8path("réseau.onnx"));
        QVERIFY(at::equal(byWeights->logits(images), original->logits(images)));
    }

    void saveCopiesTheFile()
    {
        auto onnx = open("cnn");
        const fs::path json = test::scratchDirectory() / "saved" / "cnn-copy.json";
        onnx->save(json);
        QCOMPARE(test::readBytes(json.parent_path() / "cnn.onnx"), test::readBytes(modelsDirectory() / "cnn.onnx"));
        auto reloaded = core::loadClassifier(json);
        QVERIFY(reloaded->metadata().kind == core::ModelKind::Onnx);
        const at::Tensor images = test::fashionMnist(false, 8).images;
        QVERIFY(at::equal(reloaded->logits(images), onnx->logits(images)));
        reloaded->save(json); // onto its own file
        QCOMPARE(test::readBytes(json.parent_path() / "cnn.onnx"), test::readBytes(modelsDirectory() / "cnn.onnx"));
    }

    void kindRoundTrips()
    {
        QCOMPARE(core::toString(core::ModelKind::Onnx), std::string("onnx"));
        const core::ModelMetadata meta = core::readModelMetadata(modelsDirectory() / "cnn.json");
        QVERIFY(meta.kind == core::ModelKind::Onnx);
        const fs::path json = test::scratchDirectory() / "kind" / "cnn.json";
        core::writeModelMetadata(meta, json);
        QVERIFY(core::readModelMetadata(json).kind == core::ModelKind::Onnx);
    }

    void movingToCudaKeepsTheNetworkOnTheCpu()
    {
        if (!core::cudaAvailable())
            QSKIP("no CUDA device");
        auto onnx = open("cnn");
        const at::Tensor images = test::fashionMnist(false, 8).images;
        const at::Tensor onCpu = onnx->logits(images);
        onnx->moveTo(c10::Device(c10::kCUDA, 0));
        const at::Tensor onCuda = onnx->logits(images.cuda());
        QVERIFY(onCuda.is_cuda());
        QVERIFY(at::equal(onCuda.cpu(), onCpu));
        QVERIFY(contains(onnx->executionNote(), "CPU"));
    }

    // The threat-model switch, around a model that has gradients.

    void threatModelNames()
    {
        for (const core::ThreatModel threat :
             {core::ThreatModel::Full, core::ThreatModel::ScoresOnly, core::ThreatModel::LabelOnly})
            QVERIFY(core::parseThreatModel(core::toString(threat)) == threat);
        QVERIFY(core::parseThreatModel("Label-Only") == core::ThreatModel::LabelOnly);
        QVERIFY(contains(errorOf([] { core::parseThreatModel("grey-box"); }), "grey-box"));
    }

    void scoresOnlyHidesGradientsNotScores()
    {
        std::shared_ptr<core::Classifier> twin = open("cnn-twin");
        QVERIFY(twin->inputGradientSupport().available);
        core::ThreatModelClassifier scores(twin, core::ThreatModel::ScoresOnly);
        QCOMPARE(scores.metadata().name, std::string("cnn-twin+scores-only"));
        const core::LabelledImages data = test::fashionMnist(false, 20);
        at::Tensor expected;
        {
            at::NoGradGuard noGrad; // the path the wrapper takes: same copy of the module
            expected = twin->logits(data.images);
        }
        at::AutoGradMode enableGrad(true);
        const at::Tensor got = scores.logits(data.images.clone().requires_grad_(true));
        QVERIFY(!got.requires_grad());
        QVERIFY(at::equal(got, expected));
        QCOMPARE(scores.inputGradientSupport().reason,
                 std::string(core::ThreatModelClassifier::kScoresOnlyReason));
        const std::string message = errorOf(
            [&] { core::createAttack("pgd")->run(scores, {data.images, data.labels}, core::AttackConfig{}); });
        QVERIFY2(contains(message, core::ThreatModelClassifier::kScoresOnlyReason), qPrintable(test::qs(message)));
        QVERIFY(scores.featureLayers().empty());
        QVERIFY(scores.parameters().empty());
        // Validation keeps the reason the wrapper gives instead of probing.
        core::validateClassifier(scores);
        QCOMPARE(scores.inputGradientSupport().reason,
                 std::string(core::ThreatModelClassifier::kScoresOnlyReason));
        // The inner model is untouched: white-box attacks still work on it.
        QVERIFY(twin->inputGradientSupport().available);
    }

    void labelOnlyGivesOnlyTheDecision()
    {
        std::shared_ptr<core::Classifier> twin = open("cnn-twin");
        core::ThreatModelClassifier label(twin, core::ThreatModel::LabelOnly);
        QCOMPARE(label.metadata().name, std::string("cnn-twin+label-only"));
        const core::LabelledImages data = test::fashionMnist(false, 100);
        const at::Tensor decisions = twin->logits(data.images).argmax(1);
        const at::Tensor got = label.logits(data.images);
        QCOMPARE(got.sizes().vec(), (std::vector<std::int64_t>{100, 10}));
        QVERIFY(at::equal(got, at::one_hot(decisions, 10).to(at::kFloat)));
        QVERIFY(!got.requires_grad());
        QVERIFY(contains(errorOf([&] {
                             core::createAttack("fgsm")->run(label, {data.images, data.labels}, core::AttackConfig{});
                         }),
                         core::ThreatModelClassifier::kLabelOnlyReason));
        // Noise needs only decisions: the same images fall as on the full model.
        const core::AttackResult full =
            core::createAttack("uniform-noise")->run(*twin, {data.images, data.labels}, noiseConfig());
        const core::AttackResult onLabels =
            core::createAttack("uniform-noise")->run(label, {data.images, data.labels}, noiseConfig());
        QVERIFY(at::equal(onLabels.success, full.success));
        QVERIFY(full.success.any().item<bool>());
    }

    void labelOnlyWorksOnOnnx()
    {
        std::shared_ptr<core::Classifier> onnx = open("mlp");
        core::ThreatModelClassifier label(onnx, core::ThreatModel::LabelOnly);
        const at::Tensor images = test::fashionMnist(false, 10).images;
        QVERIFY(at::equal(label.logits(images).argmax(1), onnx->logits(images).argmax(1)));
        QVERIFY(at::equal(label.logits(images).sum(1), at::ones({10})));
    }

    void fullPassesGradientsThrough()
    {
        std::shared_ptr<core::Classifier> twin = open("cnn-twin");
        core::ThreatModelClassifier full(twin, core::ThreatModel::Full);
        QCOMPARE(full.metadata().name, twin->metadata().name);
        QVERIFY(full.inputGradientSupport().available);
        const core::LabelledImages data = test::fashionMnist(false, 4);
        const at::Tensor expected = core::crossEntropyGradient(*twin, data.images, data.labels).gradient;
        const at::Tensor got = core::crossEntropyGradient(full, data.images, data.labels).gradient;
        QVERIFY(expected.abs().max().item<double>() > 0);
        QVERIFY(at::allclose(got, expected, /*rtol=*/1e-5, /*atol=*/1e-7));
        QCOMPARE(full.featureLayers(), twin->featureLayers());
        // Over an ONNX model Full keeps the ONNX reason.
        core::ThreatModelClassifier fullOnnx(std::shared_ptr<core::Classifier>(open("cnn")), core::ThreatModel::Full);
        QCOMPARE(fullOnnx.inputGradientSupport().reason, std::string(core::OnnxClassifier::kNoGradientReason));
        QVERIFY(contains(errorOf([&] { full.save(test::scratchDirectory() / "threat.json"); }), "run-time setting"));
    }
};

QTEST_GUILESS_MAIN(TestOnnxModels)
#include "tst_onnxmodels.moc"
