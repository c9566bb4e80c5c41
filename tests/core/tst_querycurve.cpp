#include "tests/support/linearclassifier.h"

#include "core/attacks/attackregistry.h"
#include "core/data/labelledimages.h"
#include "core/metrics/querycurve.h"
#include "core/metrics/robustnessevaluation.h"
#include "core/metrics/robustnessreport.h"
#include "core/tensor/finitelogits.h"

#include <ATen/ATen.h>
#include <QtTest>

#include <algorithm>
#include <limits>
#include <map>
#include <vector>

using namespace advlens;

namespace {

using test::LinearClassifier;

constexpr std::int64_t kImages = 12;

/// A 10-class linear model on 8×8 images near 0.5, two labels made wrong so
/// that some images are not robust before any attack.
struct Problem {
    at::Tensor weight, bias, images, labels;

    static Problem make()
    {
        at::manual_seed(5);
        Problem p;
        p.weight = at::randn({10, 64});
        p.bias = at::randn({10}) * 0.5;
        p.images = at::rand({kImages, 1, 8, 8}) * 0.2 + 0.4;
        p.labels = (p.images.flatten(1).matmul(p.weight.t()) + p.bias).argmax(1);
        p.labels[0] = (p.labels[0].item<std::int64_t>() + 1) % 10;
        p.labels[5] = (p.labels[5].item<std::int64_t>() + 3) % 10;
        return p;
    }
};

struct Setup {
    const char* attack;
    core::AttackConfig config;
};

core::AttackConfig configOf(core::Norm norm, double epsilon, std::map<std::string, double> extra)
{
    core::AttackConfig config;
    config.norm = norm;
    config.epsilon = epsilon;
    config.seed = 3;
    config.extra = std::move(extra);
    return config;
}

/// Robust accuracy at q queries, counted image by image.
double robustAt(const at::Tensor& robustBefore, const at::Tensor& toSuccess, std::int64_t q, std::int64_t counted)
{
    std::int64_t robust = 0;
    for (std::int64_t i = 0; i < robustBefore.numel(); ++i) {
        const std::int64_t spent = toSuccess[i].item<std::int64_t>();
        if (robustBefore[i].item<bool>() && !(spent >= 0 && spent <= q))
            ++robust;
    }
    return double(robust) / double(counted);
}

} // namespace

Q_DECLARE_METATYPE(core::AttackConfig)

class TestQueryCurve : public QObject {
    Q_OBJECT

private Q_SLOTS:
    // Six images: robust before except #4; #0 never falls, #1 at 3, #2 at 1,
    // #3 at 10, #5 at 7; #4's 2 is ignored (it was not robust). Over 8 counted.
    void curveOfHandMadeData()
    {
        const at::Tensor before = at::tensor(std::vector<std::int64_t>{1, 1, 1, 1, 0, 1}).to(at::kBool);
        const at::Tensor toSuccess = at::tensor(std::vector<std::int64_t>{-1, 3, 1, 10, 2, 7});
        const std::vector<core::QueryAccuracy> curve = core::accuracyByQueries(before, toSuccess, 8, 10, 4);
        QVERIFY(curve.size() >= 2);
        QCOMPARE(curve.front().queries, std::int64_t{1});
        QCOMPARE(curve.back().queries, std::int64_t{10});
        // At 1 query only #2 has fallen: 4 of 8. At 10 all but #0: 1 of 8.
        QCOMPARE(curve.front().robustAccuracy, 4.0 / 8.0);
        QCOMPARE(curve.back().robustAccuracy, 1.0 / 8.0);
        for (std::size_t k = 0; k < curve.size(); ++k) {
            if (k > 0)
                QVERIFY(curve[k].queries > curve[k - 1].queries);
            QCOMPARE(curve[k].robustAccuracy, robustAt(before, toSuccess, curve[k].queries, 8));
        }
        // At 3 queries #1 and #2 have fallen, #3 and #5 not: 3 of 8.
        QCOMPARE(robustAt(before, toSuccess, 3, 8), 3.0 / 8.0);
        const std::vector<core::QueryAccuracy> fine = core::accuracyByQueries(before, toSuccess, 8, 10, 40);
        QCOMPARE(fine.size(), std::size_t{10}); // every count from 1 to 10, once each
        QCOMPARE(fine[2].queries, std::int64_t{3});
        QCOMPARE(fine[2].robustAccuracy, 3.0 / 8.0);
        QCOMPARE(fine[6].robustAccuracy, 2.0 / 8.0); // #5 fell at 7

        // A budget of 1: one point, at 1 query.
        const std::vector<core::QueryAccuracy> one = core::accuracyByQueries(before, toSuccess, 8, 1, 40);
        QCOMPARE(one.size(), std::size_t{1});
        QCOMPARE(one.front().queries, std::int64_t{1});
        QCOMPARE(one.front().robustAccuracy, 4.0 / 8.0);

        QVERIFY(core::accuracyByQueries(before, at::Tensor(), 8, 10).empty());
        QVERIFY(core::queryGrid(0, 5).empty());
    }

    void queriesToSuccessAreConsistent_data()
    {
        QTest::addColumn<QString>("attack");
        QTest::addColumn<core::AttackConfig>("config");
        QTest::newRow("square") << "square" << configOf(core::Norm::Linf, 0.08, {{"queries", 150}});
        QTest::newRow("nes") << "nes" << configOf(core::Norm::Linf, 0.08, {{"queries", 300}, {"samples", 10}});
        QTest::newRow("spsa") << "spsa" << configOf(core::Norm::Linf, 0.08, {{"queries", 300}, {"samples", 10}});
        QTest::newRow("boundary") << "boundary" << configOf(core::Norm::L2, 0.6, {{"queries", 300}});
        QTest::newRow("hopskipjump l2") << "hopskipjump" << configOf(core::Norm::L2, 0.6, {{"queries", 300}});
        QTest::newRow("hopskipjump linf") << "hopskipjump" << configOf(core::Norm::Linf, 0.08, {{"queries", 300}});
        QTest::newRow("boundary unbounded")
            << "boundary" << configOf(core::Norm::L2, std::numeric_limits<double>::infinity(), {{"queries", 100}});
        QTest::newRow("autoattack") << "autoattack"
                                    << configOf(core::Norm::Linf, 0.03,
                                                {{"iterations", 3}, {"target_classes", 2}, {"queries", 60}});
    }

    // −1 exactly where the attack failed, within [1, queries spent] where it
    // succeeded, and the curve's last point is the run's robust accuracy.
    void queriesToSuccessAreConsistent()
    {
        QFETCH(QString, attack);
        QFETCH(core::AttackConfig, config);
        const Problem p = Problem::make();
        LinearClassifier model(p.weight, p.bias);
        const core::AttackResult r =
            core::createAttack(attack.toStdString())->run(model, {p.images, p.labels, {}}, config);
        QVERIFY(r.queriesToSuccess.defined());
        const at::Tensor success = r.success.to(at::kCPU);
        const at::Tensor toSuccess = r.queriesToSuccess.to(at::kCPU);
        const at::Tensor spent = r.queriesPerImage.to(at::kCPU);
        QCOMPARE(toSuccess.size(0), kImages);
        QVERIFY(success.any().item<bool>());
        QVERIFY(toSuccess.masked_select(success.logical_not()).eq(-1).all().item<bool>());
        QVERIFY(toSuccess.masked_select(success).ge(1).all().item<bool>());
        QVERIFY(toSuccess.masked_select(success).le(spent.masked_select(success)).all().item<bool>());

        const at::Tensor cleanLogits = r.cleanLogits.to(at::kCPU);
        const at::Tensor robustBefore = cleanLogits.argmax(1).eq(p.labels).logical_and(core::finiteRows(cleanLogits));
        QCOMPARE(robustBefore.sum().item<std::int64_t>(), kImages - 2);
        const at::Tensor robustAfter =
            r.adversarialPredictions.to(at::kCPU).eq(p.labels).logical_and(core::finiteRows(r.adversarialLogits).to(at::kCPU));
        const std::int64_t budget = std::max<std::int64_t>(std::llround(config.extra.at("queries")),
                                                           spent.max().item<std::int64_t>());
        const std::vector<core::QueryAccuracy> curve =
            core::accuracyByQueries(robustBefore, toSuccess, kImages, budget);
        QCOMPARE(curve.back().queries, budget);
        QCOMPARE(curve.back().robustAccuracy, double(robustAfter.sum().item<std::int64_t>()) / double(kImages));

        // The evaluation's report carries a curve too: NES and SPSA through the
        // incremental curve, the decision attacks through naive runs (their
        // fast curve thresholds one unbounded run), the others naive anyway.
        core::LabelledImages data{p.images, p.labels};
        const bool decision = attack == "boundary" || attack == "hopskipjump";
        const core::CurveOptions options{/*batchSize=*/5, decision ? core::CurveMethod::Naive : core::CurveMethod::Fast};
        const std::unique_ptr<core::Attack> evaluated = core::createAttack(attack.toStdString());
        const core::RobustnessReport report =
            core::evaluateRobustness(model, data, *evaluated, config, {config.epsilon}, options);
        QCOMPARE(report.points.size(), std::size_t{1});
        const core::CurvePoint& point = report.points.front();
        QVERIFY(!point.accuracyByQueries.empty());
        QCOMPARE(point.accuracyByQueries.front().queries, std::int64_t{1});
        QCOMPARE(point.accuracyByQueries.back().robustAccuracy, point.robustAccuracy);
        QVERIFY(point.accuracyByQueries.back().queries >= std::llround(config.extra.at("queries")));
        for (std::size_t k = 1; k < point.accuracyByQueries.size(); ++k)
            QVERIFY(point.accuracyByQueries[k].robustAccuracy <= point.accuracyByQueries[k - 1].robustAccuracy);
        const std::string json = core::reportToJson(report);
        QVERIFY(json.find("\"accuracy_by_queries\"") != std::string::npos);
        const QStringList rows = QString::fromStdString(core::reportQueriesToCsv(report)).trimmed().split('\n');
        QCOMPARE(rows.front(), QString("epsilon,queries,robust_accuracy"));
        QCOMPARE(rows.size(), qsizetype(point.accuracyByQueries.size() + 1));
    }

    void fastCurvesOfDecisionAttacksLeaveFiniteEpsilonOut()
    {
        const Problem p = Problem::make();
        LinearClassifier model(p.weight, p.bias);
        core::LabelledImages data{p.images, p.labels};
        const std::unique_ptr<core::Attack> attack = core::createAttack("boundary");
        const core::AttackConfig config = configOf(core::Norm::L2, 0.6, {{"queries", 100}});
        const core::RobustnessReport report = core::evaluateRobustness(
            model, data, *attack, config, {0.6, std::numeric_limits<double>::infinity()}, {});
        QCOMPARE(report.method, std::string("distance-threshold"));
        QVERIFY(report.points.front().accuracyByQueries.empty());
        QVERIFY(!report.points.back().accuracyByQueries.empty());
        QCOMPARE(report.points.back().accuracyByQueries.back().robustAccuracy, report.points.back().robustAccuracy);
    }

    void aBudgetOfTheQueriesToSuccessStillSucceeds_data()
    {
        QTest::addColumn<QString>("attack");
        QTest::addColumn<core::AttackConfig>("config");
        QTest::newRow("boundary") << "boundary" << configOf(core::Norm::L2, 0.6, {{"queries", 300}});
        QTest::newRow("hopskipjump l2") << "hopskipjump" << configOf(core::Norm::L2, 0.6, {{"queries", 300}});
        QTest::newRow("boundary unbounded")
            << "boundary" << configOf(core::Norm::L2, std::numeric_limits<double>::infinity(), {{"queries", 100}});
    }

    // The decision attacks are deterministic given the seed and each image's
    // index; rerun on one image with its queries to success as the budget,
    // the attack still succeeds on it.
    void aBudgetOfTheQueriesToSuccessStillSucceeds()
    {
        QFETCH(QString, attack);
        QFETCH(core::AttackConfig, config);
        const Problem p = Problem::make();
        LinearClassifier model(p.weight, p.bias);
        const core::AttackResult r =
            core::createAttack(attack.toStdString())->run(model, {p.images, p.labels, {}}, config);
        const at::Tensor toSuccess = r.queriesToSuccess.to(at::kCPU);
        int checked = 0;
        for (std::int64_t i = 0; i < kImages; ++i) {
            const std::int64_t q = toSuccess[i].item<std::int64_t>();
            if (q < 1)
                continue;
            core::AttackConfig shorter = config;
            shorter.extra["queries"] = double(q);
            core::AttackInput one{p.images.slice(0, i, i + 1), p.labels.slice(0, i, i + 1), {}};
            one.indices = at::tensor(std::vector<std::int64_t>{i});
            const core::AttackResult again = core::createAttack(attack.toStdString())->run(model, one, shorter);
            QVERIFY2(again.success[0].item<bool>(), qPrintable(QString("image %1 at %2 queries").arg(i).arg(q)));
            QVERIFY(again.queriesPerImage[0].item<std::int64_t>() <= q);
            ++checked;
        }
        QVERIFY(checked > 0);
    }
};

QTEST_GUILESS_MAIN(TestQueryCurve)
#include "tst_querycurve.moc"
