// core::scoreImages / scoreLogits against scores computed here by hand, in
// double precision, from a tiny linear classifier with fixed weights.
#include "tests/support/linearclassifier.h"

#include "core/metrics/imagescores.h"
#include "core/model/classifier.h"
#include "core/util/error.h"

#include <ATen/ATen.h>
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <vector>

using namespace advlens;

namespace {

constexpr int kClasses = 4;
constexpr int kSide = 3; ///< images are 1×3×3
constexpr int kPixels = kSide * kSide;
constexpr float kMean = 0.5F;
constexpr float kStd = 0.25F;

/// logits = W · ((x − mean) / std) + b, with W and b fixed by formulas so the
/// test can recompute every logit with plain loops; the shared linear model
/// with a real normalisation, class names a–d, and NaN logits on request.
class LinearClassifier : public test::LinearClassifier {
public:
    LinearClassifier()
        : test::LinearClassifier(metadata(), weights(), biases())
    {
    }

    static float weight(int k, int p) { return 0.3F * std::sin(1.7F * k + 0.9F * p) + 0.05F * (k - p % 3); }
    static float bias(int k) { return 0.1F * k - 0.15F; }

    bool producesNaN = false;

protected:
    at::Tensor forwardNormalised(const at::Tensor& normalised) override
    {
        at::Tensor logits = test::LinearClassifier::forwardNormalised(normalised);
        if (producesNaN)
            logits = logits.clone().index_put_({0, 1}, std::nanf(""));
        return logits;
    }

private:
    static core::ModelMetadata metadata()
    {
        core::ModelMetadata m = metadataFor(kClasses, {1, kSide, kSide});
        m.mean = {kMean};
        m.std = {kStd};
        m.classNames = {"a", "b", "c", "d"};
        return m;
    }

    static at::Tensor weights()
    {
        std::vector<float> w(kClasses * kPixels);
        for (int k = 0; k < kClasses; ++k)
            for (int p = 0; p < kPixels; ++p)
                w[k * kPixels + p] = weight(k, p);
        return at::tensor(w).view({kClasses, kPixels});
    }

    static at::Tensor biases()
    {
        std::vector<float> b(kClasses);
        for (int k = 0; k < kClasses; ++k)
            b[k] = bias(k);
        return at::tensor(b);
    }
};

/// Deterministic pixels in [0, 1], different for every image.
at::Tensor makeImages(int count)
{
    std::vector<float> values(static_cast<std::size_t>(count) * kPixels);
    for (std::size_t i = 0; i < values.size(); ++i)
        values[i] = 0.5F + 0.5F * std::sin(0.37F * static_cast<float>(i * i % 101) + 0.2F);
    return at::tensor(values).view({count, 1, kSide, kSide});
}

/// The logits of image `n`, by hand.
std::vector<double> manualLogits(const at::Tensor& images, int n)
{
    const at::Tensor flat = images.view({images.size(0), kPixels});
    std::vector<double> z(kClasses);
    for (int k = 0; k < kClasses; ++k) {
        double sum = LinearClassifier::bias(k);
        for (int p = 0; p < kPixels; ++p)
            sum += LinearClassifier::weight(k, p) * ((flat[n][p].item<double>() - kMean) / kStd);
        z[k] = sum;
    }
    return z;
}

} // namespace

class TestImageScores : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void scoresMatchAHandComputation_data();
    void scoresMatchAHandComputation();
    void marginIsPositiveExactlyWhenCorrect();
    void topKIsClampedToTheClasses();
    void noGraphIsBuilt();
    void nonFiniteLogitsAreRefused();
    void badLabelsAreRefused();
};

void TestImageScores::scoresMatchAHandComputation_data()
{
    QTest::addColumn<int>("images");
    QTest::addColumn<int>("unknownEvery"); // every n-th label is −1 (0: none)
    QTest::newRow("labels known") << 7 << 0;
    QTest::newRow("some unknown") << 9 << 3;
    QTest::newRow("all unknown") << 5 << 1;
}

void TestImageScores::scoresMatchAHandComputation()
{
    QFETCH(int, images);
    QFETCH(int, unknownEvery);
    LinearClassifier model;
    const at::Tensor x = makeImages(images);
    std::vector<std::int64_t> labelValues(images);
    for (int n = 0; n < images; ++n)
        labelValues[n] = (unknownEvery > 0 && n % unknownEvery == 0) ? -1 : (n * 3 + 1) % kClasses;
    const core::ImageScores scores = core::scoreImages(model, x, at::tensor(labelValues), /*topK=*/3);

    QCOMPARE(scores.topClasses.sizes().vec(), (std::vector<std::int64_t>{images, 3}));
    for (int n = 0; n < images; ++n) {
        const std::vector<double> z = manualLogits(x, n);
        const double top = *std::max_element(z.begin(), z.end());
        double partition = 0.0;
        for (double v : z)
            partition += std::exp(v - top);
        std::vector<int> order(kClasses);
        std::iota(order.begin(), order.end(), 0);
        std::sort(order.begin(), order.end(), [&](int a, int b) { return z[a] > z[b]; });

        QCOMPARE(scores.predictions[n].item<std::int64_t>(), std::int64_t(order[0]));
        QVERIFY(std::abs(scores.confidence[n].item<double>() - 1.0 / partition) < 1e-5);
        for (int j = 0; j < 3; ++j) {
            QCOMPARE(scores.topClasses[n][j].item<std::int64_t>(), std::int64_t(order[j]));
            const double p = std::exp(z[order[j]] - top) / partition;
            QVERIFY(std::abs(scores.topProbabilities[n][j].item<double>() - p) < 1e-5);
        }
        const std::int64_t label = labelValues[n];
        const int reference = label >= 0 ? static_cast<int>(label) : order[0];
        double bestOther = -std::numeric_limits<double>::infinity();
        for (int k = 0; k < kClasses; ++k)
            if (k != reference)
                bestOther = std::max(bestOther, z[k]);
        QVERIFY2(std::abs(scores.margin[n].item<double>() - (z[reference] - bestOther)) < 1e-4,
                 qPrintable(QStringLiteral("image %1: %2 vs %3")
                                .arg(n)
                                .arg(scores.margin[n].item<double>())
                                .arg(z[reference] - bestOther)));
        if (label < 0) {
            QVERIFY(std::isnan(scores.loss[n].item<double>()));
        } else {
            const double loss = -(z[label] - top - std::log(partition));
            QVERIFY(std::abs(scores.loss[n].item<double>() - loss) < 1e-4);
        }
    }
}

void TestImageScores::marginIsPositiveExactlyWhenCorrect()
{
    LinearClassifier model;
    const at::Tensor x = makeImages(12);
    const at::Tensor labels = at::arange(12, at::kLong) % kClasses;
    const core::ImageScores scores = core::scoreImages(model, x, labels);
    const at::Tensor correct = scores.predictions == labels;
    QVERIFY(correct.any().item<bool>() && !correct.all().item<bool>()); // both kinds are present
    QVERIFY(at::equal(scores.margin > 0, correct));
    // The true class's loss is smallest exactly for the predicted class: −log p ≤ −log p_top1 … ≥ when wrong.
    const at::Tensor topLoss = -scores.confidence.log();
    QVERIFY((scores.loss + 1e-6 >= topLoss).all().item<bool>());
}

void TestImageScores::topKIsClampedToTheClasses()
{
    LinearClassifier model;
    const core::ImageScores scores = core::scoreImages(model, makeImages(2), at::full({2}, -1, at::kLong), 10);
    QCOMPARE(scores.topClasses.size(1), std::int64_t(kClasses));
    QVERIFY(std::abs(scores.topProbabilities.sum(1)[0].item<double>() - 1.0) < 1e-5);
}

void TestImageScores::noGraphIsBuilt()
{
    LinearClassifier model;
    model.setParametersRequireGrad(true);
    const at::Tensor x = makeImages(3).requires_grad_(true);
    const core::ImageScores scores = core::scoreImages(model, x, at::zeros({3}, at::kLong));
    QVERIFY(!scores.margin.requires_grad());
    QVERIFY(!scores.loss.requires_grad());
    QVERIFY(at::GradMode::is_enabled()); // the guard ended with the call
}

void TestImageScores::nonFiniteLogitsAreRefused()
{
    LinearClassifier model;
    model.producesNaN = true;
    try {
        core::scoreImages(model, makeImages(4), at::zeros({4}, at::kLong));
        QFAIL("NaN logits were scored");
    } catch (const core::Error& e) {
        QVERIFY2(QString::fromUtf8(e.what()).contains(QStringLiteral("NaN or infinite outputs for 1 of 4")), e.what());
    }
}

void TestImageScores::badLabelsAreRefused()
{
    const at::Tensor logits = at::zeros({3, kClasses});
    QVERIFY_THROWS_EXCEPTION(core::Error, core::scoreLogits(logits, at::zeros({2}, at::kLong)));
    QVERIFY_THROWS_EXCEPTION(core::Error, core::scoreLogits(logits, at::full({3}, kClasses, at::kLong)));
    QVERIFY_THROWS_EXCEPTION(core::Error, core::scoreLogits(at::zeros({3}), at::zeros({3}, at::kLong)));
    // An empty batch is fine.
    QCOMPARE(core::scoreLogits(at::zeros({0, kClasses}), at::zeros({0}, at::kLong)).margin.numel(), std::int64_t(0));
}

QTEST_GUILESS_MAIN(TestImageScores)
#include "tst_imagescores.moc"
