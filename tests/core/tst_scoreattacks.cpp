#include "tests/support/linearclassifier.h"
#include "tests/support/testsupport.h"

#include "core/attacks/attackinfo.h"
#include "core/attacks/estimatedgradient.h"
#include "core/attacks/imagestreams.h"
#include "core/attacks/nes.h"
#include "core/attacks/noise.h"
#include "core/attacks/spsa.h"
#include "core/attacks/targetselection.h"
#include "core/model/classifier.h"

#include <ATen/ATen.h>
#include <QtTest>

#include <memory>

using namespace advlens;

Q_DECLARE_METATYPE(core::Norm)
Q_DECLARE_METATYPE(core::ProbeDistribution)

namespace {

constexpr std::int64_t kImages = 100;
constexpr int kSide = 8;

/// W x + b on 8×8 grey images, 10 classes; counts every query the attacks make.
std::unique_ptr<test::LinearClassifier> linearModel(std::uint64_t seed)
{
    at::manual_seed(seed);
    const at::Tensor weight = at::randn({10, kSide * kSide});
    const at::Tensor bias = at::randn({10});
    return std::make_unique<test::LinearClassifier>(weight, bias, core::InputSpec{1, kSide, kSide});
}

std::unique_ptr<core::Attack> makeAttack(const QString& name)
{
    if (name == "nes")
        return std::make_unique<core::Nes>();
    return std::make_unique<core::Spsa>();
}

core::ScoreObjective objectiveOf(const QString& name, bool targeted)
{
    return name == "margin" ? core::logitMarginObjective(targeted) : core::crossEntropyObjective(targeted);
}

std::int64_t count(const at::Tensor& mask)
{
    return mask.sum().item<std::int64_t>();
}

double largestDistance(const at::Tensor& delta, core::Norm norm)
{
    const at::Tensor flat = delta.flatten(1);
    return (norm == core::Norm::Linf ? flat.abs().amax(1) : flat.norm(2, {1})).max().item<double>();
}

} // namespace

class TestScoreAttacks : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<core::Classifier> m_model;
    core::LabelledImages m_data;
    at::Tensor m_targets;
    at::Tensor m_cleanCorrect;

    core::AttackResult run(const QString& attack, const core::AttackConfig& config,
                           const core::RunControl& control = {})
    {
        core::AttackInput input{m_data.images, m_data.labels, config.targeted ? m_targets : at::Tensor()};
        input.indices = at::arange(kImages, at::kLong);
        return makeAttack(attack)->run(*m_model, input, config, control);
    }

    static void attackTable()
    {
        QTest::addColumn<QString>("attack");
        QTest::newRow("nes") << "nes";
        QTest::newRow("spsa") << "spsa";
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_model = test::tinyTrainedModel();
        m_data = test::fashionMnist(false, kImages);
        m_targets = core::randomTargets(m_data.labels, 10, 11);
        at::NoGradGuard noGrad;
        m_cleanCorrect = m_model->logits(m_data.images).argmax(1).eq(m_data.labels);
    }

    void describesAQueryOnlyAttack_data() { attackTable(); }
    void describesAQueryOnlyAttack()
    {
        QFETCH(QString, attack);
        const core::AttackInfo info = attack == "nes" ? core::Nes::describe() : core::Spsa::describe();
        QCOMPARE(QString::fromStdString(info.name), attack);
        QCOMPARE(makeAttack(attack)->name(), info.name);
        QVERIFY(!info.needsGradients);
        QVERIFY(info.norms == std::vector<core::Norm>({core::Norm::Linf, core::Norm::L2}));
        QCOMPARE(info.parameter("queries")->defaultValue.value(), 5000.0);
        QCOMPARE(info.parameter("samples")->defaultValue.value(), attack == "nes" ? 50.0 : 128.0);
        QCOMPARE(info.parameter("sigma")->defaultValue.value(), attack == "nes" ? 1e-3 : 0.01);
    }

    // z = [1, 4, 2]: margin toward y = 0 is max(4, 2) − 1 = 3; targeted to
    // t = 2 it is 2 − 4 = −2. CE(z, 0) = log(e + e⁴ + e²) − 1.
    void objectivesMatchTheHandComputation()
    {
        const at::Tensor z = at::tensor({1.0f, 4.0f, 2.0f}).view({1, 3});
        const auto at0 = [](const at::Tensor& t) { return t.item<double>(); };
        QVERIFY(std::abs(at0(core::logitMarginObjective(false)(z, at::tensor({0}, at::kLong))) - 3.0) < 1e-6);
        QVERIFY(std::abs(at0(core::logitMarginObjective(true)(z, at::tensor({2}, at::kLong))) + 2.0) < 1e-6);
        QVERIFY(std::abs(at0(core::logitMarginObjective(true)(z, at::tensor({1}, at::kLong))) - 2.0) < 1e-6);
        const double ce = std::log(std::exp(1.0) + std::exp(4.0) + std::exp(2.0)) - 1.0;
        QVERIFY(std::abs(at0(core::crossEntropyObjective(false)(z, at::tensor({0}, at::kLong))) - ce) < 1e-5);
        QVERIFY(std::abs(at0(core::crossEntropyObjective(true)(z, at::tensor({0}, at::kLong))) + ce) < 1e-5);
    }

    // (1) On an affine model a finite difference along v is exact for the
    // margin (and nearly so for the cross-entropy at h = 1e-3), so the
    // estimate with many samples points along the true gradient, and its
    // projection on it has the right scale (E[(g·v) v] = g for both laws).
    void estimateFollowsTheTrueGradient_data()
    {
        QTest::addColumn<core::ProbeDistribution>("distribution");
        QTest::addColumn<QString>("objective");
        QTest::addColumn<double>("spacing");
        QTest::newRow("gaussian cross-entropy (nes)") << core::ProbeDistribution::Gaussian << "ce" << 1e-3;
        QTest::newRow("gaussian margin") << core::ProbeDistribution::Gaussian << "margin" << 1e-3;
        QTest::newRow("rademacher margin (spsa)") << core::ProbeDistribution::Rademacher << "margin" << 0.01;
        QTest::newRow("rademacher cross-entropy") << core::ProbeDistribution::Rademacher << "ce" << 0.01;
    }
    void estimateFollowsTheTrueGradient()
    {
        QFETCH(core::ProbeDistribution, distribution);
        QFETCH(QString, objective);
        QFETCH(double, spacing);
        auto model = linearModel(3);
        at::manual_seed(4);
        const at::Tensor x = at::rand({4, 1, kSide, kSide});
        const at::Tensor labels = at::tensor({0, 3, 5, 9}, at::kLong);
        const core::ScoreObjective f = objectiveOf(objective, /*targeted=*/false);

        const at::Tensor leaf = x.clone().requires_grad_(true);
        f(model->logits(leaf), labels).sum().backward();
        const at::Tensor truth = leaf.grad().flatten(1);

        core::ImageStreams streams(/*seed=*/1, at::arange(4, at::kLong), /*purpose=*/2);
        const core::GradientProbe probe{distribution, /*pairs=*/1000, spacing};
        const std::int64_t before = model->rowsSeen();
        const at::Tensor estimate =
            core::estimateGradient(*model, x, labels, at::arange(4, at::kLong), streams, probe, f).flatten(1);
        QCOMPARE(model->rowsSeen() - before, std::int64_t{4 * 2000}); // 2000 samples per image
        for (std::int64_t i = 0; i < 4; ++i) {
            const double cosine = (estimate[i].dot(truth[i]) / (estimate[i].norm() * truth[i].norm())).item<double>();
            const double scale = (estimate[i].dot(truth[i]) / truth[i].dot(truth[i])).item<double>();
            QVERIFY2(cosine >= 0.9, qPrintable(QString("image %1: cosine %2").arg(i).arg(cosine)));
            // (g·v)²/‖g‖² has mean 1 and standard deviation ≤ √2: ≤ 0.045 over 1000 pairs.
            QVERIFY2(std::abs(scale - 1.0) < 0.15, qPrintable(QString("image %1: scale %2").arg(i).arg(scale)));
        }
    }

    // Why the margin: a confident model's cross-entropy rounds to 0 in
    // float32 (log(1 + 1e-9) = 0), so every probe sees the same loss and the
    // estimate is zero; the margin's differences stay exact.
    void crossEntropySaturatesWhereTheMarginDoesNot()
    {
        auto model = linearModel(3);
        const at::Tensor x = at::full({1, 1, kSide, kSide}, 0.5f);
        at::Tensor label = model->logits(x).argmax(1).detach();
        // Make it confident: scale the logits' spread by moving x far along its class's gradient.
        const at::Tensor leaf = x.clone().requires_grad_(true);
        core::logitMarginObjective(true)(model->logits(leaf), label).sum().backward();
        const at::Tensor confident = x + 6.0 * leaf.grad() / leaf.grad().norm();
        const at::Tensor logits = model->logits(confident).detach();
        const double margin = -core::logitMarginObjective(false)(logits, label).item<double>();
        QVERIFY2(margin > 25.0, qPrintable(QString::number(margin)));
        QCOMPARE(core::crossEntropyObjective(false)(logits, label).item<float>(), 0.0f);

        core::ImageStreams streams(/*seed=*/1, at::zeros({1}, at::kLong));
        const core::GradientProbe probe{core::ProbeDistribution::Gaussian, /*pairs=*/25, /*spacing=*/1e-3};
        const at::Tensor rows = at::zeros({1}, at::kLong);
        const at::Tensor fromCe =
            core::estimateGradient(*model, confident, label, rows, streams, probe, core::crossEntropyObjective(false));
        const at::Tensor fromMargin =
            core::estimateGradient(*model, confident, label, rows, streams, probe, core::logitMarginObjective(false));
        QCOMPARE(fromCe.abs().max().item<float>(), 0.0f);
        QVERIFY(fromMargin.norm().item<double>() > 1.0);
    }

    // The mean of many small estimates converges to the gradient, not just
    // their direction: the estimator is unbiased on an affine model.
    void smallEstimatesAverageToTheGradient_data()
    {
        QTest::addColumn<core::ProbeDistribution>("distribution");
        QTest::newRow("gaussian") << core::ProbeDistribution::Gaussian;
        QTest::newRow("rademacher") << core::ProbeDistribution::Rademacher;
    }
    void smallEstimatesAverageToTheGradient()
    {
        QFETCH(core::ProbeDistribution, distribution);
        auto model = linearModel(5);
        const at::Tensor x = at::full({1, 1, kSide, kSide}, 0.5f);
        const at::Tensor label = at::tensor({2}, at::kLong);
        const core::ScoreObjective f = core::logitMarginObjective(false);
        const at::Tensor leaf = x.clone().requires_grad_(true);
        f(model->logits(leaf), label).sum().backward();
        const at::Tensor truth = leaf.grad().flatten();

        core::ImageStreams streams(/*seed=*/9, at::zeros({1}, at::kLong));
        const core::GradientProbe probe{distribution, /*pairs=*/2, /*spacing=*/1e-3};
        at::Tensor sum = at::zeros_like(truth);
        constexpr int kEstimates = 2000;
        for (int k = 0; k < kEstimates; ++k)
            sum += core::estimateGradient(*model, x, label, at::zeros({1}, at::kLong), streams, probe, f).flatten();
        const at::Tensor mean = sum / double(kEstimates);
        // Each 2-pair estimate's error has a norm near ‖g‖·√(64/2); the mean of
        // 2000 of them about ‖g‖·0.13. A biased scale (say 1/(nσ) with n pairs
        // instead of samples) would be off by a factor 2.
        const double error = ((mean - truth).norm() / truth.norm()).item<double>();
        QVERIFY2(error < 0.25, qPrintable(QString("relative error %1").arg(error)));
    }

    // (2) The rule: an attacked image's start costs 1 query, each iteration
    // samples + 1 (the estimate and the check of the new iterate); an image
    // stops once fooled, or when another iteration would pass the budget. So
    // every count is 1 + k·(samples + 1) ≤ queries, images never fooled get
    // k = ⌊(queries − 1)/(samples + 1)⌋, and images misclassified get none.
    void queryCountsFollowTheRule_data() { attackTable(); }
    void queryCountsFollowTheRule()
    {
        QFETCH(QString, attack);
        auto model = linearModel(7);
        at::manual_seed(8);
        const at::Tensor images = at::rand({40, 1, kSide, kSide});
        const at::Tensor labels = model->logits(images).argmax(1).detach();
        at::Tensor given = labels.clone();
        given.slice(0, 0, 5).add_(1).remainder_(10); // five the model gets "wrong"
        core::AttackConfig config;
        config.epsilon = 0.03;
        config.extra = {{"queries", 300}, {"samples", 20}, {"sigma", 1e-3}};
        model->resetRowsSeen();
        const core::AttackResult r = makeAttack(attack)->run(*model, {images, given, {}}, config);
        const std::int64_t cost = 21, most = 1 + (299 / cost) * cost; // 295
        const at::Tensor q = r.queriesPerImage;
        QCOMPARE(q.size(0), std::int64_t{40});
        QVERIFY(q.slice(0, 0, 5).eq(0).all().item<bool>());
        const at::Tensor attacked = q.slice(0, 5);
        QVERIFY(attacked.le(300).all().item<bool>());
        QVERIFY((attacked - 1).remainder(cost).eq(0).all().item<bool>());
        const at::Tensor fooled = r.success.slice(0, 5).cpu();
        QVERIFY(attacked.masked_select(fooled.logical_not()).eq(most).all().item<bool>());
        QVERIFY(attacked.masked_select(fooled).lt(most).any().item<bool>()); // early stops happened
        QVERIFY2(count(fooled) > 3 && count(fooled) < 32, qPrintable(QString::number(count(fooled))));
        // The model saw the clean check and the results' check (40 rows each)
        // and every query; NES's start is x, whose query is the clean check's.
        const std::int64_t sum = q.sum().item<std::int64_t>();
        QCOMPARE(model->rowsSeen(), 2 * 40 + sum - (attack == "nes" ? 35 : 0));
        QCOMPARE(r.gradientEvaluations, std::int64_t{0});
    }

    // SPSA's random start can fool an image at once: one query. A budget
    // below one iteration's cost leaves every attacked image at its start.
    void budgetsBelowOneIterationSpendOneQuery_data() { attackTable(); }
    void budgetsBelowOneIterationSpendOneQuery()
    {
        QFETCH(QString, attack);
        core::AttackConfig config;
        config.epsilon = 0.2;
        config.extra = {{"queries", 50}, {"samples", 50}};
        const core::AttackResult r = run(attack, config);
        const at::Tensor correct = m_cleanCorrect.cpu();
        QVERIFY(r.queriesPerImage.masked_select(correct).eq(1).all().item<bool>());
        QVERIFY(r.queriesPerImage.masked_select(correct.logical_not()).eq(0).all().item<bool>());
        // NES starts at x; SPSA's start is a random point of the ε-cube.
        const at::Tensor moved = (r.adversarial - m_data.images).flatten(1).abs().amax(1).gt(0.1).cpu();
        QVERIFY(moved.equal(attack == "spsa" ? correct : at::zeros_like(correct)));
    }

    // (3) The ε-ball and the box, targeted or not, in both norms.
    void ballAndBoxHold_data()
    {
        QTest::addColumn<QString>("attack");
        QTest::addColumn<core::Norm>("norm");
        QTest::addColumn<double>("epsilon");
        QTest::addColumn<bool>("targeted");
        for (const char* attack : {"nes", "spsa"})
            for (bool targeted : {false, true}) {
                QTest::addRow("%s linf%s", attack, targeted ? " targeted" : "")
                    << QString(attack) << core::Norm::Linf << 0.05 << targeted;
                QTest::addRow("%s l2%s", attack, targeted ? " targeted" : "")
                    << QString(attack) << core::Norm::L2 << 1.0 << targeted;
            }
    }
    void ballAndBoxHold()
    {
        QFETCH(QString, attack);
        QFETCH(core::Norm, norm);
        QFETCH(double, epsilon);
        QFETCH(bool, targeted);
        core::AttackConfig config;
        config.norm = norm;
        config.epsilon = epsilon;
        config.targeted = targeted;
        config.extra = {{"queries", 400}, {"samples", 40}};
        const core::AttackResult r = run(attack, config);
        const at::Tensor delta = r.adversarial - m_data.images;
        QVERIFY2(largestDistance(delta, norm) <= epsilon * (1 + 1e-5) + 1e-6,
                 qPrintable(QString::number(largestDistance(delta, norm))));
        QVERIFY(r.adversarial.min().item<float>() >= 0.0f && r.adversarial.max().item<float>() <= 1.0f);
        // It moved: the bound is not held by doing nothing.
        QVERIFY(largestDistance(delta, norm) > 0.5 * epsilon);
        QVERIFY(r.queriesPerImage.le(400).all().item<bool>());
        at::NoGradGuard noGrad;
        QVERIFY(r.adversarialPredictions.equal(m_model->logits(r.adversarial).argmax(1)));
        if (targeted)
            QCOMPARE(count(r.success.logical_and(r.adversarialPredictions.ne(m_targets))), std::int64_t{0});
    }

    void zeroBudgetSpendsNothing_data() { attackTable(); }
    void zeroBudgetSpendsNothing()
    {
        QFETCH(QString, attack);
        core::AttackConfig config;
        config.epsilon = 0.0;
        const core::AttackResult r = run(attack, config);
        QVERIFY(r.adversarial.equal(m_data.images));
        QCOMPARE(count(r.success), std::int64_t{0});
        QCOMPARE(r.queriesPerImage.sum().item<std::int64_t>(), std::int64_t{0});
    }

    // (4) A real model: ℓ∞ ε = 0.1 with 2000 queries. PGD with the model's
    // gradients (20 steps) fools 57 % of the tiny MLP's correct images here,
    // NES 26 % and SPSA 23 %; uniform noise in the same ball next to none.
    void foolTheTinyModel_data() { attackTable(); }
    void foolTheTinyModel()
    {
        QFETCH(QString, attack);
        core::AttackConfig config;
        config.epsilon = 0.1;
        config.extra = {{"queries", 2000}};
        const core::AttackResult r = run(attack, config);
        const double rate = double(count(r.success)) / double(count(m_cleanCorrect));
        const at::Tensor fooled = r.success.cpu();
        qInfo("%s: fooled %.3f, mean queries of the fooled %.0f", qPrintable(attack), rate,
              r.queriesPerImage.masked_select(fooled).to(at::kDouble).mean().item<double>());
        const core::AttackResult noise = core::UniformNoise().run(*m_model, {m_data.images, m_data.labels, {}}, config);
        const double noiseRate = double(count(noise.success)) / double(count(m_cleanCorrect));
        QVERIFY2(rate >= 0.15 && rate >= noiseRate + 0.1,
                 qPrintable(QString("%1 (noise %2)").arg(rate).arg(noiseRate)));
        QVERIFY(r.queriesPerImage.le(2000).all().item<bool>());
    }

    void targetedRunsReachTheirTargets_data() { attackTable(); }
    void targetedRunsReachTheirTargets()
    {
        QFETCH(QString, attack);
        core::AttackConfig config;
        config.epsilon = 0.3;
        config.targeted = true;
        // Adam's default lr 0.01 moves a value by about 0.01 a step: 15 steps
        // of this budget would not cross the ball.
        config.stepSize = attack == "spsa" ? 0.03 : 0.0;
        config.extra = {{"queries", 2000}};
        const core::AttackResult r = run(attack, config);
        const double rate = double(count(r.success)) / double(count(m_cleanCorrect));
        qInfo("%s targeted: reached %.3f", qPrintable(attack), rate);
        QVERIFY2(rate >= 0.2, qPrintable(QString::number(rate)));
        QCOMPARE(count(r.success.logical_and(r.adversarialPredictions.ne(m_targets))), std::int64_t{0});
    }

    // Query-only: a model without input gradients is attacked all the same.
    void runWithoutInputGradients_data() { attackTable(); }
    void runWithoutInputGradients()
    {
        QFETCH(QString, attack);
        auto model = linearModel(12);
        model->setInputGradientSupport({false, "test: no gradient"});
        at::manual_seed(13);
        const at::Tensor images = at::rand({6, 1, kSide, kSide});
        const at::Tensor labels = model->logits(images).argmax(1).detach();
        core::AttackConfig config;
        config.epsilon = 0.3;
        config.extra = {{"queries", 200}, {"samples", 10}};
        const core::AttackResult r = makeAttack(attack)->run(*model, {images, labels, {}}, config);
        QVERIFY(count(r.success) > 0);
    }

    // (5) An image's result depends on the seed and its index, not its batch.
    void resultsDoNotDependOnTheBatchSplit_data() { attackTable(); }
    void resultsDoNotDependOnTheBatchSplit()
    {
        QFETCH(QString, attack);
        core::AttackConfig config;
        config.epsilon = 0.05;
        config.seed = 17;
        config.extra = {{"queries", 300}, {"samples", 20}};
        const std::int64_t n = 64;
        const auto attackInBatches = [&](std::int64_t batchSize) {
            std::vector<at::Tensor> adversarial, queries;
            for (std::int64_t start = 0; start < n; start += batchSize) {
                const std::int64_t end = std::min(n, start + batchSize);
                core::AttackInput input{m_data.images.slice(0, start, end), m_data.labels.slice(0, start, end), {}};
                input.indices = at::arange(start, end, at::kLong);
                const core::AttackResult r = makeAttack(attack)->run(*m_model, input, config);
                adversarial.push_back(r.adversarial);
                queries.push_back(r.queriesPerImage);
            }
            return std::make_pair(at::cat(adversarial), at::cat(queries));
        };
        const auto whole = attackInBatches(n);
        for (std::int64_t batchSize : {1, 7}) {
            const auto split = attackInBatches(batchSize);
            QVERIFY2(split.first.equal(whole.first), qPrintable(QString("batch size %1").arg(batchSize)));
            QVERIFY(split.second.equal(whole.second));
        }
        // Some were fooled early and some spent the budget: the runs differed per image.
        QVERIFY(whole.second.gt(1).any().item<bool>());
        QVERIFY(std::get<0>(at::_unique(whole.second)).numel() > 2);
    }

    // (6) Same seed, same result; another seed, other probes.
    void sameSeedSameResult_data() { attackTable(); }
    void sameSeedSameResult()
    {
        QFETCH(QString, attack);
        core::AttackConfig config;
        config.epsilon = 0.05;
        config.seed = 5;
        config.extra = {{"queries", 200}, {"samples", 20}};
        const core::AttackResult a = run(attack, config);
        const core::AttackResult b = run(attack, config);
        QVERIFY(a.adversarial.equal(b.adversarial));
        QVERIFY(a.queriesPerImage.equal(b.queriesPerImage));
        config.seed = 6;
        QVERIFY(!run(attack, config).adversarial.equal(a.adversarial));
    }

    // (7) Cancelled after the second iteration: it stops there, and what it
    // returns is feasible and within those iterations' queries.
    void cancellationStopsWithinOneIteration_data() { attackTable(); }
    void cancellationStopsWithinOneIteration()
    {
        QFETCH(QString, attack);
        core::AttackConfig config;
        config.epsilon = 0.02;
        config.extra = {{"queries", 1000}, {"samples", 10}};
        core::CancellationToken token;
        core::RunControl control;
        control.cancellation = &token;
        std::int64_t lastDone = 0, total = 0, iterates = 0;
        control.progress = [&](std::int64_t done, std::int64_t of) {
            lastDone = done;
            total = of;
            if (done == 2)
                token.cancel();
        };
        control.iterate = [&](std::int64_t, const at::Tensor& frame) {
            QCOMPARE(frame.sizes(), m_data.images.sizes());
            ++iterates;
        };
        const core::AttackResult r = run(attack, config, control);
        QVERIFY(r.cancelled);
        QCOMPARE(total, std::int64_t{999 / 11});
        QCOMPARE(lastDone, std::int64_t{2});
        QCOMPARE(iterates, std::int64_t{2});
        QVERIFY(r.queriesPerImage.le(1 + 2 * 11).all().item<bool>());
        QVERIFY(largestDistance(r.adversarial - m_data.images, core::Norm::Linf) <= 0.02 + 1e-6);
    }
};

QTEST_GUILESS_MAIN(TestScoreAttacks)
#include "tst_scoreattacks.moc"
