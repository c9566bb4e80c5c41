#include "tests/support/testsupport.h"

#include "core/metrics/accuracy.h"
#include "core/model/modelloader.h"
#include "core/model/nativeclassifier.h"
#include "core/training/trainer.h"
#include "core/util/error.h"

#include <ATen/ATen.h>
#include <QtTest>

using namespace advlens;

namespace {

core::TrainingConfig tinyConfig(const std::string& architecture, const std::string& recipe)
{
    core::TrainingConfig config;
    config.architecture = architecture;
    config.recipe = recipe;
    config.epochs = 3;
    config.batchSize = 50;
    config.seed = 5;
    config.adversarialSteps = 3;
    return config;
}

bool sameParameters(core::Classifier& a, core::Classifier& b)
{
    const auto pa = a.parameters(), pb = b.parameters();
    if (pa.size() != pb.size())
        return false;
    for (std::size_t i = 0; i < pa.size(); ++i)
        if (!pa[i].equal(pb[i]))
            return false;
    return true;
}

} // namespace

class TestTraining : public QObject {
    Q_OBJECT

    core::LabelledImages m_train, m_test;

private Q_SLOTS:
    void initTestCase()
    {
        m_train = test::fashionMnist(true, 600);
        m_test = test::fashionMnist(false, 300);
    }

    void everyArchitectureLearnsSomething_data()
    {
        QTest::addColumn<QString>("architecture");
        for (const char* a : {"mlp", "lenet", "vgg", "resnet"})
            QTest::newRow(a) << a;
    }
    void everyArchitectureLearnsSomething()
    {
        QFETCH(QString, architecture);
        int epochsSeen = 0;
        double lastLoss = 0, firstLoss = -1;
        auto model = core::trainZooModel(tinyConfig(architecture.toStdString(), "plain"), m_train, m_test,
                                         c10::Device(c10::kCPU), nullptr, [&](const core::TrainingProgress& p) {
                                             if (firstLoss < 0)
                                                 firstLoss = p.loss;
                                             lastLoss = p.loss;
                                             if (p.testAccuracy >= 0)
                                                 ++epochsSeen;
                                             QVERIFY(p.etaSeconds >= 0);
                                         });
        QVERIFY(model);
        QCOMPARE(epochsSeen, 3);
        QVERIFY2(lastLoss < firstLoss, "the running loss must fall");
        // Chance is 10 %; 600 images and 3 epochs are enough to beat it clearly.
        QVERIFY2(*model->metadata().cleanAccuracy > 0.35,
                 qPrintable(QString::number(*model->metadata().cleanAccuracy)));
        QCOMPARE(model->metadata().training->trainImages, 600);
        QVERIFY(!model->parameters().front().requires_grad()); // frozen for attacks afterwards
    }

    void trainingIsReproducible()
    {
        auto a = core::trainZooModel(tinyConfig("lenet", "plain"), m_train, m_test, c10::Device(c10::kCPU));
        auto b = core::trainZooModel(tinyConfig("lenet", "plain"), m_train, m_test, c10::Device(c10::kCPU));
        QVERIFY(sameParameters(*a, *b));
        auto config = tinyConfig("lenet", "plain");
        config.seed = 6;
        auto c = core::trainZooModel(config, m_train, m_test, c10::Device(c10::kCPU));
        QVERIFY(!sameParameters(*a, *c));
    }

    void adversarialTrainingIsRecordedAndSaved()
    {
        auto model = core::trainZooModel(tinyConfig("mlp", "pgd"), m_train, m_test, c10::Device(c10::kCPU));
        QVERIFY(model);
        const auto json = test::scratchDirectory() / "mlp-pgd.json";
        model->save(json);
        auto loaded = core::loadClassifier(json);
        QCOMPARE(loaded->metadata().training->recipe, std::string("pgd"));
        QCOMPARE(loaded->metadata().training->adversarialEpsilon, 0.1);
        QCOMPARE(loaded->metadata().training->adversarialSteps, 3);
        QVERIFY(sameParameters(*model, *loaded));
        QVERIFY(*loaded->metadata().cleanAccuracy > 0.2);
    }

    void cancellationReturnsNothing()
    {
        core::CancellationToken token;
        token.cancel();
        QVERIFY(!core::trainZooModel(tinyConfig("mlp", "plain"), m_train, m_test, c10::Device(c10::kCPU), &token));
    }

    void badConfigurationsAreRejected()
    {
        QVERIFY_THROWS_EXCEPTION(
            core::Error, core::trainZooModel(tinyConfig("nope", "plain"), m_train, m_test, c10::Device(c10::kCPU)));
        QVERIFY_THROWS_EXCEPTION(
            core::Error, core::trainZooModel(tinyConfig("mlp", "trades"), m_train, m_test, c10::Device(c10::kCPU)));
    }
};

QTEST_GUILESS_MAIN(TestTraining)
#include "tst_training.moc"
