#include "tests/support/clirun.h"
#include "tests/support/resultfiles.h"
#include "tests/support/testsupport.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QtTest>

using namespace advlens;
using test::CliRun;
using test::readAll;
using test::runCli;
using test::withoutTimeColumn;
using test::withoutTimings;

/// Issue 19: eval --shard I/N and merge give exactly the files of the whole run.
class TestShardMerge : public QObject {
    Q_OBJECT

    QString m_model;
    QString m_dir;

    /// The eval of `arguments` whole (PREFIX-whole) and as three shares
    /// merged (PREFIX-merged); the shares are PREFIX-part-I.json.
    void runWholeAndInShares(const QString& prefix, const QStringList& arguments)
    {
        const QStringList common = QStringList{"eval", "--model", m_model, "--limit", "48", "--batch-size", "8",
                                               "--threads", "1"} +
                                   arguments;
        const CliRun whole = runCli(common + QStringList{"--out", prefix + "-whole"});
        QVERIFY2(whole.exitCode == 0, qPrintable(whole.err));
        QStringList parts;
        for (int i = 0; i < 3; ++i) {
            const QString part = prefix + QStringLiteral("-part-%1").arg(i);
            const CliRun share = runCli(common + QStringList{"--shard", QStringLiteral("%1/3").arg(i), "--out", part});
            QVERIFY2(share.exitCode == 0, qPrintable(share.err));
            QVERIFY2(share.out.contains("a partial result"), qPrintable(share.out));
            QVERIFY(!QFile::exists(part + ".csv")); // a share writes its partial result only
            parts << part + ".json";
        }
        // Given in any order.
        const CliRun merge = runCli(QStringList{"merge", "--out", prefix + "-merged", parts[2], parts[0], parts[1]});
        QVERIFY2(merge.exitCode == 0, qPrintable(merge.err));
        QVERIFY2(merge.out.contains("merged 3 shares: 48 images"), qPrintable(merge.out));
    }

    /// PREFIX-whole.* and PREFIX-merged.* hold the same, timings aside.
    void compareWholeAndMerged(const QString& prefix, bool queriesCsv)
    {
        const QJsonDocument whole = QJsonDocument::fromJson(readAll(prefix + "-whole.json"));
        const QJsonDocument merged = QJsonDocument::fromJson(readAll(prefix + "-merged.json"));
        QVERIFY(whole.isObject());
        QVERIFY(merged.isObject());
        const QJsonObject w = withoutTimings(whole.object()).toObject();
        const QJsonObject m = withoutTimings(merged.object()).toObject();
        QCOMPARE(m.keys(), w.keys());
        for (const QString& key : w.keys())
            QVERIFY2(m[key] == w[key], qPrintable(key + ": " + QJsonDocument(QJsonObject{{"whole", w[key]}}).toJson() +
                                                  QJsonDocument(QJsonObject{{"merged", m[key]}}).toJson()));
        QCOMPARE(withoutTimeColumn(readAll(prefix + "-merged.csv")), withoutTimeColumn(readAll(prefix + "-whole.csv")));
        QCOMPARE(QFile::exists(prefix + "-whole-queries.csv"), queriesCsv);
        QCOMPARE(QFile::exists(prefix + "-merged-queries.csv"), queriesCsv);
        if (queriesCsv)
            QCOMPARE(readAll(prefix + "-merged-queries.csv"), readAll(prefix + "-whole-queries.csv"));
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_dir = QString::fromStdString(test::scratchDirectory().u8string());
        const CliRun train = runCli({"train", "--arch", "mlp", "--epochs", "2", "--train-limit", "600", "--test-limit",
                                     "200", "--batch-size", "50", "--out", m_dir, "--threads", "2"});
        QVERIFY2(train.exitCode == 0, qPrintable(train.err + train.out));
        m_model = m_dir + "/mlp-plain.json";
        QVERIFY(QFile::exists(m_model));
    }

    // PGD-3 with random starts over two budgets, with the sanity checks
    // (share 0 runs them on the whole set, as the whole run does).
    void pgdInSharesIsTheWholeRun()
    {
        const QString prefix = m_dir + "/pgd";
        runWholeAndInShares(prefix, {"--attack", "pgd", "--eps", "0,0.1", "--steps", "3"});
        compareWholeAndMerged(prefix, /*queriesCsv=*/false);
        const QJsonObject merged = QJsonDocument::fromJson(readAll(prefix + "-merged.json")).object();
        QCOMPARE(merged["images"].toInt(), 48);
        QVERIFY(!merged["checks"].toArray().isEmpty());
        QVERIFY(merged["points"].toArray()[1].toObject()["successes"].toInt() > 0);
        // Seconds are summed over the shares: there, and positive.
        QVERIFY(merged["points"].toArray()[1].toObject()["seconds"].toDouble() > 0.0);
    }

    // Square's random draws and its accuracy-by-queries curve, medians of
    // queries to success, a targeted run's targets.
    void squareInSharesIsTheWholeRun()
    {
        const QString prefix = m_dir + "/square";
        runWholeAndInShares(prefix, {"--attack", "square", "--eps", "0.1", "--set", "queries=40", "--no-checks"});
        compareWholeAndMerged(prefix, /*queriesCsv=*/true);
        const QJsonObject point =
            QJsonDocument::fromJson(readAll(prefix + "-merged.json")).object()["points"].toArray()[0].toObject();
        QVERIFY(point.contains("median_queries_to_success"));
        QVERIFY(!point["accuracy_by_queries"].toArray().isEmpty());
    }

    void targetedInSharesIsTheWholeRun()
    {
        const QString prefix = m_dir + "/targeted";
        runWholeAndInShares(prefix, {"--attack", "pgd", "--eps", "0.2", "--steps", "3", "--targeted", "--seed", "5",
                                     "--no-checks"});
        compareWholeAndMerged(prefix, /*queriesCsv=*/false);
    }

    void mergeRefusesWhatIsNotOneWholeRun_data()
    {
        QTest::addColumn<QStringList>("parts");
        QTest::addColumn<QString>("reason");
        const QString p = m_dir + "/pgd-part-";
        QTest::newRow("missing") << QStringList{p + "0.json", p + "2.json"} << "share 1/3 is missing";
        QTest::newRow("twice") << QStringList{p + "0.json", p + "1.json", p + "1.json", p + "2.json"}
                               << "share 1/3 is given twice";
        QTest::newRow("other run") << QStringList{p + "0.json", p + "1.json", m_dir + "/square-part-2.json"}
                                   << "was computed differently from";
        QTest::newRow("whole result") << QStringList{p + "0.json", m_dir + "/pgd-whole.json"}
                                      << "is not a partial result";
        QTest::newRow("nothing") << QStringList{} << "merge needs the shares' partial results";
    }

    void mergeRefusesWhatIsNotOneWholeRun()
    {
        QFETCH(QStringList, parts);
        QFETCH(QString, reason);
        const QString out = m_dir + "/refused";
        const CliRun run = runCli(QStringList{"merge", "--out", out} + parts);
        QVERIFY(run.exitCode != 0);
        QVERIFY2(run.err.contains(reason), qPrintable(run.err));
        QCOMPARE(run.err.trimmed().count('\n'), 0);
        QVERIFY(!QFile::exists(out + ".json"));
    }

    // Shares of another model, or of the same model with another seed.
    void mergeRefusesSharesOfAnotherSetting()
    {
        const QString part = m_dir + "/seed1-part-1";
        const CliRun share = runCli({"eval", "--model", m_model, "--limit", "48", "--batch-size", "8", "--threads", "1",
                                     "--attack", "pgd", "--eps", "0,0.1", "--steps", "3", "--seed", "1", "--shard",
                                     "1/3", "--out", part});
        QVERIFY2(share.exitCode == 0, qPrintable(share.err));
        const QString p = m_dir + "/pgd-part-";
        const CliRun run = runCli({"merge", "--out", m_dir + "/refused", p + "0.json", part + ".json", p + "2.json"});
        QVERIFY(run.exitCode != 0);
        QVERIFY2(run.err.contains("--seed ('0' vs '1')"), qPrintable(run.err));
    }

    void badShareExitsWithOneLine_data()
    {
        QTest::addColumn<QString>("shard");
        QTest::addColumn<QString>("reason");
        QTest::newRow("I = N") << "3/3" << "I counts from 0 and must be below N";
        QTest::newRow("no N") << "1" << "--shard must be I/N";
        QTest::newRow("negative") << "-1/3" << "--shard must be I/N";
        QTest::newRow("N = 0") << "0/0" << "must be below N";
        QTest::newRow("words") << "a/b" << "--shard must be I/N";
    }

    void badShareExitsWithOneLine()
    {
        QFETCH(QString, shard);
        QFETCH(QString, reason);
        const CliRun run = runCli({"eval", "--model", m_model, "--limit", "8", "--shard", shard, "--out",
                                   m_dir + "/bad"});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(reason), qPrintable(run.err));
        QCOMPARE(run.err.trimmed().count('\n'), 0);
        QVERIFY(!QFile::exists(m_dir + "/bad.json"));
    }
};

QTEST_GUILESS_MAIN(TestShardMerge)
#include "tst_shardmerge.moc"
