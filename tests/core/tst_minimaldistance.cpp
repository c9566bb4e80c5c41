#include "tests/support/testsupport.h"

#include "core/attacks/attackregistry.h"
#include "core/metrics/minimaldistance.h"
#include "core/metrics/robustnessevaluation.h"
#include "core/model/classifier.h"

#include <ATen/ATen.h>
#include <QtTest>

#include <algorithm>

using namespace advlens;

class TestMinimalDistance : public QObject {
    Q_OBJECT

    std::unique_ptr<core::Classifier> m_model;
    core::LabelledImages m_data;

private Q_SLOTS:
    void initTestCase()
    {
        m_model = test::tinyTrainedModel();
        m_data = test::fashionMnist(false, 60);
    }

    void bisectionFindsTheSmallestBudgetThatFools_data()
    {
        QTest::addColumn<QString>("attack");
        QTest::newRow("fgsm") << "fgsm";
        QTest::newRow("bim") << "bim";
    }
    void bisectionFindsTheSmallestBudgetThatFools()
    {
        QFETCH(QString, attack);
        auto instance = core::createAttack(attack.toStdString());
        core::AttackConfig config;
        config.steps = 5;
        core::BisectionOptions bisection;
        bisection.maxEpsilon = 0.5;
        bisection.rounds = 8;
        const core::MinimalDistanceReport r =
            core::minimalDistances(*m_model, m_data, *instance, config, bisection, 32);
        QCOMPARE(r.method, std::string("bisection"));
        QVERIFY(r.summary.count > r.cleanCorrect / 2);
        const at::Tensor found = r.found.nonzero().squeeze(1);
        const at::Tensor distance = r.distance.index_select(0, found);
        QVERIFY(distance.le(0.5 + 1e-6).all().item<bool>());
        QVERIFY(distance.gt(0).all().item<bool>());
        QVERIFY(r.rho2 > 0 && r.rho2 < 1);
        // Found ε is the bisection's upper end: the attack fools at the found ℓ∞
        // distance rounded up to the bisection grid, and half of it rarely does.
        const std::int64_t i = found[0].item<std::int64_t>();
        const double grid = 0.5 / 256;
        config.epsilon = std::ceil(r.distance[i].item<double>() / grid) * grid;
        core::AttackInput one{m_data.images.slice(0, i, i + 1), m_data.labels.slice(0, i, i + 1), {}};
        QVERIFY(instance->run(*m_model, one, config).success[0].item<bool>());
    }

    /// The CLI's bar: progress never goes back, reaches its total once at the
    /// end, and moves within batches (not only per bisection round).
    void progressIsMonotoneAndComplete_data()
    {
        QTest::addColumn<QString>("attack");
        QTest::newRow("bisection") << "bim";
        QTest::newRow("direct") << "deepfool";
    }
    void progressIsMonotoneAndComplete()
    {
        QFETCH(QString, attack);
        auto instance = core::createAttack(attack.toStdString());
        core::AttackConfig config;
        config.norm = core::Norm::L2;
        config.steps = 5;
        core::BisectionOptions bisection;
        bisection.rounds = 4;
        std::vector<std::pair<std::int64_t, std::int64_t>> reports;
        core::RunControl control;
        control.progress = [&](std::int64_t done, std::int64_t total) { reports.emplace_back(done, total); };
        const core::MinimalDistanceReport r =
            core::minimalDistances(*m_model, m_data, *instance, config, bisection, 16, control);
        QVERIFY(reports.size() > 8);
        const std::int64_t total = reports.front().second;
        const std::int64_t stages = attack == "deepfool" ? 1 : 1 + bisection.rounds;
        QCOMPARE(total, r.cleanCorrect * stages);
        for (std::size_t i = 0; i < reports.size(); ++i) {
            QCOMPARE(reports[i].second, total);
            QVERIFY(reports[i].first >= 0 && reports[i].first <= total);
            if (i > 0)
                QVERIFY2(reports[i].first >= reports[i - 1].first,
                         qPrintable(QStringLiteral("went back from %1 to %2").arg(reports[i - 1].first).arg(reports[i].first)));
        }
        QCOMPARE(reports.back().first, total);
        // Some report lies strictly inside the first stage: the bar moves within it.
        const std::int64_t firstStage = r.cleanCorrect;
        QVERIFY(std::any_of(reports.begin(), reports.end(),
                            [&](const auto& p) { return p.first > 0 && p.first < firstStage; }));
    }

    // Issue 19: PGD's random start is drawn from each image's index, so a
    // chunk of images told its first index gets the whole run's distances.
    void chunkWithItsFirstIndexMeasuresAsTheWholeRun()
    {
        auto pgd = core::createAttack("pgd");
        core::AttackConfig config;
        config.steps = 3;
        config.randomStart = true;
        config.seed = 4;
        const core::BisectionOptions bisection{0.5, 5};
        const core::LabelledImages first20{m_data.images.slice(0, 0, 20), m_data.labels.slice(0, 0, 20), {}};
        const core::LabelledImages chunk{m_data.images.slice(0, 12, 20), m_data.labels.slice(0, 12, 20), {}};
        const auto whole = core::minimalDistances(*m_model, first20, *pgd, config, bisection, 32);
        const auto part = core::minimalDistances(*m_model, chunk, *pgd, config, bisection, 5, {}, 12);
        QVERIFY(whole.found.slice(0, 12, 20).sum().item<std::int64_t>() > 2);
        QVERIFY(part.found.equal(whole.found.slice(0, 12, 20)));
        QVERIFY(part.distance.equal(whole.distance.slice(0, 12, 20)));
    }

    void minimalAttacksAreMeasuredDirectly()
    {
        auto deepfool = core::createAttack("deepfool");
        core::AttackConfig config;
        config.norm = core::Norm::L2;
        const core::MinimalDistanceReport r = core::minimalDistances(*m_model, m_data, *deepfool, config, {}, 32);
        QCOMPARE(r.method, std::string("direct"));
        QVERIFY2(r.summary.count >= r.cleanCorrect * 9 / 10, qPrintable(QString::number(r.summary.count)));
        QVERIFY(r.summary.median <= r.summary.mean * 2);
        // ρ2 is the mean relative ℓ2 of the found images.
        QVERIFY(std::abs(r.rho2 - r.relativeL2.masked_select(r.found).mean().item<double>()) < 1e-12);
        // Images the model gets wrong are never attacked.
        const at::Tensor wrong = r.found.logical_and(m_model->logits(m_data.images).argmax(1).ne(m_data.labels));
        QCOMPARE(wrong.sum().item<std::int64_t>(), 0);
    }

    void minimalAttackCurveIsOneSearchThresholded()
    {
        auto deepfool = core::createAttack("deepfool");
        core::AttackConfig config;
        config.norm = core::Norm::L2;
        const std::vector<double> epsilons = {0.25, 0.5, 1.0, 2.0};
        const auto naive =
            core::evaluateRobustness(*m_model, m_data, *deepfool, config, epsilons, {32, core::CurveMethod::Naive});
        const auto fast =
            core::evaluateRobustness(*m_model, m_data, *deepfool, config, epsilons, {32, core::CurveMethod::Fast});
        QCOMPARE(fast.method, std::string("distance-threshold"));
        for (std::size_t i = 0; i < epsilons.size(); ++i) {
            QCOMPARE(fast.points[i].robustAccuracy, naive.points[i].robustAccuracy);
            QCOMPARE(fast.points[i].successes, naive.points[i].successes);
            QVERIFY(fast.points[i].l2.mean <= epsilons[i] + 1e-5);
        }
    }
};

QTEST_GUILESS_MAIN(TestMinimalDistance)
#include "tst_minimaldistance.moc"
