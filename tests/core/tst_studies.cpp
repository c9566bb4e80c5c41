// The studies' engine: the scaling-law fit and Pareto frontier, configs, the
// resumable part store, and the robustness, transfer, curves and defences
// studies end to end on small models (the default LeNet, a tiny MLP and its
// Deep Defense fine-tune).
#include "tests/support/studytestsupport.h"
#include "tests/support/testsupport.h"

#include "core/attacks/autoattack.h"
#include "core/attacks/deepfool.h"
#include "core/attacks/square.h"
#include "core/attacks/fgsm.h"
#include "core/data/imageexport.h"
#include "core/data/imagepreprocessing.h"
#include "core/metrics/accuracy.h"
#include "core/metrics/minimaldistance.h"
#include "core/model/modelloader.h"
#include "core/model/nativeclassifier.h"
#include "core/training/trainer.h"
#include "core/studies/scalinglaw.h"
#include "core/studies/studyconfig.h"
#include "core/studies/studyresults.h"
#include "core/studies/studyrunner.h"
#include "core/studies/studystore.h"
#include "core/util/atomicfile.h"
#include "core/util/error.h"

#include <ATen/ATen.h>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <algorithm>
#include <cmath>

using namespace advlens;
using test::configText;
using test::freshFolder;
using test::readJson;

namespace {

/// The tiny MLP fine-tuned by Deep Defense on a few hundred images.
std::filesystem::path deepDefenseModelPath()
{
    static const std::filesystem::path path = [] {
        core::TrainingConfig config;
        config.recipe = "deepdefense";
        config.reference = test::tinyTrainedModelPath();
        config.name = "tiny-mlp-deepdefense";
        config.epochs = 1;
        config.batchSize = 50;
        config.learningRate = core::kDeepDefenseLearningRate;
        config.deepDefense.deepFoolIterations = 3;
        auto model = core::trainZooModel(config, test::fashionMnist(true, 300), test::fashionMnist(false, 100),
                                         c10::Device(c10::kCPU));
        const auto jsonPath = test::scratchDirectory() / "tiny-mlp-deepdefense.json";
        model->save(jsonPath);
        return jsonPath;
    }();
    return path;
}

/// Robust accuracy of FGSM (ℓ∞) at ε over `data`.
double fgsAccuracy(core::Classifier& classifier, const core::LabelledImages& data, double epsilon)
{
    core::AttackConfig fgsm;
    fgsm.epsilon = epsilon;
    const core::AttackResult r = core::Fgsm().run(classifier, {data.images, data.labels, {}}, fgsm);
    return r.adversarialPredictions.eq(data.labels).to(at::kDouble).mean().item<double>();
}

} // namespace

class TestStudies : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void scalingFitRecoversAnExactLaw()
    {
        const std::vector<double> errors = {0.05, 0.1, 0.2, 0.4};
        std::vector<double> distortions;
        for (double e : errors)
            distortions.push_back(0.3 - 0.05 * std::log(e));
        const core::ScalingFit fit = core::fitLogScaling(errors, distortions);
        QVERIFY(fit.valid);
        QCOMPARE(fit.points, std::int64_t(4));
        QVERIFY(std::abs(fit.slope + 0.05) < 1e-12);
        QVERIFY(std::abs(fit.intercept - 0.3) < 1e-12);
        QVERIFY(std::abs(fit.r2 - 1.0) < 1e-12);
    }

    void scalingFitLeavesOutWhatItCannotUse()
    {
        // A zero error has no logarithm and a NaN distortion no place: two points remain.
        const core::ScalingFit fit = core::fitLogScaling({0.0, 0.1, 0.2, 0.3}, {1.0, 0.5, NAN, 0.4});
        QCOMPARE(fit.points, std::int64_t(2));
        QVERIFY(fit.valid);
        QVERIFY(std::abs(fit.r2 - 1.0) < 1e-12); // two points fit exactly
        QVERIFY(!core::fitLogScaling({0.1}, {0.5}).valid);
        QVERIFY(!core::fitLogScaling({0.1, 0.1}, {0.5, 0.6}).valid); // no spread in error
        // Noisy data: R² strictly between 0 and 1.
        const core::ScalingFit noisy = core::fitLogScaling({0.05, 0.1, 0.2, 0.4}, {0.40, 0.30, 0.33, 0.20});
        QVERIFY(noisy.r2 > 0.0 && noisy.r2 < 1.0);
        QVERIFY(noisy.slope < 0.0);
    }

    void paretoFrontierKeepsTheUndominated()
    {
        //                 a     b     c     d     e
        const std::vector<double> errors = {0.05, 0.10, 0.10, 0.20, 0.30};
        const std::vector<double> distortions = {0.10, 0.20, 0.15, 0.18, 0.40};
        // c is beaten by b (same error, larger distortion), d by b (lower error, larger distortion).
        QCOMPARE(core::paretoFrontier(errors, distortions), (std::vector<std::size_t>{0, 1, 4}));
        QCOMPARE(core::paretoFrontier({0.1, 0.2}, {NAN, 0.1}), (std::vector<std::size_t>{1}));
    }

    void configsAreReadAndCheckedWithClearMessages()
    {
        const auto folder = freshFolder("config");
        std::filesystem::create_directories(folder / "models");
        const auto model = test::tinyTrainedModelPath();
        std::filesystem::copy_file(model, folder / "models" / "copy.json");
        std::filesystem::copy_file(model.parent_path() / core::readModelMetadata(model).weights.filename(),
                                   folder / "models" / core::readModelMetadata(model).weights.filename());
        // Relative to the config's folder, ".json" optional; the name is the file's stem.
        const core::StudyConfig config = core::parseStudyConfig(
            R"({"study": "transfer", "models": ["models/copy"], "images": 7, "settings": {"examples": 2}})", folder);
        QCOMPARE(config.study, std::string("transfer"));
        QCOMPARE(config.models.size(), std::size_t(1));
        QCOMPARE(test::qs(config.models[0].name), QStringLiteral("copy"));
        QCOMPARE(config.models[0].path, folder / "models" / "copy.json");
        QCOMPARE(config.images, std::int64_t(7));
        QCOMPARE(config.title, std::string("transfer"));

        const auto rejects = [&](const std::string& text, const QString& needle) {
            try {
                core::parseStudyConfig(text, folder);
            } catch (const core::Error& e) {
                if (!QString::fromStdString(e.what()).contains(needle))
                    QFAIL(qPrintable(QStringLiteral("message '%1' lacks '%2'").arg(e.what(), needle)));
                return;
            }
            QFAIL(qPrintable(QStringLiteral("accepted: ") + test::qs(text)));
        };
        rejects("not json", QStringLiteral("not valid JSON"));
        rejects(R"({"models": ["models/copy"]})", QStringLiteral("\"study\""));
        rejects(R"({"study": "paper", "models": ["models/copy"]})", QStringLiteral("unknown study"));
        rejects(R"({"study": "curves", "models": []})", QStringLiteral("at least one model"));
        rejects(R"({"study": "curves", "models": ["models/copy", "models/copy.json"]})", QStringLiteral("twice"));
        rejects(R"({"study": "curves", "models": ["no-such-model"]})", QStringLiteral("no-such-model"));
        rejects(R"({"study": "curves", "models": ["models/copy"], "images": 0})", QStringLiteral("images"));
        rejects(R"({"study": "curves", "models": ["models/copy"], "images": "many"})", QStringLiteral("images"));
        rejects(R"({"study": "curves", "models": ["models/copy"], "settings": []})", QStringLiteral("settings"));
        // Whole numbers only, checked before narrowing: 2.5 was read as 2,
        // 1e300 and numbers above 2^64 (parsed as doubles) were undefined behaviour.
        rejects(R"({"study": "curves", "models": ["models/copy"], "images": 2.5})",
                QStringLiteral("study config: \"images\" must be a whole number from -9223372036854775808 to "
                               "9223372036854775807, not 2.5"));
        rejects(R"({"study": "curves", "models": ["models/copy"], "batch_size": 1e300})",
                QStringLiteral("\"batch_size\" must be a whole number"));
        rejects(R"({"study": "curves", "models": ["models/copy"], "seed": -1})",
                QStringLiteral("\"seed\" must be a whole number from 0 to 18446744073709551615, not -1"));
        const auto crashes = test::fixturesDirectory().parent_path() / "fuzz" / "crashes";
        rejects(test::readBytes(crashes / "studyconfig-float-to-int.json"),
                QStringLiteral("\"images\" must be a whole number"));
        rejects(test::readBytes(crashes / "studyconfig-seed-too-large.json"),
                QStringLiteral("\"seed\" must be a whole number from 0 to 18446744073709551615, "
                               "not 4.184674407370955e+19"));
        // The largest seed still fits.
        QCOMPARE(core::parseStudyConfig(
                     R"({"study": "curves", "models": ["models/copy"], "seed": 18446744073709551615})", folder)
                     .seed,
                 std::uint64_t(18446744073709551615ULL));
    }

    void storeKeepsPartsByKeyAndFingerprint()
    {
        const core::StudyStore store(freshFolder("store"));
        QVERIFY(!store.load("a", "f1"));
        store.save("a", "f1", R"({"x": 1})");
        QCOMPARE(store.load("a", "f1").value_or(""), std::string(R"({"x":1})"));
        QVERIFY(!store.load("a", "f2")); // computed from other inputs
        // Keys that differ only in characters a file name cannot hold stay apart.
        store.save("m/a b", "f", R"({"y": 2})");
        store.save("m_a_b", "f", R"({"y": 3})");
        QVERIFY(store.partFile("m/a b") != store.partFile("m_a_b"));
        QCOMPARE(store.load("m/a b", "f").value_or(""), std::string(R"({"y":2})"));
        // A damaged part is computed again rather than trusted.
        test::writeBytes(store.partFile("a"), "{\"key\": \"a\", \"fingerpr");
        QVERIFY(!store.load("a", "f1"));
    }

    void robustnessStudyMeasuresFitsAndResumes()
    {
        const auto folder = freshFolder("robustness");
        const std::string settings = R"({"metrics": ["ifgsm-linf", "cw-l2", "clever-l2"], "ifgsm_steps": 5,
            "bisection_rounds": 5, "cw": {"binary_search_steps": 2, "max_iterations": 20},
            "clever_images": 2, "clever_batches": 10, "clever_samples": 16})";
        const core::StudyConfig config =
            core::parseStudyConfig(configText("robustness", 24, settings), std::filesystem::current_path());
        const core::StudyStore store(folder);
        std::vector<std::pair<std::int64_t, std::int64_t>> progress;
        core::StudyRunOptions options;
        options.control.progress = [&](std::int64_t done, std::int64_t total) { progress.emplace_back(done, total); };
        const core::StudyOutcome first = core::runStudy(config, store, options);
        QVERIFY(!first.cancelled);
        // Per model: clean; I-FGSM and C&W in chunks of 10 of the 24 images; CLEVER an image a part.
        QCOMPARE(first.partsComputed, std::int64_t(2 * (1 + 3 + 3 + 2)));
        QCOMPARE(progress.back(), std::make_pair(std::int64_t(18), std::int64_t(18)));

        const QJsonObject results = readJson(first.results);
        QCOMPARE(results.value("study").toString(), QStringLiteral("robustness"));
        // Written through the versioned type, and read back by it as written.
        QCOMPARE(results.value("schema_version").toInt(), core::StudyResults::kSchemaVersion);
        const core::StudyResults read = core::readStudyResults(folder);
        QCOMPARE(read.study, std::string("robustness"));
        QCOMPARE(read.images, std::int64_t(24));
        QCOMPARE(read.split, std::string("test"));
        const QJsonArray models = results.value("models").toArray();
        QCOMPARE(models.size(), 2);
        for (const QJsonValue& value : models) {
            const QJsonObject model = value.toObject();
            const auto classifier = core::loadClassifier(model.value("name").toString() == "lenet-plain"
                                                             ? test::defaultModelPath()
                                                             : test::tinyTrainedModelPath());
            const auto data = test::fashionMnist(false, 24);
            const double accuracy = core::evaluateAccuracy(*classifier, data.images, data.labels).top1;
            QCOMPARE(model.value("accuracy").toDouble(), accuracy);
            QVERIFY(std::abs(model.value("error").toDouble() - (1.0 - accuracy)) < 1e-12);
            QVERIFY(model.value("parameters").toInteger() > 1000);
            const QJsonObject metrics = model.value("metrics").toObject();
            const QJsonObject ifgsm = metrics.value("ifgsm-linf").toObject();
            QVERIFY(ifgsm.value("found").toInteger() > 0);
            QVERIFY(ifgsm.value("mean").toDouble() > 0.0 && ifgsm.value("mean").toDouble() <= 0.5);
            QVERIFY(ifgsm.value("attacked").toInteger() == std::llround(24 * accuracy));
            QVERIFY(metrics.value("cw-l2").toObject().value("mean").toDouble() > 0.0);
            QVERIFY(metrics.value("clever-l2").toObject().value("mean").toDouble() > 0.0);
        }
        QCOMPARE(models.at(0).toObject().value("family").toString(), QStringLiteral("lenet"));
        QCOMPARE(models.at(1).toObject().value("family").toString(), QStringLiteral("mlp"));
        const QJsonObject fit = results.value("fits").toObject().value("ifgsm-linf").toObject();
        QCOMPARE(fit.value("points").toInteger(), 2);
        QVERIFY(std::abs(fit.value("r2").toDouble() - 1.0) < 1e-9); // two models fit a line exactly
        QVERIFY(!results.value("pareto").toObject().value("ifgsm-linf").toArray().isEmpty());
        const std::string csv = core::readFileBytes(folder / "robustness.csv");
        QVERIFY(csv.rfind("model,architecture,family,parameters,accuracy,error,ifgsm-linf_mean", 0) == 0);
        QCOMPARE(std::count(csv.begin(), csv.end(), '\n'), std::ptrdiff_t(3));

        // Again: nothing is computed, and the same numbers come out.
        const core::StudyOutcome second = core::runStudy(config, store, {});
        QCOMPARE(second.partsComputed, std::int64_t(0));
        QCOMPARE(second.partsReused, std::int64_t(18));
        QCOMPARE(readJson(second.results).value("models"), results.value("models"));

        // A changed C&W setting recomputes the C&W parts only.
        const core::StudyConfig changed = core::parseStudyConfig(
            configText("robustness", 24,
                       R"({"metrics": ["ifgsm-linf", "cw-l2", "clever-l2"], "ifgsm_steps": 5,
            "bisection_rounds": 5, "cw": {"binary_search_steps": 2, "max_iterations": 10},
            "clever_images": 2, "clever_batches": 10, "clever_samples": 16})"),
            std::filesystem::current_path());
        const core::StudyOutcome third = core::runStudy(changed, store, {});
        QCOMPARE(third.partsComputed, std::int64_t(2 * 3));
        QCOMPARE(third.partsReused, std::int64_t(12));

        // Clean accuracy on more images than are attacked: only the two clean parts change.
        const core::StudyConfig wider = core::parseStudyConfig(
            configText("robustness", 24,
                       R"({"metrics": ["ifgsm-linf", "cw-l2", "clever-l2"], "ifgsm_steps": 5,
            "bisection_rounds": 5, "cw": {"binary_search_steps": 2, "max_iterations": 10},
            "clever_images": 2, "clever_batches": 10, "clever_samples": 16, "accuracy_images": 60})"),
            std::filesystem::current_path());
        const core::StudyOutcome fourth = core::runStudy(wider, store, {});
        QCOMPARE(fourth.partsComputed, std::int64_t(2));
        const QJsonObject lenet = readJson(fourth.results).value("models").toArray().at(0).toObject();
        const auto data60 = test::fashionMnist(false, 60);
        const double accuracy60 =
            core::evaluateAccuracy(*core::loadClassifier(test::defaultModelPath()), data60.images, data60.labels).top1;
        QCOMPARE(lenet.value("accuracy").toDouble(), accuracy60);
        QCOMPARE(lenet.value("images").toInteger(), 60);
        QCOMPARE(lenet.value("metrics").toObject().value("ifgsm-linf").toObject().value("attacked"),
                 models.at(0).toObject().value("metrics").toObject().value("ifgsm-linf").toObject().value("attacked"));
    }

    void robustnessStudyMeasuresAutoAttackAndSquareQueries()
    {
        const auto folder = freshFolder("robustness-budgets");
        const std::string settings = R"({"metrics": ["autoattack", "square-queries"],
            "autoattack": {"epsilon": 0.1, "norm": "linf", "iterations": 5, "queries": 50, "target_classes": 2},
            "square": {"queries": 50}})";
        const core::StudyConfig config =
            core::parseStudyConfig(configText("robustness", 12, settings), std::filesystem::current_path());
        const core::StudyOutcome outcome = core::runStudy(config, core::StudyStore(folder), {});
        QVERIFY(!outcome.cancelled);
        const QJsonObject results = readJson(outcome.results);
        QCOMPARE(results.value("metrics").toArray().size(), 2);
        QVERIFY(results.value("fits").toObject().isEmpty()); // no distortion to fit
        const auto data = test::fashionMnist(false, 12);
        for (const QJsonValue& value : results.value("models").toArray()) {
            const QJsonObject model = value.toObject();
            const auto classifier = core::loadClassifier(model.value("name").toString() == "lenet-plain"
                                                             ? test::defaultModelPath()
                                                             : test::tinyTrainedModelPath());
            const QJsonObject aa = model.value("metrics").toObject().value("autoattack").toObject();
            QVERIFY2(!aa.contains("skipped"), qPrintable(aa.value("skipped").toString()));
            const double robust = aa.value("robust_accuracy").toDouble();
            QVERIFY(robust <= model.value("accuracy").toDouble());
            // The attack run directly on the same images, in one batch.
            core::AttackConfig aaConfig;
            aaConfig.epsilon = 0.1;
            aaConfig.extra = {{"iterations", 5}, {"queries", 50}, {"target_classes", 2}};
            const core::AttackResult direct =
                core::AutoAttack().run(*classifier, {data.images, data.labels, {}}, aaConfig);
            const double directRobust =
                direct.adversarialPredictions.to(at::kCPU).eq(data.labels).to(at::kDouble).mean().item<double>();
            QCOMPARE(robust, directRobust);
            const QJsonArray stages = aa.value("stages").toArray();
            QCOMPARE(stages.size(), 4);
            QCOMPARE(stages.at(0).toObject().value("attack").toString(), QStringLiteral("apgd-ce"));
            QCOMPARE(stages.last().toObject().value("robust_accuracy_after").toDouble(), robust);

            const QJsonObject square = model.value("metrics").toObject().value("square-queries").toObject();
            QVERIFY2(!square.contains("skipped"), qPrintable(square.value("skipped").toString()));
            core::AttackConfig squareConfig;
            squareConfig.epsilon = 0.1;
            squareConfig.extra = {{"queries", 50}};
            const core::AttackResult squareDirect =
                core::Square().run(*classifier, {data.images, data.labels, {}}, squareConfig);
            const double squareRobust =
                squareDirect.adversarialPredictions.to(at::kCPU).eq(data.labels).to(at::kDouble).mean().item<double>();
            QCOMPARE(square.value("robust_accuracy").toDouble(), squareRobust);
            const QJsonArray curve = square.value("curve").toArray();
            QVERIFY(curve.size() > 2);
            for (int i = 1; i < curve.size(); ++i) {
                QVERIFY(curve.at(i).toObject().value("queries").toInteger() >
                        curve.at(i - 1).toObject().value("queries").toInteger());
                QVERIFY(curve.at(i).toObject().value("robust_accuracy").toDouble() <=
                        curve.at(i - 1).toObject().value("robust_accuracy").toDouble());
            }
            QCOMPARE(curve.last().toObject().value("queries").toInteger(), 50);
            QCOMPARE(curve.last().toObject().value("robust_accuracy").toDouble(), squareRobust);
        }
        QVERIFY(std::filesystem::exists(folder / "robustness-queries.csv"));

        // Bad input: one line each, before anything runs.
        const auto refuses = [](const std::string& settingsText, const QString& needle) {
            try {
                core::runStudy(core::parseStudyConfig(configText("robustness", 4, settingsText),
                                                      std::filesystem::current_path()),
                               core::StudyStore(freshFolder("robustness-bad")), {});
            } catch (const core::Error& e) {
                const QString message = QString::fromStdString(e.what());
                QVERIFY2(message.contains(needle) && !message.contains('\n'), qPrintable(message));
                return;
            }
            QFAIL(qPrintable(QStringLiteral("accepted: ") + test::qs(settingsText)));
        };
        refuses(R"({"metrics": ["autoattack"], "autoattack": {"norm": "l5"}})",
                QStringLiteral("\"autoattack.norm\" must be one of AutoAttack's norms (linf, l2), not \"l5\""));
        refuses(R"({"metrics": ["autoattack"], "autoattack": {"norm": "l1"}})", QStringLiteral("not \"l1\""));
    }

    void cancelledStudyResumesWhereItStopped()
    {
        const auto folder = freshFolder("cancelled");
        const core::StudyConfig config = core::parseStudyConfig(
            configText("robustness", 16, R"({"metrics": ["ifgsm-linf"], "ifgsm_steps": 3, "bisection_rounds": 3})"),
            std::filesystem::current_path());
        const core::StudyStore store(folder);
        core::CancellationToken token;
        core::StudyRunOptions options;
        options.control.cancellation = &token;
        // Cancel once two parts are done (the first model's clean accuracy and
        // the ℓ∞ distortions of its first chunk of 10 images).
        options.control.progress = [&](std::int64_t done, std::int64_t) {
            if (done == 2)
                token.cancel();
        };
        const core::StudyOutcome stopped = core::runStudy(config, store, options);
        QVERIFY(stopped.cancelled);
        QCOMPARE(stopped.partsComputed, std::int64_t(2));
        QVERIFY(!std::filesystem::exists(folder / "results.json"));
        const core::StudyOutcome resumed = core::runStudy(config, store, {});
        QVERIFY(!resumed.cancelled);
        QCOMPARE(resumed.partsReused, std::int64_t(2));
        QCOMPARE(resumed.partsComputed, std::int64_t(4)); // its second chunk; the other model's three parts
        QVERIFY(std::filesystem::exists(folder / "results.json"));
    }

    void transferDiagonalIsTheWhiteBoxRate()
    {
        const auto folder = freshFolder("transfer");
        const core::StudyConfig config = core::parseStudyConfig(
            configText("transfer", 40, R"({"attacks": [{"attack": "fgsm", "eps": 0.1}], "examples": 3})"),
            std::filesystem::current_path());
        const core::StudyOutcome outcome = core::runStudy(config, core::StudyStore(folder), {});
        QCOMPARE(outcome.partsComputed, std::int64_t(4)); // 2 sources × (untargeted, targeted)
        const QJsonObject results = readJson(outcome.results);
        const QJsonArray matrices = results.value("matrices").toArray();
        QCOMPARE(matrices.size(), 2);
        const QJsonObject untargeted = matrices.at(0).toObject();
        QVERIFY(!untargeted.value("targeted").toBool());

        // The diagonal equals FGSM's own success rate on each model.
        const auto data = test::fashionMnist(false, 40);
        const std::filesystem::path paths[] = {test::defaultModelPath(), test::tinyTrainedModelPath()};
        for (int i = 0; i < 2; ++i) {
            auto classifier = core::loadClassifier(paths[i]);
            core::AttackConfig fgsm;
            fgsm.epsilon = 0.1;
            const core::AttackResult r = core::Fgsm().run(*classifier, {data.images, data.labels, {}}, fgsm);
            const auto correct = r.cleanPredictions.eq(data.labels).sum().item<std::int64_t>();
            const auto fooled = r.success.sum().item<std::int64_t>();
            QCOMPARE(untargeted.value("hits").toArray().at(i).toArray().at(i).toInteger(), fooled);
            QCOMPARE(untargeted.value("of").toArray().at(i).toArray().at(i).toInteger(), correct);
        }
        // Every rate is a share; the targeted matrix counts top-5 matches over all images.
        const QJsonObject targeted = matrices.at(1).toObject();
        QCOMPARE(targeted.value("measure").toString(), QStringLiteral("top-5 match rate"));
        for (const QJsonObject& m : {untargeted, targeted})
            for (int i = 0; i < 2; ++i)
                for (int j = 0; j < 2; ++j) {
                    const double rate = m.value("rates").toArray().at(i).toArray().at(j).toDouble();
                    QVERIFY(rate >= 0.0 && rate <= 1.0);
                }
        QCOMPARE(targeted.value("of").toArray().at(0).toArray().at(1).toInteger(), 40);
        const double top1 = targeted.value("top1_rates").toArray().at(0).toArray().at(0).toDouble();
        QVERIFY(top1 <= targeted.value("rates").toArray().at(0).toArray().at(0).toDouble());
        // Examples to show when a cell is clicked: the images and every model's predictions.
        const QJsonObject example = untargeted.value("examples").toArray().at(1).toObject();
        QVERIFY(std::filesystem::exists(folder / example.value("folder").toString().toStdString() / "2.png"));
        QCOMPARE(example.value("predictions").toArray().size(), 2);
        QCOMPARE(example.value("predictions").toArray().at(0).toArray().size(), 3);
        QVERIFY(std::filesystem::exists(folder / "examples" / "clean" / "0.png"));
        QCOMPARE(results.value("example_labels").toArray().size(), 3);
        const std::string csv = core::readFileBytes(folder / "transfer.csv");
        QCOMPARE(std::count(csv.begin(), csv.end(), '\n'), std::ptrdiff_t(1 + 2 * 4));
    }

    void transferEnsembleRowIsASourceOnly()
    {
        // Two different models: the tiny MLP and a copy with noisy weights.
        const std::string model = test::tinyTrainedModelPath().u8string();
        const auto copyFolder = freshFolder("transfer-ensemble-models");
        std::filesystem::create_directories(copyFolder);
        {
            auto noisy = test::tinyTrainedModel();
            at::NoGradGuard noGrad;
            at::manual_seed(3);
            for (at::Tensor& p : noisy->parameters())
                p.add_(at::randn_like(p) * 0.05);
            noisy->metadata().name = "tiny-noisy";
            noisy->metadata().weights = copyFolder / "tiny-noisy.pt";
            noisy->save(copyFolder / "tiny-noisy.json");
        }
        const std::string models =
            "[\"" + model + "\", \"" + (copyFolder / "tiny-noisy.json").u8string() + "\"]";
        const auto names = core::parseStudyConfig("{\"study\": \"transfer\", \"models\": " + models + "}",
                                                  std::filesystem::current_path())
                               .models;
        const auto folder = freshFolder("transfer-ensemble");
        const core::StudyConfig config = core::parseStudyConfig(
            "{\"study\": \"transfer\", \"models\": " + models + ", \"images\": 32, \"settings\": "
            "{\"attacks\": [{\"attack\": \"di-fgsm\", \"eps\": 0.1, \"steps\": 3, \"set\": {\"diversity_prob\": 0.5}}], "
            "\"modes\": [\"untargeted\"], \"examples\": 2, \"ensembles\": [[\"" + names[0].name + "\", \"" +
                names[1].name + "\"]]}}",
            std::filesystem::current_path());
        const core::StudyOutcome outcome = core::runStudy(config, core::StudyStore(folder), {});
        QCOMPARE(outcome.partsComputed, std::int64_t(3)); // two models and their ensemble as sources
        const QJsonObject results = readJson(outcome.results);
        QCOMPARE(results.value("sources").toArray().size(), 3);
        QCOMPARE(results.value("sources").toArray().at(2).toString(),
                 QString::fromStdString(names[0].name + "+" + names[1].name));
        const QJsonObject m = results.value("matrices").toArray().at(0).toObject();
        const QJsonArray hits = m.value("hits").toArray(), of = m.value("of").toArray();
        QCOMPARE(hits.size(), 3);                 // rows: sources
        QCOMPARE(hits.at(2).toArray().size(), 2); // columns: the models only
        for (int j = 0; j < 2; ++j) {
            QVERIFY(hits.at(2).toArray().at(j).toInteger() > 0);
            QVERIFY(hits.at(2).toArray().at(j).toInteger() <= of.at(2).toArray().at(j).toInteger());
            // Both members made the images: white-box cells, like the diagonal.
            QVERIFY(results.value("white_box").toArray().at(2).toArray().at(j).toBool());
        }
        QVERIFY(!results.value("white_box").toArray().at(0).toArray().at(1).toBool());
        QVERIFY(results.value("white_box").toArray().at(1).toArray().at(1).toBool());
        const std::string csv = core::readFileBytes(folder / "transfer.csv");
        QCOMPARE(std::count(csv.begin(), csv.end(), '\n'), std::ptrdiff_t(1 + 3 * 2));

        // Unknown members and attack settings an attack does not read are refused.
        const auto refused = [&](const std::string& settings) {
            try {
                core::runStudy(core::parseStudyConfig("{\"study\": \"transfer\", \"models\": [\"" + model +
                                                          "\"], \"settings\": " + settings + "}",
                                                      std::filesystem::current_path()),
                               core::StudyStore(freshFolder("transfer-refused")), {});
            } catch (const core::Error& e) {
                return std::string(e.what());
            }
            return std::string();
        };
        QVERIFY(refused(R"({"ensembles": [["nobody", "else"]]})").find("\"nobody\" is not one of") !=
                std::string::npos);
        QVERIFY(refused(R"({"attacks": [{"attack": "ti-fgsm", "set": {"kernel": 5}}]})").find("no setting 'kernel'") !=
                std::string::npos);
    }

    void curvesCarryMaskingChecksAndStartAtCleanAccuracy()
    {
        const auto folder = freshFolder("curves");
        const core::StudyConfig config = core::parseStudyConfig(
            configText("curves", 32,
                       R"({"attacks": ["fgsm", "bim"], "eps_linf": [0, 0.05, 0.1], "steps": 5,
                           "steps_list": [1, 5]})"),
            std::filesystem::current_path());
        const core::StudyOutcome outcome = core::runStudy(config, core::StudyStore(folder), {});
        // Per model: fgsm vs ε, bim vs ε and bim vs iterations.
        QCOMPARE(outcome.partsComputed, std::int64_t(6));
        const QJsonArray curves = readJson(outcome.results).value("curves").toArray();
        QCOMPARE(curves.size(), 6);
        int iterationCurves = 0;
        for (const QJsonValue& value : curves) {
            const QJsonObject curve = value.toObject();
            const QJsonArray points = curve.value("points").toArray();
            if (curve.value("axis").toString() == "steps") {
                ++iterationCurves;
                QCOMPARE(points.size(), 2);
                QVERIFY(curve.value("checks").toArray().isEmpty());
                continue;
            }
            QCOMPARE(points.size(), 3);
            QCOMPARE(points.at(0).toObject().value("robust_accuracy").toDouble(),
                     curve.value("clean_top1").toDouble());
            QVERIFY(points.at(2).toObject().value("robust_accuracy").toDouble() <
                    points.at(0).toObject().value("robust_accuracy").toDouble());
            QVERIFY(curve.value("checks").toArray().size() >= 3);
        }
        QCOMPARE(iterationCurves, 2);
    }

    void defencesStudyBuildsDeepDefenseTableAndExposesInputTransforms()
    {
        const auto folder = freshFolder("defences");
        const int images = 60;
        const std::string config = "{\"study\": \"defences\", \"models\": [\"" +
                                   deepDefenseModelPath().u8string() + "\", \"" +
                                   test::tinyTrainedModelPath().u8string() + "\", \"" +
                                   test::defaultModelPath().u8string() + "\"], \"images\": " +
                                   std::to_string(images) + R"(, "batch_size": 64, "settings": {
            "eps_ref_rounds": 10, "input_defences": {"model": "lenet-plain", "defences": ["bits:1"],
            "attacks": ["fgsm"], "eps_linf": [0, 0.1, 0.3]}}})";
        const core::StudyConfig parsed = core::parseStudyConfig(config, std::filesystem::current_path());
        const core::StudyStore store(folder);
        const core::StudyOutcome outcome = core::runStudy(parsed, store, {});
        QVERIFY(!outcome.cancelled);
        // 3 models × (accuracy and ρ2, FGS row) + 2 architectures' ε_ref + fgsm × (undefended, own, BPDA).
        QCOMPARE(outcome.partsComputed, std::int64_t(3 * 2 + 2 + 3));
        const QJsonObject results = readJson(outcome.results);
        const QJsonArray table = results.value("table").toArray();
        QCOMPARE(table.size(), 2);

        // MLP: the reference first, whatever the config's order; ε_ref from the Deep Defense model.
        const QJsonObject mlp = table.at(0).toObject();
        QCOMPARE(mlp.value("architecture").toString(), QStringLiteral("mlp"));
        QCOMPARE(mlp.value("eps_ref_model").toString(), QStringLiteral("tiny-mlp-deepdefense"));
        const QJsonArray rows = mlp.value("rows").toArray();
        QCOMPARE(rows.size(), 2);
        QCOMPARE(rows.at(0).toObject().value("recipe").toString(), QStringLiteral("plain"));
        QCOMPARE(rows.at(1).toObject().value("recipe").toString(), QStringLiteral("deepdefense"));

        const auto data = test::fashionMnist(false, images);
        auto defended = core::loadClassifier(deepDefenseModelPath());
        // ε_ref is where FGS first brings the Deep Defense model to 50 %, to the bisection's resolution.
        const double epsilonRef = mlp.value("eps_ref").toDouble();
        QVERIFY(mlp.value("eps_ref_reached").toBool());
        QVERIFY(fgsAccuracy(*defended, data, epsilonRef) <= 0.5);
        QVERIFY(fgsAccuracy(*defended, data, epsilonRef - 0.5 / 1024) > 0.5);
        const QJsonArray fgs = rows.at(1).toObject().value("fgs_accuracy").toArray();
        QCOMPARE(fgs.size(), 3);
        QCOMPARE(fgs.at(1).toDouble(), fgsAccuracy(*defended, data, 0.5 * epsilonRef));
        QVERIFY(fgs.at(0).toDouble() >= fgs.at(2).toDouble());

        // ρ2 is DeepFool's, and the ratio is to the reference's.
        core::AttackConfig deepFool;
        deepFool.norm = core::Norm::L2;
        deepFool.extra["max_iterations"] = 50;
        core::DeepFool attack;
        const double rho2 = core::minimalDistances(*defended, data, attack, deepFool, {}, 64).rho2;
        QCOMPARE(rows.at(1).toObject().value("accuracy").toDouble(),
                 core::evaluateAccuracy(*defended, data.images, data.labels).top1);
        QVERIFY(std::abs(rows.at(1).toObject().value("rho2").toDouble() - rho2) < 1e-9);
        const double referenceRho2 = rows.at(0).toObject().value("rho2").toDouble();
        QVERIFY(referenceRho2 > 0.0);
        QVERIFY(std::abs(rows.at(1).toObject().value("rho2_ratio").toDouble() - rho2 / referenceRho2) < 1e-9);
        QCOMPARE(rows.at(0).toObject().value("rho2_ratio").toDouble(), 1.0);

        // LeNet alone: its own ε_ref.
        const QJsonObject lenet = table.at(1).toObject();
        QCOMPARE(lenet.value("eps_ref_model").toString(), QStringLiteral("lenet-plain"));

        // One bit per pixel: FGSM through the defence's own (zero) gradient changes
        // nothing, with BPDA it does, and the masking checks flag the naive curve.
        const QJsonArray curves = results.value("curves").toArray();
        QCOMPARE(curves.size(), 3);
        QJsonObject naive, bpda;
        for (const QJsonValue& value : curves) {
            const QJsonObject curve = value.toObject();
            if (curve.value("gradient").toString() == "obfuscated")
                naive = curve;
            if (curve.value("gradient").toString() == "bpda")
                bpda = curve;
        }
        const auto lastAccuracy = [](const QJsonObject& curve) {
            return curve.value("points").toArray().last().toObject().value("robust_accuracy").toDouble();
        };
        QCOMPARE(lastAccuracy(naive), naive.value("points").toArray().first().toObject().value("robust_accuracy").toDouble());
        QVERIFY(lastAccuracy(bpda) < lastAccuracy(naive) - 0.2);
        bool naiveFlagged = false;
        for (const QJsonValue& check : naive.value("checks").toArray())
            naiveFlagged = naiveFlagged || !check.toObject().value("passed").toBool();
        QVERIFY(naiveFlagged);

        const std::string csv = core::readFileBytes(folder / "defences.csv");
        QVERIFY(csv.rfind("architecture,model,recipe,accuracy,rho2,rho2_ratio,accuracy_change,eps_ref", 0) == 0);
        QCOMPARE(std::count(csv.begin(), csv.end(), '\n'), std::ptrdiff_t(1 + 3));
        const std::string curvesCsv = core::readFileBytes(folder / "input-defences.csv");
        QCOMPARE(std::count(curvesCsv.begin(), curvesCsv.end(), '\n'), std::ptrdiff_t(1 + 3 * 3));

        const core::StudyOutcome again = core::runStudy(parsed, store, {});
        QCOMPARE(again.partsComputed, std::int64_t(0));
        QCOMPARE(again.partsReused, std::int64_t(11));
        QCOMPARE(readJson(again.results).value("table"), results.value("table"));
    }

    /// A model that classifies none of the images correctly has no DeepFool ρ2:
    /// its row records why, and the table is still made.
    // Issue 19: the defences study's work items (each input-defence curve,
    // each architecture's eps_ref with its FGS rows, each model's row), in
    // any order, assemble to the single run's study.
    void defencesStudySplitIntoWorkItemsIsTheWholeStudy()
    {
        const std::string models = "[\"" + deepDefenseModelPath().u8string() + "\", \"" +
                                   test::tinyTrainedModelPath().u8string() + "\", \"" +
                                   test::defaultModelPath().u8string() + "\"]";
        const std::string settings = R"({"eps_ref_rounds": 4, "input_defences": {"model": "lenet-plain",
            "defences": ["bits:1"], "attacks": ["fgsm"], "eps_linf": [0, 0.1], "masking_checks": false}})";
        const std::string text = "{\"study\": \"defences\", \"models\": " + models +
                                 ", \"images\": 24, \"batch_size\": 64, \"settings\": " + settings + "}";
        const core::StudyConfig config = core::parseStudyConfig(text, std::filesystem::current_path());
        const std::vector<core::StudyConfig> items = core::studyWorkItems(config);
        QCOMPARE(items.size(), std::size_t{3 + 2 + 3}); // curves; architectures; models
        QCOMPARE(items[2].title, std::string("lenet-plain: fgsm, bits:1 bpda"));
        QCOMPARE(items[3].title, std::string("mlp: eps_ref and accuracy under FGS"));
        const auto whole = freshFolder("defences-whole");
        const core::StudyOutcome single = core::runStudy(config, core::StudyStore(whole), {});
        const auto split = freshFolder("defences-split");
        const core::StudyStore store(split);
        core::StudyRunOptions item;
        item.partsOnly = true;
        std::int64_t computed = 0;
        for (std::size_t k = items.size(); k-- > 0;) {
            const core::StudyOutcome outcome = core::runStudy(items[k], store, item);
            QVERIFY(!outcome.cancelled);
            computed += outcome.partsComputed;
        }
        QCOMPARE(computed, single.partsComputed); // no part computed twice
        QVERIFY(!std::filesystem::exists(split / "results.json"));
        QVERIFY(core::unfinishedWorkItems(config, store).empty());
        const core::StudyOutcome assembled = core::runStudy(config, store, {});
        QCOMPARE(assembled.partsComputed, std::int64_t{0});
        QCOMPARE(core::readFileBytes(split / "defences.csv"), core::readFileBytes(whole / "defences.csv"));
        QCOMPARE(core::readFileBytes(split / "input-defences.csv"), core::readFileBytes(whole / "input-defences.csv"));
    }

    void defencesStudyRecordsAModelWithoutCorrectImages()
    {
        // Three test images, each filed under a class the model does not predict for it.
        const auto data = freshFolder("all-wrong-images");
        auto model = core::loadClassifier(test::defaultModelPath());
        const core::LabelledImages source = test::fashionMnist(false, 3);
        for (std::int64_t i = 0; i < 3; ++i) {
            const auto staged = data / ("staged-" + std::to_string(i) + ".png");
            std::filesystem::create_directories(data);
            core::savePng(source.images[i], staged, 8);
            const at::Tensor loaded =
                core::loadImageForModel(staged, model->metadata().input, model->metadata().preprocess);
            const std::int64_t predicted = core::predictLogits(*model, loaded, 1).argmax(1)[0].item<std::int64_t>();
            const auto folder = data / std::to_string((predicted + 1) % 10);
            std::filesystem::create_directories(folder);
            std::filesystem::rename(staged, folder / ("image-" + std::to_string(i) + ".png"));
        }
        const std::string config = "{\"study\": \"defences\", \"models\": [\"" +
                                   test::defaultModelPath().u8string() + "\"], \"data\": \"" + data.u8string() +
                                   "\", \"images\": 3, \"batch_size\": 64, "
                                   "\"settings\": {\"eps_ref_rounds\": 2, \"input_defences\": false}}";
        const auto folder = freshFolder("defences-all-wrong");
        const core::StudyOutcome outcome = core::runStudy(
            core::parseStudyConfig(config, std::filesystem::current_path()), core::StudyStore(folder), {});
        QVERIFY(!outcome.cancelled);
        const QJsonObject row =
            readJson(outcome.results).value("table").toArray().at(0).toObject().value("rows").toArray().at(0).toObject();
        QCOMPARE(row.value("accuracy").toDouble(), 0.0);
        QVERIFY(row.value("rho2").isNull());
        QVERIFY(row.value("rho2_ratio").isNull());
        QVERIFY2(row.value("rho2_skipped").toString().contains("none of the 3 images"),
                 qPrintable(row.value("rho2_skipped").toString()));
        const std::string csv = core::readFileBytes(folder / "defences.csv");
        QVERIFY2(csv.find(",0,nan,nan,") != std::string::npos, csv.c_str());
    }

    void defencesStudyNamesItsInputModel()
    {
        const core::StudyConfig config = core::parseStudyConfig(
            configText("defences", 8, R"({"input_defences": {"model": "resnet-plain"}})"),
            std::filesystem::current_path());
        try {
            core::runStudy(config, core::StudyStore(freshFolder("bad-defences")), {});
            QFAIL("an input-defence model outside the study was accepted");
        } catch (const core::Error& error) {
            QVERIFY(std::string(error.what()).find("resnet-plain") != std::string::npos);
        }
    }

    void curvesRefuseMinimalAttacks()
    {
        const core::StudyConfig config = core::parseStudyConfig(configText("curves", 8, R"({"attacks": ["deepfool"]})"),
                                                                std::filesystem::current_path());
        QVERIFY_THROWS_EXCEPTION(core::Error, core::runStudy(config, core::StudyStore(freshFolder("bad")), {}));
    }
};

QTEST_GUILESS_MAIN(TestStudies)
#include "tst_studies.moc"
