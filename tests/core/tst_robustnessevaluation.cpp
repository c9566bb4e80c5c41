#include "tests/support/testsupport.h"

#include "core/attacks/attackregistry.h"
#include "core/metrics/accuracy.h"
#include "core/metrics/robustnessevaluation.h"
#include "core/model/classifier.h"

#include <ATen/ATen.h>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using namespace advlens;

namespace {

core::RobustnessReport curve(core::Classifier& model, const core::LabelledImages& data, const std::string& attack,
                             const core::AttackConfig& config, const std::vector<double>& epsilons,
                             core::CurveMethod method, std::int64_t batchSize = 64)
{
    auto instance = core::createAttack(attack);
    return core::evaluateRobustness(model, data, *instance, config, epsilons, {batchSize, method});
}

void compareNorms(const core::NormSummary& a, const core::NormSummary& b)
{
    QCOMPARE(a.count, b.count);
    QCOMPARE(a.mean, b.mean);
    QCOMPARE(a.median, b.median);
}

} // namespace

class TestRobustnessEvaluation : public QObject {
    Q_OBJECT

    std::unique_ptr<core::Classifier> m_model;
    core::LabelledImages m_data;

private Q_SLOTS:
    void initTestCase()
    {
        m_model = test::tinyTrainedModel();
        m_data = test::fashionMnist(false, 150);
    }

    void curveStartsAtCleanAccuracyAndStreamsPoints()
    {
        auto attack = core::createAttack("pgd");
        std::vector<double> streamed;
        core::AttackConfig config;
        config.steps = 3;
        const core::RobustnessReport report = core::evaluateRobustness(
            *m_model, m_data, *attack, config, {0.1, 0.0, 0.02}, {64, core::CurveMethod::Naive}, {},
            [&](const core::CurvePoint& p) { streamed.push_back(p.epsilon); });
        QCOMPARE(streamed, (std::vector<double>{0.0, 0.02, 0.1})); // ascending
        const core::Accuracy clean = core::evaluateAccuracy(*m_model, m_data.images, m_data.labels);
        QCOMPARE(report.clean.top1, clean.top1);
        QCOMPARE(report.points[0].robustAccuracy, clean.top1);
        QCOMPARE(report.points[0].successes, 0);
        QVERIFY(report.points[2].robustAccuracy < report.points[0].robustAccuracy);
        QVERIFY(report.points[2].linf.mean <= 0.1 + 1e-6);
        QCOMPARE(report.points[1].gradientEvaluations, 150 * 3);
    }

    void fastFgsmCurveEqualsTheNaiveLoopExactly_data()
    {
        QTest::addColumn<QString>("norm");
        QTest::addColumn<bool>("targeted");
        QTest::newRow("linf") << "linf" << false;
        QTest::newRow("l2 targeted") << "l2" << true;
        QTest::newRow("l1") << "l1" << false; // ε decides which pixels the budget reaches
    }
    void fastFgsmCurveEqualsTheNaiveLoopExactly()
    {
        QFETCH(QString, norm);
        QFETCH(bool, targeted);
        core::AttackConfig config;
        config.norm = core::parseNorm(norm.toStdString());
        config.targeted = targeted;
        const std::vector<double> epsilons =
            norm == "linf" ? std::vector<double>{0, 0.02, 0.05, 0.1, 0.3}
            : norm == "l2" ? std::vector<double>{0, 0.5, 1, 2, 4}
                           : std::vector<double>{0, 2, 5, 10, 20};
        const auto naive = curve(*m_model, m_data, "fgsm", config, epsilons, core::CurveMethod::Naive);
        const auto fast = curve(*m_model, m_data, "fgsm", config, epsilons, core::CurveMethod::Fast);
        QCOMPARE(fast.method, std::string("shared-sweep"));
        QCOMPARE(fast.points.size(), naive.points.size());
        QCOMPARE(fast.clean.top1, naive.clean.top1);
        for (std::size_t i = 0; i < fast.points.size(); ++i) {
            QCOMPARE(fast.points[i].robustAccuracy, naive.points[i].robustAccuracy);
            QCOMPARE(fast.points[i].successes, naive.points[i].successes);
            compareNorms(fast.points[i].l2, naive.points[i].l2);
            compareNorms(fast.points[i].linf, naive.points[i].linf);
        }
        // One gradient per image for the whole fast curve, one per ε for the naive loop.
        std::int64_t fastGradients = 0, naiveGradients = 0;
        for (std::size_t i = 0; i < fast.points.size(); ++i) {
            fastGradients += fast.points[i].gradientEvaluations;
            naiveGradients += naive.points[i].gradientEvaluations;
        }
        QCOMPARE(fastGradients, 150);
        QCOMPARE(naiveGradients, 150 * std::int64_t(epsilons.size()));
    }

    void incrementalPgdCurveIsNoWeakerAndCheaper()
    {
        core::AttackConfig config;
        config.steps = 5;
        const std::vector<double> epsilons = {0.0, 0.02, 0.04, 0.08, 0.16};
        const auto naive = curve(*m_model, m_data, "pgd", config, epsilons, core::CurveMethod::Naive);
        const auto fast = curve(*m_model, m_data, "pgd", config, epsilons, core::CurveMethod::Fast);
        QCOMPARE(fast.method, std::string("incremental"));
        std::int64_t fastGradients = 0, naiveGradients = 0;
        for (std::size_t i = 0; i < fast.points.size(); ++i) {
            QVERIFY2(fast.points[i].robustAccuracy <= naive.points[i].robustAccuracy,
                     qPrintable(QString("eps %1: %2 > %3")
                                    .arg(epsilons[i])
                                    .arg(fast.points[i].robustAccuracy)
                                    .arg(naive.points[i].robustAccuracy)));
            if (i > 0) // fooled images stay fooled as ε grows
                QVERIFY(fast.points[i].robustAccuracy <= fast.points[i - 1].robustAccuracy);
            QVERIFY(fast.points[i].linf.mean <= epsilons[i] + 1e-6);
            fastGradients += fast.points[i].gradientEvaluations;
            naiveGradients += naive.points[i].gradientEvaluations;
        }
        QVERIFY2(fastGradients < naiveGradients * 0.8,
                 qPrintable(QString("%1 vs %2").arg(fastGradients).arg(naiveGradients)));
    }

    void iterationCurveResumesAndEqualsFreshRuns()
    {
        auto attack = core::createAttack("pgd");
        core::AttackConfig config;
        config.epsilon = 0.05;
        const std::vector<int> steps = {8, 1, 2, 4};
        const auto naive =
            core::evaluateIterations(*m_model, m_data, *attack, config, steps, {64, core::CurveMethod::Naive});
        const auto fast =
            core::evaluateIterations(*m_model, m_data, *attack, config, steps, {64, core::CurveMethod::Fast});
        QCOMPARE(fast.axis, std::string("steps"));
        QCOMPARE(fast.method, std::string("resumed-iterations"));
        QCOMPARE(fast.points.size(), std::size_t{4});
        QCOMPARE(fast.points[0].steps, 1);
        QCOMPARE(fast.points[3].steps, 8);
        QCOMPARE(fast.config.stepSize, 2.5 * 0.05 / 8); // one step size for the whole curve
        std::int64_t fastGradients = 0, naiveGradients = 0;
        for (std::size_t i = 0; i < fast.points.size(); ++i) {
            // Resuming s₁ steps for s₂ − s₁ more is the same attack as s₂ fresh steps.
            QCOMPARE(fast.points[i].robustAccuracy, naive.points[i].robustAccuracy);
            QCOMPARE(fast.points[i].successes, naive.points[i].successes);
            QVERIFY(std::abs(fast.points[i].l2.mean - naive.points[i].l2.mean) < 1e-4);
            fastGradients += fast.points[i].gradientEvaluations;
            naiveGradients += naive.points[i].gradientEvaluations;
        }
        QVERIFY(fast.points[3].robustAccuracy < fast.points[0].robustAccuracy);
        QCOMPARE(fastGradients, 150 * 8);
        QCOMPARE(naiveGradients, 150 * (1 + 2 + 4 + 8));
    }

    void jsonAndCsvCarryEveryPoint()
    {
        core::AttackConfig config;
        config.steps = 3;
        config.targeted = true;
        const auto report = curve(*m_model, m_data, "pgd", config, {0.0, 0.05}, core::CurveMethod::Fast, 100);
        const QJsonDocument json = QJsonDocument::fromJson(QByteArray::fromStdString(core::reportToJson(report)));
        QVERIFY(json.isObject());
        QCOMPARE(json["attack"].toString(), QString("pgd"));
        QCOMPARE(json["method"].toString(), QString("incremental"));
        QCOMPARE(json["targeted"].toBool(), true);
        QCOMPARE(json["images"].toInt(), 150);
        QCOMPARE(json["points"].toArray().size(), 2);
        QCOMPARE(json["points"][1]["epsilon"].toDouble(), 0.05);
        QCOMPARE(json["points"][1]["robust_accuracy"].toDouble(), report.points[1].robustAccuracy);
        const QStringList csv = QString::fromStdString(core::reportToCsv(report)).trimmed().split('\n');
        QCOMPARE(csv.size(), 3);
        QVERIFY(csv[0].startsWith("model,attack,norm,targeted,epsilon,steps"));
        QVERIFY(csv[2].contains(",pgd,linf,true,0.05,3,150,"));
    }

    void cancellationKeepsFinishedPoints_data()
    {
        QTest::addColumn<QString>("attack");
        QTest::addColumn<int>("method");
        QTest::newRow("naive") << "fgsm" << int(core::CurveMethod::Naive);
        QTest::newRow("incremental") << "pgd" << int(core::CurveMethod::Fast);
    }
    void cancellationKeepsFinishedPoints()
    {
        QFETCH(QString, attack);
        QFETCH(int, method);
        auto instance = core::createAttack(attack.toStdString());
        core::CancellationToken token;
        core::RunControl control;
        control.cancellation = &token;
        core::AttackConfig config;
        config.steps = 2;
        const core::RobustnessReport report = core::evaluateRobustness(
            *m_model, m_data, *instance, config, {0.0, 0.1, 0.2}, {50, core::CurveMethod(method)}, control,
            [&](const core::CurvePoint&) { token.cancel(); });
        QVERIFY(report.cancelled);
        QCOMPARE(report.points.size(), std::size_t{1});
    }
};

QTEST_GUILESS_MAIN(TestRobustnessEvaluation)
#include "tst_robustnessevaluation.moc"
