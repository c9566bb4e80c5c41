#include "tests/support/testsupport.h"

#include "core/data/fashionmnist.h"
#include "core/model/modelloader.h"
#include "core/model/nativeclassifier.h"
#include "core/model/zoo/zooarchitectures.h"
#include "core/model/zoo/zoonet.h"
#include "core/util/error.h"

#include <QtTest>
#include <torch/nn/modules/conv.h>
#include <torch/nn/modules/loss.h>

#include <map>
#include <set>

using namespace advlens;

namespace {

constexpr std::int64_t kClasses = 10;
const core::InputSpec kInput{1, 28, 28};

std::int64_t parameterCount(core::ZooNet& net)
{
    std::int64_t count = 0;
    for (const auto& p : net.parameters())
        count += p.numel();
    return count;
}

core::ModelMetadata zooMetadata(const std::string& architecture)
{
    core::ModelMetadata m;
    m.name = architecture + "-roundtrip";
    m.kind = core::ModelKind::Native;
    m.architecture = architecture;
    m.weights = m.name + ".pt";
    m.input = kInput;
    m.mean = {0.2860f};
    m.std = {0.3530f};
    m.classNames = core::fashionMnistClassNames();
    return m;
}

} // namespace

class TestZooArchitectures : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { torch::manual_seed(11); }

    void theZooHasFamiliesInTwoSizes()
    {
        std::map<std::string, std::set<std::string>> sizes;
        for (const auto& info : core::zooArchitectures()) {
            QVERIFY2(info.size == "base" || info.size == "large", info.name.c_str());
            QCOMPARE(info.name, info.size == "base" ? info.family : info.family + "-large");
            QCOMPARE(core::zooFamily(info.name), info.family);
            QVERIFY(!info.description.empty());
            sizes[info.family].insert(info.size);
        }
        QCOMPARE(sizes.size(), std::size_t{6});
        for (const auto& [family, familySizes] : sizes)
            QVERIFY2(familySizes.size() == 2, family.c_str());
        for (const char* family : {"mlp", "lenet", "vgg", "resnet", "densenet", "mobilenet"})
            QVERIFY2(sizes.count(family), family);
        QCOMPARE(core::zooFamily("nope"), std::string());
    }

    void unknownArchitecturesAreRejected()
    {
        QVERIFY_THROWS_EXCEPTION(core::Error, core::makeZooNet("nope", kInput, kClasses));
        QVERIFY_THROWS_EXCEPTION(core::Error, core::makeZooNet("resnet-huge", kInput, kClasses));
        QVERIFY_THROWS_EXCEPTION(core::Error, core::makeZooNet("", kInput, kClasses));
    }

    void everyArchitecture_data()
    {
        QTest::addColumn<QString>("architecture");
        for (const auto& info : core::zooArchitectures())
            QTest::newRow(info.name.c_str()) << test::qs(info.name);
    }
    void everyArchitecture()
    {
        QFETCH(QString, architecture);
        auto net = core::makeZooNet(architecture.toStdString(), kInput, kClasses);
        QVERIFY(net);
        net->train();

        // N×K logits; gradients reach the input and every parameter.
        const at::Tensor x = torch::rand({3, 1, 28, 28}).requires_grad_(true);
        const at::Tensor logits = net->forward(x);
        QCOMPARE(logits.sizes().vec(), (std::vector<std::int64_t>{3, kClasses}));
        torch::nn::functional::cross_entropy(logits, torch::tensor({0, 4, 9})).backward();
        QVERIFY(x.grad().defined());
        QVERIFY(x.grad().abs().sum().item<double>() > 0);
        for (const auto& p : net->named_parameters()) {
            QVERIFY2(p.value().grad().defined(), p.key().c_str());
            QVERIFY2(p.value().grad().abs().sum().item<double>() > 0, p.key().c_str());
        }

        // Every feature layer is offered as an N×C×h×w map after a non-linearity,
        // the deepest (smallest) first.
        net->eval();
        torch::NoGradGuard noGrad;
        const at::Tensor plain = net->forward(x);
        std::int64_t lastArea = 0;
        for (const std::string& layer : net->featureLayers()) {
            core::FeatureTap tap{layer, {}};
            const at::Tensor tapped = net->forwardTapped(x, &tap);
            QVERIFY2(tap.features.defined(), layer.c_str());
            QCOMPARE(tap.features.dim(), std::int64_t{4});
            QCOMPARE(tap.features.size(0), std::int64_t{3});
            QVERIFY2(tap.features.min().item<float>() >= 0.0f, layer.c_str());
            const std::int64_t area = tap.features.size(2) * tap.features.size(3);
            QVERIFY2(area >= lastArea, layer.c_str());
            lastArea = area;
            QVERIFY(tapped.equal(plain)); // tapping does not change the result
        }
        const bool convolutional = core::zooFamily(architecture.toStdString()) != "mlp";
        QCOMPARE(!net->featureLayers().empty(), convolutional);
    }

    void largeHasMoreParametersThanBase()
    {
        for (const auto& info : core::zooArchitectures()) {
            if (info.size != "large")
                continue;
            auto base = core::makeZooNet(info.family, kInput, kClasses);
            auto large = core::makeZooNet(info.name, kInput, kClasses);
            const auto b = parameterCount(*base), l = parameterCount(*large);
            qInfo("%-16s %9lld parameters, %-10s %9lld", info.name.c_str(), static_cast<long long>(l),
                  info.family.c_str(), static_cast<long long>(b));
            QVERIFY2(l > b, info.name.c_str());
        }
    }

    void saveAndLoadGiveIdenticalLogits_data() { everyArchitecture_data(); }
    void saveAndLoadGiveIdenticalLogits()
    {
        QFETCH(QString, architecture);
        const auto meta = zooMetadata(architecture.toStdString());
        auto net = core::makeZooNet(meta.architecture, meta.input, kClasses);
        {
            // Move the batch-norm statistics away from their defaults so the buffers are tested too.
            torch::NoGradGuard noGrad;
            net->train();
            for (int i = 0; i < 3; ++i)
                net->forward(torch::rand({8, 1, 28, 28}) * 2);
        }
        core::NativeClassifier original(meta, net);
        const auto json = test::scratchDirectory() / (meta.name + ".json");
        original.save(json);
        auto loaded = core::loadClassifier(json);
        QCOMPARE(loaded->metadata().architecture, meta.architecture);
        const at::Tensor x = torch::rand({4, 1, 28, 28});
        torch::NoGradGuard noGrad;
        QVERIFY(original.logits(x).equal(loaded->logits(x)));
        QCOMPARE(loaded->featureLayers(), original.featureLayers());
    }

    void baseSizesKeepTheirParameterNames_data()
    {
        // Files trained before the zoo grew must still load: the base sizes keep their names.
        QTest::addColumn<QString>("architecture");
        QTest::addColumn<QString>("parameter");
        QTest::newRow("mlp") << "mlp"
                             << "fc3.weight";
        QTest::newRow("lenet") << "lenet"
                               << "fc2.bias";
        QTest::newRow("vgg") << "vgg"
                             << "features.11.weight";
        QTest::newRow("resnet") << "resnet"
                                << "stage2.shortcut.0.weight";
        QTest::newRow("resnet-large") << "resnet-large"
                                      << "stage2.1.conv2.weight";
    }
    void baseSizesKeepTheirParameterNames()
    {
        QFETCH(QString, architecture);
        QFETCH(QString, parameter);
        auto net = core::makeZooNet(architecture.toStdString(), kInput, kClasses);
        QVERIFY2(net->named_parameters().contains(parameter.toStdString()), qPrintable(parameter));
    }

    void mobileNetConvolutionsAreDepthwise_data()
    {
        QTest::addColumn<QString>("architecture");
        QTest::addColumn<int>("blocks");
        QTest::newRow("mobilenet") << "mobilenet" << 5;
        QTest::newRow("mobilenet-large") << "mobilenet-large" << 7;
    }
    void mobileNetConvolutionsAreDepthwise()
    {
        QFETCH(QString, architecture);
        QFETCH(int, blocks);
        auto net = core::makeZooNet(architecture.toStdString(), kInput, kClasses);
        int depthwise = 0;
        for (const auto& item : net->named_modules()) {
            const auto* conv = item.value()->as<torch::nn::Conv2d>();
            if (!conv)
                continue;
            const auto& options = conv->options;
            const bool isDepthwise =
                item.key().size() > 10 && item.key().substr(item.key().size() - 10) == ".depthwise";
            if (isDepthwise) {
                ++depthwise;
                QCOMPARE(options.groups(), options.in_channels());
                QCOMPARE(options.out_channels(), options.in_channels());
                QCOMPARE((*options.kernel_size())[0], std::int64_t{3});
            } else {
                // Everything else is the stem or a pointwise (1×1) convolution.
                QCOMPARE(options.groups(), std::int64_t{1});
                QVERIFY2(item.key() == "stem" || (*options.kernel_size())[0] == 1, item.key().c_str());
            }
        }
        QCOMPARE(depthwise, blocks);
    }

    void denseBlocksGrowByTheGrowthRate()
    {
        // densenet: stem 24, growth 12, 4 layers per block, transitions halve the channels.
        auto net = core::makeZooNet("densenet", kInput, kClasses);
        net->eval();
        torch::NoGradGuard noGrad;
        const at::Tensor x = torch::rand({1, 1, 28, 28});
        core::FeatureTap block1{"block1", {}}, block2{"block2", {}};
        net->forwardTapped(x, &block1);
        net->forwardTapped(x, &block2);
        QCOMPARE(block1.features.sizes().vec(), (std::vector<std::int64_t>{1, 24 + 4 * 12, 14, 14}));
        QCOMPARE(block2.features.sizes().vec(), (std::vector<std::int64_t>{1, 36 + 4 * 12, 7, 7}));
    }
};

QTEST_GUILESS_MAIN(TestZooArchitectures)
#include "tst_zooarchitectures.moc"
