#include "tests/support/testsupport.h"

#include "core/model/modelmetadata.h"
#include "ui/workers/modelprecheck.h"

#include <QFile>
#include <QtTest>

using namespace advlens;

namespace {

QString path(const std::filesystem::path& p)
{
    return QString::fromStdString(p.u8string());
}

/// Metadata of a TorchScript model whose weights file holds `weights`.
QString torchScriptFile(const std::string& name, const std::string& weights)
{
    const auto folder = test::scratchDirectory();
    test::writeBytes(folder / (name + ".pt"), weights);
    core::ModelMetadata meta;
    meta.name = name;
    meta.kind = core::ModelKind::TorchScript;
    meta.weights = folder / (name + ".pt");
    meta.input = {1, 28, 28};
    meta.mean = {0.0f};
    meta.std = {1.0f};
    meta.classNames = {"a", "b"};
    core::writeModelMetadata(meta, folder / (name + ".json"));
    return path(folder / (name + ".json"));
}

} // namespace

class TestModelPrecheck : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void aModelThatOpensPasses()
    {
        ui::ModelPrecheck precheck(QStringLiteral(ADVLENS_CLI_PATH));
        const std::optional<QString> problem = precheck.check(path(test::tinyTrainedModelPath()));
        QVERIFY2(!problem.has_value(), qPrintable(problem.value_or(QString())));
    }

    void aFileTheLoaderRefusesGivesItsReason()
    {
        ui::ModelPrecheck precheck(QStringLiteral(ADVLENS_CLI_PATH));
        const std::optional<QString> problem = precheck.check(torchScriptFile("text", "not a model at all"));
        QVERIFY(problem.has_value());
        QVERIFY2(problem->contains("not a TorchScript file or truncated"), qPrintable(*problem));
        QVERIFY(!problem->contains('\n'));
    }

    void aCrashingLoaderDoesNotTakeThisProcessDown()
    {
        // A stand-in checker that dies the way a crashing deserializer would.
        const auto script = test::scratchDirectory() / "crashing-checker.sh";
        test::writeBytes(script, "#!/bin/sh\nkill -SEGV $$\n");
        QFile::setPermissions(path(script), QFileDevice::ReadOwner | QFileDevice::ExeOwner);
        ui::ModelPrecheck precheck(path(script));
        const std::optional<QString> problem = precheck.check(torchScriptFile("crashy", "PK\x03\x04 whatever"));
        QVERIFY(problem.has_value());
        QVERIFY2(problem->contains("crashed"), qPrintable(*problem));
    }
};

QTEST_GUILESS_MAIN(TestModelPrecheck)
#include "tst_modelprecheck.moc"
