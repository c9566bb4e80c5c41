#include "tests/support/testsupport.h"

#include "core/attacks/attackcommon.h"
#include "core/attacks/attackregistry.h"
#include "core/defences/defendedclassifier.h"
#include "core/defences/inputtransforms.h"
#include "core/metrics/gradientmasking.h"
#include "core/metrics/robustnessevaluation.h"
#include "core/util/error.h"

#include <ATen/ATen.h>
#include <QtTest>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <functional>

using namespace advlens;

namespace {

/// The lesson's setting: bits:2 leaves 4 grey levels (0, 1/3, 2/3, 1), so a
/// perturbation must move a value across a rounding threshold (1/6 from a level).
constexpr const char* kLessonDefence = "bits:2";
constexpr double kLessonEpsilon = 0.2;
constexpr std::int64_t kLessonImages = 200;
constexpr std::int64_t kCheckImages = 100; ///< the gradient-masking checks cost most of the test's time

/// What core::Error `run` throws ("" when none).
QString errorOf(const std::function<void()>& run)
{
    try {
        run();
    } catch (const core::Error& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

/// One image through OpenCV's codec the plain way: 8-bit, BGR for colour.
at::Tensor openCvRoundTrip(const at::Tensor& image, int quality)
{
    const at::Tensor bytes = image.mul(255.0).round().to(at::kByte).permute({1, 2, 0}).contiguous();
    const int channels = static_cast<int>(image.size(0));
    const cv::Mat mat(static_cast<int>(image.size(1)), static_cast<int>(image.size(2)), CV_8UC(channels),
                      bytes.data_ptr<std::uint8_t>());
    cv::Mat bgr = mat, rgb;
    if (channels == 3)
        cv::cvtColor(mat, bgr, cv::COLOR_RGB2BGR);
    std::vector<uchar> file;
    cv::imencode(".jpg", bgr, file, {cv::IMWRITE_JPEG_QUALITY, quality});
    const cv::Mat decoded = cv::imdecode(file, channels == 3 ? cv::IMREAD_COLOR : cv::IMREAD_GRAYSCALE);
    rgb = decoded;
    if (channels == 3)
        cv::cvtColor(decoded, rgb, cv::COLOR_BGR2RGB);
    return at::from_blob(rgb.data, {rgb.rows, rgb.cols, channels}, at::kByte)
        .permute({2, 0, 1})
        .to(at::kFloat)
        .div(255.0);
}

double robustAccuracy(const core::RobustnessReport& report)
{
    return report.points.back().robustAccuracy;
}

} // namespace

class TestInputDefences : public QObject {
    Q_OBJECT

    std::shared_ptr<core::Classifier> m_tiny;
    core::LabelledImages m_data;

private Q_SLOTS:
    void initTestCase()
    {
        m_tiny = test::tinyTrainedModel();
        m_data = test::fashionMnist(false, 16);
    }

    void bitDepthValuesAreExact_data()
    {
        QTest::addColumn<int>("bits");
        QTest::addColumn<double>("input");
        QTest::addColumn<double>("expected");
        QTest::newRow("1 bit, below half") << 1 << 0.49 << 0.0;
        QTest::newRow("1 bit, above half") << 1 << 0.51 << 1.0;
        QTest::newRow("2 bits, 0.2 -> 1/3") << 2 << 0.2 << 1.0 / 3.0;
        QTest::newRow("2 bits, 0.9 -> 1") << 2 << 0.9 << 1.0;
        QTest::newRow("3 bits, 0.5 -> 4/7") << 3 << 0.5 << 4.0 / 7.0; // 3.5 rounds half to even: 4
        QTest::newRow("3 bits, 0.3 -> 2/7") << 3 << 0.3 << 2.0 / 7.0;
        QTest::newRow("8 bits, 0.2 -> 51/255") << 8 << 0.2 << 51.0 / 255.0;
        QTest::newRow("clamped above 1") << 4 << 1.3 << 1.0;
    }
    void bitDepthValuesAreExact()
    {
        QFETCH(int, bits);
        QFETCH(double, input);
        QFETCH(double, expected);
        const at::Tensor out = core::reduceBitDepth(at::full({1, 1, 2, 2}, input, at::kFloat), bits);
        QCOMPARE(out.flatten()[0].item<float>(), static_cast<float>(expected));
    }

    void bitDepthKeepsOnlyItsLevels()
    {
        const at::Tensor out = core::reduceBitDepth(m_data.images, 3);
        const at::Tensor levels = out * 7.0;
        QVERIFY(at::allclose(levels, levels.round(), 0.0, 1e-5));
        QCOMPARE(std::get<0>(at::_unique(levels.round())).numel(), std::int64_t{8});
        QVERIFY(at::equal(core::reduceBitDepth(out, 3), out)); // idempotent
    }

    void jpegEqualsAnOpenCvRoundTrip_data()
    {
        QTest::addColumn<int>("channels");
        QTest::addColumn<int>("quality");
        QTest::newRow("grey q75") << 1 << 75;
        QTest::newRow("grey q10") << 1 << 10;
        QTest::newRow("rgb q50") << 3 << 50;
    }
    void jpegEqualsAnOpenCvRoundTrip()
    {
        QFETCH(int, channels);
        QFETCH(int, quality);
        at::Tensor images = m_data.images.slice(0, 0, 4);
        if (channels == 3) // a colour batch: the grey images tinted differently per channel
            images = at::cat({images, images.flip(2), 1.0 - images}, 1).contiguous();
        const at::Tensor out = core::jpegRecompress(images, quality);
        QCOMPARE(out.sizes(), images.sizes());
        QCOMPARE(out.scalar_type(), at::kFloat);
        for (std::int64_t i = 0; i < images.size(0); ++i)
            QVERIFY(at::equal(out[i], openCvRoundTrip(images[i], quality)));
        // A lossy codec: the images change, and the result is 8-bit.
        QVERIFY((out - images).abs().max().item<double>() > 0.05);
        QVERIFY(at::equal((out * 255.0).round() / 255.0, out));
    }

    void obfuscatedGradientIsZero_data()
    {
        QTest::addColumn<QString>("defence");
        QTest::newRow("bits:3") << "bits:3";
        QTest::newRow("jpeg:50") << "jpeg:50";
    }
    void obfuscatedGradientIsZero()
    {
        QFETCH(QString, defence);
        auto defended = core::defendClassifier(m_tiny, defence.toStdString(), core::DefenceGradient::Obfuscated);
        const at::Tensor x = m_data.images.slice(0, 0, 8);
        const core::LossGradient lg = core::crossEntropyGradient(*defended, x, m_data.labels.slice(0, 0, 8));
        QCOMPARE(lg.gradient.sizes(), x.sizes());
        QCOMPARE(lg.gradient.abs().max().item<double>(), 0.0);
        // The inner model on its own has a useful gradient at the same images.
        QVERIFY(
            core::crossEntropyGradient(*m_tiny, x, m_data.labels.slice(0, 0, 8)).gradient.abs().max().item<double>() >
            1e-3);
    }

    void bpdaGradientIsTheInnerGradientAtTheTransformedImage_data() { obfuscatedGradientIsZero_data(); }
    void bpdaGradientIsTheInnerGradientAtTheTransformedImage()
    {
        QFETCH(QString, defence);
        auto defended = core::defendClassifier(m_tiny, defence.toStdString(), core::DefenceGradient::Bpda);
        const at::Tensor x = m_data.images.slice(0, 0, 8);
        const at::Tensor labels = m_data.labels.slice(0, 0, 8);
        const at::Tensor transformed = core::applyInputDefence(defended->defence(), x);
        const core::LossGradient bpda = core::crossEntropyGradient(*defended, x, labels);
        const core::LossGradient inner = core::crossEntropyGradient(*m_tiny, transformed, labels);
        QVERIFY(at::allclose(bpda.gradient, inner.gradient, 1e-5, 1e-7));
        QVERIFY(bpda.gradient.abs().max().item<double>() > 1e-3);
        // Both gradient modes share the forward pass: the inner model on T(x).
        QVERIFY(at::allclose(bpda.logits, inner.logits, 1e-5, 1e-6));
        defended->setGradientMode(core::DefenceGradient::Obfuscated);
        QVERIFY(at::allclose(core::logitsWithoutGrad(*defended, x), inner.logits, 1e-5, 1e-6));
    }

    void wrapperForwardsToTheInnerModel()
    {
        std::shared_ptr<core::Classifier> lenet = test::defaultModel();
        auto defended = core::defendClassifier(lenet, "jpeg:60");
        const core::ModelMetadata& meta = defended->metadata();
        QCOMPARE(meta.name, lenet->metadata().name + "+jpeg:60");
        QCOMPARE(meta.mean, std::vector<float>{0.0f}); // the inner normalises, once
        QCOMPARE(meta.std, std::vector<float>{1.0f});
        QCOMPARE(meta.classNames, lenet->metadata().classNames);
        QVERIFY(lenet->metadata().std != std::vector<float>{1.0f});
        QCOMPARE(defended->featureLayers(), lenet->featureLayers());
        QCOMPARE(defended->parameters().size(), lenet->parameters().size());
        const at::Tensor x = m_data.images.slice(0, 0, 4);
        const core::FeaturesAndLogits both = defended->logitsWithFeatures(x);
        QVERIFY(at::allclose(both.logits, core::logitsWithoutGrad(*defended, x), 1e-5, 1e-6));
        QVERIFY(!at::allclose(core::logitsWithoutGrad(*defended, x), core::logitsWithoutGrad(*lenet, x), 1e-3, 1e-3));
        QVERIFY(
            errorOf([&] { defended->save(test::scratchDirectory() / "defended.json"); }).contains("cannot be saved"));
    }

    void specsParse_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<QString>("canonical"); // empty: must fail
        QTest::addColumn<QString>("message");
        QTest::newRow("jpeg:75") << "jpeg:75"
                                 << "jpeg:75"
                                 << "";
        QTest::newRow("upper case") << "JPEG:10"
                                    << "jpeg:10"
                                    << "";
        QTest::newRow("bits:3") << "bits:3"
                                << "bits:3"
                                << "";
        QTest::newRow("bits:8") << "bits:8"
                                << "bits:8"
                                << "";
        QTest::newRow("empty") << ""
                               << ""
                               << "has no level";
        QTest::newRow("no level") << "jpeg"
                                  << ""
                                  << "expected jpeg:QUALITY";
        QTest::newRow("empty level") << "jpeg:"
                                     << ""
                                     << "JPEG quality must be a whole number from 1 to 100";
        QTest::newRow("quality 0") << "jpeg:0"
                                   << ""
                                   << "from 1 to 100, not '0'";
        QTest::newRow("quality 101") << "jpeg:101"
                                     << ""
                                     << "from 1 to 100";
        QTest::newRow("negative") << "jpeg:-5"
                                  << ""
                                  << "from 1 to 100";
        QTest::newRow("trailing text") << "jpeg:75x"
                                       << ""
                                       << "from 1 to 100";
        QTest::newRow("bits 0") << "bits:0"
                                << ""
                                << "bit depth must be a whole number from 1 to 8";
        QTest::newRow("bits 9") << "bits:9"
                                << ""
                                << "from 1 to 8";
        QTest::newRow("fraction") << "bits:2.5"
                                  << ""
                                  << "from 1 to 8";
        QTest::newRow("unknown") << "blur:3"
                                 << ""
                                 << "unknown defence 'blur:3'";
    }
    void specsParse()
    {
        QFETCH(QString, spec);
        QFETCH(QString, canonical);
        QFETCH(QString, message);
        core::InputDefence defence;
        const QString error = errorOf([&] { defence = core::parseInputDefence(spec.toStdString()); });
        if (canonical.isEmpty()) {
            QVERIFY2(error.contains(message), qPrintable(error));
        } else {
            QVERIFY2(error.isEmpty(), qPrintable(error));
            QCOMPARE(test::qs(core::toString(defence)), canonical);
        }
    }

    void wrongShapesAndSettingsAreRejected()
    {
        auto defended = core::defendClassifier(m_tiny, "bits:2");
        QVERIFY(errorOf([&] { defended->logits(at::rand({2, 3, 28, 28})); }).contains("expects N×1×28×28"));
        QVERIFY(errorOf([&] { defended->logits(at::rand({1, 28, 28})); }).contains("got shape 1×28×28"));
        QVERIFY(errorOf([&] { core::jpegRecompress(at::rand({1, 28, 28}), 50); }).contains("N×1×H×W or N×3×H×W"));
        QVERIFY(errorOf([&] { core::jpegRecompress(at::rand({1, 2, 8, 8}), 50); }).contains("got shape 1×2×8×8"));
        QVERIFY(errorOf([&] { core::jpegRecompress(at::rand({1, 1, 8, 8}), 0); }).contains("quality"));
        QVERIFY(errorOf([&] { core::reduceBitDepth(at::rand({1, 1, 8, 8}), 9); }).contains("bit depth"));
        QVERIFY(errorOf([&] { core::DefendedClassifier(nullptr, core::InputDefence{}); }).contains("needs a model"));
        QVERIFY(errorOf([&] {
                    core::DefendedClassifier(m_tiny, core::InputDefence{core::InputDefence::Kind::Jpeg, 0});
                }).contains("from 1 to 100"));
        // An empty batch passes through.
        QCOMPARE(core::jpegRecompress(at::rand({0, 1, 8, 8}), 50).size(0), std::int64_t{0});
    }

    /// The obfuscated-gradients lesson (Athalye et al. 2018) on the default model:
    /// with its own (zero) gradient the defence looks robust; with BPDA it is not,
    /// and the gradient-masking checks say so for the naive evaluation.
    void looksRobustOnlyUntilBpda()
    {
        std::shared_ptr<core::Classifier> lenet = test::defaultModel();
        const core::LabelledImages data = test::fashionMnist(false, kLessonImages);
        const core::LabelledImages checkData = test::fashionMnist(false, kCheckImages);
        auto defended = core::defendClassifier(lenet, kLessonDefence, core::DefenceGradient::Obfuscated);
        auto fgsm = core::createAttack("fgsm");
        auto pgd = core::createAttack("pgd");
        core::AttackConfig config;
        config.steps = 20;
        const std::vector<double> epsilons{0.0, kLessonEpsilon};
        core::RobustnessReport naive = core::evaluateRobustness(*defended, data, *fgsm, config, epsilons);
        core::addGradientMaskingChecks(naive, *defended, checkData);
        defended->setGradientMode(core::DefenceGradient::Bpda);
        core::RobustnessReport bpdaFgsm = core::evaluateRobustness(*defended, data, *fgsm, config, epsilons);
        const core::RobustnessReport bpdaPgd = core::evaluateRobustness(*defended, data, *pgd, config, epsilons);
        core::addGradientMaskingChecks(bpdaFgsm, *defended, checkData);
        qInfo("%s on %lld images, eps %.2f: clean %.1f %%, FGSM obfuscated %.1f %%, FGSM BPDA %.1f %%, PGD-20 BPDA "
              "%.1f %%",
              kLessonDefence, static_cast<long long>(kLessonImages), kLessonEpsilon, 100.0 * naive.clean.top1,
              100.0 * robustAccuracy(naive), 100.0 * robustAccuracy(bpdaFgsm), 100.0 * robustAccuracy(bpdaPgd));

        QVERIFY(naive.clean.top1 > 0.75); // the defence keeps the model usable
        QCOMPARE(bpdaFgsm.clean.top1, naive.clean.top1);
        // A zero gradient moves nothing: FGSM leaves clean accuracy as it was.
        QCOMPARE(robustAccuracy(naive), naive.clean.top1);
        QVERIFY(robustAccuracy(naive) - robustAccuracy(bpdaFgsm) >= 0.20);
        QVERIFY(robustAccuracy(bpdaPgd) <= robustAccuracy(bpdaFgsm));
        QVERIFY(robustAccuracy(bpdaPgd) < 0.25);

        const auto failed = [](const core::RobustnessReport& report, const std::string& name) {
            const auto it = std::find_if(report.checks.begin(), report.checks.end(),
                                         [&](const core::SanityCheck& c) { return c.name == name; });
            return it != report.checks.end() && !it->passed;
        };
        QVERIFY2(failed(naive, "unbounded-pgd"), naive.checks.front().description.c_str());
        QVERIFY(!naive.warnings.empty());
        QVERIFY2(!failed(bpdaFgsm, "unbounded-pgd"), bpdaFgsm.checks.front().description.c_str());
    }
};

QTEST_GUILESS_MAIN(TestInputDefences)
#include "tst_inputdefences.moc"
