#include "tests/support/linearclassifier.h"
#include "tests/support/testsupport.h"

#include "core/attacks/autoattack.h"
#include "core/attacks/attackregistry.h"
#include "core/attacks/evaluationsigns.h"
#include "core/data/fashionmnist.h"
#include "core/model/classifier.h"
#include "core/model/modelloader.h"
#include "core/util/error.h"

#include <ATen/ATen.h>
#include <QtTest>
#include <torch/script.h>

#include <set>

using namespace advlens;

namespace {

constexpr std::int64_t kImages = 120;

/// A TorchScript model on Fashion-MNIST-shaped input from its source.
std::unique_ptr<core::Classifier> scriptedModel(const std::string& name, const std::string& forwardBody)
{
    torch::manual_seed(3);
    torch::jit::Module module("AutoAttackTestModel");
    module.register_parameter("weight", torch::randn({10, 784}) * 0.1, false);
    module.define("def forward(self, x):\n" + forwardBody + "\n");
    const auto folder = test::scratchDirectory();
    module.save((folder / (name + ".pt")).string());
    core::ModelMetadata meta;
    meta.name = name;
    meta.kind = core::ModelKind::TorchScript;
    meta.weights = folder / (name + ".pt");
    meta.mean = {0.0f};
    meta.std = {1.0f};
    meta.classNames = core::fashionMnistClassNames();
    core::writeModelMetadata(meta, folder / (name + ".json"));
    return core::loadClassifier(folder / (name + ".json"));
}

core::StagePlan stage(const char* attack, int steps, std::uint64_t seed, std::map<std::string, double> extra = {})
{
    core::AttackConfig config;
    config.epsilon = 0.04;
    config.steps = steps;
    config.seed = seed;
    config.extra = std::move(extra);
    return {attack, config};
}

} // namespace

class TestAutoAttack : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<core::Classifier> m_model;
    core::LabelledImages m_data;
    at::Tensor m_cleanCorrect;

    core::AttackInput input() const
    {
        core::AttackInput in{m_data.images, m_data.labels, {}};
        in.indices = at::arange(kImages, at::kLong);
        return in;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_model = test::tinyTrainedModel();
        m_data = test::fashionMnist(false, kImages);
        at::NoGradGuard noGrad;
        m_cleanCorrect = m_model->logits(m_data.images).argmax(1).eq(m_data.labels);
    }

    // Each stage attacks exactly the images the stages before left robust,
    // and its table adds up with the per-image counts.
    void stagesAttackOnlyWhatIsStillRobust()
    {
        core::AttackConfig evaluation;
        evaluation.epsilon = 0.04;
        const std::vector<core::StagePlan> plans = {stage("apgd-ce", 5, 1),
                                                    stage("apgd-t", 5, 2, {{"target_classes", 2}})};
        const core::AttackResult r = core::runAttackStages(*m_model, input(), evaluation, plans);
        QCOMPARE(r.stages.size(), std::size_t{2});
        const std::int64_t correct = m_cleanCorrect.sum().item<std::int64_t>();
        QCOMPARE(r.stages[0].attacked, correct);
        QCOMPARE(r.stages[1].attacked, r.stages[0].robustAfter);
        QVERIFY(r.stages[0].robustAfter < correct); // the first stage did fool some
        QVERIFY(r.stages[1].robustAfter <= r.stages[0].robustAfter);
        QCOMPARE(r.success.sum().item<std::int64_t>(), correct - r.stages[1].robustAfter);

        // APGD-CE fooled an image → it cost steps + 1 queries and nothing more;
        // a robust one went through APGD-CE and both APGD-T runs.
        const core::AttackResult first = core::createAttack("apgd-ce")->run(*m_model, input(), plans[0].config);
        const at::Tensor fooledFirst = first.success;
        const at::Tensor queries = r.queriesPerImage;
        QVERIFY(queries.masked_select(fooledFirst).eq(6).all().item<bool>());
        const at::Tensor stillRobust = r.success.logical_not().logical_and(m_cleanCorrect);
        QVERIFY(queries.masked_select(stillRobust).eq(6 + 2 * 6).all().item<bool>());
        QVERIFY(queries.masked_select(m_cleanCorrect.logical_not()).eq(0).all().item<bool>());
        QCOMPARE(r.stages[0].queries + r.stages[1].queries, queries.sum().item<std::int64_t>());
        // The first stage's successes are kept as they were found.
        QVERIFY(r.adversarial.index_select(0, fooledFirst.nonzero().squeeze(1))
                    .equal(first.adversarial.index_select(0, fooledFirst.nonzero().squeeze(1))));
    }

    void staysInTheBallAndTheBox()
    {
        core::AttackConfig evaluation;
        evaluation.epsilon = 0.04;
        const core::AttackResult r = core::runAttackStages(*m_model, input(), evaluation,
                                                           {stage("apgd-ce", 3, 1), stage("apgd-t", 3, 2)});
        QVERIFY((r.adversarial - m_data.images).abs().max().item<double>() <= 0.04 + 1e-6);
        QVERIFY(r.adversarial.min().item<double>() >= 0.0 && r.adversarial.max().item<double>() <= 1.0);
    }

    void standardVersionIsThePublishedComposition()
    {
        core::AttackConfig config;
        config.epsilon = 0.1;
        const std::vector<core::StagePlan> stages = core::AutoAttack::standardStages(config);
        QCOMPARE(stages.size(), std::size_t{4});
        const char* names[] = {"apgd-ce", "apgd-t", "fab-t", "square"};
        for (std::size_t s = 0; s < 4; ++s) {
            QCOMPARE(stages[s].attack, std::string(names[s]));
            QCOMPARE(stages[s].config.restarts, 1);
            QCOMPARE(stages[s].config.epsilon, 0.1);
        }
        QCOMPARE(stages[0].config.steps, 100);
        QCOMPARE(stages[1].config.extra.at("target_classes"), 9.0);
        QCOMPARE(stages[2].config.extra.at("target_classes"), 9.0);
        QCOMPARE(stages[3].config.extra.at("queries"), 5001.0); // 5000 iterations after the first evaluation
        QCOMPARE(stages[3].config.extra.at("p_init"), 0.8);
        QCOMPARE(stages[3].config.extra.at("rescale_schedule"), 0.0); // the standard version does not rescale
        QCOMPARE(stages[2].config.steps, 100);
        std::set<std::uint64_t> seeds;
        for (const core::StagePlan& plan : stages)
            seeds.insert(plan.config.seed);
        QCOMPARE(seeds.size(), std::size_t{4}); // not the same random starts twice
        config.extra = {{"iterations", 20}, {"queries", 300}};
        QCOMPARE(core::AutoAttack::standardStages(config)[1].config.steps, 20);
        QCOMPARE(core::AutoAttack::standardStages(config)[3].config.extra.at("queries"), 301.0);
    }

    // The reference's version='rand': APGD-CE and APGD-DLR, 1 restart, EOT 20.
    void randVersionIsThePublishedComposition()
    {
        core::AttackConfig config;
        config.epsilon = 0.1;
        const std::vector<core::StagePlan> stages = core::AutoAttack::stagesOf(core::AutoAttackVersion::Rand, config);
        QCOMPARE(stages.size(), std::size_t{2});
        QCOMPARE(stages[0].attack, std::string("apgd-ce"));
        QCOMPARE(stages[1].attack, std::string("apgd-dlr"));
        for (const core::StagePlan& plan : stages) {
            QCOMPARE(plan.config.restarts, 1);
            QCOMPARE(plan.config.steps, 100);
            QCOMPARE(plan.config.extra.at("eot"), 20.0);
        }
        config.extra = {{"eot", 5}, {"iterations", 10}};
        QCOMPARE(core::AutoAttack::stagesOf(core::AutoAttackVersion::Rand, config)[1].config.extra.at("eot"), 5.0);
        QCOMPARE(core::AutoAttack::stagesOf(core::AutoAttackVersion::Rand, config)[1].config.steps, 10);
        // Rand reads no Square budget, the standard version no EOT.
        QVERIFY(!core::attackInfo("autoattack-rand").parameter("queries"));
        QVERIFY(!core::attackInfo("autoattack").parameter("eot"));
    }

    // The reference's version='plus': APGD-CE, APGD-DLR and FAB with 5
    // restarts, Square (5000 queries), then APGD-T and FAB-T (9 targets each).
    void plusVersionIsThePublishedComposition()
    {
        core::AttackConfig config;
        config.epsilon = 0.1;
        const std::vector<core::StagePlan> stages = core::AutoAttack::stagesOf(core::AutoAttackVersion::Plus, config);
        const char* names[] = {"apgd-ce", "apgd-dlr", "fab", "square", "apgd-t", "fab-t"};
        const int restarts[] = {5, 5, 5, 1, 1, 1};
        QCOMPARE(stages.size(), std::size_t{6});
        std::set<std::uint64_t> seeds;
        for (std::size_t s = 0; s < 6; ++s) {
            QCOMPARE(stages[s].attack, std::string(names[s]));
            QCOMPARE(stages[s].config.restarts, restarts[s]);
            QVERIFY(core::attackInfo(stages[s].attack).supports(core::Norm::L2));
            seeds.insert(stages[s].config.seed);
        }
        QCOMPARE(seeds.size(), std::size_t{6});
        QCOMPARE(stages[3].config.extra.at("queries"), 5001.0);
        QCOMPARE(stages[4].config.extra.at("target_classes"), 9.0);
        QCOMPARE(stages[5].config.extra.at("target_classes"), 9.0);
    }

    // Each version runs as one attack: its stages attack what the ones before
    // left robust, and each image's queries add up over the stages it went through.
    void randAndPlusRunOnlyOnRobustPoints()
    {
        core::AttackConfig config;
        config.epsilon = 0.04;
        config.extra = {{"iterations", 4}, {"eot", 2}};
        const core::AttackResult rand = core::createAttack("autoattack-rand")->run(*m_model, input(), config);
        QCOMPARE(rand.stages.size(), std::size_t{2});
        QCOMPARE(rand.stages[0].attacked, m_cleanCorrect.sum().item<std::int64_t>());
        QCOMPARE(rand.stages[1].attacked, rand.stages[0].robustAfter);
        const at::Tensor robust = rand.success.logical_not().logical_and(m_cleanCorrect);
        QVERIFY(robust.any().item<bool>());
        // (4 + 1) steps × 2 draws in each of the two stages.
        QVERIFY(rand.queriesPerImage.masked_select(robust).eq(2 * 5 * 2).all().item<bool>());
        QVERIFY(rand.signs.checked);

        config.extra = {{"iterations", 3}, {"target_classes", 2}, {"queries", 20}};
        const core::AttackResult plus = core::createAttack("autoattack-plus")->run(*m_model, input(), config);
        QCOMPARE(plus.stages.size(), std::size_t{6});
        for (std::size_t s = 1; s < 6; ++s)
            QCOMPARE(plus.stages[s].attacked, plus.stages[s - 1].robustAfter);
        QCOMPARE(plus.success.sum().item<std::int64_t>(),
                 m_cleanCorrect.sum().item<std::int64_t>() - plus.stages.back().robustAfter);
        QVERIFY((plus.adversarial - m_data.images).abs().max().item<double>() <= 0.04 + 1e-6);
    }

    void versionsRefuseTooFewClasses()
    {
        at::manual_seed(8);
        const auto refusal = [](const char* attack, std::int64_t classes) {
            test::LinearClassifier model(at::randn({classes, 64}), at::randn({classes}), {1, 8, 8});
            const at::Tensor images = at::rand({4, 1, 8, 8});
            core::AttackConfig config;
            config.epsilon = 0.1;
            config.extra = {{"iterations", 2}};
            try {
                core::createAttack(attack)->run(model, {images, at::zeros({4}, at::kLong), {}}, config);
            } catch (const core::Error& e) {
                return QString(e.what());
            }
            return QString();
        };
        QVERIFY2(refusal("autoattack-rand", 2).contains("at least 3 classes"), qPrintable(refusal("autoattack-rand", 2)));
        QVERIFY(refusal("autoattack-rand", 3).isEmpty());
        QVERIFY2(refusal("autoattack-plus", 3).contains("at least 4 classes"), qPrintable(refusal("autoattack-plus", 3)));
        QVERIFY(refusal("apgd-dlr", 2).contains("3 classes"));
    }

    void refusesATargetedRun()
    {
        core::AttackConfig targeted;
        targeted.targeted = true;
        try {
            core::validateAttackConfig(core::attackInfo("autoattack"), targeted);
            QFAIL("a targeted AutoAttack config was accepted");
        } catch (const core::Error& e) {
            QVERIFY2(QString(e.what()).contains("untargeted only"), e.what());
        }
        core::AttackConfig config;
        config.targeted = true;
        core::AttackInput in = input();
        in.targets = (m_data.labels + 1).remainder(10);
        try {
            core::AutoAttack().run(*m_model, in, config);
            QFAIL("a targeted AutoAttack ran");
        } catch (const core::Error& e) {
            QVERIFY2(QString(e.what()).contains("untargeted"), e.what());
        }
    }

    // AutoAttack's checks, each on a model built to trip it and on one that does not.
    void signsOfAnHonestModel()
    {
        const core::EvaluationSigns signs = core::checkEvaluationSigns(*m_model, m_data.images, m_data.labels);
        QVERIFY(signs.checked);
        QVERIFY(!signs.randomised);
        QVERIFY(!signs.probabilities);
        QCOMPARE(signs.zeroGradientImages, std::int64_t{0});
        QVERIFY(core::evaluationWarnings(signs, {}, kImages).empty());
    }

    void signsOfASoftmaxModel()
    {
        auto model = scriptedModel("aa-softmax", "    return torch.softmax(x.flatten(1).matmul(self.weight.t()), 1)");
        const core::EvaluationSigns signs = core::checkEvaluationSigns(*model, m_data.images, m_data.labels);
        QVERIFY(signs.probabilities);
        QVERIFY(!signs.randomised);
        const auto warnings = core::evaluationWarnings(signs, {}, kImages);
        QCOMPARE(warnings.size(), std::size_t{1});
        QVERIFY(QString::fromStdString(warnings[0]).contains("probabilities"));
    }

    void signsOfARandomisedModel()
    {
        auto model = scriptedModel("aa-noisy",
                                   "    return (x + 0.05 * torch.randn_like(x)).flatten(1).matmul(self.weight.t())");
        QVERIFY(core::checkEvaluationSigns(*model, m_data.images, m_data.labels).randomised);
    }

    void signsOfZeroGradients()
    {
        // Dark images (mean below 0.2) pass through a hard threshold: no gradient.
        auto model = scriptedModel("aa-gated", "    gate = (x.flatten(1).mean(1, keepdim=True) > 0.2).float()\n"
                                               "    return gate * x.flatten(1).matmul(self.weight.t())");
        const at::Tensor dark = m_data.images.flatten(1).mean(1).le(0.2);
        // Labelled as the model answers, every image counts as one an attack works on…
        at::Tensor answers;
        {
            at::NoGradGuard noGrad;
            answers = model->logits(m_data.images).argmax(1);
        }
        QVERIFY(dark.any().item<bool>());
        QCOMPARE(core::checkEvaluationSigns(*model, m_data.images, answers).zeroGradientImages,
                 dark.sum().item<std::int64_t>());
        // …and an image the model gets wrong is not counted: nothing to measure there.
        const at::Tensor wrong = answers.clone();
        const std::int64_t firstDark = dark.nonzero()[0][0].item<std::int64_t>();
        wrong[firstDark] = (answers[firstDark] + 1).remainder(10);
        QCOMPARE(core::checkEvaluationSigns(*model, m_data.images, wrong).zeroGradientImages,
                 dark.sum().item<std::int64_t>() - 1);
    }

    // check_square_sr: the gradient-free stage fooling more than 0.2 % of the
    // images after the gradient stages is a sign of masking; less is not.
    void gradientFreeBeatingGradientsIsFlagged()
    {
        core::AttackStage apgd{"apgd-ce", 900, 600, 60600, 1.0, false};
        core::AttackStage square{"square", 600, 597, 3000000, 9.0, true};
        core::EvaluationSigns none;
        const auto flagged = core::evaluationWarnings(none, {apgd, square}, 1000); // 3 of 1000 = 0.3 %
        QCOMPARE(flagged.size(), std::size_t{1});
        QVERIFY2(QString::fromStdString(flagged[0]).contains("square fooled 3 image(s) (0.30 %)"), flagged[0].c_str());
        square.robustAfter = 599; // 0.1 %
        QVERIFY(core::evaluationWarnings(none, {apgd, square}, 1000).empty());
        // A gradient-free stage with no gradient stage before it proves nothing.
        square.robustAfter = 500;
        QVERIFY(core::evaluationWarnings(none, {square}, 1000).empty());
    }

    void stageTablesAddUpOverBatches()
    {
        std::vector<core::AttackStage> total;
        core::addStages(total, {{"apgd-ce", 10, 4, 100, 1.0, false}});
        core::addStages(total, {{"apgd-ce", 20, 5, 200, 2.0, false}});
        QCOMPARE(total[0].attacked, std::int64_t{30});
        QCOMPARE(total[0].robustAfter, std::int64_t{9});
        QCOMPARE(total[0].queries, std::int64_t{300});
        try {
            core::addStages(total, {{"square", 1, 1, 1, 1.0, true}});
            QFAIL("stage tables of different attacks were added");
        } catch (const core::Error&) {
        }
    }
};

QTEST_GUILESS_MAIN(TestAutoAttack)
#include "tst_autoattack.moc"
