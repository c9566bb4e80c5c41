#include "tests/support/testsupport.h"

#include "core/attacks/attackcommon.h"
#include "core/attacks/attackregistry.h"
#include "core/model/computedevice.h"
#include "core/model/modelloader.h"
#include "core/model/torchscriptclassifier.h"
#include "core/util/error.h"

#include <ATen/ATen.h>
#include <QtTest>

using namespace advlens;

namespace {

/// Made by tests/support/make-gradient-models.py (the prepare_gradient_models fixture).
std::filesystem::path modelsDirectory()
{
    return ADVLENS_GRADIENT_MODELS;
}

const char* const kDifferentiable[] = {
    "plain-cnn",       "plain-cnn-scripted", "straight-through", "straight-through-scripted", "detached-input",
    "no-grad-branch",  "control-flow",       "tuple-output",     "dict-output",
};

std::unique_ptr<core::Classifier> open(const std::string& name)
{
    return core::loadClassifier(modelsDirectory() / (name + ".json"));
}

core::TorchScriptClassifier& asTorchScript(core::Classifier& classifier)
{
    auto* torchScript = dynamic_cast<core::TorchScriptClassifier*>(&classifier);
    if (!torchScript)
        throw std::runtime_error("not a TorchScript classifier");
    return *torchScript;
}

at::Tensor fixtureLabels()
{
    return at::arange(4, at::kLong) % 5; // as the fixture script computes its gradient
}

} // namespace

class TestGradientFidelity : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void gradientIsPyTorchs_data()
    {
        QTest::addColumn<QString>("model");
        QTest::addColumn<bool>("optimised");
        for (const char* name : kDifferentiable) {
            QTest::newRow(qPrintable(QString("%1, optimised copy").arg(name))) << QString(name) << true;
            QTest::newRow(qPrintable(QString("%1, module as loaded").arg(name))) << QString(name) << false;
        }
    }
    void gradientIsPyTorchs()
    {
        QFETCH(QString, model);
        QFETCH(bool, optimised);
        const std::string name = model.toStdString();
        const at::Tensor input = test::readNpyFloat(modelsDirectory() / (name + "-input.npy"));
        const at::Tensor expected = test::readNpyFloat(modelsDirectory() / (name + "-gradient.npy"));
        std::vector<c10::Device> devices{c10::Device(c10::kCPU)};
        if (core::cudaAvailable())
            devices.emplace_back(c10::kCUDA, 0);
        for (const c10::Device& device : devices) {
            auto classifier = open(name);
            asTorchScript(*classifier).setOptimisedCopies(optimised);
            classifier->moveTo(device);
            const at::Tensor got =
                core::crossEntropyGradient(*classifier, input.to(device), fixtureLabels().to(device)).gradient.cpu();
            const double scale = expected.abs().max().item<double>();
            const double difference = (got - expected).abs().max().item<double>();
            QVERIFY2(difference <= 1e-5 * scale + 1e-9,
                     qPrintable(QString("%1 on %2: largest difference %3, largest component %4")
                                    .arg(model, QString::fromStdString(device.str()))
                                    .arg(difference)
                                    .arg(scale)));
        }
    }

    void gradientCopyIsSkippedWhereFreezingChangesAutograd_data()
    {
        QTest::addColumn<QString>("model");
        QTest::addColumn<bool>("copyUsed");
        QTest::newRow("plain-cnn") << "plain-cnn" << true;
        QTest::newRow("control-flow") << "control-flow" << true;
        QTest::newRow("straight-through") << "straight-through" << false;
        QTest::newRow("straight-through-scripted") << "straight-through-scripted" << false;
        QTest::newRow("detached-input") << "detached-input" << false;
        QTest::newRow("no-grad-branch") << "no-grad-branch" << false;
    }
    void gradientCopyIsSkippedWhereFreezingChangesAutograd()
    {
        QFETCH(QString, model);
        QFETCH(bool, copyUsed);
        auto classifier = open(model.toStdString()); // the load-time probe asks for a gradient
        const std::string note = classifier->executionNote();
        QCOMPARE(note.empty(), copyUsed);
        if (!copyUsed)
            QVERIFY2(note.find("module as loaded") != std::string::npos, note.c_str());
    }

    void modelsWithoutInputGradientsAreRecognisedAtLoad_data()
    {
        QTest::addColumn<QString>("model");
        QTest::addColumn<QString>("reason");
        QTest::newRow("detached input") << "detached-input" << "do not depend on the input";
        QTest::newRow("traced under no_grad") << "attention-no-grad-trace" << "_native_multi_head_attention";
    }
    void modelsWithoutInputGradientsAreRecognisedAtLoad()
    {
        QFETCH(QString, model);
        QFETCH(QString, reason);
        auto classifier = open(model.toStdString()); // still opens: it predicts
        const core::InputGradientSupport& support = classifier->inputGradientSupport();
        QVERIFY(!support.available);
        QVERIFY2(support.reason.find(reason.toStdString()) != std::string::npos, support.reason.c_str());

        const at::Tensor images = test::readNpyFloat(modelsDirectory() / (model.toStdString() + "-input.npy"));
        core::AttackInput input{images, fixtureLabels(), {}};
        core::AttackConfig config;
        config.epsilon = 0.1;
        for (const core::AttackInfo& info : core::availableAttacks()) {
            auto attack = core::createAttack(info.name);
            if (info.needsGradients) {
                try {
                    attack->run(*classifier, input, config);
                    QFAIL(qPrintable(QString::fromStdString(info.name) + " ran on a model without gradients"));
                } catch (const core::Error& e) {
                    QVERIFY2(std::string(e.what()).find("needs input gradients") != std::string::npos, e.what());
                }
            } else {
                const core::AttackResult result = attack->run(*classifier, input, config);
                QCOMPARE(result.adversarial.sizes(), images.sizes());
            }
        }
    }

    void differentiableModelsHaveGradients()
    {
        for (const char* name : kDifferentiable) {
            if (std::string(name) == "detached-input")
                continue;
            auto classifier = open(name);
            QVERIFY2(classifier->inputGradientSupport().available, name);
        }
        QVERIFY(test::tinyTrainedModel()->inputGradientSupport().available);
    }

    void dictOutputGivesItsLogitsEntry()
    {
        auto classifier = open("dict-output");
        const at::Tensor images = test::readNpyFloat(modelsDirectory() / "dict-output-input.npy");
        QCOMPARE(classifier->logits(images).sizes(), (std::vector<std::int64_t>{4, 5}));
    }
};

QTEST_GUILESS_MAIN(TestGradientFidelity)
#include "tst_gradientfidelity.moc"
