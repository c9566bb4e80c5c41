#include "testsupport.h"

#include "attacks/attackregistry.h"
#include "metrics/accuracy.h"
#include "metrics/robustnessevaluation.h"
#include "model/classifier.h"

#include <ATen/ATen.h>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

using namespace advlens;

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

    void curveStartsAtCleanAccuracyAndMatchesSingleRuns()
    {
        auto attack = core::createAttack("fgsm");
        const std::vector<double> epsilons = {0.0, 0.02, 0.1};
        std::vector<double> streamed;
        const core::RobustnessReport report =
            core::evaluateRobustness(*m_model, m_data, *attack, core::AttackConfig{}, epsilons, /*batchSize=*/64, {},
                                     [&](const core::EpsilonPoint& p) { streamed.push_back(p.epsilon); });
        QCOMPARE(streamed, epsilons);
        QCOMPARE(report.points.size(), std::size_t{3});
        const core::Accuracy clean = core::evaluateAccuracy(*m_model, m_data.images, m_data.labels);
        QCOMPARE(report.clean.top1, clean.top1);
        QCOMPARE(report.points[0].robustAccuracy, clean.top1);
        QCOMPARE(report.points[0].successes, 0);
        // Batching does not change the numbers: one run over the whole set agrees.
        core::AttackConfig config;
        config.epsilon = 0.1;
        const core::AttackResult whole = attack->run(*m_model, {m_data.images, m_data.labels, {}}, config);
        QCOMPARE(report.points[2].successes, whole.success.sum().item<std::int64_t>());
        QVERIFY(report.points[2].robustAccuracy < report.points[0].robustAccuracy);
        QVERIFY(report.points[2].linf.mean <= 0.1 + 1e-6);
    }

    void jsonAndCsvCarryEveryPoint()
    {
        auto attack = core::createAttack("pgd");
        core::AttackConfig config;
        config.steps = 3;
        config.targeted = true;
        const core::RobustnessReport report =
            core::evaluateRobustness(*m_model, m_data, *attack, config, {0.0, 0.05}, 100);
        const QJsonDocument json = QJsonDocument::fromJson(QByteArray::fromStdString(core::reportToJson(report)));
        QVERIFY(json.isObject());
        QCOMPARE(json["attack"].toString(), QString("pgd"));
        QCOMPARE(json["targeted"].toBool(), true);
        QCOMPARE(json["images"].toInt(), 150);
        QCOMPARE(json["points"].toArray().size(), 2);
        QCOMPARE(json["points"][1]["epsilon"].toDouble(), 0.05);
        QCOMPARE(json["points"][1]["robust_accuracy"].toDouble(), report.points[1].robustAccuracy);
        const QStringList csv = QString::fromStdString(core::reportToCsv(report)).trimmed().split('\n');
        QCOMPARE(csv.size(), 3);
        QVERIFY(csv[0].startsWith("model,attack,norm,targeted,epsilon"));
        QVERIFY(csv[2].contains(",pgd,linf,true,0.05,150,"));
    }

    void cancellationKeepsFinishedPoints()
    {
        auto attack = core::createAttack("fgsm");
        core::CancellationToken token;
        core::RunControl control;
        control.cancellation = &token;
        const core::RobustnessReport report =
            core::evaluateRobustness(*m_model, m_data, *attack, core::AttackConfig{}, {0.0, 0.1, 0.2}, 50, control,
                                     [&](const core::EpsilonPoint&) { token.cancel(); });
        QVERIFY(report.cancelled);
        QCOMPARE(report.points.size(), std::size_t{1});
    }
};

QTEST_GUILESS_MAIN(TestRobustnessEvaluation)
#include "tst_robustnessevaluation.moc"
