#include "tests/support/clirun.h"
#include "tests/support/testsupport.h"

#include "core/attacks/attackregistry.h"
#include "core/data/fashionmnist.h"
#include "core/data/imageexport.h"
#include "core/data/imagepreprocessing.h"
#include "core/studies/studyregistry.h"

#include <ATen/ATen.h>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QtTest>

using namespace advlens;
using test::CliRun;
using test::runCli;

namespace {

QString path(const std::filesystem::path& p)
{
    return QString::fromStdString(p.u8string());
}

} // namespace

class TestCli : public QObject {
    Q_OBJECT

    QString m_model;
    QString m_dir;

private Q_SLOTS:
    void initTestCase()
    {
        m_dir = path(test::scratchDirectory());
        const CliRun train = runCli({"train", "--arch", "mlp", "--epochs", "2", "--train-limit", "600", "--test-limit",
                                     "200", "--batch-size", "50", "--out", m_dir, "--threads", "2"});
        QVERIFY2(train.exitCode == 0, qPrintable(train.err + train.out));
        QVERIFY(train.out.contains("epoch 2/2"));
        QVERIFY(train.out.contains("test acc"));
        m_model = m_dir + "/mlp-plain.json";
        QVERIFY(QFile::exists(m_model));
        QVERIFY(QFile::exists(m_dir + "/mlp-plain.pt"));
    }

    void helpExplainsTheCommands()
    {
        const CliRun overview = runCli({"--help"});
        QCOMPARE(overview.exitCode, 0);
        for (const char* word : {"info", "train", "attack", "eval", "8/255"})
            QVERIFY2(overview.out.contains(word), word);
        // Whole summaries, not their first lines cut mid-sentence (wrapped
        // at the width, so compared with the line breaks made spaces).
        QVERIFY2(overview.out.simplified().contains("or of step counts, with gradient-masking sanity checks"),
                 qPrintable(overview.out));
        const CliRun attackHelp = runCli({"attack", "--help"});
        QCOMPARE(attackHelp.exitCode, 0);
        QVERIFY(attackHelp.out.contains("--eps"));
        QVERIFY(attackHelp.out.contains("fashion-mnist:INDEX"));
    }

    // The study command lists core's registry: a new study appears in --help
    // and in the messages without an edit here.
    void studyCommandListsTheRegisteredStudies()
    {
        const CliRun help = runCli({"study", "--help"});
        QCOMPARE(help.exitCode, 0);
        for (const core::StudyInfo& study : core::studies()) {
            const QString line = QStringLiteral("  %1 ").arg(QString::fromStdString(study.name));
            QVERIFY2(help.out.contains(line), qPrintable(line));
            QVERIFY2(help.out.simplified().contains(QString::fromStdString(study.summary).simplified()),
                     study.summary.c_str());
        }
        const CliRun unknown = runCli({"study", "paper"});
        QCOMPARE(unknown.exitCode, 2);
        QVERIFY2(unknown.err.contains(QStringLiteral("(%1)").arg(QString::fromStdString(core::studyNamesText()))),
                 qPrintable(unknown.err));
    }

    void infoSummarisesTheModel()
    {
        const CliRun info = runCli({"info", "--model", m_model});
        QVERIFY2(info.exitCode == 0, qPrintable(info.err));
        QVERIFY(info.out.contains("architecture:  mlp"));
        QVERIFY(info.out.contains("1×28×28"));
        QVERIFY(info.out.contains("Ankle boot"));
        QVERIFY(info.out.contains("clean acc."));
    }

    void attackWritesImagesAndPrintsTopK()
    {
        const CliRun run = runCli({"attack", "--model", m_model, "--image", "fashion-mnist:0", "--attack", "pgd",
                                   "--eps", "0.2", "--steps", "10", "--out", m_dir});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY(run.out.contains("before:"));
        QVERIFY(run.out.contains("after:"));
        QVERIFY(run.out.contains("label: Ankle boot"));
        QVERIFY(run.out.contains("verdict:"));
        // Progress goes to stderr, a line per tenth when it is not a terminal.
        QVERIFY2(run.err.count(QStringLiteral("\nattack ")) >= 3 && run.err.contains("attack 100%"),
                 qPrintable(run.err));
        const auto base = test::scratchDirectory() / "fashion-mnist-0-pgd";
        for (const char* suffix : {"-adversarial.png", "-noise.png", "-noise.npy", "-adversarial.npy"})
            QVERIFY2(std::filesystem::exists(base.u8string() + suffix), suffix);
        // The saved adversarial PNG is the 28×28 image, within the budget of the original.
        const at::Tensor adversarial = core::loadImageForModel(base.u8string() + "-adversarial.png", {1, 28, 28}, {});
        const at::Tensor original = test::fashionMnist(false, 1).images;
        const double distance = (adversarial - original).abs().max().item<double>();
        QVERIFY2(distance <= 0.2 + 1e-4, qPrintable(QString::number(distance)));
        QVERIFY(distance > 0.01);
    }

    void attackReadsImageFilesWithNonAsciiNamesAndTargets()
    {
        const auto folder = test::scratchDirectory() / std::filesystem::u8path("输入");
        const auto image = folder / std::filesystem::u8path("鞋 ünï.png");
        core::savePng(test::fashionMnist(false, 1).images, image, 8);
        const CliRun run = runCli({"attack", "--model", m_model, "--image", path(image), "--attack", "fgsm", "--eps",
                                   "8/255", "--label", "Ankle boot", "--target", "Sandal", "--out", path(folder)});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY(run.out.contains("target Sandal"));
        QVERIFY(std::filesystem::exists(folder / std::filesystem::u8path("鞋 ünï-fgsm-adversarial.png")));
    }

    void evalWritesJsonAndCsv()
    {
        const QString prefix = m_dir + "/curve";
        const CliRun run = runCli(
            {"eval", "--model", m_model, "--attack", "fgsm", "--eps", "0:0.1:3", "--limit", "100", "--out", prefix});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY(run.err.contains("100%"));
        QFile jsonFile(prefix + ".json");
        QVERIFY(jsonFile.open(QIODevice::ReadOnly));
        const QJsonObject json = QJsonDocument::fromJson(jsonFile.readAll()).object();
        QCOMPARE(json["images"].toInt(), 100);
        const QJsonArray points = json["points"].toArray();
        QCOMPARE(points.size(), 3);
        QCOMPARE(points[1].toObject()["epsilon"].toDouble(), 0.05);
        QCOMPARE(points[0].toObject()["robust_accuracy"].toDouble(), json["clean_top1"].toDouble());
        QVERIFY(points[2].toObject()["robust_accuracy"].toDouble() < json["clean_top1"].toDouble());
        QFile csv(prefix + ".csv");
        QVERIFY(csv.open(QIODevice::ReadOnly));
        QCOMPARE(csv.readAll().trimmed().split('\n').size(), 4);
        QVERIFY(!QFile::exists(prefix + "-queries.csv")); // FGSM spends no queries
    }

    void evalOfAQueryAttackWritesItsAccuracyByQueries()
    {
        const QString prefix = m_dir + "/square";
        const CliRun run = runCli({"eval", "--model", m_model, "--attack", "square", "--eps", "0.1", "--set",
                                   "queries=40", "--limit", "32", "--no-checks", "--out", prefix});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY(run.out.contains("-queries.csv"));
        QFile jsonFile(prefix + ".json");
        QVERIFY(jsonFile.open(QIODevice::ReadOnly));
        const QJsonObject point = QJsonDocument::fromJson(jsonFile.readAll()).object()["points"].toArray()[0].toObject();
        const QJsonArray curve = point["accuracy_by_queries"].toArray();
        QVERIFY(!curve.isEmpty());

        // The CSV holds the JSON's curve row by row; accuracy never rises with
        // more queries and ends at the point's robust accuracy.
        QFile csv(prefix + "-queries.csv");
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QList<QByteArray> rows = csv.readAll().trimmed().split('\n');
        QCOMPARE(rows.front(), QByteArray("epsilon,queries,robust_accuracy"));
        QCOMPARE(rows.size(), int(curve.size()) + 1);
        double previous = 2.0;
        for (int i = 0; i < curve.size(); ++i) {
            const QList<QByteArray> fields = rows[i + 1].split(',');
            QCOMPARE(fields.size(), 3);
            QCOMPARE(fields[0].toDouble(), 0.1);
            const QJsonObject q = curve[i].toObject();
            QCOMPARE(fields[1].toLongLong(), q["queries"].toInteger());
            QVERIFY(std::abs(fields[2].toDouble() - q["robust_accuracy"].toDouble()) < 1e-6);
            QVERIFY(fields[2].toDouble() <= previous);
            previous = fields[2].toDouble();
        }
        QVERIFY(std::abs(previous - point["robust_accuracy"].toDouble()) < 1e-6);
    }

    void evalWithItselfAsSurrogateIsTheWhiteBoxEvaluation()
    {
        const QStringList common{"eval", "--model", m_model, "--attack", "pgd", "--eps", "0,0.1", "--steps", "3",
                                 "--limit", "64", "--no-checks"};
        const CliRun white = runCli(common + QStringList{"--naive", "--out", m_dir + "/white"});
        QVERIFY2(white.exitCode == 0, qPrintable(white.err));
        const CliRun transfer = runCli(common + QStringList{"--surrogate", m_model, "--out", m_dir + "/transfer"});
        QVERIFY2(transfer.exitCode == 0, qPrintable(transfer.err));
        QVERIFY(transfer.out.contains("transfer evaluation: adversarial images made on mlp-plain"));
        auto read = [](const QString& file) {
            QFile f(file);
            return f.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(f.readAll()).object() : QJsonObject();
        };
        const QJsonObject w = read(m_dir + "/white.json"), t = read(m_dir + "/transfer.json");
        QCOMPARE(t["surrogate"].toString(), QString("mlp-plain"));
        QVERIFY(!w.contains("surrogate"));
        QCOMPARE(t["points"].toArray().size(), 2);
        for (int p = 0; p < 2; ++p)
            for (const char* key : {"robust_accuracy", "success_rate", "successes", "gradient_evaluations"})
                QCOMPARE(t["points"].toArray()[p].toObject()[key].toDouble(),
                         w["points"].toArray()[p].toObject()[key].toDouble());
        QVERIFY(t["points"].toArray()[1].toObject()["successes"].toInt() > 0);

        // A label-only target has no gradients; an ensemble surrogate supplies them.
        const QString ensemble = m_dir + "/mlp-twice.json";
        QFile sidecar(ensemble);
        QVERIFY(sidecar.open(QIODevice::WriteOnly));
        sidecar.write(R"({"name": "mlp-twice", "kind": "ensemble", "members": ["mlp-plain.json", "mlp-plain.json"]})");
        sidecar.close();
        const CliRun blind = runCli({"eval", "--model", m_model, "--threat-model", "label", "--surrogate", ensemble,
                                     "--attack", "mim", "--eps", "0.1", "--limit", "64", "--out", m_dir + "/blind"});
        QVERIFY2(blind.exitCode == 0, qPrintable(blind.err));
        const QJsonObject b = read(m_dir + "/blind.json");
        QCOMPARE(b["surrogate"].toString(), QString("mlp-twice"));
        QVERIFY(b["points"].toArray()[0].toObject()["successes"].toInt() > 0);
    }

    void evalRunsIterationCurvesAndSanityChecks()
    {
        const QString prefix = m_dir + "/steps";
        const CliRun run = runCli({"eval", "--model", m_model, "--attack", "pgd", "--eps", "0.1", "--steps-list", "1,3",
                                   "--limit", "64", "--out", prefix});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY(run.out.contains("check ok   accuracy under PGD-50 with an unbounded linf budget"));
        QFile jsonFile(prefix + ".json");
        QVERIFY(jsonFile.open(QIODevice::ReadOnly));
        const QJsonObject json = QJsonDocument::fromJson(jsonFile.readAll()).object();
        QCOMPARE(json["axis"].toString(), QString("steps"));
        QCOMPARE(json["points"].toArray()[1].toObject()["steps"].toInt(), 3);
        QVERIFY(json["checks"].toArray().size() >= 3);
    }

    void evalFlagsAnObfuscatedDefenceButNotBpda()
    {
        const QString prefix = m_dir + "/bits2";
        const QStringList common{"eval", "--model", m_model, "--attack",  "fgsm",  "--eps",
                                 "0.2",  "--limit", "64",    "--defence", "bits:2"};
        const CliRun naive = runCli(common + QStringList{"--out", prefix});
        QVERIFY2(naive.exitCode == 0, qPrintable(naive.err));
        QVERIFY(naive.err.contains("defence bits:2 with its own (obfuscated) gradients"));
        QVERIFY2(naive.out.contains("check FAIL accuracy under PGD-50 with an unbounded linf budget"),
                 qPrintable(naive.out));
        QVERIFY(naive.err.contains("possible gradient masking"));
        QFile jsonFile(prefix + ".json");
        QVERIFY(jsonFile.open(QIODevice::ReadOnly));
        const QJsonObject json = QJsonDocument::fromJson(jsonFile.readAll()).object();
        QCOMPARE(json["model"].toString(), QString("mlp-plain+bits:2 (obfuscated)"));
        // FGSM with a zero gradient does nothing at all.
        QCOMPARE(json["points"].toArray()[0].toObject()["robust_accuracy"].toDouble(), json["clean_top1"].toDouble());

        const CliRun bpda = runCli(common + QStringList{"--bpda", "--out", prefix + "-bpda"});
        QVERIFY2(bpda.exitCode == 0, qPrintable(bpda.err));
        QVERIFY(bpda.out.contains("check ok   accuracy under PGD-50 with an unbounded linf budget"));
    }

    void minimalReportsDistancesAndRho2()
    {
        const QString prefix = m_dir + "/deepfool";
        const CliRun run = runCli({"minimal", "--model", m_model, "--attack", "deepfool", "--limit", "40", "--set",
                                   "overshoot=0.02", "--out", prefix});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY(run.out.contains("method direct"));
        QVERIFY(run.out.contains("rho2"));
        QVERIFY2(run.err.contains("minimal 100%"), qPrintable(run.err));
        QFile csv(prefix + ".csv");
        QVERIFY(csv.open(QIODevice::ReadOnly));
        QCOMPARE(csv.readAll().trimmed().split('\n').size(), 41);
        // A report prefix that names the model itself is refused before anything runs.
        const QByteArray metadata = [&] {
            QFile model(m_model);
            return model.open(QIODevice::ReadOnly) ? model.readAll() : QByteArray();
        }();
        const QString modelPrefix = m_model.chopped(5); // without ".json"
        for (const QString& command : {QStringLiteral("minimal"), QStringLiteral("eval")}) {
            const CliRun clash = runCli({command, "--model", m_model, "--limit", "4", "--out", modelPrefix});
            QCOMPARE(clash.exitCode, 2);
            QVERIFY2(clash.err.contains("would overwrite the model metadata"), qPrintable(clash.err));
            QFile model(m_model);
            QVERIFY(model.open(QIODevice::ReadOnly));
            QCOMPARE(model.readAll(), metadata);
        }
        const CliRun badSet = runCli({"minimal", "--model", m_model, "--set", "overshoot"});
        QCOMPARE(badSet.exitCode, 2);
        QVERIFY(badSet.err.contains("KEY=VALUE"));
    }

    void badInputExitsNonZeroWithOneLine_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("reason");
        QTest::newRow("missing model") << QStringList{"info", "--model", "/no/such/model.json"} << 1 << "not found";
        QTest::newRow("no default model") << QStringList{"info"} << 1 << "not trained yet";
        QTest::newRow("unknown option") << QStringList{"eval", "--bogus"} << 2 << "unknown option --bogus";
        QTest::newRow("bad number") << QStringList{"eval", "--eps", "lots"} << 2 << "expects a number";
        QTest::newRow("unknown command") << QStringList{"explode"} << 2 << "unknown command";
        // A name outside the registry is wrong usage (2), refused while parsing.
        QTest::newRow("unknown attack") << QStringList{"attack", "--image", "fashion-mnist:1", "--attack", "magic"} << 2
                                        << "unknown attack 'magic' (known: fgsm, pgd";
        QTest::newRow("bad index") << QStringList{"attack", "--image", "fashion-mnist:10000"} << 2
                                   << "index from 0 to 9999";
        QTest::newRow("unknown defence") << QStringList{"eval", "--defence", "blur:3"} << 2 << "unknown defence";
        QTest::newRow("bad jpeg quality")
            << QStringList{"attack", "--image", "fashion-mnist:1", "--defence", "jpeg:0"} << 2 << "from 1 to 100";
        QTest::newRow("bpda without defence") << QStringList{"eval", "--bpda"} << 2 << "--bpda needs a --defence";
        QTest::newRow("cuda without cuda") << QStringList{"info", "--device", "cuda:7"} << 1 << "device";
        QTest::newRow("unknown device") << QStringList{"eval", "--device", "tpu"} << 1 << "unknown device 'tpu'";
        QTest::newRow("target is the label")
            << QStringList{"attack", "--image", "fashion-mnist:0", "--attack", "fgsm", "--target", "9"} << 2
            << "is the image's label (Ankle boot)";
        QTest::newRow("unknown --set key") << QStringList{"eval", "--attack", "pgd", "--set", "momentum=0.9"} << 2
                                           << "pgd has no setting 'momentum' (its settings: l1_sparsity, l2_start)";
        QTest::newRow("--set out of range")
            << QStringList{"eval", "--attack", "cw-l2", "--set", "confidence=-1"} << 2 << "confidence must lie in";
        QTest::newRow("negative limit") << QStringList{"eval", "--limit", "-1"} << 2 << "--limit must be ≥ 0";
        QTest::newRow("absurd steps") << QStringList{"eval", "--steps", "1e9"} << 2 << "steps must lie in [1, 100000]";
        // The ranges of --steps and --restarts are core's (attackregistry.h), not the CLI's own numbers.
        QTest::newRow("restarts out of range")
            << QStringList{"eval", "--restarts", QString::number(core::kMaxRestarts + 1)} << 2
            << QStringLiteral("--restarts must lie in [1, %1] (got %2)")
                   .arg(core::kMaxRestarts)
                   .arg(core::kMaxRestarts + 1);
        QTest::newRow("steps not whole") << QStringList{"minimal", "--steps", "2.5"} << 2
                                         << "--steps expects a whole number, not '2.5'";
        QTest::newRow("rounds out of range")
            << QStringList{"minimal", "--rounds", "31"} << 2 << "--rounds must lie in [0, 30] (got 31)";
        QTest::newRow("epochs below 1") << QStringList{"train", "--epochs", "0"} << 2 << "--epochs must be ≥ 1 (got 0)";
        QTest::newRow("unknown architecture")
            << QStringList{"train", "--arch", "lenet,lenet-huge"} << 2 << "--arch: unknown 'lenet-huge' (known: mlp";
        QTest::newRow("unknown norm") << QStringList{"eval", "--norm", "l7"} << 2 << "unknown norm 'l7'";
        QTest::newRow("split not a choice")
            << QStringList{"eval", "--split", "val"} << 2 << "--split must be test or train (got val)";
        // The study's name is the one positional argument, read by the command itself.
        QTest::newRow("two studies") << QStringList{"study", "robustness", "transfer"} << 2 << "give one study:";
        QTest::newRow("missing value") << QStringList{"info", "--model"} << 2 << "--model needs a value (PATH)";
        QTest::newRow("unexpected argument") << QStringList{"info", "extra"} << 2 << "'info' takes no argument 'extra'";
        QTest::newRow("unknown option with a value")
            << QStringList{"minimal", "--bogus=3"} << 2 << "unknown option --bogus for 'minimal'";
        QTest::newRow("config file missing") << QStringList{"eval", "--config", "/no/such/run.toml"} << 2
                                             << "config file '/no/such/run.toml' is missing or unreadable";
        QTest::newRow("config file for a command without one")
            << QStringList{"info", "--config", "run.toml"} << 2 << "unknown option --config for 'info'";
        QTest::newRow("norm an attack does not minimise")
            << QStringList{"minimal", "--attack", "cw-l2", "--norm", "linf"} << 2
            << "cw-l2 minimises the l2 norm only, not linf";
        QTest::newRow("norm an attack does not support")
            << QStringList{"eval", "--attack", "deepfool", "--norm", "l1"} << 2 << "deepfool supports the norms";
        QTest::newRow("folder as model") << QStringList{"info", "--model", QDir::tempPath()} << 1 << "is a folder";
    }
    void badInputExitsNonZeroWithOneLine()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, exitCode);
        QFETCH(QString, reason);
        if (arguments.contains("--image") || (arguments.first() == "info" && arguments.contains("--device")))
            arguments << "--model" << m_model;
        const CliRun run = runCli(arguments);
        QCOMPARE(run.exitCode, exitCode);
        QVERIFY2(run.err.contains(reason), qPrintable(run.err));
        QCOMPARE(run.err.trimmed().count('\n'), 0);
        QVERIFY(run.err.startsWith("advlens-cli: "));
    }

    void evalTakesNoBudgetForMinimalAttacks()
    {
        const CliRun run = runCli({"eval", "--model", m_model, "--attack", "deepfool", "--norm", "l2", "--eps", "0,inf",
                                   "--limit", "20", "--no-checks", "--out", m_dir + "/deepfool-inf"});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY2(run.out.contains("inf"), qPrintable(run.out));
        // JSON has no infinity: the unbounded point's ε is null and says so.
        QFile report(m_dir + "/deepfool-inf.json");
        QVERIFY(report.open(QIODevice::ReadOnly));
        const QJsonArray points = QJsonDocument::fromJson(report.readAll()).object().value("points").toArray();
        QCOMPARE(points.size(), 2);
        QCOMPARE(points.at(0).toObject().value("epsilon").toDouble(-1), 0.0);
        QVERIFY(!points.at(0).toObject().contains("unbounded"));
        QVERIFY(points.at(1).toObject().value("epsilon").isNull());
        QVERIFY(points.at(1).toObject().value("unbounded").toBool());
        const CliRun refused = runCli({"eval", "--model", m_model, "--attack", "pgd", "--eps", "inf"});
        QCOMPARE(refused.exitCode, 2);
    }

    // --help fills the terminal's width ($COLUMNS here; 80 without it) and
    // breaks lines between words: no line is longer, and every attack's
    // description from core comes out whole.
    void helpWrapsAtTheTerminalWidth_data()
    {
        QTest::addColumn<QString>("command");
        QTest::addColumn<int>("columns");
        for (const char* command : {"", "attack", "eval", "minimal", "train", "study", "clever"})
            for (int columns : {0, 60, 100})
                QTest::addRow("%s at %d", *command ? command : "overview", columns) << QString(command) << columns;
    }
    void helpWrapsAtTheTerminalWidth()
    {
        QFETCH(QString, command);
        QFETCH(int, columns);
        const CliRun help =
            runCli(command.isEmpty() ? QStringList{"--help"} : QStringList{command, "--help"}, {}, columns);
        QCOMPARE(help.exitCode, 0);
        const int width = columns > 0 ? columns : 80;
        const QStringList lines = help.out.split('\n');
        QVERIFY(lines.size() > 10);
        for (const QString& line : lines) // QString counts UTF-16 units: one per character here ("≥", "ε")
            QVERIFY2(line.size() <= width,
                     qPrintable(QStringLiteral("%1 > %2: %3").arg(line.size()).arg(width).arg(line)));
        // Wider terminals get longer lines, not the same 80-column text.
        if (columns == 100)
            QVERIFY(std::any_of(lines.begin(), lines.end(), [](const QString& line) { return line.size() > 80; }));
        if (command != "attack" && command != "eval" && command != "minimal")
            return;
        const QString flat = help.out.simplified();
        for (const core::AttackInfo& info : core::availableAttacks()) {
            QVERIFY2(flat.contains(QString::fromStdString(info.description).simplified()), info.description.c_str());
            for (const core::AttackParameter& parameter : info.parameters)
                QVERIFY2(flat.contains(QString::fromStdString(parameter.help).simplified()), parameter.help.c_str());
        }
        // The generated attack list stays at the end, after the options and before the examples.
        const qsizetype attacks = help.out.indexOf("Attacks (--attack NAME");
        QVERIFY(attacks > help.out.indexOf("  --help"));
        QVERIFY(attacks < help.out.indexOf("Examples:"));
        QVERIFY(flat.contains("--steps N iterations, 1-" + QString::number(core::kMaxSteps)));
    }

    // A config file gives a long run's options; the command line overrides
    // them, a [section] belongs to its command, lists and fractions work.
    void configFileGivesOptionsAndTheCommandLineWins()
    {
        const QString prefix = m_dir + "/from-config";
        const QString config = m_dir + "/long-run.toml";
        const std::string flatKeys = "# a long evaluation\n"
                                     "attack = \"fgsm\"\n"
                                     "eps = [0, \"8/255\"]\n"
                                     "limit = 1000\n"
                                     "out = \"" +
                                     prefix.toStdString() + "\"\n";
        // train's section is skipped: epochs is not an option of eval, and would be refused.
        test::writeBytes(config.toStdString(), flatKeys + "[eval]\nno-checks = true\n[train]\nepochs = 9\n");
        const CliRun run = runCli({"eval", "--model", m_model, "--config", config, "--limit", "12"});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QFile jsonFile(prefix + ".json");
        QVERIFY(jsonFile.open(QIODevice::ReadOnly));
        const QJsonObject json = QJsonDocument::fromJson(jsonFile.readAll()).object();
        QCOMPARE(json["images"].toInt(), 12); // the command line's --limit, not the file's 1000
        QCOMPARE(json["attack"].toString(), QString("fgsm"));
        const QJsonArray points = json["points"].toArray();
        QCOMPARE(points.size(), 2);
        QCOMPARE(points[1].toObject()["epsilon"].toDouble(), 8.0 / 255.0);
        QVERIFY(json["checks"].toArray().isEmpty()); // no-checks from the [eval] section
        QVERIFY(!run.out.contains("check ok"));
    }

    void configFileMistakesExitWithOneLine_data()
    {
        QTest::addColumn<QByteArray>("config");
        QTest::addColumn<QString>("reason");
        QTest::newRow("unknown key") << QByteArray("bogus = 1\n") << "'bogus' is not an option of 'eval'";
        QTest::newRow("out of range") << QByteArray("steps = 0\n") << "--steps must lie in [1, 100000] (got 0)";
        QTest::newRow("not a number") << QByteArray("eps = \"lots\"\n") << "--eps expects a number, not 'lots'";
        QTest::newRow("nested section") << QByteArray("[eval.more]\nsteps = 3\n")
                                        << "[eval.more] is not a command's section";
    }
    void configFileMistakesExitWithOneLine()
    {
        QFETCH(QByteArray, config);
        QFETCH(QString, reason);
        const auto file = test::scratchDirectory() / "mistake.toml";
        test::writeBytes(file, config.toStdString());
        const CliRun run = runCli({"eval", "--model", m_model, "--config", path(file)});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(reason), qPrintable(run.err));
        QCOMPARE(run.err.trimmed().count('\n'), 0);
        QVERIFY(run.err.startsWith("advlens-cli: "));
    }

    void corruptImageIsReportedNotCrashed()
    {
        const auto bad = test::scratchDirectory() / "corrupt.png";
        test::writeBytes(bad, "\x89PNG\r\n\x1a\n garbage");
        const CliRun run = runCli({"attack", "--model", m_model, "--image", path(bad)});
        QCOMPARE(run.exitCode, 1);
        QCOMPARE(run.err.trimmed(), "advlens-cli: image 'corrupt.png' has a header that is cut short or malformed");
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
