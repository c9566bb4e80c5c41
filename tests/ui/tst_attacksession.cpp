// The explorer's attack session on a model whose answers are known (an affine
// classifier): query-based attacks report progress in queries within their
// budget, and the threat model switch hides gradients or scores from the
// attack while the explorer still shows the model's own output.
#include "tests/support/linearclassifier.h"
#include "ui/workers/attacksession.h"
#include "ui/workers/classification.h"

#include "core/util/error.h"
#include "core/util/runcontrol.h"

#include <ATen/ATen.h>
#include <QtTest>

#include <cmath>
#include <vector>

using namespace advlens;

namespace {

constexpr std::int64_t kClasses = 10;

/// A 10-class affine model on 1×8×8 images with small margins, so that a
/// few hundred queries of Square fool it at ε = 0.2.
test::LinearClassifier makeModel()
{
    at::manual_seed(11);
    return test::LinearClassifier(at::randn({kClasses, 64}) * 0.5, at::zeros({kClasses}));
}

at::Tensor makeImage()
{
    at::manual_seed(12);
    return at::rand({1, 1, 8, 8});
}

ui::AttackRequest squareRequest(int queries)
{
    ui::AttackRequest request;
    request.attack = QStringLiteral("square");
    request.norm = QStringLiteral("linf");
    request.epsilon = 0.2;
    request.queries = queries;
    request.seed = 5;
    return request;
}

/// The softmax of the model's own logits for a shown image.
std::vector<float> modelProbabilities(core::Classifier& model, const ui::Prediction& shown)
{
    const at::Tensor image = at::from_blob(const_cast<float*>(shown.image.values.data()), {1, 1, 8, 8}).clone();
    const at::Tensor probabilities = model.logits(image).softmax(1)[0];
    std::vector<float> top;
    for (int k : shown.topClasses)
        top.push_back(probabilities[k].item<float>());
    return top;
}

} // namespace

class TestAttackSession : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void queryAttacksReportProgressInQueriesWithinTheirBudget()
    {
        test::LinearClassifier model = makeModel();
        ui::AttackSession session;
        const at::Tensor image = makeImage();
        session.setImage(image, ui::classify(model, image, {}));

        std::vector<std::int64_t> done, totals;
        core::RunControl control;
        control.progress = [&](std::int64_t d, std::int64_t t) {
            done.push_back(d);
            totals.push_back(t);
        };
        const ui::AttackOutcome outcome = session.run(model, squareRequest(300), control);

        QVERIFY(!done.empty());
        for (std::size_t i = 0; i < done.size(); ++i) {
            QCOMPARE(totals[i], std::int64_t{300});
            QVERIFY(done[i] >= 0 && done[i] <= 300);
            if (i > 0)
                QVERIFY(done[i] >= done[i - 1]);
        }
        // The attack's own count is exact; the live count adds at most the clean check.
        QVERIFY(outcome.queries >= 1 && outcome.queries <= 300);
        QVERIFY2(std::abs(done.back() - outcome.queries) <= 1,
                 qPrintable(QStringLiteral("live %1, attack %2").arg(done.back()).arg(outcome.queries)));
        QCOMPARE(outcome.gradientEvaluations, qint64{0});
        // Fooled (the margins are small), after at most the queries it spent.
        QVERIFY(outcome.success);
        QVERIFY(outcome.queriesToSuccess >= 1 && outcome.queriesToSuccess <= outcome.queries);

        // A smaller budget bounds the queries it may spend.
        const ui::AttackOutcome small = session.run(model, squareRequest(20), control);
        QVERIFY(small.queries >= 1 && small.queries <= 20);
        QCOMPARE(totals.back(), std::int64_t{20});
    }

    void gradientAttacksAreRefusedWhenTheAttackerSeesOnlyScoresOrLabels()
    {
        test::LinearClassifier model = makeModel();
        ui::AttackSession session;
        const at::Tensor image = makeImage();
        session.setImage(image, ui::classify(model, image, {}));
        ui::AttackRequest pgd;
        pgd.attack = QStringLiteral("pgd");
        pgd.epsilon = 0.2;
        pgd.steps = 5;
        for (const char* threat : {"scores", "label"}) {
            pgd.threat = QLatin1String(threat);
            try {
                session.run(model, pgd, {});
                QFAIL("PGD ran without gradients");
            } catch (const core::Error& error) {
                QVERIFY2(QString::fromUtf8(error.what()).contains(QLatin1String(threat)), error.what());
            }
        }
        pgd.threat = QStringLiteral("full");
        QVERIFY(session.run(model, pgd, {}).gradientEvaluations > 0);
    }

    void theExplorerShowsTheModelsOwnOutputWhateverTheAttackerSaw()
    {
        test::LinearClassifier model = makeModel();
        ui::AttackSession session;
        const at::Tensor image = makeImage();
        session.setImage(image, ui::classify(model, image, {}));
        for (const char* threat : {"scores", "label"}) {
            ui::AttackRequest request = squareRequest(200);
            request.threat = QLatin1String(threat);
            const ui::AttackOutcome outcome = session.run(model, request, {});
            QVERIFY(outcome.queries >= 1 && outcome.queries <= 200);
            // Probabilities of the model, not the one-hot decision the attacker saw.
            const std::vector<float> expected = modelProbabilities(model, outcome.after);
            QCOMPARE(outcome.after.topProbabilities.size(), expected.size());
            for (std::size_t i = 0; i < expected.size(); ++i)
                QVERIFY(std::abs(outcome.after.topProbabilities[i] - expected[i]) < 1e-5f);
            QVERIFY(outcome.after.topProbabilities.front() < 0.999f);
        }
    }
};

QTEST_MAIN(TestAttackSession)
#include "tst_attacksession.moc"
