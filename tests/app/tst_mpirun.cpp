#include "tests/support/clirun.h"
#include "tests/support/resultfiles.h"
#include "tests/support/testsupport.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QThread>
#include <QtTest>

#include <algorithm>

using namespace advlens;
using test::CliRun;
using test::readAll;
using test::runCli;
using test::runCliOnRanks;
using test::withoutTimeColumn;
using test::withoutTimings;

/// Issue 19: `mpirun -np N advlens-cli eval` gives exactly the files one
/// process writes, and so do --shard and merge, whatever N.
class TestMpiRun : public QObject {
    Q_OBJECT

    QString m_model;
    QString m_dir;

    QStringList evalArguments(const QStringList& attack) const
    {
        return QStringList{"eval", "--model", m_model, "--limit", "56", "--batch-size", "8", "--threads", "1"} +
               attack;
    }

    /// PREFIX-a.* and PREFIX-b.* hold the same, timings aside, field by field.
    static void compareRuns(const QString& a, const QString& b)
    {
        const QJsonObject x = withoutTimings(QJsonDocument::fromJson(readAll(a + ".json")).object()).toObject();
        const QJsonObject y = withoutTimings(QJsonDocument::fromJson(readAll(b + ".json")).object()).toObject();
        QVERIFY(!x.isEmpty());
        QCOMPARE(y.keys(), x.keys());
        for (const QString& key : x.keys())
            QVERIFY2(y[key] == x[key], qPrintable(a + " vs " + b + ": " + key));
        QCOMPARE(withoutTimeColumn(readAll(b + ".csv")), withoutTimeColumn(readAll(a + ".csv")));
        QCOMPARE(QFile::exists(b + "-queries.csv"), QFile::exists(a + "-queries.csv"));
        if (QFile::exists(a + "-queries.csv"))
            QCOMPARE(readAll(b + "-queries.csv"), readAll(a + "-queries.csv"));
    }

    /// One process, 2 and 3 ranks, and 3 shares merged: the same files.
    void sameAtEveryScale(const QString& name, const QStringList& attack)
    {
        const QString prefix = m_dir + "/" + name;
        const CliRun one = runCli(evalArguments(attack) + QStringList{"--out", prefix + "-one"});
        QVERIFY2(one.exitCode == 0, qPrintable(one.err));
        for (int ranks : {2, 3}) {
            const QString out = prefix + QStringLiteral("-ranks-%1").arg(ranks);
            const CliRun run = runCliOnRanks(ranks, evalArguments(attack) + QStringList{"--out", out});
            QVERIFY2(run.exitCode == 0, qPrintable(run.err));
            // Rank 0 alone speaks and writes.
            QCOMPARE(run.out.count("clean top-1"), 1);
            QVERIFY2(run.err.contains(QStringLiteral("%1 ranks share 7 batches").arg(ranks)), qPrintable(run.err));
            compareRuns(prefix + "-one", out);
        }
        QStringList parts;
        for (int i = 0; i < 3; ++i) {
            parts << prefix + QStringLiteral("-part-%1").arg(i);
            const CliRun share = runCli(evalArguments(attack) +
                                        QStringList{"--shard", QStringLiteral("%1/3").arg(i), "--out", parts.back()});
            QVERIFY2(share.exitCode == 0, qPrintable(share.err));
            parts.back() += ".json";
        }
        const CliRun merge = runCli(QStringList{"merge", "--out", prefix + "-merged"} + parts);
        QVERIFY2(merge.exitCode == 0, qPrintable(merge.err));
        compareRuns(prefix + "-one", prefix + "-merged");
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_dir = QString::fromStdString(test::scratchDirectory().u8string());
        const CliRun train = runCli({"train", "--arch", "mlp", "--epochs", "2", "--train-limit", "600", "--test-limit",
                                     "200", "--batch-size", "50", "--out", m_dir, "--threads", "2"});
        QVERIFY2(train.exitCode == 0, qPrintable(train.err + train.out));
        m_model = m_dir + "/mlp-plain.json";
    }

    // PGD's random starts over two budgets, with the gradient-masking checks
    // (the first batch's rank runs them on the whole set, as one process does).
    void pgdIsTheSameAtEveryScale()
    {
        sameAtEveryScale("pgd", {"--attack", "pgd", "--eps", "0,0.1", "--steps", "3"});
        const QJsonObject result = QJsonDocument::fromJson(readAll(m_dir + "/pgd-ranks-3.json")).object();
        QVERIFY(!result["checks"].toArray().isEmpty());
        QVERIFY(result["points"].toArray()[1].toObject()["successes"].toInt() > 0);
    }

    // Square's per-image random draws and its accuracy-by-queries curve.
    void squareIsTheSameAtEveryScale()
    {
        sameAtEveryScale("square", {"--attack", "square", "--eps", "0.1", "--set", "queries=30", "--no-checks"});
    }

    // Ranks on one machine share its cores unless --threads says otherwise.
    void ranksShareTheMachinesCores()
    {
        QStringList arguments = evalArguments({"--attack", "fgsm", "--eps", "0.1", "--no-checks"});
        arguments.removeAt(arguments.indexOf("--threads") + 1);
        arguments.removeAll("--threads");
        const CliRun run = runCliOnRanks(2, arguments + QStringList{"--out", m_dir + "/threads"});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const int each = std::max(1, QThread::idealThreadCount() / 2);
        QVERIFY2(run.err.contains(QStringLiteral("2 MPI ranks, 2 on this machine, %1 LibTorch thread(s) each").arg(each)),
                 qPrintable(run.err));
    }

    // A failure stops the whole job with its reason, and nothing waits for
    // the rank that failed.
    void aFailingRankStopsTheJobWithItsReason()
    {
        QElapsedTimer timer;
        timer.start();
        const CliRun run = runCliOnRanks(2, {"eval", "--model", m_dir + "/missing.json", "--limit", "8", "--out",
                                             m_dir + "/missing"});
        QVERIFY(run.exitCode != 0);
        QVERIFY2(run.err.contains("missing.json"), qPrintable(run.err));
        QVERIFY2(run.err.contains("stopping the job"), qPrintable(run.err));
        QVERIFY(timer.elapsed() < 60'000);
        QVERIFY(!QFile::exists(m_dir + "/missing.json"));
    }

    void refusesShardUnderMpirun()
    {
        const CliRun run = runCliOnRanks(
            2, evalArguments({"--attack", "fgsm", "--eps", "0.1", "--shard", "0/2", "--out", m_dir + "/both"}));
        QVERIFY(run.exitCode != 0);
        QVERIFY2(run.err.contains("leave out --shard"), qPrintable(run.err));
    }
};

QTEST_GUILESS_MAIN(TestMpiRun)
#include "tst_mpirun.moc"
