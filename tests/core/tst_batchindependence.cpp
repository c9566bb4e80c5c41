#include "tests/support/testsupport.h"

#include "core/attacks/attackregistry.h"
#include "core/metrics/robustnessevaluation.h"
#include "core/model/classifier.h"

#include <ATen/ATen.h>
#include <QtTest>

using namespace advlens;

namespace {

constexpr std::int64_t kImages = 64;

/// Settings small enough that every attack runs in a moment, with random
/// starts and restarts on where an attack has them.
core::AttackConfig smallConfig(const core::AttackInfo& info)
{
    core::AttackConfig config;
    config.norm = info.supports(core::Norm::Linf) ? core::Norm::Linf : info.norms.front();
    config.epsilon = config.norm == core::Norm::Linf ? 0.05 : 1.0;
    config.steps = 3;
    config.restarts = info.randomStart ? 2 : 1;
    config.seed = 23;
    for (const core::AttackParameter& p : info.parameters) {
        if (p.key == "queries")
            config.extra[p.key] = 40;
        if (p.key == "binary_search_steps")
            config.extra[p.key] = 2;
        if (p.key == "target_classes")
            config.extra[p.key] = 2;
        if (p.key == "iterations") // AutoAttack's stages
            config.extra[p.key] = 3;
        // C&W's and EAD's early abort is the reference's rule on the batch's
        // summed loss, batch-dependent by design (marginsearch.cpp says why
        // it is kept); without it they are per image.
        if (p.key == "abort_early")
            config.extra[p.key] = 0;
    }
    return config;
}

} // namespace

/// Issue 19, §2: an attack's per-image results depend on the run's seed and
/// the image's index in the data set, never on how the images were batched.
class TestBatchIndependence : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<core::Classifier> m_model;
    core::LabelledImages m_data;

private Q_SLOTS:
    void initTestCase()
    {
        m_model = test::tinyTrainedModel();
        m_data = test::fashionMnist(false, kImages);
    }

    void sameResultsWhateverTheBatchSize_data()
    {
        QTest::addColumn<QString>("attack");
        for (const core::AttackInfo& info : core::availableAttacks())
            QTest::newRow(info.name.c_str()) << QString::fromStdString(info.name);
    }

    void sameResultsWhateverTheBatchSize()
    {
        QFETCH(QString, attack);
        const core::AttackInfo& info = core::attackInfo(attack.toStdString());
        const core::AttackConfig config = smallConfig(info);
        const auto inBatches = [&](std::int64_t batchSize) {
            std::vector<at::Tensor> adversarial, queries;
            for (std::int64_t start = 0; start < kImages; start += batchSize) {
                const std::int64_t end = std::min(kImages, start + batchSize);
                core::AttackInput input{m_data.images.slice(0, start, end), m_data.labels.slice(0, start, end), {}};
                input.indices = at::arange(start, end, at::kLong);
                const core::AttackResult r = info.create()->run(*m_model, input, config);
                adversarial.push_back(r.adversarial.to(at::kCPU));
                queries.push_back(r.queriesPerImage);
            }
            return std::make_pair(at::cat(adversarial), at::cat(queries));
        };
        const auto whole = inBatches(kImages);
        for (std::int64_t batchSize : {1, 7}) {
            const auto split = inBatches(batchSize);
            // The model's batched kernels (oneDNN, OpenBLAS) may round the last
            // bit differently for another batch size; attacks that step along
            // the gradient's size (DeepFool) carry that rounding, nothing more.
            const double difference = (split.first - whole.first).abs().max().item<double>();
            QVERIFY2(difference <= 1e-5,
                     qPrintable(QString("batch size %1: largest difference %2").arg(batchSize).arg(difference)));
            QVERIFY2(split.second.equal(whole.second), qPrintable(QString("queries, batch size %1").arg(batchSize)));
        }
    }

    // An image evaluated inside a share of the set (eval --shard) keeps its
    // index in the set: its random draws and its target, hence its outcomes,
    // are those of the whole run.
    void sameResultsInsideASubset_data()
    {
        QTest::addColumn<QString>("attack");
        QTest::addColumn<bool>("targeted");
        QTest::newRow("pgd") << "pgd" << false;
        QTest::newRow("pgd targeted") << "pgd" << true;
        QTest::newRow("square") << "square" << false;
        QTest::newRow("uniform-noise") << "uniform-noise" << false;
    }

    void sameResultsInsideASubset()
    {
        QFETCH(QString, attack);
        QFETCH(bool, targeted);
        const core::AttackInfo& info = core::attackInfo(attack.toStdString());
        core::AttackConfig config = smallConfig(info);
        config.targeted = targeted;
        if (attack == "uniform-noise") // a budget at which noise fools some images
            config.epsilon = 0.3;
        auto instance = info.create();
        core::CurveOptions options;
        options.batchSize = 1; // the same batches either way: no kernel rounding in the comparison
        options.method = core::CurveMethod::Naive;
        const core::RobustnessReport whole =
            core::evaluateRobustness(*m_model, m_data, *instance, config, {config.epsilon}, options);
        options.images = at::arange(5, kImages, 3, at::kLong);
        const core::RobustnessReport share =
            core::evaluateRobustness(*m_model, m_data, *instance, config, {config.epsilon}, options);
        QVERIFY(share.outcomes.indices.equal(options.images));
        const core::PointOutcomes& all = whole.outcomes.points.at(0);
        const core::PointOutcomes& some = share.outcomes.points.at(0);
        const at::Tensor picked = options.images;
        QVERIFY(some.predictions.equal(all.predictions.index_select(0, picked)));
        QVERIFY(some.success.equal(all.success.index_select(0, picked)));
        QVERIFY(some.linf.equal(all.linf.index_select(0, picked)));
        QVERIFY(some.l2.equal(all.l2.index_select(0, picked)));
        QVERIFY(some.queries.equal(all.queries.index_select(0, picked)));
        QCOMPARE(some.queriesToSuccess.defined(), all.queriesToSuccess.defined());
        if (all.queriesToSuccess.defined())
            QVERIFY(some.queriesToSuccess.equal(all.queriesToSuccess.index_select(0, picked)));
        QVERIFY(all.success.any().item<bool>()); // the attack did something to compare
    }
};

QTEST_GUILESS_MAIN(TestBatchIndependence)
#include "tst_batchindependence.moc"
