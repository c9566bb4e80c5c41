#include "tests/support/testsupport.h"

#include "core/attacks/attackregistry.h"
#include "core/attacks/imagestreams.h"
#include "core/attacks/transferattacks.h"
#include "core/attacks/transferiterations.h"
#include "core/model/classifier.h"

#include <ATen/ATen.h>
#include <QtTest>

#include <cmath>

using namespace advlens;

namespace {

constexpr std::int64_t kImages = 64;

/// The iterates an attack streams, step by step.
std::vector<at::Tensor> iteratesOf(core::Attack& attack, core::Classifier& model, const core::AttackInput& input,
                                   const core::AttackConfig& config)
{
    std::vector<at::Tensor> iterates;
    core::RunControl control;
    control.iterate = [&](std::int64_t, const at::Tensor& x) { iterates.push_back(x.clone()); };
    attack.run(model, input, config, control);
    return iterates;
}

} // namespace

class TestTransferAttacks : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<core::Classifier> m_model;
    core::LabelledImages m_data;

    core::AttackInput input(std::int64_t begin = 0, std::int64_t end = kImages) const
    {
        core::AttackInput in{m_data.images.slice(0, begin, end), m_data.labels.slice(0, begin, end), {}};
        in.indices = at::arange(begin, end, at::kLong);
        return in;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_model = test::tinyTrainedModel();
        m_data = test::fashionMnist(false, kImages);
    }

    // Dong et al.'s gkern: the outer product of the normal density at `size`
    // points over [−3, 3], normalised.
    void kernelIsTheNormalisedGaussian()
    {
        const at::Tensor kernel = core::translationKernel(5, 3.0);
        QCOMPARE(kernel.sizes().vec(), (std::vector<std::int64_t>{5, 5}));
        const double points[5] = {-3.0, -1.5, 0.0, 1.5, 3.0};
        double total = 0.0;
        for (double a : points)
            for (double b : points)
                total += std::exp(-0.5 * (a * a + b * b));
        for (int i = 0; i < 5; ++i)
            for (int j = 0; j < 5; ++j) {
                const double expected = std::exp(-0.5 * (points[i] * points[i] + points[j] * points[j])) / total;
                QVERIFY(std::abs(kernel[i][j].item<double>() - expected) < 1e-7);
            }
        QVERIFY(core::translationKernel(1, 3.0).equal(at::ones({1, 1})));
        QCOMPARE(core::defaultKernelSize(299), 15);
        QCOMPARE(core::defaultKernelSize(224), 11);
        QCOMPARE(core::defaultKernelSize(28), 3);
    }

    // Without diversity DI-FGSM is I-FGSM (BIM), and TI-FGSM with a 1×1
    // kernel and momentum 1 is MI-FGSM: the same iterates, step by step.
    void withoutTheirAdditionsTheyAreBimAndMim()
    {
        core::AttackConfig config;
        config.epsilon = 0.05;
        config.steps = 5;
        const auto bim = iteratesOf(*core::createAttack("bim"), *m_model, input(), config);
        config.extra = {{"diversity_prob", 0.0}};
        core::DiFgsm di;
        const auto plain = iteratesOf(di, *m_model, input(), config);
        QCOMPARE(plain.size(), bim.size());
        for (std::size_t s = 0; s < bim.size(); ++s)
            QVERIFY2(at::allclose(plain[s], bim[s], 0.0, 1e-6), qPrintable(QString("step %1").arg(s)));

        config.extra = {{"kernel_size", 1}, {"momentum", 1.0}};
        core::TiFgsm ti;
        const auto withMomentum = iteratesOf(ti, *m_model, input(), config);
        config.extra = {};
        const auto mim = iteratesOf(*core::createAttack("mim"), *m_model, input(), config);
        QCOMPARE(withMomentum.size(), std::size_t(config.steps));
        QCOMPARE(mim.size(), withMomentum.size());
        for (std::size_t s = 0; s < mim.size(); ++s)
            QVERIFY(at::allclose(withMomentum[s], mim[s], 0.0, 1e-6));
    }

    void diversityResizesAndPadsDifferentiably()
    {
        const at::Tensor x = at::rand({6, 1, 28, 28}).requires_grad_(true);
        core::ImageStreams streams(1, at::arange(6, at::kLong));
        const at::Tensor rows = at::arange(6, at::kLong);
        QVERIFY(core::diverseInputs(x, rows, 0.0, 0.9, streams).equal(x));
        const at::Tensor all = core::diverseInputs(x, rows, 1.0, 0.9, streams);
        QCOMPARE(all.sizes(), x.sizes());
        // Each transformed image sits on a black canvas, smaller than the input.
        for (std::int64_t i = 0; i < 6; ++i) {
            const at::Tensor nonzeroRows = all[i][0].abs().sum(1).gt(0).sum();
            QVERIFY(nonzeroRows.item<std::int64_t>() >= 25 && nonzeroRows.item<std::int64_t>() <= 27);
        }
        all.sum().backward();
        QVERIFY(x.grad().defined() && x.grad().abs().sum().item<double>() > 0.0);
    }

    void staysInTheBallAndTheBox_data()
    {
        QTest::addColumn<QString>("attack");
        QTest::addColumn<int>("norm");
        for (const char* name : {"di-fgsm", "ti-fgsm"}) {
            QTest::newRow(qPrintable(QString("%1 linf").arg(name))) << QString(name) << int(core::Norm::Linf);
            QTest::newRow(qPrintable(QString("%1 l2").arg(name))) << QString(name) << int(core::Norm::L2);
        }
    }
    void staysInTheBallAndTheBox()
    {
        QFETCH(QString, attack);
        QFETCH(int, norm);
        core::AttackConfig config;
        config.norm = core::Norm(norm);
        config.epsilon = config.norm == core::Norm::Linf ? 0.05 : 1.0;
        config.steps = 6;
        config.extra = {{"diversity_prob", 0.7}};
        const core::AttackResult r = core::createAttack(attack.toStdString())->run(*m_model, input(), config);
        const at::Tensor norms = config.norm == core::Norm::Linf ? r.norms.linf : r.norms.l2;
        QVERIFY(norms.max().item<double>() <= config.epsilon + 1e-5);
        QVERIFY(r.adversarial.min().item<double>() >= 0.0 && r.adversarial.max().item<double>() <= 1.0);
        QVERIFY(r.success.any().item<bool>()); // it does attack the surrogate
        QCOMPARE(r.gradientEvaluationsPerImage.max().item<std::int64_t>(), std::int64_t{6});
    }

    void resultsDoNotDependOnTheBatchSplit()
    {
        core::AttackConfig config;
        config.epsilon = 0.05;
        config.steps = 4;
        config.seed = 9;
        core::DiFgsm di;
        std::vector<at::Tensor> parts;
        for (std::int64_t start = 0; start < kImages; start += 7)
            parts.push_back(di.run(*m_model, input(start, std::min(kImages, start + 7)), config).adversarial);
        QVERIFY(at::cat(parts).equal(di.run(*m_model, input(), config).adversarial));
        config.seed = 10;
        QVERIFY(!di.run(*m_model, input(), config).adversarial.equal(at::cat(parts)));
    }
};

QTEST_GUILESS_MAIN(TestTransferAttacks)
#include "tst_transferattacks.moc"
