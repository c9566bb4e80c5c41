#include "tests/support/testsupport.h"

#include "core/data/fashionmnist.h"
#include "core/model/modelloader.h"
#include "core/model/nativeclassifier.h"
#include "core/model/zoo/zooarchitectures.h"
#include "core/util/error.h"

#include <QtTest>
#include <torch/csrc/autograd/autograd.h>
#include <torch/script.h>

using namespace advlens;
namespace fs = std::filesystem;

namespace {

core::ModelMetadata fashionMetadata(const std::string& name, core::ModelKind kind, const std::string& architecture = "")
{
    core::ModelMetadata m;
    m.name = name;
    m.kind = kind;
    m.architecture = architecture;
    m.weights = name + ".pt";
    m.input = {1, 28, 28};
    m.mean = {0.5f};
    m.std = {0.25f};
    m.classNames = core::fashionMnistClassNames();
    return m;
}

/// A TorchScript module written in TorchScript source, so tests need no Python.
fs::path saveScriptModel(const std::string& name, const std::string& forwardBody, const at::Tensor& weight,
                         int classes = 10)
{
    torch::jit::Module module("TestModel");
    module.register_parameter("weight", weight, false);
    module.define("def forward(self, x):\n" + forwardBody + "\n");
    const fs::path folder = test::scratchDirectory();
    module.save((folder / (name + ".pt")).string());
    core::ModelMetadata meta = fashionMetadata(name, core::ModelKind::TorchScript);
    meta.classNames.resize(static_cast<std::size_t>(classes), "extra");
    meta.weights = folder / (name + ".pt");
    core::writeModelMetadata(meta, folder / (name + ".json"));
    return folder / (name + ".json");
}

void expectLoadError(const fs::path& path, const QString& reason)
{
    try {
        core::loadClassifier(path);
        QFAIL(qPrintable("no error; expected: " + reason));
    } catch (const core::Error& e) {
        const QString message = e.what();
        QVERIFY2(message.contains(reason, Qt::CaseInsensitive), e.what());
        QVERIFY2(!message.contains('\n'), "the message must be one line");
    }
}

} // namespace

class TestModelLoading : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void nativeModelRoundTripsWithIdenticalLogits()
    {
        torch::manual_seed(3);
        const auto meta = fashionMetadata("roundtrip", core::ModelKind::Native, "lenet");
        core::NativeClassifier original(meta, core::makeZooNet("lenet", meta.input, 10));
        const fs::path json = test::scratchDirectory() / "roundtrip.json";
        original.save(json);

        auto loaded = core::loadClassifier(json);
        QCOMPARE(loaded->metadata().architecture, std::string("lenet"));
        QCOMPARE(loaded->metadata().mean, std::vector<float>{0.5f});
        const at::Tensor x = at::rand({4, 1, 28, 28});
        at::NoGradGuard noGrad;
        QVERIFY(original.logits(x).equal(loaded->logits(x)));
        // Loading by the weights file finds the JSON beside it.
        QCOMPARE(core::loadClassifier(test::scratchDirectory() / "roundtrip.pt")->numClasses(), 10);
    }

    void normalisationIsAppliedInsideTheModel()
    {
        // forward returns the per-image mean of its input: with mean 0.5 and std 0.25
        // in the metadata, a pixel value p must reach the module as (p − 0.5) / 0.25.
        const fs::path json = saveScriptModel(
            "meanprobe",
            "    m = x.flatten(1).mean(1, keepdim=True)\n    return m.repeat(1, 10) + self.weight.sum() * 0",
            torch::zeros({1}));
        auto classifier = core::loadClassifier(json);
        at::NoGradGuard noGrad;
        const at::Tensor logits = classifier->logits(at::full({1, 1, 28, 28}, 0.75));
        QVERIFY(std::abs(logits[0][0].item<float>() - 1.0f) < 1e-6f);
    }

    void torchScriptLinearModelGivesExpectedLogits()
    {
        torch::manual_seed(5);
        const at::Tensor weight = torch::randn({10, 784});
        const fs::path json = saveScriptModel("linear", "    return x.flatten(1).matmul(self.weight.t())", weight);
        auto classifier = core::loadClassifier(json);
        const at::Tensor x = at::rand({3, 1, 28, 28});
        at::NoGradGuard noGrad;
        const at::Tensor expected = ((x - 0.5) / 0.25).flatten(1).matmul(weight.t());
        QVERIFY(at::allclose(classifier->logits(x), expected, 1e-4, 1e-4));
        QVERIFY(classifier->parameters().at(0).requires_grad() == false);
    }

    void malformedModelsGiveOneClearMessage()
    {
        const fs::path folder = test::scratchDirectory();
        const auto meta = fashionMetadata("bad", core::ModelKind::TorchScript);

        // Not a model at all.
        test::writeBytes(folder / "notamodel.pt", "this is a text file, not a model");
        auto m = meta;
        m.weights = folder / "notamodel.pt";
        core::writeModelMetadata(m, folder / "notamodel.json");
        expectLoadError(folder / "notamodel.json", "not a TorchScript file or truncated");

        // A truncated copy of a valid TorchScript file.
        const fs::path good =
            saveScriptModel("good", "    return x.flatten(1).matmul(self.weight.t())", torch::ones({10, 784}));
        const std::string bytes = test::readBytes(folder / "good.pt");
        test::writeBytes(folder / "truncated.pt", bytes.substr(0, bytes.size() / 2));
        m.weights = folder / "truncated.pt";
        core::writeModelMetadata(m, folder / "truncated.json");
        expectLoadError(folder / "truncated.json", "not a TorchScript file or truncated");

        // A truncated native archive.
        const auto nativeMeta = fashionMetadata("nativegood", core::ModelKind::Native, "mlp");
        core::NativeClassifier(nativeMeta, core::makeZooNet("mlp", nativeMeta.input, 10))
            .save(folder / "nativegood.json");
        const std::string nativeBytes = test::readBytes(folder / "nativegood.pt");
        test::writeBytes(folder / "nativegood.pt", nativeBytes.substr(0, nativeBytes.size() / 3));
        expectLoadError(folder / "nativegood.json", "not a LibTorch archive or truncated");

        // Weights of another architecture.
        auto lenetMeta = fashionMetadata("lenetweights", core::ModelKind::Native, "lenet");
        core::NativeClassifier(lenetMeta, core::makeZooNet("lenet", lenetMeta.input, 10))
            .save(folder / "lenetweights.json");
        auto wrongArch = lenetMeta;
        wrongArch.architecture = "mlp";
        wrongArch.weights = folder / "lenetweights.pt";
        core::writeModelMetadata(wrongArch, folder / "wrongarch.json");
        expectLoadError(folder / "wrongarch.json", "do not fit architecture");
    }

    void wrongOutputsAndInputsAreDetected_data()
    {
        QTest::addColumn<QString>("body");
        QTest::addColumn<QString>("reason");
        QTest::addColumn<int>("classes");
        QTest::newRow("logits are not 2-D") << "    return x.flatten(1).matmul(self.weight.t()).unsqueeze(2)"
                                            << "expected 2×K" << 10;
        QTest::newRow("K differs from the class names") << "    return x.flatten(1).matmul(self.weight.t())"
                                                        << "metadata names 12 classes" << 12;
        QTest::newRow("input shape mismatch") << "    return x.flatten(1)[:, :100].matmul(self.weight.t()[:50, :])"
                                              << "fails on input of shape 2×1×28×28" << 10;
        QTest::newRow("NaN logits") << "    return x.flatten(1).matmul(self.weight.t()) * float('nan')"
                                    << "NaN" << 10;
        QTest::newRow("not a tensor") << "    return [x]"
                                      << "not a logits tensor" << 10;
    }
    void wrongOutputsAndInputsAreDetected()
    {
        QFETCH(QString, body);
        QFETCH(QString, reason);
        QFETCH(int, classes);
        static int counter = 0;
        const std::string name = "probe" + std::to_string(++counter);
        expectLoadError(saveScriptModel(name, body.toStdString(), torch::ones({10, 784}), classes), reason);
    }

    void metadataProblemsAreNamed_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("reason");
        QTest::newRow("not JSON") << QByteArray("{ name: oops") << "not valid JSON";
        QTest::newRow("missing kind")
            << QByteArray(
                   R"({"name":"x","weights":"x.pt","input":{"channels":1,"height":28,"width":28},"classes":["a","b"]})")
            << "missing field \"kind\"";
        QTest::newRow("bad channels")
            << QByteArray(
                   R"({"name":"x","kind":"torchscript","weights":"x.pt","input":{"channels":2,"height":28,"width":28},"classes":["a","b"]})")
            << "channels must be 1 or 3";
        QTest::newRow("mean per channel")
            << QByteArray(
                   R"({"name":"x","kind":"torchscript","weights":"x.pt","input":{"channels":3,"height":8,"width":8},"mean":[0.5],"std":[1,1,1],"classes":["a","b"]})")
            << "one value per input channel";
        QTest::newRow("zero std")
            << QByteArray(
                   R"({"name":"x","kind":"torchscript","weights":"x.pt","input":{"channels":1,"height":8,"width":8},"std":[0],"classes":["a","b"]})")
            << "must be positive";
        QTest::newRow("no classes")
            << QByteArray(
                   R"({"name":"x","kind":"torchscript","weights":"x.pt","input":{"channels":1,"height":8,"width":8}})")
            << "needs \"classes\" or \"labels_file\"";
        QTest::newRow("missing labels file")
            << QByteArray(
                   R"({"name":"x","kind":"torchscript","weights":"x.pt","input":{"channels":1,"height":8,"width":8},"labels_file":"nope.txt"})")
            << "file not found";
        QTest::newRow("missing weights")
            << QByteArray(
                   R"({"name":"x","kind":"native","architecture":"mlp","weights":"absent.pt","input":{"channels":1,"height":28,"width":28},"classes":["a","b"]})")
            << "file not found";
        QTest::newRow("unknown architecture")
            << QByteArray(
                   R"({"name":"x","kind":"native","architecture":"transformer9000","weights":"absent.pt","input":{"channels":1,"height":28,"width":28},"classes":["a","b"]})")
            << "unknown architecture";
    }
    void metadataNumbersMustBeWholeAndInRange_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("message");
        const auto meta = [](const char* input, const char* rest = "") {
            return QByteArray(R"({"name":"x","kind":"torchscript","weights":"x.pt","input":)") + input +
                   R"(,"classes":["a","b"])" + rest + "}";
        };
        // Each was UB (float → int out of range) or silently changed before.
        QTest::newRow("1e300 channels") << meta(R"({"channels":1e300,"height":28,"width":28})")
                                        << R"(model metadata input: field "channels" must be a whole number from )"
                                           "-2147483648 to 2147483647, not 1e+300";
        QTest::newRow("height 2^32 + 28") << meta(R"({"channels":1,"height":4294967324,"width":28})")
                                          << R"(model metadata input: field "height" must be a whole number from )"
                                             "-2147483648 to 2147483647, not 4294967324";
        QTest::newRow("fractional width") << meta(R"({"channels":1,"height":28,"width":28.5})")
                                          << R"(model metadata input: field "width" must be a whole number from )"
                                             "-2147483648 to 2147483647, not 28.5";
        QTest::newRow("negative seed")
            << meta(R"({"channels":1,"height":28,"width":28})", R"(,"training":{"seed":-1})")
            << R"(model metadata: field "seed" must be a whole number from 0 to 18446744073709551615, not -1)";
        QTest::newRow("seed above 2^64")
            << meta(R"({"channels":1,"height":28,"width":28})", R"(,"training":{"seed":41846744073709551615})")
            << R"(model metadata: field "seed" must be a whole number from 0 to 18446744073709551615, not )"
               "4.184674407370955e+19";
        QTest::newRow("float output index")
            << meta(R"({"channels":1,"height":28,"width":28})", R"(,"output_subset":{"indices":[1,2.5]})")
            << R"(model metadata output_subset: field "indices" entry must be a whole number from )"
               "-9223372036854775808 to 9223372036854775807, not 2.5";
        QTest::newRow("mean beyond float") << meta(R"({"channels":1,"height":28,"width":28})", R"(,"mean":[1e300])")
                                           << R"(model metadata: field "mean" holds 1e+300, beyond a 32-bit float)";
    }
    void metadataNumbersMustBeWholeAndInRange()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, message);
        try {
            core::parseModelMetadata(json.toStdString(), test::scratchDirectory());
            QFAIL("accepted");
        } catch (const core::Error& e) {
            QCOMPARE(QString::fromStdString(e.what()), message);
        }
    }

    void fuzzerFindingsAreRefusedCleanly()
    {
        // tests/fuzz/crashes: "channels": 1e300 was undefined behaviour.
        const std::string text = test::readBytes(test::fixturesDirectory().parent_path() / "fuzz" / "crashes" /
                                                 "modelmetadata-float-to-int.json");
        QVERIFY_THROWS_EXCEPTION(core::Error, core::parseModelMetadata(text, test::scratchDirectory()));
    }

    void metadataProblemsAreNamed()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, reason);
        const fs::path path = test::scratchDirectory() / "meta.json";
        test::writeBytes(path, json.toStdString());
        expectLoadError(path, reason);
    }

    void labelsFileIsRead()
    {
        const fs::path folder = test::scratchDirectory();
        test::writeBytes(folder / "labels.txt", "cat\r\ndog\n\nbird\n");
        test::writeBytes(
            folder / "withlabels.json",
            R"({"name":"x","kind":"torchscript","weights":"x.pt","input":{"channels":3,"height":8,"width":8},"labels_file":"labels.txt","preprocess":{"resize":"shorter-side-center-crop","resize_shorter_side":10}})");
        const core::ModelMetadata meta = core::readModelMetadata(folder / "withlabels.json");
        QCOMPARE(meta.classNames, (std::vector<std::string>{"cat", "dog", "bird"}));
        QVERIFY(meta.preprocess.resize == core::ResizeMode::ShorterSideCenterCrop);
        QCOMPARE(meta.weights, folder / "x.pt");
    }

    void classIdsComeFromTheLabelsFileOrTheJson()
    {
        const fs::path folder = test::scratchDirectory();
        test::writeBytes(folder / "classes.tsv",
                         "0\tn01440764\ttench\n1\tn01443537\tgoldfish\n2\tn01484850\tgreat white shark\n");
        test::writeBytes(
            folder / "tsv.json",
            R"({"name":"x","kind":"torchscript","weights":"x.pt","input":{"channels":3,"height":8,"width":8},"labels_file":"classes.tsv"})");
        const core::ModelMetadata meta = core::readModelMetadata(folder / "tsv.json");
        QCOMPARE(meta.classNames, (std::vector<std::string>{"tench", "goldfish", "great white shark"}));
        QCOMPARE(meta.classIds, (std::vector<std::string>{"n01440764", "n01443537", "n01484850"}));

        test::writeBytes(folder / "badindex.tsv", "0\tn1\ta\n2\tn2\tb\n");
        test::writeBytes(
            folder / "badindex.json",
            R"({"name":"x","kind":"torchscript","weights":"x.pt","input":{"channels":3,"height":8,"width":8},"labels_file":"badindex.tsv"})");
        expectLoadError(folder / "badindex.json", "line 2 should start with index 1");
        test::writeBytes(
            folder / "idcount.json",
            R"({"name":"x","kind":"torchscript","weights":"x.pt","input":{"channels":3,"height":8,"width":8},"classes":["a","b"],"class_ids":["n1"]})");
        expectLoadError(folder / "idcount.json", "one id per class");

        // Written and read back unchanged.
        core::ModelMetadata copy = meta;
        copy.outputIndices = {0, 2, 7};
        copy.outputSubset = "tiny";
        core::writeModelMetadata(copy, folder / "copy.json");
        const core::ModelMetadata back = core::readModelMetadata(folder / "copy.json");
        QCOMPARE(back.classIds, meta.classIds);
        QCOMPARE(back.outputIndices, copy.outputIndices);
        QCOMPARE(back.outputSubset, std::string("tiny"));
    }

    void outputSubsetSelectsLogitColumns()
    {
        // A 12-output model evaluated on 3 of its classes, as ImageNet-A
        // evaluates 1000-class models on its 200 (logits[:, indices_in_1k]).
        torch::manual_seed(11);
        const at::Tensor weight = torch::randn({12, 784});
        const fs::path full = saveScriptModel("twelve", "    return x.flatten(1).matmul(self.weight.t())", weight, 12);
        core::ModelMetadata meta = core::readModelMetadata(full);
        meta.classNames = {"c2", "c5", "c11"};
        meta.outputIndices = {2, 5, 11};
        meta.outputSubset = "three";
        core::writeModelMetadata(meta, test::scratchDirectory() / "three.json");
        auto subset = core::loadClassifier(test::scratchDirectory() / "three.json");
        auto whole = core::loadClassifier(full);
        QCOMPARE(subset->numClasses(), std::int64_t{3});
        const at::Tensor x = at::rand({4, 1, 28, 28}).requires_grad_();
        const at::Tensor logits = subset->logits(x);
        QVERIFY(at::allclose(logits, whole->logits(x).index_select(1, at::tensor({2, 5, 11}, at::kLong))));
        // Differentiable: gradients flow only through the kept columns.
        const at::Tensor gradient = torch::autograd::grad({logits.sum()}, {x})[0];
        QVERIFY(gradient.abs().sum().item<double>() > 0);

        meta.outputIndices = {2, 5, 12};
        core::writeModelMetadata(meta, test::scratchDirectory() / "outside.json");
        expectLoadError(test::scratchDirectory() / "outside.json", "needs N×13 or wider");
        test::writeBytes(
            test::scratchDirectory() / "unsorted.json",
            R"({"name":"x","kind":"torchscript","weights":"twelve.pt","input":{"channels":1,"height":28,"width":28},"classes":["a","b"],"output_subset":{"indices":[5,2]}})");
        expectLoadError(test::scratchDirectory() / "unsorted.json", "increasing");
    }

    void missingSiblingMetadataIsExplained()
    {
        test::writeBytes(test::scratchDirectory() / "lonely.pt", "x");
        expectLoadError(test::scratchDirectory() / "lonely.pt", "expected 'lonely.json' beside it");
        expectLoadError(test::scratchDirectory() / "absent.pt", "not found");
    }
};

QTEST_GUILESS_MAIN(TestModelLoading)
#include "tst_modelloading.moc"
