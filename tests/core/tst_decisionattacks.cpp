#include "tests/support/linearclassifier.h"
#include "tests/support/testsupport.h"

#include "core/attacks/attackinfo.h"
#include "core/attacks/boundaryattack.h"
#include "core/attacks/hopskipjump.h"
#include "core/model/classifier.h"
#include "core/util/error.h"

#include <ATen/ATen.h>
#include <QtTest>

#include <limits>
#include <memory>
#include <vector>

using namespace advlens;

Q_DECLARE_METATYPE(core::Norm)

namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();

using test::LinearClassifier;

/// A linear problem whose minimal distances are closed-form: images near 0.5,
/// so the nearest boundary point of each lies inside the [0, 1] box.
struct LinearProblem {
    at::Tensor weight, bias, images, labels;

    /// `twoClasses`: classes 2–9 never win, so each image has one facet and
    /// its distance to it is the minimal one.
    static LinearProblem make(std::int64_t n, std::uint64_t seed, bool twoClasses = false)
    {
        at::manual_seed(seed);
        LinearProblem p;
        p.weight = at::randn({10, 64});
        p.bias = at::randn({10}) * 0.5;
        if (twoClasses) {
            p.weight.slice(0, 2).zero_();
            p.bias.slice(0, 2).fill_(-100.0);
        }
        p.images = (at::rand({n, 1, 8, 8}) * 0.2 + 0.4);
        p.labels = p.logits(p.images).argmax(1);
        return p;
    }

    at::Tensor logits(const at::Tensor& x) const { return x.flatten(1).matmul(weight.t()) + bias; }

    /// N×10: each image's distance (in `norm`) to the half-space where class j
    /// beats its label, (z_y − z_j)/‖w_y − w_j‖_q with q dual to `norm` (+∞ at
    /// j = y). A point of class j is never nearer; the minimal adversarial
    /// distance is the row's minimum, and the nearest point of each half-space
    /// is in the box where `inBox` (there the box does not change the answer).
    at::Tensor halfSpaceDistances(core::Norm norm, at::Tensor& inBox) const
    {
        const std::int64_t n = images.size(0);
        const at::Tensor z = logits(images).to(at::kDouble);
        at::Tensor distance = at::full({n, 10}, kInfinity, at::kDouble);
        inBox = at::zeros({n, 10}, at::kBool);
        for (std::int64_t i = 0; i < n; ++i) {
            const std::int64_t y = labels[i].item<std::int64_t>();
            for (std::int64_t j = 0; j < 10; ++j) {
                if (j == y)
                    continue;
                const at::Tensor w = (weight[j] - weight[y]).to(at::kDouble);
                const double margin = (z[i][y] - z[i][j]).item<double>();
                const double d = margin / (norm == core::Norm::L2 ? w.norm() : w.abs().sum()).item<double>();
                const at::Tensor nearest =
                    images[i].flatten().to(at::kDouble) + (norm == core::Norm::L2 ? w / w.norm() : w.sign()) * d;
                inBox[i][j] = nearest.min().item<double>() >= 0.0 && nearest.max().item<double>() <= 1.0;
                distance[i][j] = d;
            }
        }
        return distance;
    }
};

at::Tensor distances(const at::Tensor& delta, core::Norm norm)
{
    const at::Tensor flat = delta.flatten(1).to(at::kDouble);
    return norm == core::Norm::L2 ? flat.norm(2, {1}) : std::get<0>(flat.abs().max(1));
}

core::AttackConfig configFor(core::Norm norm, int queries, double epsilon = kInfinity)
{
    core::AttackConfig config;
    config.norm = norm;
    config.epsilon = epsilon;
    config.extra["queries"] = queries;
    return config;
}

std::unique_ptr<core::Attack> attackNamed(const QString& name)
{
    if (name == "hopskipjump")
        return std::make_unique<core::HopSkipJump>();
    return std::make_unique<core::BoundaryAttack>();
}

/// The attacks and norms every generic test runs.
void addAttackRows()
{
    QTest::addColumn<QString>("attack");
    QTest::addColumn<core::Norm>("norm");
    QTest::newRow("hopskipjump l2") << "hopskipjump" << core::Norm::L2;
    QTest::newRow("hopskipjump linf") << "hopskipjump" << core::Norm::Linf;
    QTest::newRow("boundary") << "boundary" << core::Norm::L2;
}

void verifyValid(const core::AttackResult& r, const at::Tensor& images, const at::Tensor& labels)
{
    QVERIFY(r.adversarial.min().item<float>() >= 0.0f && r.adversarial.max().item<float>() <= 1.0f);
    QCOMPARE(r.gradientEvaluations, std::int64_t{0});
    QVERIFY(r.gradientEvaluationsPerImage.eq(0).all().item<bool>());
    QCOMPARE(r.queriesPerImage.size(0), images.size(0));
    // Success is the class alone; a failure is the clean image itself.
    QVERIFY(r.success.equal(r.adversarialPredictions.ne(labels).logical_and(r.cleanPredictions.eq(labels))));
    const at::Tensor failed = r.success.logical_not().view({-1, 1, 1, 1});
    QVERIFY(at::where(failed, r.adversarial, images).equal(images));
}

} // namespace

class TestDecisionAttacks : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void describesTwoMinimalQueryOnlyAttacks()
    {
        const core::AttackInfo hsj = core::HopSkipJump::describe();
        QCOMPARE(hsj.name, core::HopSkipJump().name());
        QCOMPARE(hsj.label, std::string("HopSkipJump"));
        QVERIFY(hsj.minimal && !hsj.needsGradients && !hsj.iterative);
        QVERIFY(hsj.minimises(core::Norm::L2) && hsj.minimises(core::Norm::Linf) && !hsj.supports(core::Norm::L1));
        QCOMPARE(hsj.parameter("queries")->defaultValue.value(), 5000.0);
        QCOMPARE(hsj.parameter("gradient_samples")->defaultValue.value(), 100.0);
        QCOMPARE(hsj.parameter("max_gradient_samples")->defaultValue.value(), 10000.0);
        QCOMPARE(hsj.parameter("gamma")->defaultValue.value(), 1.0);
        const core::AttackInfo boundary = core::BoundaryAttack::describe();
        QCOMPARE(boundary.name, core::BoundaryAttack().name());
        QCOMPARE(boundary.label, std::string("Boundary attack"));
        QVERIFY(boundary.minimal && !boundary.needsGradients);
        QVERIFY(boundary.minimises(core::Norm::L2) && !boundary.minimises(core::Norm::Linf));
        QCOMPARE(boundary.parameter("spherical_step")->defaultValue.value(), 0.01);
        QCOMPARE(boundary.parameter("source_step")->defaultValue.value(), 0.01);

        const LinearProblem p = LinearProblem::make(2, 1);
        LinearClassifier model(p.weight, p.bias);
        QVERIFY_THROWS_EXCEPTION(core::Error,
                                 core::HopSkipJump().run(model, {p.images, p.labels, {}}, configFor(core::Norm::L1, 50)));
        core::AttackConfig negative = configFor(core::Norm::L2, 50, -1.0);
        QVERIFY_THROWS_EXCEPTION(core::Error, core::BoundaryAttack().run(model, {p.images, p.labels, {}}, negative));
    }

    // (1) On a linear model the minimal distance is closed-form; a found point
    // below it would be a bug, and with the default budget the attacks come close.
    void findsTheClosedFormDistance_data()
    {
        QTest::addColumn<QString>("attack");
        QTest::addColumn<core::Norm>("norm");
        QTest::addColumn<bool>("twoClasses");
        QTest::addColumn<double>("factor");
        for (bool two : {false, true}) {
            const char* kind = two ? ", two classes" : ", ten classes";
            QTest::addRow("hopskipjump l2%s", kind) << "hopskipjump" << core::Norm::L2 << two << 1.1;
            QTest::addRow("hopskipjump linf%s", kind) << "hopskipjump" << core::Norm::Linf << two << 1.1;
            QTest::addRow("boundary%s", kind) << "boundary" << core::Norm::L2 << two << 1.1;
        }
    }
    void findsTheClosedFormDistance()
    {
        QFETCH(QString, attack);
        QFETCH(core::Norm, norm);
        QFETCH(bool, twoClasses);
        QFETCH(double, factor);
        const LinearProblem p = LinearProblem::make(8, 2, twoClasses);
        at::Tensor inBox;
        const at::Tensor halfSpaces = p.halfSpaceDistances(norm, inBox);
        const at::Tensor minimal = std::get<0>(halfSpaces.min(1));
        LinearClassifier model(p.weight, p.bias);
        const core::AttackResult r = attackNamed(attack)->run(model, {p.images, p.labels, {}}, configFor(norm, 5000));
        verifyValid(r, p.images, p.labels);
        if (QTest::currentTestFailed())
            return;
        QVERIFY(r.success.all().item<bool>());
        const at::Tensor found = distances(r.adversarial - p.images, norm);
        // The class region is convex, so every facet whose nearest point lies on
        // it is a local minimum of the distance: a local search settles on the
        // facet it reached, whose distance is the class it ends in.
        const at::Tensor facet = halfSpaces.gather(1, r.adversarialPredictions.unsqueeze(1)).squeeze(1);
        QVERIFY(inBox.gather(1, r.adversarialPredictions.unsqueeze(1)).all().item<bool>());
        const at::Tensor toFacet = found / facet;
        const at::Tensor toMinimum = found / minimal;
        qInfo("found / its facet's minimum: max %.4f; found / the minimal distance: median %.4f, max %.4f, "
              "on the nearest facet %lld of 8",
              toFacet.max().item<double>(), toMinimum.median().item<double>(), toMinimum.max().item<double>(),
              static_cast<long long>(facet.eq(minimal).sum().item<std::int64_t>()));
        QVERIFY2(toMinimum.min().item<double>() >= 1.0 - 1e-5, qPrintable(QString::number(toMinimum.min().item<double>())));
        QVERIFY2(toFacet.min().item<double>() >= 1.0 - 1e-5, qPrintable(QString::number(toFacet.min().item<double>())));
        QVERIFY2(toFacet.max().item<double>() <= factor, qPrintable(QString::number(toFacet.max().item<double>())));
        if (twoClasses)
            QVERIFY(facet.equal(minimal));
    }

    // (2) Every row the model classifies is either the clean check, the
    // result's two uncounted passes (its point, and that point moved off the
    // boundary), or a query counted for its image; none past the budget.
    void queriesAreCountedExactly_data() { addAttackRows(); }
    void queriesAreCountedExactly()
    {
        QFETCH(QString, attack);
        QFETCH(core::Norm, norm);
        constexpr int kBudget = 300;
        const LinearProblem p = LinearProblem::make(6, 3);
        at::Tensor labels = p.labels.clone();
        labels[5] = (labels[5].item<std::int64_t>() + 1) % 10; // misclassified: not attacked
        core::AttackConfig config = configFor(norm, kBudget);
        LinearClassifier whole(p.weight, p.bias);
        const core::AttackResult r = attackNamed(attack)->run(whole, {p.images, labels, {}}, config);
        QCOMPARE(whole.rowsSeen(), 3 * 6 + r.queriesPerImage.sum().item<std::int64_t>());
        QCOMPARE(r.queriesPerImage[5].item<std::int64_t>(), std::int64_t{0});
        for (std::int64_t i = 0; i < 5; ++i) {
            LinearClassifier alone(p.weight, p.bias);
            core::AttackInput input{p.images.slice(0, i, i + 1), labels.slice(0, i, i + 1), {}};
            input.indices = at::full({1}, i, at::kLong);
            const core::AttackResult one = attackNamed(attack)->run(alone, input, config);
            const std::int64_t spent = one.queriesPerImage[0].item<std::int64_t>();
            QCOMPARE(alone.rowsSeen(), 3 + spent);
            QCOMPARE(spent, r.queriesPerImage[i].item<std::int64_t>());
            QVERIFY(spent <= kBudget);
            // Boundary: nothing converges this soon, so each image spends it all.
            // HopSkipJump stops when what is left cannot pay for a step and a
            // bisection (θ = 1/512 here: 9 halvings, + 1 step).
            if (attack == "boundary")
                QCOMPARE(spent, std::int64_t{kBudget});
            else
                QVERIFY2(spent > kBudget - 10 - 1, qPrintable(QString::number(spent)));
        }
    }

    // (3) Untargeted unless asked; targeted runs end in the target class.
    void untargetedByDefaultTargetedOnRequest_data() { addAttackRows(); }
    void untargetedByDefaultTargetedOnRequest()
    {
        QFETCH(QString, attack);
        QFETCH(core::Norm, norm);
        const LinearProblem p = LinearProblem::make(8, 4);
        LinearClassifier model(p.weight, p.bias);
        core::AttackConfig config = configFor(norm, 400);
        QVERIFY(!config.targeted);
        const core::AttackResult untargeted = attackNamed(attack)->run(model, {p.images, p.labels, {}}, config);
        QVERIFY(untargeted.success.all().item<bool>());
        QVERIFY(untargeted.adversarialPredictions.ne(p.labels).all().item<bool>());

        // Targets the model gives to uniform noise, so each is reachable from it;
        // an image whose target is its own class is not attacked.
        at::manual_seed(40);
        const at::Tensor targets = p.logits(at::rand({8, 1, 8, 8})).argmax(1);
        config.targeted = true;
        const core::AttackResult targeted = attackNamed(attack)->run(model, {p.images, p.labels, targets}, config);
        const at::Tensor differs = targets.ne(p.labels);
        QVERIFY(differs.sum().item<std::int64_t>() >= 4);
        QVERIFY(targeted.success.equal(targeted.adversarialPredictions.eq(targets).logical_and(differs)));
        QVERIFY2(targeted.success.sum().item<std::int64_t>() >= differs.sum().item<std::int64_t>() - 1,
                 qPrintable(QString::number(targeted.success.sum().item<std::int64_t>())));
        QVERIFY(targeted.queriesPerImage.masked_select(differs.logical_not()).eq(0).all().item<bool>());
    }

    // (4) ε does not steer the search: with a finite ε, exactly the images the
    // unbounded run brought within ε count as fooled, at the same points.
    void finiteEpsilonKeepsOnlyResultsWithinIt_data() { addAttackRows(); }
    void finiteEpsilonKeepsOnlyResultsWithinIt()
    {
        QFETCH(QString, attack);
        QFETCH(core::Norm, norm);
        const LinearProblem p = LinearProblem::make(10, 5);
        LinearClassifier model(p.weight, p.bias);
        const core::AttackResult unbounded =
            attackNamed(attack)->run(model, {p.images, p.labels, {}}, configFor(norm, 300));
        QVERIFY(unbounded.success.all().item<bool>());
        const at::Tensor found = distances(unbounded.adversarial - p.images, norm);
        // Halfway across the widest gap between found distances, so neither float
        // rounding nor the results' 0.1 % push off the boundary moves an image across ε.
        const at::Tensor sorted = std::get<0>(found.sort());
        std::int64_t widest = 2;
        for (std::int64_t k = 2; k < 8; ++k)
            if (sorted[k + 1].item<double>() / sorted[k].item<double>() >
                sorted[widest + 1].item<double>() / sorted[widest].item<double>())
                widest = k;
        QVERIFY(sorted[widest + 1].item<double>() > 1.01 * sorted[widest].item<double>());
        const double epsilon = (sorted[widest].item<double>() + sorted[widest + 1].item<double>()) / 2.0;
        const core::AttackResult bounded =
            attackNamed(attack)->run(model, {p.images, p.labels, {}}, configFor(norm, 300, epsilon));
        const at::Tensor within = found.le(epsilon);
        QVERIFY(within.any().item<bool>() && !within.all().item<bool>());
        QVERIFY(bounded.success.equal(within));
        const at::Tensor kept = within.view({-1, 1, 1, 1});
        QVERIFY(bounded.adversarial.equal(at::where(kept, unbounded.adversarial, p.images)));
        QVERIFY(bounded.queriesPerImage.equal(unbounded.queriesPerImage));
        const core::AttackResult zero =
            attackNamed(attack)->run(model, {p.images, p.labels, {}}, configFor(norm, 100, 0.0));
        QCOMPARE(zero.success.sum().item<std::int64_t>(), std::int64_t{0});
        QVERIFY(zero.adversarial.equal(p.images));
    }

    // (5) A nonlinear model, images split into batches of 1, 7 and 64.
    void resultsDoNotDependOnTheBatchSplit_data() { addAttackRows(); }
    void resultsDoNotDependOnTheBatchSplit()
    {
        QFETCH(QString, attack);
        QFETCH(core::Norm, norm);
        const std::int64_t n = 64;
        const std::unique_ptr<core::Classifier> model = test::tinyTrainedModel();
        const core::LabelledImages data = test::fashionMnist(false, n);
        core::AttackConfig config = configFor(norm, 150);
        config.seed = 17;
        const auto attackInBatches = [&](std::int64_t batchSize) {
            std::vector<at::Tensor> adversarial, queries;
            for (std::int64_t start = 0; start < n; start += batchSize) {
                const std::int64_t end = std::min(n, start + batchSize);
                core::AttackInput input{data.images.slice(0, start, end), data.labels.slice(0, start, end), {}};
                input.indices = at::arange(start, end, at::kLong);
                const core::AttackResult r = attackNamed(attack)->run(*model, input, config);
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
        QVERIFY(whole.second.gt(0).sum().item<std::int64_t>() > n / 2);
    }

    // (6)
    void sameSeedSameResult_data() { addAttackRows(); }
    void sameSeedSameResult()
    {
        QFETCH(QString, attack);
        QFETCH(core::Norm, norm);
        const LinearProblem p = LinearProblem::make(6, 6);
        LinearClassifier model(p.weight, p.bias);
        core::AttackConfig config = configFor(norm, 200);
        config.seed = 5;
        const core::AttackResult a = attackNamed(attack)->run(model, {p.images, p.labels, {}}, config);
        const core::AttackResult b = attackNamed(attack)->run(model, {p.images, p.labels, {}}, config);
        QVERIFY(a.adversarial.equal(b.adversarial));
        QVERIFY(a.queriesPerImage.equal(b.queriesPerImage));
        config.seed = 6;
        QVERIFY(!attackNamed(attack)->run(model, {p.images, p.labels, {}}, config).adversarial.equal(a.adversarial));
    }

    // (7) Cancelled part-way: a valid partial result, and the live view saw the search.
    void cancellationReturnsAValidPartialResult_data() { addAttackRows(); }
    void cancellationReturnsAValidPartialResult()
    {
        QFETCH(QString, attack);
        QFETCH(core::Norm, norm);
        constexpr int kBudget = 2000;
        const LinearProblem p = LinearProblem::make(6, 7);
        LinearClassifier model(p.weight, p.bias);
        core::CancellationToken token;
        std::int64_t lastDone = 0, total = 0, iterates = 0;
        core::RunControl control;
        control.cancellation = &token;
        control.progress = [&](std::int64_t done, std::int64_t of) {
            QVERIFY(done >= lastDone);
            lastDone = done;
            total = of;
            if (done >= 6 * 500)
                token.cancel();
        };
        control.iterate = [&](std::int64_t, const at::Tensor& x) {
            QCOMPARE(x.sizes(), p.images.sizes());
            ++iterates;
        };
        const core::AttackResult r =
            attackNamed(attack)->run(model, {p.images, p.labels, {}}, configFor(norm, kBudget), control);
        QVERIFY(r.cancelled);
        QCOMPARE(total, std::int64_t{6 * kBudget});
        QVERIFY(lastDone < total && iterates > 0);
        QVERIFY(r.queriesPerImage.lt(kBudget).all().item<bool>());
        verifyValid(r, p.images, p.labels);
        if (QTest::currentTestFailed())
            return;
        QVERIFY(r.success.all().item<bool>()); // every kept point is adversarial
    }
};

QTEST_GUILESS_MAIN(TestDecisionAttacks)
#include "tst_decisionattacks.moc"
