#include "tests/support/linearclassifier.h"
#include "tests/support/testsupport.h"

#include "core/attacks/apgd.h"
#include "core/attacks/attackregistry.h"
#include "core/attacks/dlrloss.h"
#include "core/attacks/targetselection.h"
#include "core/model/classifier.h"
#include "core/util/error.h"

#include <ATen/ATen.h>
#include <QtTest>

using namespace advlens;

Q_DECLARE_METATYPE(core::Norm)

namespace {

constexpr std::int64_t kImages = 200;

at::Tensor logitsOf(std::initializer_list<float> values)
{
    return at::tensor(std::vector<float>(values)).view({1, -1});
}

at::Tensor classOf(std::int64_t c)
{
    return at::full({1}, c, at::kLong);
}

/// `inner` evaluated one image a pass: every row's logits are then the same
/// bits whatever batch it came in. (OpenBLAS computes a single row by another
/// kernel than a batch, and APGD's step-size halvings can turn that last-bit
/// difference into another trajectory for an image or two.)
class RowByRowClassifier : public core::Classifier {
public:
    explicit RowByRowClassifier(std::unique_ptr<core::Classifier> inner)
        : core::Classifier(identityNormalised(inner->metadata()))
        , m_inner(std::move(inner))
    {
    }
    std::vector<at::Tensor> parameters() override { return m_inner->parameters(); }
    void setTrainingMode(bool training) override { m_inner->setTrainingMode(training); }
    void save(const std::filesystem::path&) override { throw core::Error("a test's wrapper is not saved"); }

protected:
    at::Tensor forwardNormalised(const at::Tensor& images) override
    {
        std::vector<at::Tensor> rows;
        for (std::int64_t i = 0; i < images.size(0); ++i)
            rows.push_back(m_inner->logits(images.slice(0, i, i + 1)));
        return at::cat(rows);
    }
    void moveModuleTo(c10::Device) override {}

private:
    /// The inner model normalises the images itself.
    static core::ModelMetadata identityNormalised(core::ModelMetadata metadata)
    {
        metadata.mean.assign(metadata.mean.size(), 0.0F);
        metadata.std.assign(metadata.std.size(), 1.0F);
        return metadata;
    }

    std::unique_ptr<core::Classifier> m_inner;
};

double rate(const at::Tensor& mask, const at::Tensor& among)
{
    return mask.logical_and(among).sum().item<double>() / among.sum().item<double>();
}

} // namespace

class TestApgd : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<core::Classifier> m_model;
    core::LabelledImages m_data;
    at::Tensor m_targets;
    at::Tensor m_cleanCorrect;

    core::AttackResult run(const char* name, const core::AttackConfig& config, const core::RunControl& control = {})
    {
        const core::AttackInput input{m_data.images, m_data.labels, config.targeted ? m_targets : at::Tensor()};
        return core::createAttack(name)->run(*m_model, input, config, control);
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

    // The example: z = [3, 2, 5, 1]; sorted 5 ≥ 3 ≥ 2 ≥ 1.
    void dlrMatchesTheHandComputation()
    {
        const at::Tensor z = logitsOf({3, 2, 5, 1});
        // y = 1: −(z_y − max_{i≠y} z_i) / (z_π1 − z_π3) = −(2 − 5) / (5 − 2) = 1.
        QVERIFY(std::abs(core::dlrLoss(z, classOf(1)).item<double>() - 1.0) < 1e-6);
        // y = 2, the leader: the largest other logit is the runner-up, −(5 − 3) / (5 − 2).
        QVERIFY(std::abs(core::dlrLoss(z, classOf(2)).item<double>() + 2.0 / 3.0) < 1e-6);
        // Targeted, y = 1, t = 0: −(z_y − z_t) / (z_π1 − (z_π3 + z_π4)/2) = −(2 − 3) / (5 − 1.5).
        QVERIFY(std::abs(core::dlrTargetedLoss(z, classOf(1), classOf(0)).item<double>() - 1.0 / 3.5) < 1e-6);
    }

    void dlrIgnoresShiftAndScaleOfTheLogits()
    {
        const at::Tensor z = at::randn({16, 10}, at::TensorOptions().dtype(at::kDouble));
        const at::Tensor y = at::randint(10, {16}, at::kLong);
        const at::Tensor t = (y + 3).remainder(10);
        QVERIFY(at::allclose(core::dlrLoss(z, y), core::dlrLoss(z * 7.0 + 4.0, y), 1e-9, 1e-9));
        QVERIFY(at::allclose(core::dlrTargetedLoss(z, y, t), core::dlrTargetedLoss(z * 0.1 - 2.0, y, t), 1e-9, 1e-9));
    }

    void dlrRefusesTooFewClasses()
    {
        QVERIFY_THROWS_EXCEPTION(core::Error, core::dlrLoss(logitsOf({1, 2}), classOf(0)));
        QVERIFY_THROWS_EXCEPTION(core::Error, core::dlrTargetedLoss(logitsOf({1, 2, 3}), classOf(0), classOf(1)));
        core::dlrLoss(logitsOf({1, 2, 3}), classOf(0)); // three are enough untargeted
    }

    void checkpointsFollowThePublishedSchedule()
    {
        QCOMPARE(core::apgdCheckpoints(100), std::vector<int>({22, 41, 57, 70, 80, 87, 93, 99}));
        // 1000 steps: periods 220, 190, 160, 130, 100, 70, 60, 60, …
        const std::vector<int> thousand = core::apgdCheckpoints(1000);
        QCOMPARE(std::vector<int>(thousand.begin(), thousand.begin() + 8),
                 std::vector<int>({220, 410, 570, 700, 800, 870, 930, 990}));
        QCOMPARE(core::apgdCheckpoints(10), std::vector<int>({2, 3, 4, 5, 6, 7, 8, 9, 10}));
        QCOMPARE(core::apgdCheckpoints(1), std::vector<int>({1}));
    }

    void atLeastAsStrongAsPgd_data()
    {
        QTest::addColumn<core::Norm>("norm");
        QTest::addColumn<double>("epsilon");
        QTest::newRow("linf") << core::Norm::Linf << 0.04;
        QTest::newRow("l2") << core::Norm::L2 << 0.8;
    }
    void atLeastAsStrongAsPgd()
    {
        QFETCH(core::Norm, norm);
        QFETCH(double, epsilon);
        core::AttackConfig config;
        config.norm = norm;
        config.epsilon = epsilon;
        config.steps = 20;
        const double pgd = rate(run("pgd", config).success, m_cleanCorrect);
        const double apgdCe = rate(run("apgd-ce", config).success, m_cleanCorrect);
        const double apgdT = rate(run("apgd-t", config).success, m_cleanCorrect);
        qInfo("success: pgd %.3f, apgd-ce %.3f, apgd-t %.3f", pgd, apgdCe, apgdT);
        // Otherwise the comparison says nothing.
        QVERIFY2(pgd > 0.1 && pgd < 0.95, qPrintable(QString::number(pgd)));
        QVERIFY(apgdCe >= pgd - 0.01);
        QVERIFY(apgdT >= pgd - 0.01);
    }

    void targetedRunsReachTheirTargets_data()
    {
        QTest::addColumn<QString>("attack");
        QTest::newRow("apgd-ce") << "apgd-ce";
        QTest::newRow("apgd-t") << "apgd-t";
    }
    void targetedRunsReachTheirTargets()
    {
        QFETCH(QString, attack);
        core::AttackConfig config;
        config.epsilon = 0.4;
        config.steps = 20;
        config.targeted = true;
        const core::AttackResult r = run(qPrintable(attack), config);
        QVERIFY(rate(r.success, m_cleanCorrect) >= 0.7);
        QVERIFY(r.success.logical_and(r.adversarialPredictions.ne(m_targets)).sum().item<std::int64_t>() == 0);
    }

    // Each restart attacks the images still classified correctly only.
    void restartsAttackOnlyRobustImages()
    {
        core::AttackConfig config;
        config.epsilon = 0.04;
        config.steps = 10;
        config.restarts = 3;
        std::int64_t reported = 0, total = 0;
        core::RunControl control;
        control.progress = [&](std::int64_t done, std::int64_t of) {
            reported = done;
            total = of;
        };
        const core::AttackResult r = run("apgd-ce", config, control);
        const at::Tensor passes = r.gradientEvaluationsPerImage;
        const at::Tensor wrong = m_cleanCorrect.logical_not().cpu();
        QVERIFY(passes.masked_select(wrong).eq(0).all().item<bool>());
        // Images left robust took every restart; some were fooled in the first.
        const at::Tensor robust = m_cleanCorrect.logical_and(r.success.logical_not()).cpu();
        QVERIFY(passes.masked_select(robust).eq(3 * 11).all().item<bool>());
        QVERIFY(passes.eq(11).any().item<bool>());
        QCOMPARE(r.gradientEvaluations, passes.max().item<std::int64_t>());
        QCOMPARE(total, std::int64_t{3 * 10});
        QCOMPARE(reported, total);
    }

    // APGD-DLR climbs the untargeted DLR loss: it fools the tiny model, stays
    // in the ball and the box, and is refused where DLR is undefined.
    void apgdDlrFoolsWithinTheBall_data() { atLeastAsStrongAsPgd_data(); }
    void apgdDlrFoolsWithinTheBall()
    {
        QFETCH(core::Norm, norm);
        QFETCH(double, epsilon);
        core::AttackConfig config;
        config.norm = norm;
        config.epsilon = epsilon;
        config.steps = 20;
        const core::AttackResult r = run("apgd-dlr", config);
        const double dlr = rate(r.success, m_cleanCorrect);
        const double pgd = rate(run("pgd", config).success, m_cleanCorrect);
        qInfo("success: pgd %.3f, apgd-dlr %.3f", pgd, dlr);
        QVERIFY2(dlr > 0.5 * pgd, qPrintable(QString("%1 vs pgd %2").arg(dlr).arg(pgd)));
        const at::Tensor delta = (r.adversarial - m_data.images).flatten(1);
        const at::Tensor norms = norm == core::Norm::Linf ? delta.abs().amax(1) : delta.norm(2, {1});
        QVERIFY(norms.le(epsilon * (1 + 1e-5)).all().item<bool>());
        QVERIFY(r.adversarial.min().item<float>() >= 0.0f && r.adversarial.max().item<float>() <= 1.0f);
        QVERIFY(r.success.logical_and(r.adversarialPredictions.eq(m_data.labels)).sum().item<std::int64_t>() == 0);

        config.targeted = true;
        QVERIFY_THROWS_EXCEPTION(core::Error, run("apgd-dlr", config));
        QVERIFY(!core::attackInfo("apgd-dlr").targetable);
    }

    // EOT: each step's loss and gradient are the mean of `eot` passes. On a
    // deterministic model the mean of 2 equal gradients is the gradient, so
    // the result is unchanged and only the passes double; the count is exact.
    void eotAveragesPassesAndCountsThem()
    {
        core::AttackConfig config;
        config.epsilon = 0.04;
        config.steps = 6;
        config.seed = 3;
        const core::AttackResult once = run("apgd-dlr", config);
        config.extra["eot"] = 2;
        const core::AttackResult twice = run("apgd-dlr", config);
        QVERIFY(twice.adversarial.equal(once.adversarial));
        QVERIFY(twice.gradientEvaluationsPerImage.equal(2 * once.gradientEvaluationsPerImage));
        QVERIFY(once.gradientEvaluationsPerImage.masked_select(m_cleanCorrect).eq(7).all().item<bool>());

        at::manual_seed(4);
        test::LinearClassifier linear(at::randn({10, 64}), at::randn({10}), {1, 8, 8});
        const at::Tensor images = at::rand({16, 1, 8, 8});
        at::Tensor labels;
        {
            at::NoGradGuard noGrad;
            labels = linear.logits(images).argmax(1);
        }
        linear.resetRowsSeen();
        config.epsilon = 0.0; // nothing fooled: every image takes every step
        config.extra["eot"] = 3;
        const core::AttackResult r = core::createAttack("apgd-ce")->run(linear, {images, labels, {}}, config);
        QVERIFY(r.gradientEvaluationsPerImage.eq(3 * 7).all().item<bool>());
        // The clean forward, 3 passes per evaluation, and the result's forward.
        QCOMPARE(linear.rowsSeen(), 16 + 16 * 3 * 7 + 16);
        config.extra["eot"] = 0;
        QVERIFY_THROWS_EXCEPTION(core::Error, core::createAttack("apgd-ce")->run(linear, {images, labels, {}}, config));
    }

    void apgdTRunsTowardAtMostTheOtherClasses()
    {
        core::AttackConfig config;
        config.epsilon = 0.02;
        config.steps = 4;
        config.extra["target_classes"] = 50;
        const core::AttackResult r = run("apgd-t", config);
        QVERIFY(r.gradientEvaluationsPerImage.max().item<std::int64_t>() <= 9 * 5);
        QCOMPARE(r.gradientEvaluationsPerImage.max().item<std::int64_t>(), std::int64_t{9 * 5}); // some stay robust
    }

    void sameSeedSameResult()
    {
        core::AttackConfig config;
        config.epsilon = 0.04;
        config.steps = 8;
        config.seed = 5;
        const core::AttackResult a = run("apgd-ce", config);
        const core::AttackResult b = run("apgd-ce", config);
        QVERIFY(a.adversarial.equal(b.adversarial));
        config.seed = 6;
        QVERIFY(!run("apgd-ce", config).adversarial.equal(a.adversarial));
    }

    // Issue 18/19: an image's result depends on the seed and its index in the
    // data set, not on which batch it was attacked in.
    void resultsDoNotDependOnTheBatchSplit_data()
    {
        QTest::addColumn<QString>("attack");
        QTest::newRow("apgd-ce") << "apgd-ce";
        QTest::newRow("apgd-dlr") << "apgd-dlr";
        QTest::newRow("apgd-t") << "apgd-t";
    }
    void resultsDoNotDependOnTheBatchSplit()
    {
        QFETCH(QString, attack);
        core::AttackConfig config;
        config.epsilon = 0.04;
        config.steps = 6;
        config.restarts = 2;
        config.seed = 17;
        config.extra = attack == "apgd-t" ? std::map<std::string, double>{{"target_classes", 3}}
                                          : std::map<std::string, double>{};
        const std::int64_t n = 64;
        RowByRowClassifier model(test::tinyTrainedModel());
        const auto attackInBatches = [&](std::int64_t batchSize) {
            std::vector<at::Tensor> adversarial, queries;
            for (std::int64_t start = 0; start < n; start += batchSize) {
                const std::int64_t end = std::min(n, start + batchSize);
                core::AttackInput input{m_data.images.slice(0, start, end), m_data.labels.slice(0, start, end), {}};
                input.indices = at::arange(start, end, at::kLong);
                const core::AttackResult r =
                    core::createAttack(attack.toStdString())->run(model, input, config);
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
        // Queries were spent on exactly the images classified correctly.
        QVERIFY(whole.second.gt(0).equal(m_cleanCorrect.slice(0, 0, n)));
    }
};

QTEST_GUILESS_MAIN(TestApgd)
#include "tst_apgd.moc"
