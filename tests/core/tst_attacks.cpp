#include "tests/support/testsupport.h"

#include "core/attacks/attackregistry.h"
#include "core/attacks/targetselection.h"
#include "core/model/classifier.h"
#include "core/util/error.h"

#include <ATen/ATen.h>
#include <QtTest>

using namespace advlens;

Q_DECLARE_METATYPE(core::Norm)

namespace {

constexpr std::int64_t kImages = 200;

/// Largest per-image distance in the attack's own norm.
double largestDistance(const at::Tensor& delta, core::Norm norm)
{
    const at::Tensor flat = delta.flatten(1);
    return norm == core::Norm::Linf ? flat.abs().max().item<double>() : flat.norm(2, {1}).max().item<double>();
}

/// Budgets that are "generous" for the tiny model in each norm; reaching a
/// chosen class takes more than leaving the true one.
double generousEpsilon(core::Norm norm, bool targeted = false)
{
    if (norm == core::Norm::Linf)
        return targeted ? 0.3 : 0.2;
    return targeted ? 5.0 : 3.0;
}

} // namespace

class TestAttacks : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<core::Classifier> m_model;
    core::LabelledImages m_data;
    at::Tensor m_targets;

    core::AttackResult run(const std::string& name, const core::AttackConfig& config,
                           const core::RunControl& control = {})
    {
        core::AttackInput input{m_data.images, m_data.labels, config.targeted ? m_targets : at::Tensor()};
        return core::createAttack(name)->run(*m_model, input, config, control);
    }

    double successRate(const core::AttackResult& r)
    {
        const double correct = r.cleanPredictions.eq(m_data.labels).sum().item<double>();
        return r.success.sum().item<double>() / correct;
    }

    double robustAccuracy(const core::AttackResult& r)
    {
        return r.adversarialPredictions.eq(m_data.labels).to(at::kDouble).mean().item<double>();
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_model = test::tinyTrainedModel();
        m_data = test::fashionMnist(false, kImages);
        m_targets = core::randomTargets(m_data.labels, 10, 11);
        const double clean =
            m_model->logits(m_data.images).argmax(1).eq(m_data.labels).to(at::kDouble).mean().item<double>();
        QVERIFY2(clean > 0.6, "the tiny model must classify most images before it can be attacked");
    }

    void table_data()
    {
        QTest::addColumn<QString>("attack");
        QTest::addColumn<core::Norm>("norm");
        QTest::addColumn<bool>("targeted");
        for (const char* attack : {"fgsm", "pgd"})
            for (core::Norm norm : {core::Norm::Linf, core::Norm::L2})
                for (bool targeted : {false, true})
                    QTest::addRow("%s %s %s", attack, core::toString(norm).c_str(),
                                  targeted ? "targeted" : "untargeted")
                        << attack << norm << targeted;
    }

    void budgetAndBoxHold_data() { table_data(); }
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
            const core::AttackResult r = run(attack.toStdString(), config);
            const at::Tensor delta = r.adversarial - m_data.images;
            QVERIFY2(largestDistance(delta, norm) <= config.epsilon * (1 + 1e-5) + 1e-6,
                     qPrintable(QString("distance %1 > eps %2").arg(largestDistance(delta, norm)).arg(config.epsilon)));
            QVERIFY(r.adversarial.min().item<float>() >= 0.0f);
            QVERIFY(r.adversarial.max().item<float>() <= 1.0f);
            // The reported norms are the perturbation's own.
            QVERIFY(at::allclose(r.norms.l2, delta.flatten(1).norm(2, {1}), 1e-4, 1e-5));
            QVERIFY(at::allclose(r.norms.linf, std::get<0>(delta.flatten(1).abs().max(1)), 1e-5, 1e-6));
            QVERIFY(r.norms.l0.le(delta[0].numel()).all().item<bool>());
        }
    }

    void zeroBudgetChangesNothing_data() { table_data(); }
    void zeroBudgetChangesNothing()
    {
        QFETCH(QString, attack);
        QFETCH(core::Norm, norm);
        QFETCH(bool, targeted);
        core::AttackConfig config;
        config.norm = norm;
        config.epsilon = 0.0;
        config.targeted = targeted;
        const core::AttackResult r = run(attack.toStdString(), config);
        QVERIFY(r.adversarial.equal(m_data.images));
        QCOMPARE(r.success.sum().item<std::int64_t>(), 0);
        QVERIFY(r.adversarialPredictions.equal(r.cleanPredictions));
    }

    void generousBudgetsFoolTheModel_data() { table_data(); }
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
        const double rate = successRate(run(attack.toStdString(), config));
        // Chance for a random target is 10 %; an untargeted step that does nothing gives 0 %.
        const double required = attack == "pgd" ? (targeted ? 0.7 : 0.9) : (targeted ? 0.3 : 0.6);
        QVERIFY2(rate >= required, qPrintable(QString("success rate %1 < %2").arg(rate).arg(required)));
    }

    void pgdIsAtLeastAsStrongAsFgsm_data()
    {
        QTest::addColumn<core::Norm>("norm");
        QTest::addColumn<double>("epsilon");
        QTest::newRow("linf 0.05") << core::Norm::Linf << 0.05;
        QTest::newRow("linf 0.1") << core::Norm::Linf << 0.1;
        QTest::newRow("l2 0.5") << core::Norm::L2 << 0.5;
        QTest::newRow("l2 1.5") << core::Norm::L2 << 1.5;
    }
    void pgdIsAtLeastAsStrongAsFgsm()
    {
        QFETCH(core::Norm, norm);
        QFETCH(double, epsilon);
        core::AttackConfig config;
        config.norm = norm;
        config.epsilon = epsilon;
        config.steps = 20;
        const double fgsm = robustAccuracy(run("fgsm", config));
        const double pgd = robustAccuracy(run("pgd", config));
        QVERIFY2(pgd <= fgsm, qPrintable(QString("PGD %1 vs FGSM %2").arg(pgd).arg(fgsm)));
        const double clean =
            m_model->logits(m_data.images).argmax(1).eq(m_data.labels).to(at::kDouble).mean().item<double>();
        QVERIFY(fgsm <= clean);
    }

    void targetedAttacksReachTheirTargets()
    {
        core::AttackConfig config;
        config.targeted = true;
        config.epsilon = generousEpsilon(core::Norm::Linf, true);
        config.steps = 20;
        const core::AttackResult r = run("pgd", config);
        const double hits = r.adversarialPredictions.eq(m_targets).to(at::kDouble).mean().item<double>();
        QVERIFY2(hits > 0.8, qPrintable(QString::number(hits)));
        // Success means "correct before, target after": never more than target hits.
        QVERIFY(r.success.logical_and(r.adversarialPredictions.ne(m_targets)).sum().item<std::int64_t>() == 0);
    }

    void pgdIsDeterministicGivenASeed()
    {
        core::AttackConfig config;
        config.epsilon = 0.05;
        config.steps = 3;
        config.seed = 42;
        const at::Tensor a = run("pgd", config).adversarial;
        QVERIFY(a.equal(run("pgd", config).adversarial));
        config.seed = 43;
        QVERIFY(!a.equal(run("pgd", config).adversarial));
    }

    void restartsNeverLoseASuccess()
    {
        core::AttackConfig config;
        config.epsilon = 0.04;
        config.steps = 5;
        config.seed = 9;
        const core::AttackResult single = run("pgd", config);
        config.restarts = 3;
        const core::AttackResult three = run("pgd", config);
        QCOMPARE(three.gradientEvaluations, 15);
        // The first restart repeats the single run, so its successes are kept.
        QVERIFY(single.success.logical_and(three.success.logical_not()).sum().item<std::int64_t>() == 0);
        QVERIFY(three.success.sum().item<std::int64_t>() >= single.success.sum().item<std::int64_t>());
    }

    void withoutRandomStartPgdIsBasicIterativeMethod()
    {
        // BIM with α = ε: the first step is exactly FGSM.
        core::AttackConfig config;
        config.epsilon = 0.03;
        config.steps = 1;
        config.stepSize = 0.03;
        config.randomStart = false;
        QVERIFY(run("pgd", config).adversarial.equal(run("fgsm", config).adversarial));
    }

    void cancellationStopsWithinOneIteration()
    {
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
        config.steps = 50;
        const core::AttackResult r = run("pgd", config, control);
        QVERIFY(r.cancelled);
        QCOMPARE(r.gradientEvaluations, 2);
        QCOMPARE(reported.back(), 2);
        QCOMPARE(r.adversarial.sizes(), m_data.images.sizes()); // the last iterate, still valid
        QVERIFY(largestDistance(r.adversarial - m_data.images, core::Norm::Linf) <= config.epsilon + 1e-6);
    }

    void badSettingsAreRejected()
    {
        core::AttackConfig config;
        config.epsilon = -1;
        QVERIFY_THROWS_EXCEPTION(core::Error, run("fgsm", config));
        config.epsilon = 0.1;
        config.targeted = true;
        core::AttackInput noTargets{m_data.images, m_data.labels, {}};
        QVERIFY_THROWS_EXCEPTION(core::Error, core::createAttack("pgd")->run(*m_model, noTargets, config));
        core::AttackInput wrongShape{at::rand({2, 3, 28, 28}), at::zeros({2}, at::kLong), {}};
        config.targeted = false;
        QVERIFY_THROWS_EXCEPTION(core::Error, core::createAttack("fgsm")->run(*m_model, wrongShape, config));
        QVERIFY_THROWS_EXCEPTION(core::Error, core::createAttack("no-such-attack"));
    }

    void randomTargetsNeverEqualTheLabel()
    {
        const at::Tensor targets = core::randomTargets(m_data.labels, 10, 1);
        QVERIFY(targets.ne(m_data.labels).all().item<bool>());
        QVERIFY(targets.ge(0).all().item<bool>() && targets.lt(10).all().item<bool>());
        QVERIFY(targets.equal(core::randomTargets(m_data.labels, 10, 1)));
        QCOMPARE(std::get<0>(at::_unique(targets)).numel(), 10);
    }
};

QTEST_GUILESS_MAIN(TestAttacks)
#include "tst_attacks.moc"
