#include "tests/support/testsupport.h"

#include "core/attacks/attackregistry.h"
#include "core/attacks/lpball.h"
#include "core/attacks/pgd.h"
#include "core/attacks/targetselection.h"
#include "core/model/classifier.h"
#include "core/util/error.h"

#include <ATen/ATen.h>
#include <QtTest>

using namespace advlens;

Q_DECLARE_METATYPE(core::Norm)

namespace {

constexpr std::int64_t kImages = 200;

std::unique_ptr<core::Attack> makeAttack(const QString& name)
{
    return core::createAttack(name.toStdString());
}

double largestDistance(const at::Tensor& delta, core::Norm norm)
{
    const at::Tensor flat = delta.flatten(1).to(at::kDouble);
    switch (norm) {
    case core::Norm::Linf:
        return flat.abs().max().item<double>();
    case core::Norm::L2:
        return flat.norm(2, {1}).max().item<double>();
    case core::Norm::L1:
        return flat.abs().sum(1).max().item<double>();
    }
    return 0.0;
}

/// Budgets that are generous for the tiny model in each norm (ℓ1: 40 means
/// about 40 pixels turned fully over, of 784); reaching a chosen class takes
/// more. Sparse ℓ1 changes need far more ℓ1 budget than dense ones.
double generousEpsilon(core::Norm norm, bool targeted = false)
{
    switch (norm) {
    case core::Norm::Linf:
        return targeted ? 0.4 : 0.3;
    case core::Norm::L2:
        return targeted ? 7.0 : 5.0;
    case core::Norm::L1:
        return targeted ? 100.0 : 40.0;
    }
    return 0.0;
}

std::int64_t count(const at::Tensor& mask)
{
    return mask.sum().item<std::int64_t>();
}

} // namespace

class TestIterativeAttacks : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<core::Classifier> m_model;
    core::LabelledImages m_data;
    at::Tensor m_targets;
    at::Tensor m_cleanCorrect;

    core::AttackResult run(const QString& name, const core::AttackConfig& config, const core::RunControl& control = {},
                           const at::Tensor& start = {})
    {
        core::AttackInput input{m_data.images, m_data.labels, config.targeted ? m_targets : at::Tensor(), start};
        return makeAttack(name)->run(*m_model, input, withSmallBudgets(name, config), control);
    }

    /// Query budgets and AutoAttack's iterations cut to what the invariants
    /// need, unless the test sets them: the defaults (5000 queries, 100
    /// iterations per stage) would make the every-attack table take minutes.
    static core::AttackConfig withSmallBudgets(const QString& name, core::AttackConfig config)
    {
        const core::AttackInfo& info = core::attackInfo(name.toStdString());
        if (info.parameter("queries") && !config.extra.count("queries"))
            config.extra["queries"] = 120;
        if (info.parameter("iterations") && !config.extra.count("iterations"))
            config.extra["iterations"] = 5;
        return config;
    }

    double successRate(const core::AttackResult& r) const
    {
        return double(count(r.success)) / double(count(m_cleanCorrect));
    }

    /// Predictions of a fresh forward pass, not the attack's own logits.
    at::Tensor predict(const at::Tensor& images)
    {
        at::NoGradGuard noGrad;
        return m_model->logits(images).argmax(1);
    }

    static void iterativeTable()
    {
        QTest::addColumn<QString>("attack");
        QTest::addColumn<bool>("targeted");
        for (const char* attack : {"pgd", "bim", "mim"})
            for (bool targeted : {false, true})
                QTest::addRow("%s %s", attack, targeted ? "targeted" : "untargeted") << QString(attack) << targeted;
    }

    static void addRows(const std::vector<std::string>& attacks, const std::vector<core::Norm>& norms)
    {
        for (const std::string& attack : attacks)
            for (core::Norm norm : norms)
                for (bool targeted : {false, true})
                    if (!targeted || core::attackInfo(attack).targetable)
                        QTest::addRow("%s %s %s", attack.c_str(), core::toString(norm).c_str(),
                                  targeted ? "targeted" : "untargeted")
                            << QString::fromStdString(attack) << norm << targeted;
    }

    static void addColumns()
    {
        QTest::addColumn<QString>("attack");
        QTest::addColumn<core::Norm>("norm");
        QTest::addColumn<bool>("targeted");
    }

    /// The gradient attacks with a budget they are meant to exhaust.
    static void iterativeNormTable()
    {
        addColumns();
        addRows({"pgd", "bim", "mim"}, {core::Norm::Linf, core::Norm::L2, core::Norm::L1});
    }

    /// Every registered attack in every norm it supports: the invariants that
    /// hold for any attack (ε-ball, box, ε = 0) are checked on each new one.
    static void everyAttackTable()
    {
        addColumns();
        for (const core::AttackInfo& info : core::availableAttacks())
            addRows({info.name}, info.norms);
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_model = test::tinyTrainedModel();
        m_data = test::fashionMnist(false, kImages);
        m_targets = core::randomTargets(m_data.labels, 10, 11);
        m_cleanCorrect = predict(m_data.images).eq(m_data.labels);
        QVERIFY2(count(m_cleanCorrect) > 0.6 * kImages, "the tiny model must classify most images");
    }

    void iteratesAreStreamedAfterEveryStep_data()
    {
        QTest::addColumn<QString>("attack");
        QTest::addColumn<bool>("earlyStop");
        for (const char* attack : {"pgd", "bim", "mim"})
            for (bool earlyStop : {false, true})
                QTest::addRow("%s%s", attack, earlyStop ? " early stop" : "") << attack << earlyStop;
    }
    void iteratesAreStreamedAfterEveryStep()
    {
        QFETCH(QString, attack);
        QFETCH(bool, earlyStop);
        core::AttackConfig config;
        config.epsilon = 0.1;
        config.steps = 6;
        config.earlyStop = earlyStop;
        std::vector<std::int64_t> numbers;
        at::Tensor last;
        core::RunControl control;
        control.iterate = [&](std::int64_t iteration, const at::Tensor& iterates) {
            numbers.push_back(iteration);
            QCOMPARE(iterates.sizes(), m_data.images.sizes()); // always the whole batch
            last = iterates.clone();
        };
        const core::AttackResult r = run(attack, config, control);
        QVERIFY(!numbers.empty());
        for (std::size_t i = 0; i < numbers.size(); ++i)
            QCOMPARE(numbers[i], std::int64_t(i + 1));
        if (!earlyStop) { // every step is reported, and the last iterate is the result
            QCOMPARE(numbers.size(), std::size_t(config.steps));
            QVERIFY(last.equal(r.adversarial));
        }
        // Every iterate respects the budget and the box.
        QVERIFY((last - m_data.images).abs().max().item<double>() <= config.epsilon + 1e-6);
        QVERIFY(last.min().item<float>() >= 0.0f && last.max().item<float>() <= 1.0f);
    }

    void budgetAndBoxHold_data() { everyAttackTable(); }
    void budgetAndBoxHold()
    {
        QFETCH(QString, attack);
        QFETCH(core::Norm, norm);
        QFETCH(bool, targeted);
        for (double scale : {0.25, 1.0, 4.0}) {
            core::AttackConfig config;
            config.norm = norm;
            config.epsilon = generousEpsilon(norm) * scale;
            config.targeted = targeted;
            config.steps = 5;
            config.restarts = 2;
            config.earlyStop = scale == 1.0;
            const core::AttackResult r = run(attack, config);
            const at::Tensor delta = r.adversarial - m_data.images;
            QVERIFY2(largestDistance(delta, norm) <= config.epsilon * (1 + 1e-5) + 1e-6,
                     qPrintable(QString("distance %1 > eps %2").arg(largestDistance(delta, norm)).arg(config.epsilon)));
            QVERIFY(r.adversarial.min().item<float>() >= 0.0f);
            QVERIFY(r.adversarial.max().item<float>() <= 1.0f);
            QVERIFY(at::allclose(r.norms.l1, delta.flatten(1).abs().sum(1), 1e-4, 1e-4));
            QVERIFY(at::allclose(r.norms.l2, delta.flatten(1).norm(2, {1}), 1e-4, 1e-5));
            // The logits returned are those of the images returned.
            QVERIFY(r.adversarialPredictions.eq(predict(r.adversarial)).to(at::kDouble).mean().item<double>() > 0.99);
            QCOMPARE(r.gradientEvaluationsPerImage.dim(), 1);
            QCOMPARE(r.gradientEvaluationsPerImage.size(0), kImages);
            QVERIFY(r.gradientEvaluationsPerImage.le(r.gradientEvaluations).all().item<bool>());
        }
    }

    void zeroBudgetChangesNothing_data() { everyAttackTable(); }
    void zeroBudgetChangesNothing()
    {
        QFETCH(QString, attack);
        QFETCH(core::Norm, norm);
        QFETCH(bool, targeted);
        core::AttackConfig config;
        config.norm = norm;
        config.epsilon = 0.0;
        config.targeted = targeted;
        config.steps = 3;
        const core::AttackResult r = run(attack, config);
        QVERIFY(r.adversarial.equal(m_data.images));
        QCOMPARE(count(r.success), 0);
        QVERIFY(r.adversarialPredictions.equal(r.cleanPredictions));
    }

    void generousBudgetsFoolTheModel_data() { iterativeNormTable(); }
    void generousBudgetsFoolTheModel()
    {
        QFETCH(QString, attack);
        QFETCH(core::Norm, norm);
        QFETCH(bool, targeted);
        core::AttackConfig config;
        config.norm = norm;
        config.epsilon = generousEpsilon(norm, targeted);
        config.targeted = targeted;
        config.steps = 20;
        const core::AttackResult r = run(attack, config);
        const double rate = successRate(r);
        // Chance for a random target is 10 %.
        const double required = targeted ? 0.7 : 0.9;
        QVERIFY2(rate >= required, qPrintable(QString("success rate %1 < %2").arg(rate).arg(required)));
        if (targeted)
            QCOMPARE(count(r.success.logical_and(r.adversarialPredictions.ne(m_targets))), 0);
    }

    void noiseIsMuchWeakerThanPgd_data()
    {
        QTest::addColumn<core::Norm>("norm");
        QTest::addColumn<double>("epsilon");
        QTest::newRow("linf") << core::Norm::Linf << 0.2;
        QTest::newRow("l2") << core::Norm::L2 << 3.0;
        QTest::newRow("l1") << core::Norm::L1 << 40.0;
    }
    void noiseIsMuchWeakerThanPgd()
    {
        QFETCH(core::Norm, norm);
        QFETCH(double, epsilon);
        core::AttackConfig config;
        config.norm = norm;
        config.epsilon = epsilon;
        config.steps = 20;
        const double pgd = successRate(run("pgd", config));
        QVERIFY2(pgd >= 0.8, qPrintable(QString::number(pgd)));
        config.restarts = 10; // ten draws of noise, any of which may fool
        for (const char* noise : {"uniform-noise", "gaussian-noise"}) {
            const core::AttackResult r = run(noise, config);
            QCOMPARE(r.gradientEvaluations, 0);
            const double rate = successRate(r);
            QVERIFY2(rate <= 0.3 * pgd, qPrintable(QString("%1: %2 vs PGD %3").arg(noise).arg(rate).arg(pgd)));
        }
    }

    void moreNoiseDrawsNeverLoseASuccess()
    {
        core::AttackConfig config;
        config.epsilon = 0.15;
        config.seed = 4;
        for (const char* noise : {"uniform-noise", "gaussian-noise"}) {
            config.restarts = 1;
            const core::AttackResult one = run(noise, config);
            config.restarts = 20;
            const core::AttackResult many = run(noise, config);
            QCOMPARE(count(one.success.logical_and(many.success.logical_not())), 0);
            QVERIFY(count(many.success) > count(one.success));
        }
    }

    void bimIsPgdWithoutRandomStart_data()
    {
        QTest::addColumn<core::Norm>("norm");
        QTest::newRow("linf") << core::Norm::Linf;
        QTest::newRow("l2") << core::Norm::L2;
        QTest::newRow("l1") << core::Norm::L1;
    }
    void bimIsPgdWithoutRandomStart()
    {
        QFETCH(core::Norm, norm);
        core::AttackConfig config;
        config.norm = norm;
        config.epsilon = generousEpsilon(norm) / 4;
        config.steps = 7;
        const core::AttackResult bim = run("bim", config);
        QCOMPARE(bim.gradientEvaluations, 7);
        config.randomStart = false;
        config.stepSize = config.epsilon / config.steps; // BIM's default α
        QVERIFY(bim.adversarial.equal(run("pgd", config).adversarial));
    }

    void mimWithoutMomentumIsBim()
    {
        core::AttackConfig config;
        config.epsilon = 0.05;
        config.steps = 6;
        const at::Tensor bim = run("bim", config).adversarial;
        QVERIFY(!run("mim", config).adversarial.equal(bim)); // μ = 1 by default
        config.extra["momentum"] = 0.0;
        QVERIFY(run("mim", config).adversarial.equal(bim));
    }

    void l1StepsAreSparse()
    {
        // From x each SLIDE step moves round(1 % of 784) = 8 values, so 3 steps change at most 24.
        core::AttackConfig config;
        config.norm = core::Norm::L1;
        config.epsilon = 5.0;
        config.steps = 3;
        for (const char* attack : {"bim", "mim"}) {
            const core::AttackResult r = run(attack, config);
            QVERIFY2(r.norms.l0.le(24).all().item<bool>(), qPrintable(QString::number(r.norms.l0.max().item<float>())));
            QVERIFY(r.norms.l0.gt(0).any().item<bool>());
        }
        config.extra["l1_sparsity"] = 0.9; // 78 values a step
        const core::AttackResult wider = run("bim", config);
        QVERIFY(wider.norms.l0.max().item<float>() > 24);
        QVERIFY(wider.norms.l0.le(3 * 78).all().item<bool>());
    }

    void fgsmL1SpendsTheBudgetOnTheTopPixels()
    {
        core::AttackConfig config;
        config.norm = core::Norm::L1;
        config.epsilon = 10.0;
        const core::AttackResult r = run("fgsm", config);
        // Every moved pixel but the last goes to the edge of the box: few change,
        // and the whole budget is used where the box allows.
        const double medianChanged = r.norms.l0.median().item<double>();
        QVERIFY2(medianChanged <= 3 * config.epsilon, qPrintable(QString::number(medianChanged)));
        QVERIFY(r.norms.l1.le(config.epsilon * (1 + 1e-5)).all().item<bool>());
        QVERIFY(r.norms.l1.gt(config.epsilon * 0.99).to(at::kDouble).mean().item<double>() > 0.9);
        QVERIFY2(successRate(r) > 0.3, qPrintable(QString::number(successRate(r))));
        // Far stronger than the plain steepest ℓ1 step, all ε on the top pixel
        // (one BIM step with 0 % sparsity), of which the box lets at most 1 count.
        config.steps = 1;
        config.stepSize = config.epsilon;
        config.extra["l1_sparsity"] = 1.0;
        const double onePixel = successRate(run("bim", config));
        QVERIFY2(successRate(r) > onePixel + 0.2,
                 qPrintable(QString("FGSM %1 vs one pixel %2").arg(successRate(r)).arg(onePixel)));
    }

    void earlyStopSuccessesAreAdversarial_data() { iterativeTable(); }
    void earlyStopSuccessesAreAdversarial()
    {
        QFETCH(QString, attack);
        QFETCH(bool, targeted);
        core::AttackConfig config;
        config.epsilon = targeted ? 0.2 : 0.08;
        config.steps = 10;
        config.targeted = targeted;
        config.earlyStop = true;
        const core::AttackResult r = run(attack, config);
        QVERIFY(count(r.success) > 20);
        const at::Tensor predicted = predict(r.adversarial);
        const at::Tensor reached = targeted ? predicted.eq(m_targets) : predicted.ne(m_data.labels);
        QCOMPARE(count(r.success.logical_and(reached.logical_not())), 0);
        QVERIFY(at::allclose(r.adversarialLogits, m_model->logits(r.adversarial).detach(), 1e-4, 1e-4));
        // Images the model gets wrong anyway are not attacked.
        const at::Tensor wrong = m_cleanCorrect.logical_not();
        QVERIFY(r.adversarial.index({wrong}).equal(m_data.images.index({wrong})));
        QVERIFY(r.gradientEvaluationsPerImage.index({wrong.to(at::kCPU)}).le(1).all().item<bool>());
    }

    void fooledImagesStopChanging_data() { iterativeTable(); }
    void fooledImagesStopChanging()
    {
        QFETCH(QString, attack);
        QFETCH(bool, targeted);
        core::AttackConfig config;
        config.epsilon = 0.1;
        config.stepSize = 0.02; // the same α for both budgets
        config.targeted = targeted;
        config.earlyStop = true;
        config.seed = 3;
        config.steps = 4;
        const core::AttackResult shorter = run(attack, config);
        config.steps = 9;
        const core::AttackResult longer = run(attack, config);
        const at::Tensor done = shorter.success;
        QVERIFY(count(done) > 10);
        QCOMPARE(count(done.logical_and(longer.success.logical_not())), 0);
        QVERIFY(longer.adversarial.index({done}).equal(shorter.adversarial.index({done})));
        // Found by one of the first 4 passes: the same count; by the forward after
        // the 4th step: one pass more in the longer run, whose 5th pass found it.
        const at::Tensor doneCpu = done.to(at::kCPU);
        const at::Tensor shorterCount = shorter.gradientEvaluationsPerImage.index({doneCpu});
        const at::Tensor extra = longer.gradientEvaluationsPerImage.index({doneCpu}) - shorterCount;
        QVERIFY(shorterCount.le(4).all().item<bool>());
        QVERIFY(extra.ge(0).all().item<bool>() && extra.le(shorterCount.eq(4)).all().item<bool>());
        QVERIFY(count(longer.success) > count(shorter.success));
    }

    void earlyStopSavesGradientsAtTheSameSuccess_data() { iterativeTable(); }
    void earlyStopSavesGradientsAtTheSameSuccess()
    {
        QFETCH(QString, attack);
        QFETCH(bool, targeted);
        core::AttackConfig config;
        config.epsilon = targeted ? 0.4 : 0.1;
        config.steps = 20;
        config.targeted = targeted;
        config.seed = 5;
        const core::AttackResult fixed = run(attack, config);
        QCOMPARE(fixed.gradientEvaluations, 20);
        QVERIFY(fixed.gradientEvaluationsPerImage.eq(20).all().item<bool>());
        config.earlyStop = true;
        const core::AttackResult early = run(attack, config);
        QVERIFY(early.gradientEvaluations <= 20);
        // The trajectories agree until an image is fooled, and a fixed budget keeps
        // the iterate that fooled it, so both find the same images (up to float
        // noise from the smaller batches).
        const std::int64_t differ = count(fixed.success.ne(early.success));
        QVERIFY2(differ <= 2, qPrintable(QString::number(differ)));
        const std::int64_t fixedTotal = fixed.gradientEvaluationsPerImage.sum().item<std::int64_t>();
        const std::int64_t earlyTotal = early.gradientEvaluationsPerImage.sum().item<std::int64_t>();
        QVERIFY2(earlyTotal < 0.7 * fixedTotal, qPrintable(QString("%1 vs %2").arg(earlyTotal).arg(fixedTotal)));
    }

    void earlyStopRestartsOnlyTheUnfooled()
    {
        core::AttackConfig config;
        config.epsilon = 0.05;
        config.steps = 5;
        config.seed = 9;
        config.earlyStop = true;
        const core::AttackResult single = run("pgd", config);
        config.restarts = 3;
        const core::AttackResult three = run("pgd", config);
        QCOMPARE(count(single.success.logical_and(three.success.logical_not())), 0);
        QVERIFY(count(three.success) >= count(single.success));
        // Images fooled in the first restart took no part in the others.
        const at::Tensor first = single.success.to(at::kCPU);
        QVERIFY(three.gradientEvaluationsPerImage.index({first}).le(5).all().item<bool>());
        QVERIFY(three.gradientEvaluationsPerImage.index({first.logical_not().logical_and(m_cleanCorrect.to(at::kCPU))})
                    .gt(5)
                    .all()
                    .item<bool>());
    }

    void warmStartKeepsSuccesses_data()
    {
        QTest::addColumn<QString>("attack");
        QTest::addColumn<bool>("earlyStop");
        for (const char* attack : {"pgd", "bim", "mim"})
            for (bool earlyStop : {false, true})
                QTest::addRow("%s %s", attack, earlyStop ? "early stop" : "fixed budget")
                    << QString(attack) << earlyStop;
    }
    void warmStartKeepsSuccesses()
    {
        QFETCH(QString, attack);
        QFETCH(bool, earlyStop);
        core::AttackConfig config;
        config.epsilon = 0.05;
        config.steps = 5;
        config.earlyStop = earlyStop;
        const core::AttackResult first = run(attack, config);
        QVERIFY(count(first.success) > 10);
        const core::AttackResult again = run(attack, config, {}, first.adversarial);
        QCOMPARE(count(first.success.logical_and(again.success.logical_not())), 0);
        if (earlyStop) // known adversarial at the first pass
            QVERIFY(again.gradientEvaluationsPerImage.index({first.success.to(at::kCPU)}).eq(1).all().item<bool>());
        // The robustness-curve use: warm-start a larger budget from the smaller one's result.
        config.epsilon = 0.1;
        const core::AttackResult larger = run(attack, config, {}, first.adversarial);
        QCOMPARE(count(first.success.logical_and(larger.success.logical_not())), 0);
        QVERIFY(count(larger.success) > count(first.success));
        QVERIFY(largestDistance(larger.adversarial - m_data.images, config.norm) <= config.epsilon + 1e-6);
    }

    void resumingFromTheResultContinuesTheRun_data() { bimIsPgdWithoutRandomStart_data(); }
    void resumingFromTheResultContinuesTheRun()
    {
        // What the steps curve does: 3 steps, then 4 more from where they ended, is 7 steps.
        QFETCH(core::Norm, norm);
        core::AttackConfig config;
        config.norm = norm;
        config.epsilon = generousEpsilon(norm) / 3;
        config.stepSize = config.epsilon / 5;
        config.steps = 7;
        const core::AttackResult whole = run("bim", config);
        config.steps = 3;
        const core::AttackResult first = run("bim", config);
        config.steps = 4;
        const core::AttackResult resumed = run("bim", config, {}, first.adversarial);
        QVERIFY(resumed.success.equal(whole.success));
        QVERIFY(count(whole.success) > count(first.success));
        // Images the first part did not fool went on from its last iterate, bit for bit.
        const at::Tensor open = first.success.logical_not();
        QVERIFY(resumed.adversarial.index({open}).equal(whole.adversarial.index({open})));
    }

    void warmStartIsProjectedIntoBallAndBox_data() { bimIsPgdWithoutRandomStart_data(); }
    void warmStartIsProjectedIntoBallAndBox()
    {
        QFETCH(core::Norm, norm);
        core::AttackConfig config;
        config.norm = norm;
        config.epsilon = generousEpsilon(norm) / 4;
        config.steps = 1;
        config.stepSize = 1e-9; // stay where the start puts us
        const at::Tensor start = m_data.images + at::randn(m_data.images.sizes()) * 0.5;
        const at::Tensor expected = core::FeasibleSet(m_data.images, config.epsilon, norm).project(start);
        for (const char* attack : {"pgd", "bim", "mim"}) {
            const core::AttackResult r = run(attack, config, {}, start);
            QVERIFY(largestDistance(r.adversarial - m_data.images, norm) <= config.epsilon * (1 + 1e-5) + 1e-6);
            QVERIFY(r.adversarial.ge(0).all().item<bool>() && r.adversarial.le(1).all().item<bool>());
            QVERIFY(at::allclose(r.adversarial, expected, 0, 1e-5));
        }
        core::AttackInput wrongShape{m_data.images, m_data.labels, {}, start.slice(0, 0, 3)};
        QVERIFY_THROWS_EXCEPTION(core::Error, core::Pgd().run(*m_model, wrongShape, config));
    }

    void cancellationStopsWithinOneIteration_data()
    {
        QTest::addColumn<QString>("attack");
        QTest::addColumn<bool>("earlyStop");
        for (const char* attack : {"pgd", "bim", "mim", "uniform-noise", "gaussian-noise"})
            for (bool earlyStop : {false, true})
                QTest::addRow("%s %s", attack, earlyStop ? "early stop" : "fixed budget")
                    << QString(attack) << earlyStop;
    }
    void cancellationStopsWithinOneIteration()
    {
        QFETCH(QString, attack);
        QFETCH(bool, earlyStop);
        const bool noise = attack.endsWith("noise");
        core::CancellationToken token;
        core::RunControl control;
        control.cancellation = &token;
        std::vector<std::int64_t> reported;
        control.progress = [&](std::int64_t done, std::int64_t total) {
            reported.push_back(done);
            QCOMPARE(total, 50);
            if (done == 2)
                token.cancel();
        };
        core::AttackConfig config;
        config.epsilon = 0.01; // too little to fool everything before the cancel
        config.steps = 50;
        config.restarts = noise ? 50 : 1;
        config.earlyStop = earlyStop;
        const core::AttackResult r = run(attack, config, control);
        QVERIFY(r.cancelled);
        QCOMPARE(r.gradientEvaluations, noise ? 0 : 2);
        QCOMPARE(reported.back(), 2);
        QCOMPARE(r.adversarial.sizes(), m_data.images.sizes());
        QVERIFY(largestDistance(r.adversarial - m_data.images, core::Norm::Linf) <= config.epsilon + 1e-6);
        QVERIFY(r.adversarialPredictions.eq(predict(r.adversarial)).to(at::kDouble).mean().item<double>() > 0.99);
    }

    void progressEndsAtTheTotal()
    {
        // Early stopping that fools every image early still reports the end.
        core::RunControl control;
        std::pair<std::int64_t, std::int64_t> last{-1, -1};
        control.progress = [&](std::int64_t done, std::int64_t total) { last = {done, total}; };
        core::AttackConfig config;
        config.epsilon = 0.5;
        config.stepSize = 0.05;
        config.steps = 30;
        config.earlyStop = true;
        const core::AttackResult r = run("bim", config, control);
        QVERIFY(r.gradientEvaluations < 30);
        QCOMPARE(last.first, 30);
        QCOMPARE(last.second, 30);
    }

    void randomAttacksAreDeterministicGivenASeed_data()
    {
        QTest::addColumn<QString>("attack");
        QTest::addColumn<core::Norm>("norm");
        QTest::newRow("pgd l1") << QString("pgd") << core::Norm::L1;
        QTest::newRow("pgd l2") << QString("pgd") << core::Norm::L2;
        QTest::newRow("uniform-noise linf") << QString("uniform-noise") << core::Norm::Linf;
        QTest::newRow("uniform-noise l1") << QString("uniform-noise") << core::Norm::L1;
        QTest::newRow("gaussian-noise l2") << QString("gaussian-noise") << core::Norm::L2;
    }
    void randomAttacksAreDeterministicGivenASeed()
    {
        QFETCH(QString, attack);
        QFETCH(core::Norm, norm);
        core::AttackConfig config;
        config.norm = norm;
        config.epsilon = generousEpsilon(norm) / 4;
        config.steps = 3;
        config.restarts = 2;
        config.seed = 42;
        const at::Tensor a = run(attack, config).adversarial;
        QVERIFY(a.equal(run(attack, config).adversarial));
        config.seed = 43;
        QVERIFY(!a.equal(run(attack, config).adversarial));
    }

    void deterministicAttacksIgnoreTheSeed()
    {
        core::AttackConfig config;
        config.epsilon = 0.05;
        config.steps = 3;
        config.restarts = 3; // not read: every run would be the same
        for (const char* attack : {"bim", "mim"}) {
            config.seed = 1;
            const core::AttackResult a = run(attack, config);
            QCOMPARE(a.gradientEvaluations, 3);
            config.seed = 2;
            QVERIFY(a.adversarial.equal(run(attack, config).adversarial));
        }
    }

    void badSettingsAreRejected()
    {
        core::AttackConfig config;
        config.extra["momentum"] = -1.0;
        QVERIFY_THROWS_EXCEPTION(core::Error, run("mim", config));
        config.extra = {{"l1_sparsity", 1.5}};
        config.norm = core::Norm::L1;
        QVERIFY_THROWS_EXCEPTION(core::Error, run("pgd", config));
        QVERIFY_THROWS_EXCEPTION(core::Error, run("bim", config));
        config.extra = {{"sigma", -0.1}};
        QVERIFY_THROWS_EXCEPTION(core::Error, run("gaussian-noise", config));
        config.extra.clear();
        config.epsilon = -0.1;
        for (const char* attack : {"pgd", "bim", "mim", "uniform-noise", "gaussian-noise"})
            QVERIFY_THROWS_EXCEPTION(core::Error, run(attack, config));
        config.epsilon = 0.1;
        config.targeted = true;
        core::AttackInput noTargets{m_data.images, m_data.labels, {}, {}};
        QVERIFY_THROWS_EXCEPTION(core::Error, core::createAttack("mim")->run(*m_model, noTargets, config));
    }
};

QTEST_GUILESS_MAIN(TestIterativeAttacks)
#include "tst_iterativeattacks.moc"
