#include "tests/support/testsupport.h"

#include "core/attacks/attackregistry.h"
#include "core/metrics/accuracy.h"

#include <ATen/ATen.h>
#include <QtTest>

using namespace advlens;

/// The model the GUI opens first, as trained by ./setup.sh.
class TestDefaultModel : public QObject {
    Q_OBJECT

    std::unique_ptr<core::Classifier> m_model;

private Q_SLOTS:
    void initTestCase()
    {
        m_model = test::defaultModel();
    }

    void metadataDescribesTheRecipe()
    {
        const core::ModelMetadata& m = m_model->metadata();
        QCOMPARE(m.architecture, std::string("lenet"));
        QVERIFY(m.training);
        QCOMPARE(m.training->recipe, std::string("plain"));
        QCOMPARE(m.training->trainImages, 60000);
        QVERIFY(m.cleanAccuracy);
        qInfo("default model: %.2f %% clean accuracy, trained in %.0f s on %d threads", 100.0 * *m.cleanAccuracy,
              m.training->seconds, m.training->threads);
    }

    void reachesNinetyPercentOnTheWholeTestSet()
    {
        const core::LabelledImages test = test::fashionMnist(false, 0);
        const core::Accuracy accuracy = core::evaluateAccuracy(*m_model, test.images, test.labels);
        QCOMPARE(accuracy.images, 10000);
        QVERIFY2(accuracy.top1 >= 0.90, qPrintable(QString::number(accuracy.top1)));
        QCOMPARE(accuracy.top1, *m_model->metadata().cleanAccuracy);
    }

    void isFooledByPgdAtAModerateBudget()
    {
        // An undefended CNN collapses under PGD at ε = 0.1 on Fashion-MNIST.
        const core::LabelledImages test = test::fashionMnist(false, 256);
        core::AttackConfig config;
        config.epsilon = 0.1;
        config.steps = 10;
        const core::AttackResult r = core::createAttack("pgd")->run(*m_model, {test.images, test.labels, {}}, config);
        const double robust = r.adversarialPredictions.eq(test.labels).to(at::kDouble).mean().item<double>();
        QVERIFY2(robust < 0.3, qPrintable(QString::number(robust)));
    }
};

QTEST_GUILESS_MAIN(TestDefaultModel)
#include "tst_defaultmodel.moc"
