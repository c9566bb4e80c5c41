#include "tests/support/testsupport.h"

#include "core/data/fashionmnist.h"
#include "core/metrics/gradientmasking.h"
#include "core/metrics/robustnessevaluation.h"
#include "core/model/modelloader.h"

#include <QtTest>
#include <torch/script.h>

using namespace advlens;

namespace {

/// A linear classifier behind x → round(4x)/4: its input gradient is zero
/// almost everywhere, the textbook obfuscated gradient.
std::unique_ptr<core::Classifier> maskedModel()
{
    torch::manual_seed(1);
    torch::jit::Module module("Masked");
    module.register_parameter("weight", torch::randn({10, 784}), false);
    module.define("def forward(self, x):\n"
                  "    q = torch.round(x * 4.0) / 4.0\n"
                  "    return q.flatten(1).matmul(self.weight.t())\n");
    const auto folder = test::scratchDirectory();
    module.save((folder / "masked.pt").string());
    core::ModelMetadata meta;
    meta.name = "masked";
    meta.kind = core::ModelKind::TorchScript;
    meta.weights = folder / "masked.pt";
    meta.mean = {0.0f};
    meta.std = {1.0f};
    meta.classNames = core::fashionMnistClassNames();
    core::writeModelMetadata(meta, folder / "masked.json");
    return core::loadClassifier(folder / "masked.json");
}

core::RobustnessReport fgsmReport(core::Classifier& model, const core::LabelledImages& data)
{
    core::RobustnessReport report;
    report.config.epsilon = 0.1;
    report.points.push_back({});
    report.points.back().epsilon = 0.1;
    core::addGradientMaskingChecks(report, model, data, 64);
    return report;
}

} // namespace

class TestGradientMasking : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void anHonestModelPassesEveryCheck()
    {
        auto model = test::tinyTrainedModel();
        const core::RobustnessReport report = fgsmReport(*model, test::fashionMnist(false, 100));
        QCOMPARE(report.checks.size(), std::size_t{4});
        for (const core::SanityCheck& check : report.checks)
            QVERIFY2(check.passed, check.description.c_str());
        QVERIFY(report.warnings.empty());
    }

    void obfuscatedGradientsAreFlagged()
    {
        auto model = maskedModel();
        const core::RobustnessReport report = fgsmReport(*model, test::fashionMnist(false, 100));
        const auto unbounded = std::find_if(report.checks.begin(), report.checks.end(),
                                            [](const core::SanityCheck& c) { return c.name == "unbounded-pgd"; });
        QVERIFY(unbounded != report.checks.end());
        QVERIFY2(!unbounded->passed, unbounded->description.c_str());
        QVERIFY(!report.warnings.empty());
        QVERIFY(QString::fromStdString(report.warnings.front()).contains("possible gradient masking"));
    }
};

QTEST_GUILESS_MAIN(TestGradientMasking)
#include "tst_gradientmasking.moc"
