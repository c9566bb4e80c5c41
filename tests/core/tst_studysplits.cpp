// Issue 19: studies split into work items (mpirun ranks, study --shard):
// the items, computed in any order into one store, assemble to the study one
// process writes; the robustness study's chunks of images change its parts,
// not its per-image numbers.

#include "tests/support/studytestsupport.h"

#include "core/studies/studyconfig.h"
#include "core/studies/studyrunner.h"
#include "core/studies/studystore.h"
#include "core/util/atomicfile.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <numeric>

using namespace advlens;
using test::configText;
using test::freshFolder;
using test::readJson;

class TestStudySplits : public QObject {
    Q_OBJECT

private Q_SLOTS:
    // Issue 19: a minimal-distortion or CLEVER metric is stored in chunks of
    // images and computed from all of them. Per-image results do not depend
    // on the chunk (draws come from each image's index, CLEVER classifies
    // one image a pass); C&W's differ only by the model's batched rounding
    // once its early abort, a rule on the batch's summed loss, is off.
    void robustnessStudyChunksChangeThePartsNotTheNumbers()
    {
        const std::string metrics = R"("metrics": ["ifgsm-linf", "cw-l2", "clever-l2"], "ifgsm_steps": 3,
            "bisection_rounds": 4, "cw": {"binary_search_steps": 2, "max_iterations": 10, "abort_early": 0},
            "clever_images": 3, "clever_batches": 5, "clever_samples": 8, "clever_targets": "random")";
        const auto run = [&](const std::string& chunking, const std::string& name) {
            const core::StudyConfig config = core::parseStudyConfig(
                configText("robustness", 14, "{" + metrics + chunking + "}"), std::filesystem::current_path());
            return core::runStudy(config, core::StudyStore(freshFolder(name)), {});
        };
        const core::StudyOutcome onePass = run(R"(, "chunk_images": 100, "clever_chunk": 10)", "robustness-one-chunk");
        const core::StudyOutcome chunked = run(R"(, "chunk_images": 4, "clever_chunk": 2)", "robustness-chunked");
        QCOMPARE(onePass.partsComputed, std::int64_t(2 * (1 + 3)));
        QCOMPARE(chunked.partsComputed, std::int64_t(2 * (1 + 4 + 4 + 2))); // 14 images in 4s; 3 CLEVER images in 2s
        const QJsonArray a = readJson(onePass.results).value("models").toArray();
        const QJsonArray b = readJson(chunked.results).value("models").toArray();
        QCOMPARE(b.size(), a.size());
        for (qsizetype m = 0; m < a.size(); ++m) {
            const QJsonObject x = a.at(m).toObject().value("metrics").toObject();
            const QJsonObject y = b.at(m).toObject().value("metrics").toObject();
            for (const QString& metric : {QStringLiteral("ifgsm-linf"), QStringLiteral("clever-l2")}) {
                QJsonObject p = x.value(metric).toObject(), q = y.value(metric).toObject();
                p.remove("seconds");
                q.remove("seconds");
                QVERIFY2(p == q, qPrintable(metric));
            }
            const QJsonObject p = x.value("cw-l2").toObject(), q = y.value("cw-l2").toObject();
            for (const char* count : {"found", "attacked", "gradient_evaluations"})
                QCOMPARE(q.value(count).toInteger(), p.value(count).toInteger());
            for (const char* number : {"mean", "median"})
                QVERIFY2(std::abs(q.value(number).toDouble() - p.value(number).toDouble()) <=
                             1e-6 * p.value(number).toDouble(),
                         number);
            // Something was measured: the comparison is not one of empty results.
            QVERIFY(x.value("ifgsm-linf").toObject().value("found").toInteger() > 3);
            QVERIFY(p.value("found").toInteger() > 3);
            QCOMPARE(x.value("clever-l2").toObject().value("found").toInteger(), 3);
        }
    }

    // A chunk's numbers depend on its own images only: a study on more
    // images reuses the chunks it shares with the smaller one.
    void moreImagesReuseTheChunksAlreadyComputed()
    {
        const std::string settings = R"({"metrics": ["ifgsm-linf"], "ifgsm_steps": 3, "bisection_rounds": 3,
            "chunk_images": 5})";
        const auto folder = freshFolder("robustness-growing");
        const core::StudyStore store(folder);
        const auto run = [&](int images) {
            return core::runStudy(
                core::parseStudyConfig(configText("robustness", images, settings), std::filesystem::current_path()),
                store, {});
        };
        QCOMPARE(run(12).partsComputed, std::int64_t(2 * (1 + 3))); // images 0-4, 5-9, 10-11
        const core::StudyOutcome grown = run(20);                      // images 0-4, 5-9, 10-14, 15-19
        QCOMPARE(grown.partsReused, std::int64_t(2 * 2));
        QCOMPARE(grown.partsComputed, std::int64_t(2 * (1 + 2))); // clean accuracy is over all the images
    }

    void robustnessStudySplitIntoWorkItemsIsTheWholeStudy()
    {
        const std::string settings = R"({"metrics": ["ifgsm-linf", "clever-linf"], "ifgsm_steps": 3,
            "bisection_rounds": 3, "clever_images": 2, "clever_batches": 5, "clever_samples": 8,
            "chunk_images": 5, "clever_chunk": 1})";
        const core::StudyConfig config =
            core::parseStudyConfig(configText("robustness", 12, settings), std::filesystem::current_path());
        const std::vector<core::StudyConfig> items = core::studyWorkItems(config);
        QCOMPARE(items.size(), std::size_t{2 + 2 * 3 + 2 * 2}); // clean accuracy; 12 images in 5s; 2 CLEVER images
        QCOMPARE(items[0].title, std::string("lenet-plain: clean accuracy"));
        QCOMPARE(items[4].title, std::string("lenet-plain: ifgsm-linf, images 10-11"));
        const auto whole = freshFolder("robustness-whole");
        const core::StudyOutcome single = core::runStudy(config, core::StudyStore(whole), {});
        const auto split = freshFolder("robustness-split");
        const core::StudyStore store(split);
        core::StudyRunOptions item;
        item.partsOnly = true;
        std::vector<std::size_t> order(items.size());
        std::iota(order.begin(), order.end(), std::size_t{0});
        std::reverse(order.begin(), order.end()); // metric parts before the clean accuracies they do not need
        std::int64_t computed = 0;
        for (std::size_t k : order) {
            const core::StudyOutcome outcome = core::runStudy(items[k], store, item);
            QVERIFY(!outcome.cancelled);
            QCOMPARE(outcome.partsComputed, std::int64_t{1}); // each item one part, none twice
            computed += outcome.partsComputed;
            if (k == 3)
                QCOMPARE(core::unfinishedWorkItems(config, store).size(), std::size_t{3});
        }
        QCOMPARE(computed, single.partsComputed);
        QVERIFY(!std::filesystem::exists(split / "results.json"));
        QVERIFY(core::unfinishedWorkItems(config, store).empty());
        const core::StudyOutcome assembled = core::runStudy(config, store, {});
        QCOMPARE(assembled.partsComputed, std::int64_t{0});
        QCOMPARE(core::readFileBytes(split / "robustness.csv"), core::readFileBytes(whole / "robustness.csv"));
    }

    // Issue 19: split into work items (an attack and a mode each), computed
    // in any order into one store, the study a last run assembles is the
    // one a single run writes, and that run computes nothing.
    void transferStudySplitIntoWorkItemsIsTheWholeStudy()
    {
        const std::string settings = R"({"attacks": [{"attack": "fgsm", "eps": 0.1}, {"attack": "bim", "eps": 0.1,
                                          "steps": 3}], "examples": 2})";
        const core::StudyConfig config =
            core::parseStudyConfig(configText("transfer", 24, settings), std::filesystem::current_path());
        const std::vector<core::StudyConfig> items = core::studyWorkItems(config);
        QCOMPARE(items.size(), std::size_t{4}); // 2 attacks × 2 modes
        QCOMPARE(items[1].title, std::string("fgsm, targeted"));

        const auto whole = freshFolder("transfer-whole");
        const core::StudyOutcome single = core::runStudy(config, core::StudyStore(whole), {});
        const auto split = freshFolder("transfer-split");
        const core::StudyStore store(split);
        core::StudyRunOptions item;
        item.partsOnly = true;
        for (std::size_t k : {3, 0, 2, 1})
            QVERIFY(!core::runStudy(items[k], store, item).cancelled);
        QVERIFY(!std::filesystem::exists(split / "results.json"));
        QVERIFY(core::unfinishedWorkItems(config, store).empty());
        const core::StudyOutcome assembled = core::runStudy(config, store, {});
        QCOMPARE(assembled.partsComputed, std::int64_t{0});
        QCOMPARE(assembled.partsReused, single.partsComputed);
        QCOMPARE(core::readFileBytes(split / "transfer.csv"), core::readFileBytes(whole / "transfer.csv"));
        const QJsonObject a = readJson(whole / "results.json"), b = readJson(split / "results.json");
        QCOMPARE(b.value("matrices"), a.value("matrices"));
    }

    void curvesStudySplitIntoWorkItemsIsTheWholeStudy()
    {
        const std::string settings = R"({"attacks": ["fgsm", {"attack": "bim", "steps": 2}], "eps_linf": [0, 0.1],
                                          "steps_list": [1, 2], "masking_checks": false})";
        const core::StudyConfig config =
            core::parseStudyConfig(configText("curves", 16, settings), std::filesystem::current_path());
        const std::vector<core::StudyConfig> items = core::studyWorkItems(config);
        QCOMPARE(items.size(), std::size_t{4}); // 2 models × 2 attacks
        const auto whole = freshFolder("curves-whole");
        const core::StudyOutcome single = core::runStudy(config, core::StudyStore(whole), {});
        QCOMPARE(single.partsComputed, std::int64_t{6}); // fgsm vs ε; bim vs ε and vs steps; per model
        const auto split = freshFolder("curves-split");
        const core::StudyStore store(split);
        core::StudyRunOptions item;
        item.partsOnly = true;
        for (std::size_t k : {2, 1, 3, 0})
            QVERIFY(!core::runStudy(items[k], store, item).cancelled);
        const core::StudyOutcome assembled = core::runStudy(config, store, {});
        QCOMPARE(assembled.partsComputed, std::int64_t{0});
        QCOMPARE(core::readFileBytes(split / "curves.csv"), core::readFileBytes(whole / "curves.csv"));
    }
};

QTEST_GUILESS_MAIN(TestStudySplits)
#include "tst_studysplits.moc"
