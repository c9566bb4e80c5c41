// The ensemble of surrogates (mean of the members' logits): its logits and
// input gradient against the members run alone, its refusals, its sidecar,
// and a transfer evaluation of a model from itself against the white-box one.
#include "tests/support/linearclassifier.h"
#include "tests/support/testsupport.h"

#include "core/attacks/attackregistry.h"
#include "core/metrics/robustnessevaluation.h"
#include "core/metrics/shares.h"
#include "core/metrics/transferevaluation.h"
#include "core/model/ensembleclassifier.h"
#include "core/model/modelloader.h"
#include "core/model/threatmodel.h"
#include "core/util/error.h"

#include <ATen/ATen.h>
#include <QTest>
#include <torch/csrc/autograd/autograd.h>

using namespace advlens;

namespace {

std::shared_ptr<test::LinearClassifier> linear(const std::string& name, std::int64_t classes, std::uint64_t seed,
                                               core::InputSpec input = {1, 8, 8})
{
    at::manual_seed(seed);
    const std::int64_t d = std::int64_t(input.channels) * input.height * input.width;
    auto model = std::make_shared<test::LinearClassifier>(at::randn({classes, d}), at::randn({classes}), input);
    model->metadata().name = name;
    return model;
}

at::Tensor inputGradient(core::Classifier& model, const at::Tensor& x, const at::Tensor& weights)
{
    at::AutoGradMode enable(true);
    const at::Tensor leaf = x.clone().requires_grad_(true);
    const at::Tensor loss = (model.logits(leaf) * weights).sum();
    return torch::autograd::grad({loss}, {leaf})[0];
}

QString errorOf(const std::function<void()>& action)
{
    try {
        action();
    } catch (const core::Error& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

/// The tiny MLP with noise added to its weights, saved as `name`.json in `folder`: a second, different model.
std::filesystem::path perturbedCopy(const std::filesystem::path& folder, const std::string& name)
{
    auto model = test::tinyTrainedModel();
    {
        at::NoGradGuard noGrad;
        at::manual_seed(11);
        for (at::Tensor& p : model->parameters())
            p.add_(at::randn_like(p) * 0.05);
    }
    model->metadata().name = name;
    const auto path = folder / (name + ".json");
    model->metadata().weights = folder / (name + ".pt");
    model->save(path);
    return path;
}

} // namespace

class TestEnsembleClassifier : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void logitsAreTheMeanOfTheMembers()
    {
        auto a = linear("a", 4, 1), b = linear("b", 4, 2), c = linear("c", 4, 3);
        core::EnsembleClassifier ensemble({a, b, c});
        QCOMPARE(ensemble.metadata().name, std::string("a+b+c"));
        QVERIFY(ensemble.metadata().kind == core::ModelKind::Ensemble);
        QCOMPARE(ensemble.numClasses(), std::int64_t(4));
        const at::Tensor x = at::rand({5, 1, 8, 8});
        at::NoGradGuard noGrad;
        const at::Tensor expected = (a->logits(x) + b->logits(x) + c->logits(x)) / 3.0;
        const at::Tensor got = ensemble.logits(x);
        QVERIFY(at::allclose(got, expected, 1e-5, 1e-6));
        // Not just one member's logits.
        QVERIFY(!at::allclose(got, a->logits(x), 1e-3, 1e-3));
    }

    void gradientIsTheMeanOfTheMembersGradients()
    {
        auto a = linear("a", 3, 4), b = linear("b", 3, 5);
        core::EnsembleClassifier ensemble({a, b});
        QVERIFY(ensemble.inputGradientSupport().available);
        const at::Tensor x = at::rand({2, 1, 8, 8});
        const at::Tensor weights = at::randn({2, 3});
        const at::Tensor expected = (inputGradient(*a, x, weights) + inputGradient(*b, x, weights)) / 2.0;
        const at::Tensor got = inputGradient(ensemble, x, weights);
        QVERIFY(at::allclose(got, expected, 1e-5, 1e-6));
        QVERIFY(got.abs().sum().item<double>() > 0.0);
    }

    void aMemberWithoutGradientsTakesThemAway()
    {
        auto a = linear("a", 3, 6);
        auto hidden = std::make_shared<core::ThreatModelClassifier>(linear("b", 3, 7), core::ThreatModel::ScoresOnly);
        core::EnsembleClassifier ensemble({a, hidden});
        QVERIFY(!ensemble.inputGradientSupport().available);
        const QString reason = QString::fromStdString(ensemble.inputGradientSupport().reason);
        QVERIFY2(reason.contains("b+scores-only") && reason.contains(core::ThreatModelClassifier::kScoresOnlyReason),
                 qPrintable(reason));
    }

    void refusesMembersThatDoNotMatch()
    {
        const QString classes =
            errorOf([] { core::EnsembleClassifier({linear("ten", 10, 1), linear("four", 4, 2)}); });
        QVERIFY2(classes.contains("'four' has 4") && classes.contains("'ten' has 10"), qPrintable(classes));
        QCOMPARE(classes.count('\n'), 0);
        const QString shape =
            errorOf([] { core::EnsembleClassifier({linear("small", 3, 1), linear("big", 3, 2, {1, 4, 4})}); });
        QVERIFY2(shape.contains("'big' takes 1×4×4") && shape.contains("'small' takes 1×8×8"), qPrintable(shape));
        QVERIFY(errorOf([] { core::EnsembleClassifier({}); }).contains("at least one"));
    }

    void loadsFromASidecar()
    {
        const auto folder = test::scratchDirectory() / "ensemble-sidecar";
        std::filesystem::create_directories(folder);
        const auto other = perturbedCopy(folder, "tiny-noisy");
        const auto first = std::filesystem::relative(other, folder);
        const auto second = std::filesystem::relative(test::tinyTrainedModelPath(), folder);
        const auto sidecar = folder / "pair.json";
        test::writeBytes(sidecar, R"({"format": "advlens-model/1", "name": "pair", "kind": "ensemble", "members": [")" +
                                      first.generic_string() + R"(", ")" + second.generic_string() + R"("]})");
        const auto ensemble = core::loadClassifier(sidecar);
        QCOMPARE(ensemble->metadata().name, std::string("pair"));
        QVERIFY(ensemble->metadata().kind == core::ModelKind::Ensemble);
        auto a = core::loadClassifier(other);
        auto b = core::loadClassifier(test::tinyTrainedModelPath());
        QVERIFY(ensemble->metadata().classNames == a->metadata().classNames);
        QVERIFY(ensemble->inputGradientSupport().available);
        const auto data = test::fashionMnist(false, 16);
        at::NoGradGuard noGrad;
        const at::Tensor expected = (a->logits(data.images) + b->logits(data.images)) / 2.0;
        QVERIFY(at::allclose(ensemble->logits(data.images), expected, 1e-4, 1e-5));
        QVERIFY(!at::allclose(a->logits(data.images), b->logits(data.images), 1e-3, 1e-3));

        // Saved and read back, the members still resolve.
        const auto copy = folder / "copy" / "pair-copy.json";
        std::filesystem::create_directories(copy.parent_path());
        ensemble->save(copy);
        const core::ModelMetadata reread = core::readModelMetadata(copy);
        QCOMPARE(reread.members.size(), std::size_t(2));
        QVERIFY(std::filesystem::equivalent(reread.members[1], test::tinyTrainedModelPath()));

        // An ensemble of ensembles could loop: refused with one line.
        const auto nested = folder / "nested.json";
        test::writeBytes(nested, R"({"name": "nested", "kind": "ensemble", "members": ["pair.json"]})");
        const QString refusal = errorOf([&] { core::loadClassifier(nested); });
        QVERIFY2(refusal.contains("not another ensemble"), qPrintable(refusal));
        const auto missing = folder / "missing.json";
        test::writeBytes(missing, R"({"name": "missing", "kind": "ensemble", "members": ["nowhere.json"]})");
        QVERIFY(errorOf([&] { core::loadClassifier(missing); }).contains("nowhere.json"));
    }

    void transferFromItselfIsTheWhiteBoxEvaluation()
    {
        auto model = core::loadClassifier(test::tinyTrainedModelPath());
        const auto data = test::fashionMnist(false, 48);
        auto attack = core::createAttack("bim");
        core::AttackConfig config;
        config.steps = 3;
        core::CurveOptions options;
        options.batchSize = 20;
        options.method = core::CurveMethod::Naive;
        const std::vector<double> epsilons{0.0, 0.05, 0.15};
        const core::RobustnessReport white =
            core::evaluateRobustness(*model, data, *attack, config, epsilons, options);
        const core::RobustnessReport transfer =
            core::evaluateTransfer(*model, *model, data, *attack, config, epsilons, options);
        QCOMPARE(transfer.points.size(), white.points.size());
        QCOMPARE(transfer.cleanCorrect, white.cleanCorrect);
        for (std::size_t p = 0; p < white.points.size(); ++p) {
            QCOMPARE(transfer.points[p].successes, white.points[p].successes);
            QCOMPARE(transfer.points[p].robustAccuracy, white.points[p].robustAccuracy);
            QCOMPARE(transfer.points[p].gradientEvaluations, white.points[p].gradientEvaluations);
        }
        QVERIFY(white.points.back().successes > 0);
        QCOMPARE(transfer.surrogate, model->metadata().name);
        const std::string json = core::reportToJson(transfer);
        QVERIFY(json.find("\"surrogate\": \"" + model->metadata().name + "\"") != std::string::npos);
        QVERIFY(core::reportToJson(white).find("surrogate") == std::string::npos);
        // A share of the images gets the whole run's outcomes for its images.
        core::CurveOptions half = options;
        half.images = core::shareImages(data.size(), options.batchSize, {1, 2});
        const core::RobustnessReport share =
            core::evaluateTransfer(*model, *model, data, *attack, config, epsilons, half);
        QVERIFY(share.outcomes.indices.equal(half.images));
        for (std::size_t p = 0; p < white.points.size(); ++p)
            QVERIFY(share.outcomes.points[p].success.equal(
                transfer.outcomes.points[p].success.index_select(0, half.images)));
    }

    void transferAttacksATargetWithoutGradients()
    {
        // The label-only view of the MLP hides every gradient; BIM on the MLP
        // itself still makes images that the label-only view is judged on.
        auto target = std::make_shared<core::ThreatModelClassifier>(
            std::shared_ptr<core::Classifier>(core::loadClassifier(test::tinyTrainedModelPath())),
            core::ThreatModel::LabelOnly);
        QVERIFY(!target->inputGradientSupport().available);
        auto surrogate = core::loadClassifier(test::tinyTrainedModelPath());
        const auto data = test::fashionMnist(false, 32);
        auto attack = core::createAttack("bim");
        core::AttackConfig config;
        config.steps = 5;
        const core::RobustnessReport report =
            core::evaluateTransfer(*surrogate, *target, data, *attack, config, {0.0, 0.3});
        QCOMPARE(report.model, target->metadata().name);
        QCOMPARE(report.points.front().successes, std::int64_t(0));
        QVERIFY(report.points.back().successes > 0);
        QVERIFY(report.points.back().gradientEvaluations > 0);
    }
};

QTEST_GUILESS_MAIN(TestEnsembleClassifier)
#include "tst_ensembleclassifier.moc"
