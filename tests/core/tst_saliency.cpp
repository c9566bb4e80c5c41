#include "tests/support/testsupport.h"

#include "core/data/fashionmnist.h"
#include "core/model/modelloader.h"
#include "core/model/nativeclassifier.h"
#include "core/model/zoo/zooarchitectures.h"
#include "core/saliency/saliency.h"
#include "core/util/error.h"

#include <QtTest>
#include <torch/script.h>

#include <cmath>
#include <functional>
#include <limits>

using namespace advlens;
namespace fs = std::filesystem;

Q_DECLARE_METATYPE(core::SaliencyMethod)

namespace {

constexpr std::int64_t kImages = 3;

/// ∂ logit[target] / ∂ x for one image, computed here without core::saliency.
at::Tensor independentGradient(core::Classifier& model, const at::Tensor& image, std::int64_t target)
{
    at::AutoGradMode gradMode(true);
    at::Tensor x = image.clone().requires_grad_(true);
    model.logits(x)[0][target].backward();
    return x.grad()[0].detach();
}

double targetLogit(core::Classifier& model, const at::Tensor& image, std::int64_t target)
{
    at::NoGradGuard noGrad;
    return model.logits(image)[0][target].item<double>();
}

void verifyHeat(const at::Tensor& heat, std::int64_t height, std::int64_t width)
{
    QCOMPARE(heat.sizes().vec(), (std::vector<std::int64_t>{height, width}));
    QCOMPARE(heat.scalar_type(), at::kFloat);
    QVERIFY(heat.device().is_cpu());
    QVERIFY(heat.min().item<float>() >= 0.0f);
    QVERIFY(std::abs(heat.max().item<float>() - 1.0f) < 1e-6f); // the peak is shown at full strength
}

core::ModelMetadata fashionMetadata(const std::string& name, core::ModelKind kind, const std::string& architecture)
{
    core::ModelMetadata m;
    m.name = name;
    m.kind = kind;
    m.architecture = architecture;
    m.weights = name + ".pt";
    m.input = {1, 28, 28};
    m.mean = {0.5f};
    m.std = {0.25f};
    m.classNames = core::fashionMnistClassNames();
    return m;
}

/// The weights of the small TorchScript CNN below, kept to recompute Grad-CAM by hand.
struct ScriptCnnWeights {
    at::Tensor conv1, conv2, head;
};

/// A TorchScript CNN written in TorchScript source (tests need no Python), shaped
/// like exported models: a "features" container whose children are called as
/// getattr(self, "0").forward (traced code does that), a pooling module and a head,
/// reached through a helper method as torchvision's ResNet does.
fs::path saveScriptCnn(const ScriptCnnWeights& w)
{
    auto conv = [](const std::string& name, const at::Tensor& weight) {
        torch::jit::Module m(name);
        m.register_parameter("weight", weight, false);
        m.define("def forward(self, x):\n    return torch.conv2d(x, self.weight, None, [1, 1], [1, 1])\n");
        return m;
    };
    torch::jit::Module relu1("Relu1"), relu2("Relu2"), features("Features"), pool("Pool"), head("Head");
    relu1.define("def forward(self, x):\n    return torch.relu(x)\n");
    relu2.define("def forward(self, x):\n    return torch.relu(x)\n");
    features.register_module("0", conv("Conv1", w.conv1));
    features.register_module("1", relu1);
    features.register_module("2", conv("Conv2", w.conv2));
    features.register_module("3", relu2);
    features.define(R"(def forward(self, x):
    x = getattr(self, "0").forward(x)
    x = getattr(self, "1").forward(x)
    x = getattr(self, "2").forward(x)
    return getattr(self, "3").forward(x)
)");
    pool.define("def forward(self, x):\n    return torch.adaptive_avg_pool2d(x, [1, 1])\n");
    head.register_parameter("weight", w.head, false);
    head.define("def forward(self, x):\n    return torch.matmul(x.flatten(1), self.weight.t())\n");

    torch::jit::Module top("ScriptCnn");
    top.register_module("features", features);
    top.register_module("pool", pool);
    top.register_module("head", head);
    top.define(R"(def _forward_impl(self, x):
    return self.head.forward(self.pool.forward(self.features.forward(x)))

def forward(self, x):
    return self._forward_impl(x)
)");
    const fs::path folder = test::scratchDirectory();
    top.save((folder / "scriptcnn.pt").string());
    core::ModelMetadata meta = fashionMetadata("scriptcnn", core::ModelKind::TorchScript, "");
    meta.weights = folder / "scriptcnn.pt";
    core::writeModelMetadata(meta, folder / "scriptcnn.json");
    return folder / "scriptcnn.json";
}

/// Grad-CAM of the script CNN computed by hand, 1×28×28 before the ReLU.
at::Tensor handGradCam(const ScriptCnnWeights& w, const at::Tensor& image, std::int64_t target, bool lastLayer)
{
    at::AutoGradMode gradMode(true);
    const at::Tensor x = (image - 0.5) / 0.25;
    const at::Tensor first = at::relu(at::conv2d(x, w.conv1, {}, 1, 1)).detach().requires_grad_(true);
    at::Tensor second = at::relu(at::conv2d(first, w.conv2, {}, 1, 1));
    second.retain_grad();
    at::adaptive_avg_pool2d(second, {1, 1}).flatten(1).matmul(w.head.t())[0][target].backward();
    const at::Tensor features = lastLayer ? second.detach() : first.detach();
    const at::Tensor gradient = lastLayer ? second.grad() : first.grad();
    const at::Tensor cam = (gradient.mean({2, 3}, true) * features).sum(1, true);
    return at::upsample_bilinear2d(cam, {28, 28}, false)[0];
}

void expectError(const std::function<void()>& call, const QString& reason)
{
    try {
        call();
        QFAIL(qPrintable("no error; expected: " + reason));
    } catch (const core::Error& e) {
        QVERIFY2(QString(e.what()).contains(reason, Qt::CaseInsensitive), e.what());
    }
}

} // namespace

class TestSaliency : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<core::Classifier> m_lenet;
    std::unique_ptr<core::Classifier> m_mlp;
    at::Tensor m_images; // kImages×1×28×28

    core::Classifier& model(const QString& name) { return name == "lenet" ? *m_lenet : *m_mlp; }
    at::Tensor image(int index) const { return m_images.narrow(0, index, 1); }

private Q_SLOTS:
    void initTestCase()
    {
        m_lenet = test::defaultModel();
        m_mlp = test::tinyTrainedModel();
        m_images = test::fashionMnist(false, kImages).images;
    }

    void methodNamesRoundTrip()
    {
        QCOMPARE(core::saliencyMethods().size(), std::size_t{4});
        for (core::SaliencyMethod method : core::saliencyMethods())
            QVERIFY(core::parseSaliencyMethod(core::toString(method)) == method);
        QCOMPARE(core::toString(core::SaliencyMethod::IntegratedGradients), std::string("integrated-gradients"));
        QCOMPARE(core::toString(core::SaliencyMethod::GradCam), std::string("grad-cam"));
        expectError([] { core::parseSaliencyMethod("occlusion"); }, "known: gradient, smoothgrad");
    }

    void gradientEqualsAutograd_data()
    {
        QTest::addColumn<QString>("modelName");
        QTest::addColumn<int>("index");
        for (const QString name : {"lenet", "mlp"})
            for (int i = 0; i < kImages; ++i)
                QTest::newRow(qPrintable(QString("%1 image %2").arg(name).arg(i))) << name << i;
    }
    void gradientEqualsAutograd()
    {
        QFETCH(QString, modelName);
        QFETCH(int, index);
        core::Classifier& m = model(modelName);
        const at::Tensor x = image(index);
        at::NoGradGuard noGrad; // the GUI worker may hold one; saliency turns grad mode on itself
        const core::SaliencyMap map = core::computeSaliency(m, x, {});
        QCOMPARE(map.targetClass, m.logits(x).argmax(1).item<std::int64_t>());
        QCOMPARE(map.attribution.sizes().vec(), (std::vector<std::int64_t>{1, 28, 28}));
        QVERIFY(at::allclose(map.attribution, independentGradient(m, x, map.targetClass), 1e-5, 1e-6));
        QVERIFY(at::allclose(map.heat, map.attribution.abs()[0] / map.attribution.abs().max()));
        verifyHeat(map.heat, 28, 28);
        QCOMPARE(map.completenessGap, 0.0);
        QVERIFY(!map.cancelled);

        // And the gradient predicts a small step's change in the logit (central difference
        // along the gradient direction). Only for the MLP: on LeNet the flat background
        // makes max-pooling ties, where the derivative has no single value.
        if (modelName != "mlp")
            return;
        const at::Tensor direction = map.attribution.unsqueeze(0) / map.attribution.norm();
        const double h = 1e-3;
        const double difference =
            (targetLogit(m, x + h * direction, map.targetClass) - targetLogit(m, x - h * direction, map.targetClass)) /
            (2 * h);
        const double predicted = map.attribution.norm().item<double>();
        QVERIFY2(std::abs(difference - predicted) < 0.03 * predicted + 1e-2,
                 qPrintable(QString("finite difference %1 vs gradient norm %2").arg(difference).arg(predicted)));
    }

    void smoothGradWithoutNoiseIsTheGradient()
    {
        core::SaliencyConfig config;
        config.method = core::SaliencyMethod::SmoothGrad;
        config.samples = 3;
        config.noiseLevel = 0.0;
        const core::SaliencyMap smooth = core::computeSaliency(*m_lenet, image(0), config);
        const core::SaliencyMap plain = core::computeSaliency(*m_lenet, image(0), {});
        QCOMPARE(smooth.targetClass, plain.targetClass);
        QVERIFY(at::allclose(smooth.attribution, plain.attribution, 1e-5, 1e-6));
    }

    void smoothGradIsDeterministicGivenASeed()
    {
        core::SaliencyConfig config;
        config.method = core::SaliencyMethod::SmoothGrad;
        config.samples = 10;
        config.seed = 7;
        const core::SaliencyMap first = core::computeSaliency(*m_lenet, image(1), config);
        const core::SaliencyMap again = core::computeSaliency(*m_lenet, image(1), config);
        QVERIFY(first.attribution.equal(again.attribution));
        verifyHeat(first.heat, 28, 28);
        config.seed = 8;
        const core::SaliencyMap other = core::computeSaliency(*m_lenet, image(1), config);
        QVERIFY(!first.attribution.equal(other.attribution));
        // Noise averages something other than the plain gradient.
        QVERIFY(!at::allclose(first.attribution, core::computeSaliency(*m_lenet, image(1), {}).attribution));
    }

    void integratedGradientsAreComplete_data()
    {
        QTest::addColumn<QString>("modelName");
        QTest::addColumn<bool>("greyBaseline");
        for (const char* name : {"lenet", "mlp"})
            for (bool grey : {false, true})
                QTest::addRow("%s, %s baseline", name, grey ? "grey" : "black") << QString(name) << grey;
    }
    void integratedGradientsAreComplete()
    {
        QFETCH(QString, modelName);
        QFETCH(bool, greyBaseline);
        core::Classifier& m = model(modelName);
        const at::Tensor x = image(2);
        core::SaliencyConfig config;
        config.method = core::SaliencyMethod::IntegratedGradients;
        if (greyBaseline)
            config.baseline = at::full_like(x, 0.5);
        const at::Tensor baseline = greyBaseline ? config.baseline : at::zeros_like(x);

        // Relative tolerances on the gap that tighten as the steps grow.
        const std::vector<std::pair<int, double>> schedule = {{4, 0.3}, {32, 0.02}, {256, 0.003}};
        double previousGap = std::numeric_limits<double>::infinity();
        for (const auto& [steps, tolerance] : schedule) {
            config.steps = steps;
            const core::SaliencyMap map = core::computeSaliency(m, x, config);
            const double change = targetLogit(m, x, map.targetClass) - targetLogit(m, baseline, map.targetClass);
            const double gap = std::abs(map.attribution.sum().item<double>() - change);
            QVERIFY2(std::abs(gap - map.completenessGap) < 1e-3 * (1 + std::abs(change)),
                     "completenessGap reports |Σ attribution − Δ logit|");
            QVERIFY2(gap <= tolerance * std::abs(change) + 1e-3,
                     qPrintable(QString("%1 steps: gap %2, logit change %3").arg(steps).arg(gap).arg(change)));
            // A coarse sum can land near the right total by luck, so the slack scales
            // with the logit change rather than with that lucky gap.
            QVERIFY2(gap <= previousGap * 1.5 + 1e-3 * (1 + std::abs(change)),
                     qPrintable(QString("more steps must not be much worse: %1 steps gap %2 after %3, change %4")
                                    .arg(steps)
                                    .arg(gap)
                                    .arg(previousGap)
                                    .arg(change)));
            previousGap = gap;
            verifyHeat(map.heat, 28, 28);
        }
    }

    void gradCamOnTheDefaultLeNet()
    {
        QCOMPARE(core::gradCamLayers(*m_lenet), (std::vector<std::string>{"conv2", "conv1"}));
        core::SaliencyConfig config;
        config.method = core::SaliencyMethod::GradCam;
        const core::SaliencyMap map = core::computeSaliency(*m_lenet, image(0), config);
        QCOMPARE(map.layer, std::string("conv2"));
        QCOMPARE(map.attribution.sizes().vec(), (std::vector<std::int64_t>{1, 28, 28}));
        verifyHeat(map.heat, 28, 28);
        QVERIFY(at::allclose(map.heat, map.attribution[0].clamp_min(0) / map.attribution.max()));

        config.layer = "conv1";
        const core::SaliencyMap shallow = core::computeSaliency(*m_lenet, image(0), config);
        QCOMPARE(shallow.layer, std::string("conv1"));
        QVERIFY(!shallow.attribution.equal(map.attribution));

        config.layer = "fc1";
        expectError([&] { core::computeSaliency(*m_lenet, image(0), config); }, "known: conv2, conv1");
    }

    void gradCamWithoutConvolutionsIsAClearError()
    {
        QVERIFY(core::gradCamLayers(*m_mlp).empty());
        core::SaliencyConfig config;
        config.method = core::SaliencyMethod::GradCam;
        expectError([&] { core::computeSaliency(*m_mlp, image(0), config); }, "has none; use gradient");
    }

    void gradCamOnEveryZooCnn_data()
    {
        QTest::addColumn<QString>("architecture");
        QTest::addColumn<QString>("layer");
        QTest::newRow("vgg") << "vgg"
                             << "features.12";
        QTest::newRow("resnet") << "resnet"
                                << "stage3";
    }
    void gradCamOnEveryZooCnn()
    {
        QFETCH(QString, architecture);
        QFETCH(QString, layer);
        torch::manual_seed(1);
        const auto meta = fashionMetadata("fresh", core::ModelKind::Native, architecture.toStdString());
        core::NativeClassifier net(meta, core::makeZooNet(meta.architecture, meta.input, 10));
        QCOMPARE(core::gradCamLayers(net).front(), layer.toStdString());
        const core::FeaturesAndLogits pass = net.logitsWithFeatures(image(0));
        QCOMPARE(pass.features.dim(), 4);
        at::NoGradGuard noGrad;
        QVERIFY(pass.logits.equal(net.logits(image(0))));
        core::SaliencyConfig config;
        config.method = core::SaliencyMethod::GradCam;
        config.targetClass = 3;
        const core::SaliencyMap map = core::computeSaliency(net, image(0), config);
        QCOMPARE(map.layer, layer.toStdString());
        QCOMPARE(map.targetClass, std::int64_t{3});
        QCOMPARE(map.heat.sizes().vec(), (std::vector<std::int64_t>{28, 28}));
        QVERIFY(map.heat.min().item<float>() >= 0.0f && map.heat.max().item<float>() <= 1.0f);
    }

    void gradCamOnTorchScriptWithASelectableLayer()
    {
        torch::manual_seed(11);
        const ScriptCnnWeights w{torch::randn({4, 1, 3, 3}) * 0.5, torch::randn({6, 4, 3, 3}) * 0.3,
                                 torch::randn({10, 6})};
        auto net = core::loadClassifier(saveScriptCnn(w));
        // features.3's output is features' output: the outer name stands for both; the
        // pool's 1×1 and the head's logits are no maps.
        QCOMPARE(core::gradCamLayers(*net),
                 (std::vector<std::string>{"features", "features.2", "features.1", "features.0"}));

        const at::Tensor x = image(1);
        const core::FeaturesAndLogits pass = net->logitsWithFeatures(x, "features.1");
        QCOMPARE(pass.features.sizes().vec(), (std::vector<std::int64_t>{1, 4, 28, 28}));
        {
            at::NoGradGuard noGrad;
            QVERIFY(at::allclose(pass.logits, net->logits(x), 1e-5, 1e-5)); // normalised inside, as logits()
        }

        core::SaliencyConfig config;
        config.method = core::SaliencyMethod::GradCam;
        config.targetClass = 4;
        const core::SaliencyMap last = core::computeSaliency(*net, x, config);
        QCOMPARE(last.layer, std::string("features"));
        QVERIFY(at::allclose(last.attribution, handGradCam(w, x, 4, true), 1e-4, 1e-5));
        verifyHeat(last.heat, 28, 28);

        config.layer = "features.1";
        const core::SaliencyMap first = core::computeSaliency(*net, x, config);
        QCOMPARE(first.layer, std::string("features.1"));
        QVERIFY(at::allclose(first.attribution, handGradCam(w, x, 4, false), 1e-4, 1e-5));

        // Later runs go through the TorchScript executor's optimised (profiled) graph.
        for (int run = 0; run < 3; ++run)
            QVERIFY(core::computeSaliency(*net, x, config).attribution.equal(first.attribution));

        config.layer = "features.3"; // any submodule name, listed or not
        QVERIFY(at::allclose(core::computeSaliency(*net, x, config).attribution, last.attribution, 1e-5, 1e-6));

        config.layer = "features.9";
        expectError([&] { core::computeSaliency(*net, x, config); }, "no submodule \"features.9\"");
        config.layer = "layer4";
        expectError([&] { core::computeSaliency(*net, x, config); }, "feature layers: features, features.2");
    }

    void targetClassIsHonoured_data()
    {
        QTest::addColumn<core::SaliencyMethod>("method");
        for (core::SaliencyMethod method : core::saliencyMethods())
            QTest::newRow(core::toString(method).c_str()) << method;
    }
    void targetClassIsHonoured()
    {
        QFETCH(core::SaliencyMethod, method);
        core::SaliencyConfig config;
        config.method = method;
        config.samples = 4;
        config.steps = 8;
        const at::Tensor x = image(0);
        const std::int64_t predicted = core::computeSaliency(*m_lenet, x, config).targetClass;
        config.targetClass = (predicted + 3) % 10;
        const core::SaliencyMap other = core::computeSaliency(*m_lenet, x, config);
        QCOMPARE(other.targetClass, config.targetClass);
        config.targetClass = predicted;
        const core::SaliencyMap own = core::computeSaliency(*m_lenet, x, config);
        QVERIFY(!own.attribution.equal(other.attribution));
        if (method == core::SaliencyMethod::Gradient)
            QVERIFY(at::allclose(other.attribution, independentGradient(*m_lenet, x, other.targetClass), 1e-5, 1e-6));
    }

    void badInputsGiveErrors_data()
    {
        QTest::addColumn<core::SaliencyMethod>("method");
        QTest::addColumn<QString>("problem");
        QTest::addColumn<QString>("reason");
        const std::vector<std::pair<const char*, const char*>> problems = {
            {"wrong size", "needs one 1×1×28×28 image"},
            {"batch of two", "needs one 1×1×28×28 image"},
            {"no batch axis", "needs one 1×1×28×28 image"},
            {"NaN pixel", "NaN"},
            {"infinite pixel", "NaN or infinite"},
            {"out of range", "[0, 1]"},
            {"target too large", "outside 0…9"},
            {"target below -1", "outside 0…9"}};
        for (core::SaliencyMethod method : core::saliencyMethods())
            for (const auto& [problem, reason] : problems)
                QTest::addRow("%s: %s", core::toString(method).c_str(), problem)
                    << method << QString(problem) << QString::fromUtf8(reason);
        QTest::newRow("no samples") << core::SaliencyMethod::SmoothGrad << "no samples"
                                    << "at least 1 sample";
        QTest::newRow("negative noise") << core::SaliencyMethod::SmoothGrad << "negative noise"
                                        << "noise level";
        QTest::newRow("no steps") << core::SaliencyMethod::IntegratedGradients << "no steps"
                                  << "at least 1 step";
        QTest::newRow("baseline shape") << core::SaliencyMethod::IntegratedGradients << "baseline shape"
                                        << "baseline must have the image's shape";
    }
    void badInputsGiveErrors()
    {
        QFETCH(core::SaliencyMethod, method);
        QFETCH(QString, problem);
        QFETCH(QString, reason);
        core::SaliencyConfig config;
        config.method = method;
        at::Tensor x = image(0).clone();
        if (problem == "wrong size")
            x = at::rand({1, 1, 28, 27});
        else if (problem == "batch of two")
            x = m_images.narrow(0, 0, 2);
        else if (problem == "no batch axis")
            x = x[0];
        else if (problem == "NaN pixel")
            x[0][0][3][3] = std::nan("");
        else if (problem == "infinite pixel")
            x[0][0][3][3] = INFINITY;
        else if (problem == "out of range")
            x[0][0][3][3] = 1.5;
        else if (problem == "target too large")
            config.targetClass = 10;
        else if (problem == "target below -1")
            config.targetClass = -2;
        else if (problem == "no samples")
            config.samples = 0;
        else if (problem == "negative noise")
            config.noiseLevel = -0.1;
        else if (problem == "no steps")
            config.steps = 0;
        else if (problem == "baseline shape")
            config.baseline = at::zeros({1, 3, 28, 28});
        expectError([&] { core::computeSaliency(*m_lenet, x, config); }, reason);
    }

    void progressIsReportedAndCancellationStopsWithinAChunk_data()
    {
        QTest::addColumn<core::SaliencyMethod>("method");
        QTest::newRow("smoothgrad") << core::SaliencyMethod::SmoothGrad;
        QTest::newRow("integrated-gradients") << core::SaliencyMethod::IntegratedGradients;
    }
    void progressIsReportedAndCancellationStopsWithinAChunk()
    {
        QFETCH(core::SaliencyMethod, method);
        core::SaliencyConfig config;
        config.method = method;
        config.samples = 20;
        config.steps = 20;
        std::vector<std::pair<std::int64_t, std::int64_t>> reports;
        core::RunControl control;
        control.progress = [&](std::int64_t done, std::int64_t total) { reports.emplace_back(done, total); };
        const core::SaliencyMap full = core::computeSaliency(*m_lenet, image(0), config, control);
        QVERIFY(!full.cancelled);
        QVERIFY(reports.size() >= 2);
        QCOMPARE(reports.back(), (std::pair<std::int64_t, std::int64_t>{20, 20}));
        for (std::size_t i = 1; i < reports.size(); ++i)
            QVERIFY(reports[i].first > reports[i - 1].first);

        // Cancelled after the first chunk: no second chunk runs, and what comes back is usable.
        core::CancellationToken token;
        reports.clear();
        control.cancellation = &token;
        control.progress = [&](std::int64_t done, std::int64_t total) {
            reports.emplace_back(done, total);
            token.cancel();
        };
        const core::SaliencyMap partial = core::computeSaliency(*m_lenet, image(0), config, control);
        QVERIFY(partial.cancelled);
        QCOMPARE(reports.size(), std::size_t{1});
        QVERIFY(reports.front().first < 20);
        QVERIFY(partial.attribution.isfinite().all().item<bool>());
        QCOMPARE(partial.heat.sizes().vec(), (std::vector<std::int64_t>{28, 28}));
        if (method == core::SaliencyMethod::IntegratedGradients)
            QVERIFY(std::isnan(partial.completenessGap));

        // Cancelled before it starts: returns at once.
        reports.clear();
        const core::SaliencyMap none = core::computeSaliency(*m_lenet, image(0), config, control);
        QVERIFY(none.cancelled);
        QVERIFY(reports.empty());
    }
};

QTEST_GUILESS_MAIN(TestSaliency)
#include "tst_saliency.moc"
