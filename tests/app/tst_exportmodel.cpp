// app/export/advlens-export-model keeps a file only when its input gradient
// is the Python model's (issue 16: it used to check the forward pass alone).
// Runs with Debian's python3-torch on small networks made at test time.
#include "tests/support/testsupport.h"

#include "core/model/modelloader.h"

#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace advlens;

namespace {

struct ExportRun {
    int exitCode = -1;
    QString standardError;
};

ExportRun exportNet(const QString& kind, const QString& folder)
{
    QProcess process;
    process.start(QStringLiteral(ADVLENS_TORCH_PYTHON),
                  {QStringLiteral(ADVLENS_SOURCE_DIR "/tests/support/export-custom-model.py"),
                   QStringLiteral(ADVLENS_SOURCE_DIR "/app/export/advlens-export-model"), kind, folder});
    if (!process.waitForFinished(300'000))
        return {};
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            QString::fromUtf8(process.readAllStandardError())};
}

} // namespace

class TestExportModel : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void keepsAFileWithTheModelsGradient()
    {
        QTemporaryDir folder;
        const ExportRun run = exportNet(QStringLiteral("plain"), folder.path());
        QVERIFY2(run.exitCode == 0, qPrintable(run.standardError));
        QVERIFY(QFileInfo::exists(folder.filePath(QStringLiteral("net.pt"))));
        // What it kept opens in AdvLens, with input gradients.
        const auto classifier = core::loadClassifier(std::filesystem::u8path(folder.filePath(QStringLiteral("net.json")).toStdString()));
        QCOMPARE(classifier->numClasses(), std::int64_t{10});
        QVERIFY2(classifier->inputGradientSupport().available, classifier->inputGradientSupport().reason.c_str());
    }

    void refusesAFileWhoseGradientIsNotTheModels()
    {
        QTemporaryDir folder;
        const ExportRun run = exportNet(QStringLiteral("no-grad-branch"), folder.path());
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.standardError.contains(
                     QStringLiteral("net.pt was not kept: its input gradient differs from the Python model's")),
                 qPrintable(run.standardError));
        QCOMPARE(run.standardError.trimmed().count(QLatin1Char('\n')), 0); // one line
        // Nothing half-made is left for a user to open.
        QVERIFY(!QFileInfo::exists(folder.filePath(QStringLiteral("net.pt"))));
        QVERIFY(!QFileInfo::exists(folder.filePath(QStringLiteral("net.json"))));
    }
};

QTEST_GUILESS_MAIN(TestExportModel)
#include "tst_exportmodel.moc"
