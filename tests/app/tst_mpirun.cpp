#include "tests/support/clirun.h"
#include "tests/support/resultfiles.h"
#include "tests/support/testsupport.h"

#include <QDir>
#include <QElapsedTimer>
#include <QProcess>
#include <QSet>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QThread>
#include <QtTest>

#include <algorithm>

#include <csignal>
#include <sys/types.h>

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
    QString m_study; ///< a robustness study config on two small models

    /// results.json and the tables of two study folders, field by field, timings aside.
    static void compareStudies(const QString& a, const QString& b)
    {
        const QJsonObject x =
            withoutTimings(QJsonDocument::fromJson(readAll(a + "/results.json")).object()).toObject();
        const QJsonObject y =
            withoutTimings(QJsonDocument::fromJson(readAll(b + "/results.json")).object()).toObject();
        QVERIFY2(!x.isEmpty() && !y.isEmpty(), qPrintable(a + " or " + b + " has no results.json"));
        QCOMPARE(y.keys(), x.keys());
        for (const QString& key : x.keys())
            QVERIFY2(y[key] == x[key], qPrintable(a + " vs " + b + ": " + key));
        QCOMPARE(readAll(b + "/robustness.csv"), readAll(a + "/robustness.csv"));
    }

    /// The process id of the newest advlens-cli rank whose command line names
    /// `out` (not mpirun's), read from /proc: CI images may lack pkill.
    static qint64 newestRankWriting(const QString& out)
    {
        qint64 newest = -1;
        for (const QString& entry : QDir("/proc").entryList(QDir::Dirs)) {
            bool numeric = false;
            const qint64 pid = entry.toLongLong(&numeric);
            if (!numeric)
                continue;
            QFile cmdline(QStringLiteral("/proc/%1/cmdline").arg(entry));
            if (!cmdline.open(QIODevice::ReadOnly))
                continue;
            const QList<QByteArray> words = cmdline.readAll().split('\0');
            if (!words.isEmpty() && words.front().endsWith("advlens-cli") && words.contains(out.toUtf8()))
                newest = std::max(newest, pid);
        }
        return newest;
    }

    QStringList studyArguments(const QString& out, const QString& config = {}) const
    {
        return {"study", config.isEmpty() ? m_study : config, "--out", out, "--threads", "1", "--no-report"};
    }

    /// A robustness study config on the two models, written to `file`; its
    /// minimal-distortion metrics in chunks of `chunk` images.
    static void writeStudy(const QString& file, int images, int cwIterations, int chunk)
    {
        QFile config(file);
        QVERIFY(config.open(QIODevice::WriteOnly));
        config.write(QStringLiteral(R"({"study": "robustness", "title": "two small models",
            "models": ["mlp-plain", "lenet-plain"], "images": %1, "seed": 3,
            "settings": {"accuracy_images": 100, "ifgsm_steps": 4, "bisection_rounds": 4,
                         "cw": {"binary_search_steps": 2, "max_iterations": %2},
                         "ead": {"binary_search_steps": 2, "max_iterations": %2},
                         "clever_images": 3, "clever_batches": 4, "clever_samples": 16,
                         "chunk_images": %3}})")
                         .arg(images)
                         .arg(cwIterations)
                         .arg(chunk)
                         .toUtf8());
    }

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

    /// A folder whose `srun` stands in for Slurm's and whose `advlens-cli`
    /// is the build's: for running the Slurm templates as a job would.
    /// `srun --mpi=list` names PMIx when $STUB_PMIX is set; an MPI step
    /// (`srun --mpi=…`) runs under mpirun with $SLURM_NTASKS ranks and says
    /// so; any other step runs the command once, as one array task.
    QString stubSlurm() const
    {
        const QString bin = m_dir + "/slurm-bin";
        QDir().mkpath(bin);
        QFile srun(bin + "/srun");
        if (!srun.open(QIODevice::WriteOnly))
            return {};
        srun.write(QStringLiteral(R"(#!/bin/sh
if [ "$1" = "--mpi=list" ]; then
    echo "MPI plugin types are..."
    echo "	none"
    [ -n "$STUB_PMIX" ] && echo "	pmix"
    exit 0
fi
case "$1" in
    --mpi=*) shift; echo "stub srun: an MPI step of $SLURM_NTASKS tasks" >&2
             exec %1 --oversubscribe -np "$SLURM_NTASKS" "$@" ;;
esac
exec "$@"
)")
                       .arg(QStringLiteral(ADVLENS_MPIEXEC_PATH))
                       .toUtf8());
        srun.close();
        srun.setPermissions(srun.permissions() | QFileDevice::ExeOwner);
        QFile::remove(bin + "/advlens-cli");
        QFile::link(QStringLiteral(ADVLENS_CLI_PATH), bin + "/advlens-cli");
        return bin;
    }

    /// The environment of a Slurm task: the stub first on PATH, Open MPI
    /// allowed as root and past the cores, and `variables`.
    QProcessEnvironment slurmTask(const QString& bin, const QMap<QString, QString>& variables) const
    {
        QProcessEnvironment task;
        task.insert("PATH", bin + ":" + QProcessEnvironment::systemEnvironment().value("PATH"));
        task.insert("OMPI_ALLOW_RUN_AS_ROOT", "1");
        task.insert("OMPI_ALLOW_RUN_AS_ROOT_CONFIRM", "1");
        task.insert("OMPI_MCA_rmaps_base_oversubscribe", "1");
        task.insert("OMPI_MCA_btl_vader_single_copy_mechanism", "none");
        task.insert("SLURM_CPUS_PER_TASK", "1");
        // What Slurm's allocation tells mpirun: two slots here, whatever the cores.
        QFile hosts(m_dir + "/slurm-hosts");
        if (hosts.open(QIODevice::WriteOnly))
            hosts.write("localhost slots=2\n");
        task.insert("OMPI_MCA_orte_default_hostfile", hosts.fileName());
        for (auto it = variables.begin(); it != variables.end(); ++it)
            task.insert(it.key(), it.value());
        return task;
    }

    static QString slurmTemplate(const QString& name)
    {
        return QStringLiteral(ADVLENS_SOURCE_DIR) + "/packaging/slurm/" + name;
    }

    /// The array job of eval-array.sbatch with `shares` tasks in `folder`,
    /// then the merge its header gives.
    void runEvalArray(const QString& folder, int shares) const
    {
        QDir().mkpath(folder);
        const QString bin = stubSlurm();
        for (int task = 0; task < shares; ++task) {
            const CliRun run = test::runProgram(
                "bash", {slurmTemplate("eval-array.sbatch")}, folder, 0,
                slurmTask(bin, {{"SLURM_ARRAY_TASK_ID", QString::number(task)}, {"SHARES", QString::number(shares)},
                                {"MODEL", m_model}, {"DATA", "fashion-mnist"}, {"LIMIT", "40"}}));
            QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        }
        const CliRun merge = test::runProgram("bash", {"-c", "advlens-cli merge --out pgd-curve parts/pgd-curve-*.json"},
                                              folder, 0, slurmTask(bin, {}));
        QVERIFY2(merge.exitCode == 0, qPrintable(merge.err));
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
        const CliRun lenet = runCli({"train", "--arch", "lenet", "--epochs", "1", "--train-limit", "600",
                                     "--test-limit", "200", "--batch-size", "50", "--out", m_dir, "--threads", "2"});
        QVERIFY2(lenet.exitCode == 0, qPrintable(lenet.err + lenet.out));
        m_study = m_dir + "/study.json";
        writeStudy(m_study, 16, 8, 6); // 3 chunks of I-FGSM, C&W and EAD; 3 CLEVER images of each norm
    }

    // The robustness study's work items (each model's clean accuracy, then a
    // model, a metric and a chunk of images each) spread over 2 and 3 ranks,
    // or over 2 shards assembled by a last run, give the study one process writes.
    void studyIsTheSameAtEveryScale()
    {
        const QString one = m_dir + "/study-one";
        const CliRun whole = runCli(studyArguments(one));
        QVERIFY2(whole.exitCode == 0, qPrintable(whole.err));
        QVERIFY2(whole.out.contains("parts: 32 computed, 0 reused"), qPrintable(whole.out));
        for (int ranks : {2, 3}) {
            const QString out = m_dir + QStringLiteral("/study-ranks-%1").arg(ranks);
            const CliRun run = runCliOnRanks(ranks, studyArguments(out));
            QVERIFY2(run.exitCode == 0, qPrintable(run.err));
            QVERIFY2(run.err.contains(QStringLiteral("%1 ranks share the study's 32 work items").arg(ranks)),
                     qPrintable(run.err));
            // The last, whole run found every part finished.
            QVERIFY2(run.out.contains("parts: 0 computed, 32 reused"), qPrintable(run.out));
            compareStudies(one, out);
            // Each item's seconds and rank, for bench_scheduling --costs.
            const QList<QByteArray> costs = readAll(out + "/work-items.csv").trimmed().split('\n');
            QCOMPARE(costs.size(), 1 + 32);
            QVERIFY(costs.front().startsWith("item,seconds,rank,"));
            QSet<QByteArray> rankSeen;
            for (qsizetype k = 1; k < costs.size(); ++k) {
                const QList<QByteArray> fields = costs[k].split(',');
                QCOMPARE(fields[0].toInt(), int(k - 1));
                QVERIFY(fields[1].toDouble() > 0.0);
                rankSeen.insert(fields[2]);
            }
            QVERIFY2(rankSeen.size() >= 2, "one rank computed every item");
        }
        const QString sharded = m_dir + "/study-shards";
        for (const char* share : {"1/2", "0/2"}) {
            const CliRun run = runCli(studyArguments(sharded) + QStringList{"--shard", share});
            QVERIFY2(run.exitCode == 0, qPrintable(run.err));
            QVERIFY2(run.out.contains("16 of the study's 32 work items"), qPrintable(run.out));
            QVERIFY(QFile::exists(sharded + QStringLiteral("/work-items-%1-of-2.csv").arg(QString(share).left(1))));
            QVERIFY(!QFile::exists(sharded + "/results.json")); // a share computes parts only
        }
        const CliRun assemble = runCli(studyArguments(sharded));
        QVERIFY2(assemble.exitCode == 0 && assemble.out.contains("parts: 0 computed, 32 reused"),
                 qPrintable(assemble.out + assemble.err));
        compareStudies(one, sharded);
    }

    // A rank killed mid-study stops the job; the same command again reuses
    // every part finished before and ends with the uninterrupted study.
    void aKilledRankResumesFromTheStore()
    {
        // Long enough (a few seconds a part) to be caught mid-run.
        const QString slow = m_dir + "/slow-study.json";
        writeStudy(slow, 150, 60, 50); // 32 parts, as the quick study
        const CliRun reference = runCli(studyArguments(m_dir + "/slow-one", slow));
        QVERIFY2(reference.exitCode == 0, qPrintable(reference.err));
        const QString out = m_dir + "/study-killed";
        QProcessEnvironment allow = QProcessEnvironment::systemEnvironment();
        allow.insert("OMPI_ALLOW_RUN_AS_ROOT", "1");
        allow.insert("OMPI_ALLOW_RUN_AS_ROOT_CONFIRM", "1");
        allow.insert("OMPI_MCA_btl_vader_single_copy_mechanism", "none");
        QProcess job;
        job.setProcessEnvironment(allow);
        job.start(QStringLiteral(ADVLENS_MPIEXEC_PATH),
                  QStringList{"--oversubscribe", "-np", "2", QStringLiteral(ADVLENS_CLI_PATH)} +
                      studyArguments(out, slow));
        QVERIFY(job.waitForStarted());
        // Wait for the first finished parts, then kill the newest rank.
        QElapsedTimer timer;
        timer.start();
        const QDir parts(out + "/parts");
        while (parts.entryList({"*.json"}, QDir::Files).size() < 2 && timer.elapsed() < 120'000 &&
               job.state() == QProcess::Running)
            QThread::msleep(20);
        QVERIFY2(job.state() == QProcess::Running, "the study ended before a rank could be killed");
        const qint64 rank = newestRankWriting(out);
        QVERIFY2(rank > 0, "no rank of the study found in /proc");
        QVERIFY(::kill(static_cast<pid_t>(rank), SIGKILL) == 0);
        QVERIFY(job.waitForFinished(120'000));
        QVERIFY(job.exitStatus() != QProcess::NormalExit || job.exitCode() != 0);
        QVERIFY(!QFile::exists(out + "/results.json"));
        const qsizetype kept = parts.entryList({"*.json"}, QDir::Files).size();
        QVERIFY(kept >= 2 && kept < 32);

        const CliRun again = runCliOnRanks(2, studyArguments(out, slow));
        QVERIFY2(again.exitCode == 0, qPrintable(again.err));
        compareStudies(m_dir + "/slow-one", out);
        // The parts kept were not computed again.
        QVERIFY2(again.out.contains("parts: 0 computed, 32 reused"), qPrintable(again.out));
        const QString computed = again.out.section(" ranks computed ", 1).section(" part", 0, 0);
        QVERIFY2(computed.toInt() <= 32 - kept, qPrintable(again.out));
    }

    // PGD's random starts over two budgets, with the gradient-masking checks
    // (an item of their own, on the whole set's first images, as one process runs them).
    void pgdIsTheSameAtEveryScale()
    {
        sameAtEveryScale("pgd", {"--attack", "pgd", "--eps", "0,0.1", "--steps", "3"});
        const QJsonObject result = QJsonDocument::fromJson(readAll(m_dir + "/pgd-ranks-3.json")).object();
        QVERIFY(!result["checks"].toArray().isEmpty());
        QVERIFY(result["points"].toArray()[1].toObject()["successes"].toInt() > 0);
    }

    // An accuracy-vs-steps curve, whose checks run at its one ε.
    void stepsCurveIsTheSameAtEveryScale()
    {
        sameAtEveryScale("steps", {"--attack", "pgd", "--eps", "0.05", "--steps-list", "1,3"});
    }

    // Square's per-image random draws and its accuracy-by-queries curve.
    void squareIsTheSameAtEveryScale()
    {
        sameAtEveryScale("square", {"--attack", "square", "--eps", "0.1", "--set", "queries=30", "--no-checks"});
    }

    // A transfer evaluation: PGD's random starts on the LeNet surrogate, the
    // MLP's verdicts.
    void transferIsTheSameAtEveryScale()
    {
        sameAtEveryScale("transfer", {"--attack", "pgd", "--eps", "0.1,0.2", "--steps", "3", "--surrogate",
                                      m_dir + "/lenet-plain.json"});
        const QJsonObject result = QJsonDocument::fromJson(readAll(m_dir + "/transfer-merged.json")).object();
        QCOMPARE(result["surrogate"].toString(), QStringLiteral("lenet-plain"));
        QVERIFY(result["points"].toArray()[1].toObject()["successes"].toInt() > 0);
    }

    // packaging/slurm/eval-array.sbatch as 3 array tasks and the merge gives
    // what the same template gives as one task.
    void slurmArrayTemplateIsTheWholeRun()
    {
        runEvalArray(m_dir + "/array-1", 1);
        runEvalArray(m_dir + "/array-3", 3);
        QVERIFY(QFile::exists(m_dir + "/array-3/parts/pgd-curve-2.json"));
        compareRuns(m_dir + "/array-1/pgd-curve", m_dir + "/array-3/pgd-curve");
        const QJsonObject result = QJsonDocument::fromJson(readAll(m_dir + "/array-3/pgd-curve.json")).object();
        QCOMPARE(result["points"].toArray().size(), 4);
    }

    // packaging/slurm/mpi-study.sbatch on a 2-task allocation, through
    // `srun --mpi=pmix` where Slurm lists PMIx and through Open MPI's own
    // mpirun where not: the study one process writes.
    void slurmMpiTemplateRunsTheStudy()
    {
        const QString one = m_dir + "/template-study-one";
        const CliRun whole = runCli(studyArguments(one));
        QVERIFY2(whole.exitCode == 0, qPrintable(whole.err));
        const QString bin = stubSlurm();
        for (const bool pmix : {true, false}) {
            const QString out = m_dir + (pmix ? "/template-study-srun" : "/template-study-mpirun");
            QMap<QString, QString> job{{"SLURM_NTASKS", "2"}, {"STUDY", m_study}, {"OUT", out}};
            if (pmix)
                job.insert("STUB_PMIX", "1");
            const CliRun run =
                test::runProgram("bash", {slurmTemplate("mpi-study.sbatch")}, m_dir, 0, slurmTask(bin, job));
            QVERIFY2(run.exitCode == 0, qPrintable(run.err));
            QCOMPARE(run.err.contains("stub srun: an MPI step of 2 tasks"), pmix);
            QVERIFY2(run.err.contains("2 ranks share the study's"), qPrintable(run.err));
            compareStudies(one, out);
        }
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
        // What the launcher's environment gives a rank wins over the share of cores.
        QProcessEnvironment given;
        given.insert("OMP_NUM_THREADS", "3");
        const CliRun told = runCliOnRanks(2, arguments + QStringList{"--out", m_dir + "/threads-env"}, given);
        QVERIFY2(told.exitCode == 0, qPrintable(told.err));
        QVERIFY2(told.err.contains(QStringLiteral("2 MPI ranks, 2 on this machine, 3 LibTorch thread(s) each")),
                 qPrintable(told.err));
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
