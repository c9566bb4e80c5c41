// Real torchvision architectures with random weights, exported by
// app/export/advlens-export-model (tests/support/prepare-torchvision-models.sh):
// loading, the Python model's logits, pre-processing of a real photo, every
// attack and every saliency method must work on each of them.
#include "tests/support/testsupport.h"

#include "core/attacks/attackregistry.h"
#include "core/data/imagepreprocessing.h"
#include "core/model/modelloader.h"
#include "core/saliency/saliency.h"

#include <ATen/ATen.h>
#include <QtTest>

#include <cmath>
#include <limits>

using namespace advlens;
namespace fs = std::filesystem;

namespace {

const std::vector<std::string> kArchitectures = {"resnet18",        "mobilenet_v2", "densenet121",
                                                 "efficientnet_b0", "vit-small",    "swin-small"};

fs::path modelsDirectory()
{
    return fs::u8path(ADVLENS_TORCHVISION_MODELS);
}

fs::path photo(const char* name)
{
    return test::resourcesDirectory() / "photos" / name;
}

/// One loaded model per architecture for the whole run (loading is the slow part).
core::Classifier& model(const std::string& name)
{
    static std::map<std::string, std::unique_ptr<core::Classifier>> models;
    auto& slot = models[name];
    if (!slot)
        slot = core::loadClassifier(modelsDirectory() / (name + ".json"));
    return *slot;
}

/// The cat and the coffee photos as this model sees them, labelled with its
/// own predictions (random weights know no truth; the attacks then have
/// correctly classified images to work on).
const core::AttackInput& photos(const std::string& name)
{
    static std::map<std::string, core::AttackInput> inputs;
    auto found = inputs.find(name);
    if (found != inputs.end())
        return found->second;
    core::Classifier& classifier = model(name);
    const auto& meta = classifier.metadata();
    core::AttackInput input;
    input.images = at::cat({core::loadImageForModel(photo("cat.png"), meta.input, meta.preprocess),
                            core::loadImageForModel(photo("coffee.png"), meta.input, meta.preprocess)});
    at::NoGradGuard noGrad;
    input.labels = classifier.logits(input.images).argmax(1).cpu();
    input.targets = (input.labels + 1) % classifier.numClasses();
    return inputs.emplace(name, input).first->second;
}

core::AttackConfig quickConfig(const std::string& attack)
{
    core::AttackConfig config;
    config.epsilon = core::isMinimalPerturbationAttack(attack) ? std::numeric_limits<double>::infinity() : 4.0 / 255;
    config.steps = 2;
    config.seed = 3;
    // Budgets small enough that twenty attacks on six ImageNet-sized models
    // stay within the suite's time: this test checks that each attack runs on
    // each architecture, the attacks' own tests check what they find.
    config.extra = {{"max_iterations", 3}, {"binary_search_steps", 1}, {"candidates", 4}, {"iterations", 2},
                    {"target_classes", 2},  {"queries", 12},           {"samples", 2}};
    return config;
}

} // namespace

class TestTorchvisionModels : public QObject {
    Q_OBJECT

    static void addArchitectureRows()
    {
        QTest::addColumn<QString>("architecture");
        for (const std::string& name : kArchitectures)
            QTest::newRow(name.c_str()) << test::qs(name);
    }

private Q_SLOTS:
    void reproducesThePythonModelsLogits_data() { addArchitectureRows(); }
    void reproducesThePythonModelsLogits()
    {
        QFETCH(QString, architecture);
        const std::string name = architecture.toStdString();
        core::Classifier& classifier = model(name);
        QCOMPARE(classifier.numClasses(), std::int64_t{1000});
        QCOMPARE(classifier.metadata().classIds.size(), std::size_t{1000});
        QCOMPARE(classifier.metadata().classNames[388], std::string("giant panda"));
        // Pixels in [0, 1]; the metadata's ImageNet mean/std are applied inside
        // our wrapper, exactly where torchvision's Normalize would be.
        const at::Tensor pixels = test::readNpyFloat(modelsDirectory() / (name + "-probe.npy"));
        const at::Tensor expected = test::readNpyFloat(modelsDirectory() / (name + "-probe-logits.npy"));
        at::NoGradGuard noGrad;
        const at::Tensor logits = classifier.logits(pixels);
        const double scale = expected.abs().max().item<double>();
        const double difference = (logits - expected).abs().max().item<double>();
        QVERIFY2(difference <= 1e-4 * std::max(1.0, scale),
                 qPrintable(QString("largest difference %1").arg(difference)));
    }

    void classifiesRealPhotos_data() { addArchitectureRows(); }
    void classifiesRealPhotos()
    {
        QFETCH(QString, architecture);
        const std::string name = architecture.toStdString();
        core::Classifier& classifier = model(name);
        const core::AttackInput& input = photos(name);
        const auto& spec = classifier.metadata().input;
        QCOMPARE(input.images.sizes(), (c10::IntArrayRef{2, 3, spec.height, spec.width}));
        QVERIFY(input.images.min().item<float>() >= 0.f && input.images.max().item<float>() <= 1.f);
        at::NoGradGuard noGrad;
        const at::Tensor logits = classifier.logits(input.images);
        QVERIFY(at::isfinite(logits).all().item<bool>());
        QVERIFY(at::allclose(logits.softmax(1).sum(1), at::ones({2}), 1e-4, 1e-4));
        // Two different photos give two different outputs.
        const double spread = logits.abs().max().item<double>();
        QVERIFY2((logits[0] - logits[1]).abs().max().item<double>() > 1e-3 * spread, "the same logits for both photos");
    }

    void everyAttackRuns_data()
    {
        QTest::addColumn<QString>("architecture");
        QTest::addColumn<QString>("attack");
        for (const std::string& name : kArchitectures)
            for (const core::AttackInfo& attack : core::availableAttacks())
                QTest::newRow((name + " " + attack.name).c_str()) << test::qs(name) << test::qs(attack.name);
    }
    void everyAttackRuns()
    {
        QFETCH(QString, architecture);
        QFETCH(QString, attack);
        const std::string name = architecture.toStdString();
        core::Classifier& classifier = model(name);
        const core::AttackInput& input = photos(name);
        const core::AttackConfig config = quickConfig(attack.toStdString());
        const core::AttackResult result = core::createAttack(attack.toStdString())->run(classifier, input, config);

        QCOMPARE(result.adversarial.sizes(), input.images.sizes());
        const at::Tensor adversarial = result.adversarial.cpu();
        QVERIFY(at::isfinite(adversarial).all().item<bool>());
        QVERIFY(adversarial.min().item<float>() >= 0.f && adversarial.max().item<float>() <= 1.f);
        if (std::isfinite(config.epsilon))
            QVERIFY2((adversarial - input.images).abs().max().item<double>() <= config.epsilon + 1e-6,
                     "outside the ε-ball");
        QCOMPARE(result.adversarialLogits.sizes(), (c10::IntArrayRef{2, 1000}));
        QVERIFY(at::isfinite(result.adversarialLogits).all().item<bool>());
        // The model's own predictions are the labels, so every clean image is "correct".
        QVERIFY(result.cleanPredictions.cpu().equal(input.labels));
        const core::AttackInfo& info = core::attackInfo(attack.toStdString());
        if (info.needsGradients)
            QVERIFY(result.gradientEvaluations > 0);
        else if (!attack.endsWith("noise"))
            QVERIFY2(result.queriesPerImage.defined() && result.queriesPerImage.min().item<std::int64_t>() > 0,
                     "a query-based attack counts its queries");
    }

    void everySaliencyMethodRuns_data()
    {
        QTest::addColumn<QString>("architecture");
        QTest::addColumn<QString>("method");
        for (const std::string& name : kArchitectures)
            for (const core::SaliencyMethod method : core::saliencyMethods())
                QTest::newRow((name + " " + core::toString(method)).c_str())
                    << test::qs(name) << test::qs(core::toString(method));
    }
    void everySaliencyMethodRuns()
    {
        QFETCH(QString, architecture);
        QFETCH(QString, method);
        const std::string name = architecture.toStdString();
        core::Classifier& classifier = model(name);
        const at::Tensor image = photos(name).images.narrow(0, 0, 1);
        core::SaliencyConfig config;
        config.method = core::parseSaliencyMethod(method.toStdString());
        config.samples = 2;
        config.steps = 4;
        const core::SaliencyMap map = core::computeSaliency(classifier, image, config);
        const auto& spec = classifier.metadata().input;
        QCOMPARE(map.heat.sizes(), (c10::IntArrayRef{spec.height, spec.width}));
        QVERIFY(at::isfinite(map.attribution).all().item<bool>());
        QVERIFY(map.heat.min().item<float>() >= 0.f && map.heat.max().item<float>() <= 1.f);
        if (config.method == core::SaliencyMethod::GradCam) {
            // Every one of these has a 4-D feature map: the last conv stage, the
            // ViT's patch embedding, the Swin's permuted last stage.
            QVERIFY(!map.layer.empty());
            QVERIFY(!core::gradCamLayers(classifier).empty());
        } else {
            QVERIFY2(map.heat.max().item<float>() > 0.f, "a gradient map of a random network is not all zero");
        }
    }

    void imageNetASubsetReadsTwoHundredOfTheThousandLogits()
    {
        auto subset = core::loadClassifier(modelsDirectory() / "resnet18-imagenet-a.json");
        core::Classifier& full = model("resnet18");
        QCOMPARE(subset->numClasses(), std::int64_t{200});
        const auto& indices = subset->metadata().outputIndices;
        // ImageNet-A's indices_in_1k begin 6 (stingray), 11 (goldfinch), 13 (junco).
        QCOMPARE(std::vector<std::int64_t>(indices.begin(), indices.begin() + 3),
                 (std::vector<std::int64_t>{6, 11, 13}));
        QCOMPARE(subset->metadata().classIds.front(), std::string("n01498041"));
        QCOMPARE(subset->metadata().classNames.front(), std::string("stingray"));
        const at::Tensor pixels = photos("resnet18").images;
        at::NoGradGuard noGrad;
        QVERIFY(at::allclose(subset->logits(pixels), full.logits(pixels).index_select(1, at::tensor(indices))));
        // An attack on the subset model works in its 200-class space.
        core::AttackInput input;
        input.images = pixels;
        input.labels = subset->logits(pixels).argmax(1);
        const core::AttackResult result = core::createAttack("fgsm")->run(*subset, input, quickConfig("fgsm"));
        QCOMPARE(result.adversarialLogits.size(1), std::int64_t{200});
        QVERIFY(result.adversarialPredictions.max().item<std::int64_t>() < 200);
    }
};

QTEST_GUILESS_MAIN(TestTorchvisionModels)
#include "tst_torchvisionmodels.moc"
