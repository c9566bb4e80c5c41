#include "core/attacks/lpball.h"
#include "core/util/error.h"

#include <ATen/ATen.h>
#include <ATen/CPUGeneratorImpl.h>
#include <QtTest>

using namespace advlens;

Q_DECLARE_METATYPE(core::Norm)

namespace {

/// Per-row norms of an N×… tensor.
at::Tensor rowNorms(const at::Tensor& t, core::Norm norm)
{
    const at::Tensor flat = t.flatten(1).to(at::kDouble);
    switch (norm) {
    case core::Norm::Linf:
        return std::get<0>(flat.abs().max(1));
    case core::Norm::L2:
        return flat.norm(2, {1});
    case core::Norm::L1:
        return flat.abs().sum(1);
    }
    return {};
}

/// The ℓ1 projection of one vector by bisection on the soft threshold θ:
/// the answer is sign(v)·max(|v| − θ, 0) with Σ max(|v| − θ, 0) = ε.
std::vector<double> bisectionL1Projection(const std::vector<double>& v, double epsilon)
{
    double l1 = 0.0, high = 0.0;
    for (double value : v) {
        l1 += std::abs(value);
        high = std::max(high, std::abs(value));
    }
    if (l1 <= epsilon)
        return v;
    double low = 0.0;
    for (int i = 0; i < 200; ++i) {
        const double theta = 0.5 * (low + high);
        double mass = 0.0;
        for (double value : v)
            mass += std::max(std::abs(value) - theta, 0.0);
        (mass > epsilon ? low : high) = theta;
    }
    const double theta = 0.5 * (low + high);
    std::vector<double> projected;
    for (double value : v)
        projected.push_back((value > 0 ? 1.0 : value < 0 ? -1.0 : 0.0) * std::max(std::abs(value) - theta, 0.0));
    return projected;
}

} // namespace

class TestLpBall : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void l1ProjectionMatchesBisectionReference_data()
    {
        QTest::addColumn<int>("dimension");
        QTest::addColumn<double>("epsilon");
        for (int d : {1, 2, 5, 10, 50, 784})
            for (double eps : {0.1, 1.0, 3.0})
                QTest::addRow("d=%d eps=%g", d, eps) << d << eps;
    }
    void l1ProjectionMatchesBisectionReference()
    {
        QFETCH(int, dimension);
        QFETCH(double, epsilon);
        at::Generator generator = at::detail::createCPUGenerator(std::uint64_t(dimension) * 31 + 7);
        // Rows of different scale, so some lie inside the ball and some far out; ties and zeros too.
        at::Tensor v = at::randn({16, dimension}, generator, at::kFloat) * at::linspace(0.01, 2.0, 16).view({16, 1});
        v[3].zero_();
        v[4].fill_(0.7);
        const at::Tensor projected = core::projectToBall(v, epsilon, core::Norm::L1);
        QCOMPARE(projected.sizes(), v.sizes());
        // The sorting form (used off the CPU) agrees with the per-image loop.
        const at::Tensor sorted = core::projectToL1BallBySorting(v, epsilon);
        QVERIFY(at::allclose(sorted, projected, 1e-5, 1e-6));
        QVERIFY(rowNorms(sorted, core::Norm::L1).le(epsilon * (1 + 1e-6)).all().item<bool>());
        for (std::int64_t row = 0; row < v.size(0); ++row) {
            const at::Tensor r = v[row].to(at::kDouble).contiguous();
            const std::vector<double> reference = bisectionL1Projection(
                std::vector<double>(r.data_ptr<double>(), r.data_ptr<double>() + dimension), epsilon);
            const at::Tensor expected = at::tensor(reference, at::kDouble).to(at::kFloat);
            QVERIFY2(at::allclose(projected[row], expected, /*rtol=*/1e-5, /*atol=*/1e-6),
                     qPrintable(QString("row %1: largest difference %2")
                                    .arg(row)
                                    .arg((projected[row] - expected).abs().max().item<double>())));
        }
        QVERIFY(rowNorms(projected, core::Norm::L1).le(epsilon * (1 + 1e-6)).all().item<bool>());
    }

    void l1ProjectionIsTheNearestPointOfTheBall()
    {
        // Brute force in 3 dimensions: no point of the ball (inside or on the
        // surface) is closer to v than its projection.
        at::Generator generator = at::detail::createCPUGenerator(5);
        const double eps = 1.0;
        const at::Tensor v = at::randn({64, 3}, generator, at::kFloat) * 2;
        const at::Tensor projected = core::projectToBall(v, eps, core::Norm::L1);
        const at::Tensor inside = core::uniformInBall(at::zeros({4000, 3}), eps, core::Norm::L1, generator);
        const at::Tensor surface =
            core::projectToBall(at::randn({4000, 3}, generator, at::kFloat) * 10, eps, core::Norm::L1);
        const at::Tensor candidates = at::cat({inside, surface}, 0).to(at::kDouble);
        const at::Tensor best = (projected.to(at::kDouble) - v.to(at::kDouble)).norm(2, {1});
        const at::Tensor others =
            at::cdist(v.to(at::kDouble).unsqueeze(0), candidates.unsqueeze(0)).squeeze(0); // 64 × 8000
        QVERIFY2(others.ge(best.unsqueeze(1) - 1e-6).all().item<bool>(),
                 qPrintable(QString::number((best.unsqueeze(1) - others).max().item<double>())));
    }

    void l1ProjectionIsIdempotentAndKeepsInteriorPoints()
    {
        at::Generator generator = at::detail::createCPUGenerator(3);
        const double eps = 2.5;
        const at::Tensor far = at::randn({32, 1, 28, 28}, generator, at::kFloat);
        const at::Tensor projected = core::projectToBall(far, eps, core::Norm::L1);
        QVERIFY(at::allclose(rowNorms(projected, core::Norm::L1), at::full({32}, eps, at::kDouble), 1e-5));
        QVERIFY(at::allclose(core::projectToBall(projected, eps, core::Norm::L1), projected, 1e-5, 1e-7));
        const at::Tensor inside = core::uniformInBall(far, eps, core::Norm::L1, generator);
        QVERIFY(core::projectToBall(inside, eps, core::Norm::L1).equal(inside));
        // Sparse: the projection of a vector with one big entry keeps only that entry.
        at::Tensor spike = at::zeros({1, 10});
        spike[0][4] = 7.0;
        spike[0][2] = 0.5;
        at::Tensor expected = at::zeros({1, 10});
        expected[0][4] = eps;
        QVERIFY(at::allclose(core::projectToBall(spike, eps, core::Norm::L1), expected));
    }

    void projectionWorksImageByImage_data()
    {
        QTest::addColumn<core::Norm>("norm");
        QTest::newRow("linf") << core::Norm::Linf;
        QTest::newRow("l2") << core::Norm::L2;
        QTest::newRow("l1") << core::Norm::L1;
    }
    void projectionWorksImageByImage()
    {
        QFETCH(core::Norm, norm);
        at::Generator generator = at::detail::createCPUGenerator(8);
        const at::Tensor batch = at::randn({6, 3, 4, 4}, generator, at::kFloat) * at::arange(1, 7).view({6, 1, 1, 1});
        const double eps = norm == core::Norm::Linf ? 0.5 : 3.0;
        const at::Tensor together = core::projectToBall(batch, eps, norm);
        for (std::int64_t i = 0; i < batch.size(0); ++i)
            QVERIFY(at::allclose(together[i], core::projectToBall(batch.slice(0, i, i + 1), eps, norm)[0]));
        QVERIFY(rowNorms(together, norm).le(eps * (1 + 1e-5)).all().item<bool>());
        // A zero budget projects everything to zero.
        QVERIFY(core::projectToBall(batch, 0.0, norm).abs().max().item<double>() == 0.0);
    }

    void uniformStartsStayInsideAndFillTheBall_data() { projectionWorksImageByImage_data(); }
    void uniformStartsStayInsideAndFillTheBall()
    {
        QFETCH(core::Norm, norm);
        at::Generator generator = at::detail::createCPUGenerator(2);
        const double eps = norm == core::Norm::Linf ? 0.1 : 2.0;
        const at::Tensor like = at::zeros({256, 1, 28, 28});
        const at::Tensor start = core::uniformInBall(like, eps, norm, generator);
        QCOMPARE(start.sizes(), like.sizes());
        const at::Tensor sizes = rowNorms(start, norm);
        QVERIFY(sizes.le(eps * (1 + 1e-5)).all().item<bool>());
        // In 784 dimensions almost all the volume lies near the surface.
        QVERIFY2(sizes.mean().item<double>() > 0.98 * eps, qPrintable(QString::number(sizes.mean().item<double>())));
        // Symmetric: as many values up as down.
        const double positive = start.gt(0).to(at::kDouble).mean().item<double>();
        QVERIFY2(std::abs(positive - 0.5) < 0.01, qPrintable(QString::number(positive)));
        // Deterministic given the generator's seed.
        at::Generator again = at::detail::createCPUGenerator(2);
        QVERIFY(core::uniformInBall(like, eps, norm, again).equal(start));
    }

    void sparseL1StepMovesOnlyTheTopValues_data()
    {
        QTest::addColumn<double>("sparsity");
        QTest::addColumn<int>("expectedCount");
        QTest::newRow("top 1 %") << 0.99 << 8; // round(0.01 · 784)
        QTest::newRow("top 10 %") << 0.9 << 78;
        QTest::newRow("largest only") << 1.0 << 1;
        QTest::newRow("all values") << 0.0 << 784;
    }
    void sparseL1StepMovesOnlyTheTopValues()
    {
        QFETCH(double, sparsity);
        QFETCH(int, expectedCount);
        at::Generator generator = at::detail::createCPUGenerator(4);
        const at::Tensor gradient = at::randn({5, 1, 28, 28}, generator, at::kFloat);
        const at::Tensor direction = core::sparseL1Direction(gradient, sparsity);
        QCOMPARE(direction.sizes(), gradient.sizes());
        QVERIFY(at::allclose(rowNorms(direction, core::Norm::L1), at::ones({5}, at::kDouble), 1e-5));
        const at::Tensor chosen = direction.ne(0).flatten(1);
        QVERIFY(chosen.sum(1).eq(expectedCount).all().item<bool>());
        // Along the gradient, and on values at least as large as every value left out.
        QVERIFY((direction * gradient).ge(0).all().item<bool>());
        const at::Tensor magnitude = gradient.abs().flatten(1);
        const at::Tensor smallestChosen = std::get<0>(magnitude.masked_fill(chosen.logical_not(), 1e9).min(1));
        const at::Tensor largestLeft = std::get<0>(magnitude.masked_fill(chosen, -1.0).max(1));
        QVERIFY(smallestChosen.ge(largestLeft).all().item<bool>());
        if (expectedCount == 1)
            QVERIFY(core::steepestDirection(gradient, core::Norm::L1).equal(direction));
        // The tensor form (used off the CPU) chooses the same values, with or without the box.
        QVERIFY(core::sparseL1DirectionByTensors(gradient, sparsity).equal(direction));
        const at::Tensor current = at::rand({5, 1, 28, 28}, generator, at::kFloat).round();
        QVERIFY(core::sparseL1DirectionByTensors(gradient, sparsity, current)
                    .equal(core::sparseL1Direction(gradient, sparsity, current)));
    }

    void sparseL1StepSkipsValuesTheBoxHolds()
    {
        // Pixels at 0 asked to darken and at 1 asked to brighten cannot move.
        at::Tensor gradient = at::zeros({1, 1, 2, 4});
        gradient.view({-1}).copy_(at::tensor({-9.0f, 8.0f, 7.0f, -6.0f, 5.0f, 4.0f, 3.0f, 2.0f}));
        at::Tensor current = at::full({1, 1, 2, 4}, 0.5f);
        current.view({-1})[0] = 0.0f; // blocked: wants to go below 0
        current.view({-1})[1] = 1.0f; // blocked: wants to go above 1
        current.view({-1})[2] = 0.0f; // free: wants to go up
        // Top 2 of the 6 movable values: 7 (up) and −6 (down).
        const at::Tensor expected = at::tensor({0.0f, 0.0f, 0.5f, -0.5f, 0.0f, 0.0f, 0.0f, 0.0f});
        QVERIFY(core::sparseL1Direction(gradient, /*sparsity=*/0.75, current).view({-1}).equal(expected));
        QVERIFY(core::sparseL1DirectionByTensors(gradient, /*sparsity=*/0.75, current).view({-1}).equal(expected));
        // Ties at the threshold all move, sharing the unit step.
        const at::Tensor tied = at::tensor({1.0f, -3.0f, 3.0f, 3.0f}).view({1, 4});
        QVERIFY(core::sparseL1Direction(tied, 0.75).equal(at::tensor({0.0f, -1.0f, 1.0f, 1.0f}).view({1, 4}) / 3));
    }

    void steepestL1StepFillsTheBestValuesToTheBox()
    {
        // Order by |g|: value 0 has room 0.1 up, value 1 room 0.5 down, value 2
        // none (at 0, asked down), value 3 gets the rest of ε = 1: 0.4 up.
        const at::Tensor x = at::tensor({0.9f, 0.5f, 0.0f, 0.2f}).view({1, 1, 1, 4});
        const at::Tensor g = at::tensor({3.0f, -2.0f, -1.0f, 0.5f}).view({1, 1, 1, 4});
        const at::Tensor step = core::steepestL1StepInBox(g, x, 1.0);
        QVERIFY(at::allclose(step.view({-1}), at::tensor({0.1f, -0.5f, 0.0f, 0.4f}), 1e-6, 1e-7));
        // A budget larger than all the room moves every movable value to its edge.
        QVERIFY(at::allclose(core::steepestL1StepInBox(g, x, 10.0).view({-1}), at::tensor({0.1f, -0.5f, 0.0f, 0.8f}),
                             1e-6, 1e-7));
    }

    void steepestL1StepBeatsEveryOtherFeasibleStep()
    {
        at::Generator generator = at::detail::createCPUGenerator(6);
        const double eps = 1.5;
        const at::Tensor x = at::rand({8, 1, 5, 5}, generator, at::kFloat).round(); // many values at 0 or 1
        const at::Tensor g = at::randn({8, 1, 5, 5}, generator, at::kFloat);
        const at::Tensor step = core::steepestL1StepInBox(g, x, eps);
        QVERIFY(rowNorms(step, core::Norm::L1).le(eps * (1 + 1e-6)).all().item<bool>());
        QVERIFY((x + step).ge(0).all().item<bool>() && (x + step).le(1.0f + 1e-7f).all().item<bool>());
        const at::Tensor gain = (g * step).flatten(1).sum(1);
        for (int trial = 0; trial < 200; ++trial) {
            // Random feasible steps, inside and on the ℓ1 sphere, clipped to the box.
            at::Tensor other = core::uniformInBall(x, eps, core::Norm::L1, generator);
            if (trial % 2)
                other = core::projectToBall(other * 1e3, eps, core::Norm::L1);
            other = (x + other).clamp(0, 1) - x;
            QVERIFY((g * other).flatten(1).sum(1).le(gain + 1e-5).all().item<bool>());
        }
    }

    void feasibleSetProjectsIntoBallAndBox_data() { projectionWorksImageByImage_data(); }
    void feasibleSetProjectsIntoBallAndBox()
    {
        QFETCH(core::Norm, norm);
        at::Generator generator = at::detail::createCPUGenerator(9);
        const double eps = norm == core::Norm::Linf ? 0.1 : 2.0;
        const at::Tensor x = at::rand({16, 1, 28, 28}, generator, at::kFloat);
        const at::Tensor candidate = x + at::randn({16, 1, 28, 28}, generator, at::kFloat);
        const core::FeasibleSet feasible(x, eps, norm);
        const at::Tensor projected = feasible.project(candidate);
        QVERIFY(projected.ge(0).all().item<bool>() && projected.le(1).all().item<bool>());
        QVERIFY(rowNorms(projected - x, norm).le(eps * (1 + 1e-5) + 1e-6).all().item<bool>());
        QVERIFY(at::allclose(projected, core::projectToFeasible(x, candidate, eps, norm), 1e-6, 1e-6));
        // A feasible point stays where it is; a subset of rows is projected alike.
        QVERIFY(at::allclose(feasible.project(projected), projected, 1e-6, 1e-6));
        const at::Tensor rows = at::tensor({7, 2}, at::kLong);
        QVERIFY(at::allclose(feasible.rows(rows).project(candidate.index_select(0, rows)),
                             projected.index_select(0, rows), 1e-6, 1e-7));
    }

    void normsParseAndPrint()
    {
        for (core::Norm norm : {core::Norm::Linf, core::Norm::L2, core::Norm::L1})
            QVERIFY(core::parseNorm(core::toString(norm)) == norm);
        QVERIFY(core::parseNorm("L1") == core::Norm::L1);
        QVERIFY(core::parseNorm("ℓ1") == core::Norm::L1);
        QVERIFY(core::parseNorm("1") == core::Norm::L1);
        QVERIFY(core::parseNorm("ℓ∞") == core::Norm::Linf);
        QVERIFY(core::parseNorm("Linf") == core::Norm::Linf);
        QVERIFY(core::parseNorm("inf") == core::Norm::Linf);
        QVERIFY(core::parseNorm("l2") == core::Norm::L2);
        QVERIFY_THROWS_EXCEPTION(core::Error, core::parseNorm("l3"));
    }
};

QTEST_GUILESS_MAIN(TestLpBall)
#include "tst_lpball.moc"
