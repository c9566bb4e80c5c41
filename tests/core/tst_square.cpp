#include "tests/support/linearclassifier.h"
#include "tests/support/testsupport.h"

#include "core/attacks/square.h"
#include "core/attacks/attackinfo.h"
#include "core/attacks/targetselection.h"
#include "core/model/classifier.h"
#include "core/util/error.h"

#include <ATen/ATen.h>
#include <QtTest>

#include <map>
#include <vector>

using namespace advlens;

Q_DECLARE_METATYPE(core::Norm)

namespace {

constexpr std::int64_t kImages = 100;

double largestDistance(const at::Tensor& delta, core::Norm norm)
{
    const at::Tensor flat = delta.flatten(1);
    return norm == core::Norm::Linf ? flat.abs().max().item<double>() : flat.norm(2, {1}).max().item<double>();
}

/// The untargeted margin z_y − max_{i≠y} z_i of each row.
at::Tensor marginsOf(const at::Tensor& logits, const at::Tensor& labels)
{
    const at::Tensor own = logits.gather(1, labels.unsqueeze(1)).squeeze(1);
    const at::Tensor others = std::get<0>(logits.scatter(1, labels.unsqueeze(1), -1e30).max(1));
    return own - others;
}

/// Wraps a classifier and records, for every row it is asked to classify,
/// which image of a known set it is a perturbation of (the nearest one) and
/// that row's margin, in the order asked.
class QueryRecorder : public core::Classifier {
public:
    QueryRecorder(std::unique_ptr<core::Classifier> inner, const at::Tensor& images, const at::Tensor& labels)
        : core::Classifier(plainMetadata(inner->metadata()))
        , m_inner(std::move(inner))
        , m_images(images.flatten(1))
        , m_labels(labels)
        , m_margins(static_cast<std::size_t>(images.size(0)))
    {
    }

    /// Margins of the queries on image i, in order (the clean check first).
    const std::vector<float>& margins(std::int64_t i) const { return m_margins.at(static_cast<std::size_t>(i)); }

    std::vector<at::Tensor> parameters() override { return m_inner->parameters(); }
    void setTrainingMode(bool training) override { m_inner->setTrainingMode(training); }
    void save(const std::filesystem::path&) override { throw core::Error("not saved"); }

protected:
    at::Tensor forwardNormalised(const at::Tensor& pixels) override // mean 0, std 1: the pixels themselves
    {
        const at::Tensor logits = m_inner->logits(pixels);
        const at::Tensor owner = at::cdist(pixels.flatten(1), m_images).argmin(1);
        const at::Tensor margins = marginsOf(logits.detach(), m_labels.index_select(0, owner));
        for (std::int64_t r = 0; r < owner.size(0); ++r)
            m_margins.at(static_cast<std::size_t>(owner[r].item<std::int64_t>())).push_back(margins[r].item<float>());
        return logits;
    }
    void moveModuleTo(c10::Device device) override { m_inner->moveTo(device); }

private:
    static core::ModelMetadata plainMetadata(core::ModelMetadata metadata)
    {
        metadata.mean.assign(metadata.mean.size(), 0.0f);
        metadata.std.assign(metadata.std.size(), 1.0f);
        return metadata;
    }

    std::unique_ptr<core::Classifier> m_inner;
    at::Tensor m_images, m_labels;
    std::vector<std::vector<float>> m_margins;
};

} // namespace

class TestSquare : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<core::Classifier> m_model;
    core::LabelledImages m_data;
    at::Tensor m_cleanCorrect;

    core::AttackResult run(const core::AttackConfig& config, const core::RunControl& control = {},
                           const at::Tensor& targets = {})
    {
        return core::Square().run(*m_model, {m_data.images, m_data.labels, targets}, config, control);
    }

    static core::AttackConfig configFor(core::Norm norm, double epsilon, int queries)
    {
        core::AttackConfig config;
        config.norm = norm;
        config.epsilon = epsilon;
        config.extra["queries"] = queries;
        return config;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_model = test::tinyTrainedModel();
        m_data = test::fashionMnist(false, kImages);
        at::NoGradGuard noGrad;
        m_cleanCorrect = m_model->logits(m_data.images).argmax(1).eq(m_data.labels);
    }

    void describesAQueryOnlyAttack()
    {
        const core::AttackInfo info = core::Square::describe();
        QCOMPARE(info.name, core::Square().name());
        QVERIFY(!info.needsGradients && !info.iterative && !info.minimal);
        QVERIFY(info.supports(core::Norm::Linf) && info.supports(core::Norm::L2) && !info.supports(core::Norm::L1));
        QCOMPARE(info.parameter("queries")->defaultValue.value(), 5000.0);
        QCOMPARE(info.parameter("p_init")->defaultValue.value(), 0.8);
        QVERIFY(!info.parameter("p_init")->accepts(0.0) && info.parameter("p_init")->accepts(1.0));
        QCOMPARE(info.parameter("rescale_schedule")->defaultValue.value(), 1.0);
        core::AttackConfig config = configFor(core::Norm::L1, 1.0, 10);
        QVERIFY_THROWS_EXCEPTION(core::Error, run(config));
    }

    // The reference's p_selection: p_init, halved when the iteration passes
    // 10, 50, 200, 500, 1000, 2000, 4000, 6000 and 8000.
    void scheduleHalvesAtThePublishedIterations()
    {
        const std::map<int, double> share = {{0, 0.8},      {10, 0.8},     {11, 0.4},     {50, 0.4},
                                             {51, 0.2},     {200, 0.2},    {201, 0.1},    {500, 0.1},
                                             {501, 0.05},   {1000, 0.05},  {1001, 0.025}, {2000, 0.025},
                                             {2001, 0.0125}, {4001, 0.00625}, {6001, 0.003125},
                                             {8000, 0.003125}, {8001, 0.0015625}, {100000, 0.0015625}};
        for (const auto& [iteration, p] : share)
            QVERIFY2(core::squareFraction(iteration, 0.8) == p, qPrintable(QString::number(iteration)));
        QCOMPARE(core::squareFraction(11, 0.5), 0.25);
    }

    // Rescaled: it ← int(it / n · 10000), by hand.
    void scheduleRescalesToTheBudget()
    {
        // n = 5000: 5 → 10 (p), 6 → 11.999… → 11 (p/2), 25 → 50, 26 → 52, 100 → 200, 101 → 202,
        // 4000 → 8000, 4001 → 8002.
        const std::map<int, double> fiveThousand = {{5, 0.8},   {6, 0.4},    {25, 0.4},        {26, 0.2},
                                                    {100, 0.2}, {101, 0.1},  {4000, 0.8 / 256}, {4001, 0.8 / 512}};
        for (const auto& [iteration, p] : fiveThousand)
            QVERIFY2(core::squareFraction(iteration, 0.8, 5000) == p, qPrintable(QString::number(iteration)));
        // n = 1000: 1 → 10, 2 → 20, 5 → 50, 6 → 60, 999 → 9990.
        const std::map<int, double> thousand = {{1, 0.8}, {2, 0.4}, {5, 0.4}, {6, 0.2}, {999, 0.8 / 512}};
        for (const auto& [iteration, p] : thousand)
            QVERIFY2(core::squareFraction(iteration, 0.8, 1000) == p, qPrintable(QString::number(iteration)));
        // n = 10000 is the schedule itself.
        for (int iteration : {10, 11, 2000, 2001, 8001})
            QCOMPARE(core::squareFraction(iteration, 0.8, 10000), core::squareFraction(iteration, 0.8));
    }

    void squareSidesFollowTheReference()
    {
        // round(√(p·h·w)): √(0.8·784) = 25.04, √(0.4·784) = 17.7.
        QCOMPARE(core::squareSide(0.8, 1, 28, 28, core::Norm::Linf), 25);
        QCOMPARE(core::squareSide(0.4, 1, 28, 28, core::Norm::Linf), 18);
        QCOMPARE(core::squareSide(0.4, 1, 28, 28, core::Norm::L2), 19); // odd
        QCOMPARE(core::squareSide(0.8 / 512, 1, 28, 28, core::Norm::Linf), 1);
        QCOMPARE(core::squareSide(0.8 / 512, 1, 28, 28, core::Norm::L2), 3);
        // Channels do not count: √(0.8·3072/3) = 28.6.
        QCOMPARE(core::squareSide(0.8, 3, 32, 32, core::Norm::Linf), 29);
        QCOMPARE(core::squareSide(1.0, 1, 8, 8, core::Norm::Linf), 8);
        QCOMPARE(core::squareSide(1.0, 1, 8, 8, core::Norm::L2), 8); // capped after the odd bump
        // Python rounds ties to even: √(49/256·64) = 3.5 → 4, √(25/256·64) = 2.5 → 2 (lround: 3).
        QCOMPARE(core::squareSide(49.0 / 256.0, 1, 8, 8, core::Norm::Linf), 4);
        QCOMPARE(core::squareSide(25.0 / 256.0, 1, 8, 8, core::Norm::Linf), 2);
    }

    // (1) Every query seen by the model: misclassified images none, an image
    // fooled at iteration k exactly k + 1, a robust one the whole budget.
    void queriesAreCountedExactly_data()
    {
        QTest::addColumn<core::Norm>("norm");
        QTest::addColumn<double>("epsilon");
        QTest::newRow("linf") << core::Norm::Linf << 0.1;
        QTest::newRow("l2") << core::Norm::L2 << 2.0;
    }
    void queriesAreCountedExactly()
    {
        QFETCH(core::Norm, norm);
        QFETCH(double, epsilon);
        constexpr int kBudget = 60;
        QueryRecorder recorder(test::tinyTrainedModel(), m_data.images, m_data.labels);
        core::AttackConfig config = configFor(norm, epsilon, kBudget);
        const core::AttackResult r =
            core::Square().run(recorder, {m_data.images, m_data.labels, {}}, config);
        QCOMPARE(r.gradientEvaluations, std::int64_t{0});
        QVERIFY(r.gradientEvaluationsPerImage.eq(0).all().item<bool>());
        int atStart = 0, later = 0, robust = 0, wrong = 0;
        for (std::int64_t i = 0; i < kImages; ++i) {
            const std::vector<float>& margins = recorder.margins(i);
            QVERIFY(!margins.empty()); // the clean check, not counted
            const auto spent = static_cast<std::int64_t>(margins.size()) - 1;
            QCOMPARE(r.queriesPerImage[i].item<std::int64_t>(), spent);
            if (!m_cleanCorrect[i].item<bool>()) {
                QCOMPARE(spent, std::int64_t{0});
                ++wrong;
                continue;
            }
            const auto fooling = std::find_if(margins.begin() + 1, margins.end(), [](float m) { return m <= 0.0f; });
            if (fooling == margins.end()) {
                QCOMPARE(spent, std::int64_t{kBudget});
                QVERIFY(!r.success[i].item<bool>());
                ++robust;
            } else {
                const auto k = std::distance(margins.begin() + 1, fooling); // 0: the first evaluation
                QCOMPARE(spent, std::int64_t{k + 1});
                QVERIFY(r.success[i].item<bool>());
                ++(k == 0 ? atStart : later);
            }
        }
        qInfo("fooled by the start %d, later %d; robust %d; misclassified %d", atStart, later, robust, wrong);
        QVERIFY(later > 0 && robust > 0 && wrong > 0); // otherwise some rule above went untested
    }

    // (3) A linear model: an image's ℓ∞ distance to the boundary with class j
    // is margin_j / ‖w_y − w_j‖₁ (pixels in [0.3, 0.7] and ε < 0.3, so the box
    // never binds). Images farther than ε are never fooled; images well
    // inside it are found.
    void linearModelHonoursTheClosedForm()
    {
        at::manual_seed(3);
        const at::Tensor weight = at::randn({10, 64});
        const at::Tensor bias = at::randn({10});
        test::LinearClassifier model(weight, bias);
        const at::Tensor images = at::rand({200, 1, 8, 8}) * 0.4 + 0.3;
        const at::Tensor logits = images.flatten(1).matmul(weight.t()) + bias;
        const at::Tensor labels = logits.argmax(1);
        at::Tensor distance = at::full({200}, 1e9);
        for (std::int64_t j = 0; j < 10; ++j) {
            const at::Tensor dual = (weight.index_select(0, labels) - weight[j]).abs().sum(1);
            const at::Tensor margin = logits.gather(1, labels.unsqueeze(1)).squeeze(1) - logits.select(1, j);
            distance = at::where(labels.eq(j), distance, at::minimum(distance, margin / dual));
        }
        const double epsilon = distance.median().item<double>();
        QVERIFY(epsilon < 0.25);
        core::AttackConfig config = configFor(core::Norm::Linf, epsilon, 1000);
        const core::AttackResult r = core::Square().run(model, {images, labels, {}}, config);
        const at::Tensor far = distance.gt(epsilon);
        const at::Tensor near = distance.lt(0.5 * epsilon);
        QCOMPARE(r.success.logical_and(far).sum().item<std::int64_t>(), std::int64_t{0});
        const double found = r.success.logical_and(near).sum().item<double>() / near.sum().item<double>();
        qInfo("epsilon %.4f: fooled %.3f of the %lld images within half of it", epsilon, found,
              static_cast<long long>(near.sum().item<std::int64_t>()));
        QVERIFY2(found >= 0.9, qPrintable(QString::number(found)));
    }

    void foolsTheTinyModel()
    {
        const core::AttackResult r = run(configFor(core::Norm::Linf, 0.1, 1000));
        const double rate = r.success.sum().item<double>() / m_cleanCorrect.sum().item<double>();
        const at::Tensor fooled = r.queriesPerImage.masked_select(r.success);
        qInfo("linf 0.1, 1000 queries: fooled %.3f of the correctly classified, median %lld queries", rate,
              static_cast<long long>(fooled.median().item<std::int64_t>()));
        QVERIFY2(rate >= 0.45, qPrintable(QString::number(rate))); // measured 0.534
    }

    void targetedRunsReachTheirTargets()
    {
        core::AttackConfig config = configFor(core::Norm::Linf, 0.3, 300);
        config.targeted = true;
        const at::Tensor targets = core::randomTargets(m_data.labels, 10, 4);
        const core::AttackResult r = run(config, {}, targets);
        const double rate = r.success.sum().item<double>() / m_cleanCorrect.sum().item<double>();
        qInfo("targeted linf 0.3, 300 queries: %.3f reached", rate);
        QVERIFY(rate >= 0.5);
        QCOMPARE(r.success.logical_and(r.adversarialPredictions.ne(targets)).sum().item<std::int64_t>(),
                 std::int64_t{0});
    }

    // (4)
    void budgetAndBoxHold_data()
    {
        QTest::addColumn<core::Norm>("norm");
        QTest::addColumn<double>("epsilon");
        QTest::newRow("linf small") << core::Norm::Linf << 0.03;
        QTest::newRow("linf large") << core::Norm::Linf << 0.5;
        QTest::newRow("l2 small") << core::Norm::L2 << 0.5;
        QTest::newRow("l2 large") << core::Norm::L2 << 8.0;
        QTest::newRow("linf zero") << core::Norm::Linf << 0.0;
        QTest::newRow("l2 zero") << core::Norm::L2 << 0.0;
    }
    void budgetAndBoxHold()
    {
        QFETCH(core::Norm, norm);
        QFETCH(double, epsilon);
        core::AttackConfig config = configFor(norm, epsilon, 40);
        config.restarts = 2;
        const core::AttackResult r = run(config);
        const at::Tensor delta = r.adversarial - m_data.images;
        QVERIFY2(largestDistance(delta, norm) <= epsilon * (1 + 1e-5) + 1e-6,
                 qPrintable(QString::number(largestDistance(delta, norm))));
        QVERIFY(r.adversarial.min().item<float>() >= 0.0f && r.adversarial.max().item<float>() <= 1.0f);
        at::NoGradGuard noGrad;
        QVERIFY(at::allclose(r.adversarialLogits, m_model->logits(r.adversarial), 1e-4, 1e-4));
        QVERIFY(r.queriesPerImage.le(2 * 40).all().item<bool>());
        if (epsilon == 0.0) {
            QVERIFY(r.adversarial.equal(m_data.images));
            QCOMPARE(r.success.sum().item<std::int64_t>(), std::int64_t{0});
        } else {
            QVERIFY(delta.abs().sum().item<double>() > 0.0); // it did perturb
        }
    }

    // (5)
    void resultsDoNotDependOnTheBatchSplit_data()
    {
        QTest::addColumn<core::Norm>("norm");
        QTest::addColumn<double>("epsilon");
        QTest::newRow("linf") << core::Norm::Linf << 0.06;
        QTest::newRow("l2") << core::Norm::L2 << 1.0;
    }
    void resultsDoNotDependOnTheBatchSplit()
    {
        QFETCH(core::Norm, norm);
        QFETCH(double, epsilon);
        constexpr int kBudget = 20;
        core::AttackConfig config = configFor(norm, epsilon, kBudget);
        config.restarts = 2;
        config.seed = 17;
        const std::int64_t n = 64;
        const auto attackInBatches = [&](std::int64_t batchSize) {
            std::vector<at::Tensor> adversarial, queries;
            for (std::int64_t start = 0; start < n; start += batchSize) {
                const std::int64_t end = std::min(n, start + batchSize);
                core::AttackInput input{m_data.images.slice(0, start, end), m_data.labels.slice(0, start, end), {}};
                input.indices = at::arange(start, end, at::kLong);
                const core::AttackResult r = core::Square().run(*m_model, input, config);
                adversarial.push_back(r.adversarial);
                queries.push_back(r.queriesPerImage);
            }
            return std::make_pair(at::cat(adversarial), at::cat(queries));
        };
        const auto whole = attackInBatches(n);
        for (std::int64_t batchSize : {1, 7}) {
            const auto split = attackInBatches(batchSize);
            QVERIFY2(split.first.equal(whole.first), qPrintable(QString("batch size %1").arg(batchSize)));
            QVERIFY(split.second.equal(whole.second));
        }
        // Some images were fooled early and some took both restarts, so the
        // comparison covered images stopping at different times.
        QVERIFY(whole.second.gt(0).equal(m_cleanCorrect.slice(0, 0, n)));
        QVERIFY(whole.second.eq(2 * kBudget).any().item<bool>());
        QVERIFY(whole.second.gt(0).logical_and(whole.second.lt(kBudget)).any().item<bool>());
    }

    // (6)
    void sameSeedSameResult()
    {
        core::AttackConfig config = configFor(core::Norm::Linf, 0.05, 20);
        config.seed = 5;
        const core::AttackResult a = run(config);
        const core::AttackResult b = run(config);
        QVERIFY(a.adversarial.equal(b.adversarial));
        QVERIFY(a.queriesPerImage.equal(b.queriesPerImage));
        config.seed = 6;
        QVERIFY(!run(config).adversarial.equal(a.adversarial));
    }

    // (7) Cancelled after a few iterations: a valid partial result, and the
    // live view saw the search.
    void cancellationReturnsAValidPartialResult()
    {
        core::AttackConfig config = configFor(core::Norm::L2, 1.0, 500);
        core::CancellationToken token;
        std::int64_t reports = 0, iterates = 0, total = 0;
        core::RunControl control;
        control.cancellation = &token;
        control.progress = [&](std::int64_t done, std::int64_t of) {
            reports = done;
            total = of;
            if (done == 10)
                token.cancel();
        };
        control.iterate = [&](std::int64_t, const at::Tensor& x) {
            QCOMPARE(x.sizes(), m_data.images.sizes());
            ++iterates;
        };
        const core::AttackResult r = run(config, control);
        QVERIFY(r.cancelled);
        QCOMPARE(total, std::int64_t{500});
        QCOMPARE(reports, std::int64_t{10});
        QCOMPARE(iterates, std::int64_t{10});
        QVERIFY(r.queriesPerImage.le(10).all().item<bool>());
        QVERIFY(r.queriesPerImage.eq(10).any().item<bool>());
        QVERIFY(largestDistance(r.adversarial - m_data.images, core::Norm::L2) <= 1.0 + 1e-5);
        QVERIFY(r.adversarial.min().item<float>() >= 0.0f && r.adversarial.max().item<float>() <= 1.0f);
        at::NoGradGuard noGrad;
        QVERIFY(at::allclose(r.adversarialLogits, m_model->logits(r.adversarial), 1e-4, 1e-4));
        QVERIFY(r.success.equal(r.adversarialLogits.argmax(1).ne(m_data.labels).logical_and(m_cleanCorrect)));
    }
};

QTEST_GUILESS_MAIN(TestSquare)
#include "tst_square.moc"
