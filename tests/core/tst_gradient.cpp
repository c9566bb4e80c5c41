#include "tests/support/testsupport.h"

#include "core/attacks/attackcommon.h"
#include "core/attacks/lpball.h"
#include "core/model/classifier.h"

#include <ATen/ATen.h>
#include <ATen/CPUGeneratorImpl.h>
#include <QtTest>

using namespace advlens;

class TestGradient : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void inputGradientMatchesFiniteDifferences()
    {
        auto model = test::tinyTrainedModel();
        const core::LabelledImages data = test::fashionMnist(false, 8);
        const core::LossGradient lg = core::crossEntropyGradient(*model, data.images, data.labels);
        QCOMPARE(lg.gradient.sizes(), data.images.sizes());
        QVERIFY(lg.gradient.abs().sum().item<double>() > 0);

        auto loss = [&](const at::Tensor& x) {
            at::NoGradGuard noGrad;
            return at::cross_entropy_loss(model->logits(x).to(at::kDouble), data.labels, {}, at::Reduction::Sum)
                .item<double>();
        };
        at::Generator generator = at::detail::createCPUGenerator(17);
        constexpr double kStep = 1e-3;
        for (int trial = 0; trial < 5; ++trial) {
            // Directional derivative along a random unit direction, by central differences.
            at::Tensor direction = at::randn(data.images.sizes(), generator, at::kFloat);
            direction /= direction.norm();
            const double numeric =
                (loss(data.images + kStep * direction) - loss(data.images - kStep * direction)) / (2 * kStep);
            const double analytic = (lg.gradient * direction).sum().item<double>();
            QVERIFY2(std::abs(numeric - analytic) <= 0.02 * std::abs(analytic) + 1e-3,
                     qPrintable(QString("numeric %1 vs analytic %2").arg(numeric).arg(analytic)));
        }
    }

    void gradientOfEachImageIgnoresTheRestOfTheBatch()
    {
        auto model = test::tinyTrainedModel();
        const core::LabelledImages data = test::fashionMnist(false, 4);
        const at::Tensor batch = core::crossEntropyGradient(*model, data.images, data.labels).gradient;
        const at::Tensor single =
            core::crossEntropyGradient(*model, data.images.slice(0, 2, 3), data.labels.slice(0, 2, 3)).gradient;
        QVERIFY(at::allclose(batch.slice(0, 2, 3), single, 1e-5, 1e-7));
    }

    void pgdL2StartSpreadsOverAllRadiiByDefault()
    {
        at::Generator generator = at::detail::createCPUGenerator(3);
        const at::Tensor like = at::zeros({2000, 1, 28, 28});
        const double eps = 1.0;
        const at::Tensor radius =
            core::randomStart(like, eps, core::Norm::L2, generator).flatten(1).norm(2, {1}).to(at::kDouble);
        // ε·u: uniform radii, mean ε/2, a tenth of them below ε/10.
        QVERIFY(radius.le(eps * (1 + 1e-5)).all().item<bool>());
        QVERIFY(std::abs(radius.mean().item<double>() - 0.5 * eps) < 0.03);
        QVERIFY(std::abs(radius.lt(0.1 * eps).to(at::kDouble).mean().item<double>() - 0.1) < 0.03);
        // Uniform in volume: every start within a hair of the sphere.
        const at::Tensor volume =
            core::randomStart(like, eps, core::Norm::L2, generator, core::L2Start::UniformVolume).flatten(1).norm(2, {1});
        QVERIFY(volume.gt(0.98 * eps).all().item<bool>()); // u^(1/784) < 0.98: p = 1.3e-7 per draw
    }

    void ballProjectionAndUniformStartsStayInside_data()
    {
        QTest::addColumn<bool>("l2");
        QTest::newRow("linf") << false;
        QTest::newRow("l2") << true;
    }
    void ballProjectionAndUniformStartsStayInside()
    {
        QFETCH(bool, l2);
        const core::Norm norm = l2 ? core::Norm::L2 : core::Norm::Linf;
        const double eps = l2 ? 1.5 : 0.1;
        at::Generator generator = at::detail::createCPUGenerator(1);
        const at::Tensor like = at::zeros({64, 1, 28, 28});
        const at::Tensor start = core::uniformInBall(like, eps, norm, generator);
        const at::Tensor far = at::randn({64, 1, 28, 28}, generator, at::kFloat) * 10;
        const at::Tensor projected = core::projectToBall(far, eps, norm);
        for (const at::Tensor& t : {start, projected}) {
            const at::Tensor size = l2 ? t.flatten(1).norm(2, {1}) : std::get<0>(t.flatten(1).abs().max(1));
            QVERIFY(size.le(eps * (1 + 1e-5)).all().item<bool>());
        }
        // Projection of a far point lands on the sphere; a point inside is left alone.
        if (l2) {
            QVERIFY(at::allclose(projected.flatten(1).norm(2, {1}), at::full({64}, eps), 1e-4));
            QVERIFY(core::projectToBall(start, eps, norm).equal(start));
        }
        // Uniform in volume: in 784 dimensions almost every point is near the surface.
        if (l2)
            QVERIFY(start.flatten(1).norm(2, {1}).min().item<double>() > 0.95 * eps);
        else
            QVERIFY(start.abs().max().item<double>() > 0.99 * eps);
    }
};

QTEST_GUILESS_MAIN(TestGradient)
#include "tst_gradient.moc"
