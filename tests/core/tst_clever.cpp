#include "tests/support/testsupport.h"

#include "core/attacks/attackregistry.h"
#include "core/metrics/clever.h"
#include "core/metrics/reverseweibull.h"
#include "core/model/modelloader.h"
#include "core/util/error.h"

#include <ATen/ATen.h>
#include <QtTest>
#include <torch/script.h>

#include <chrono>
#include <cmath>
#include <random>
#include <set>

using namespace advlens;
namespace fs = std::filesystem;

namespace {

/// A TorchScript classifier written in TorchScript source (no Python), with
/// identity normalisation so its input is the pixel vector itself.
std::unique_ptr<core::Classifier> scriptModel(const std::string& name, const std::string& forwardBody,
                                              const at::Tensor& weight, const at::Tensor& bias, core::InputSpec input,
                                              int classes)
{
    torch::jit::Module module("CleverTestModel");
    module.register_parameter("weight", weight, false);
    module.register_parameter("bias", bias, false);
    module.define("def forward(self, x):\n" + forwardBody + "\n");
    const fs::path folder = test::scratchDirectory();
    module.save((folder / (name + ".pt")).string());
    core::ModelMetadata meta;
    meta.name = name;
    meta.kind = core::ModelKind::TorchScript;
    meta.weights = folder / (name + ".pt");
    meta.input = input;
    meta.mean = {0.0f};
    meta.std = {1.0f};
    for (int k = 0; k < classes; ++k)
        meta.classNames.push_back("c" + std::to_string(k));
    core::writeModelMetadata(meta, folder / (name + ".json"));
    return core::loadClassifier(folder / (name + ".json"));
}

/// n draws of a reverse Weibull law: a − b·(−log U)^(1/k).
std::vector<double> reverseWeibullSample(double shape, double location, double scale, int n, unsigned seed)
{
    std::mt19937_64 engine(seed);
    std::uniform_real_distribution<double> uniform(0.0, 1.0);
    std::vector<double> sample;
    for (int i = 0; i < n; ++i)
        sample.push_back(location - scale * std::pow(-std::log(1.0 - uniform(engine)), 1.0 / shape));
    return sample;
}

/// f(x) = W x + b on 8×8 grey images, 10 classes, fixed random weights.
std::unique_ptr<core::Classifier> linearModel(const at::Tensor& weight, const at::Tensor& bias)
{
    return scriptModel("clever-linear", "    return x.flatten(1).matmul(self.weight.t()) + self.bias", weight, bias,
                       {1, 8, 8}, 10);
}

double dualNorm(const at::Tensor& w, core::Norm norm)
{
    return norm == core::Norm::Linf ? w.abs().sum().item<double>() : w.norm().item<double>();
}

template <typename F> void expectError(F&& call, const QString& reason)
{
    try {
        call();
        QFAIL(qPrintable("no error; expected: " + reason));
    } catch (const core::Error& e) {
        QVERIFY2(QString(e.what()).contains(reason, Qt::CaseInsensitive), e.what());
    }
}

} // namespace

class TestClever : public QObject {
    Q_OBJECT

private Q_SLOTS:
    // (1) Linear model: the margin's gradient is w_c − w_j everywhere, so its
    // local Lipschitz constant and the exact distance to the j boundary are known.
    void linearModelMatchesTheClosedForm_data()
    {
        QTest::addColumn<int>("norm");
        QTest::newRow("l2") << int(core::Norm::L2);
        QTest::newRow("linf") << int(core::Norm::Linf);
    }
    void linearModelMatchesTheClosedForm()
    {
        QFETCH(int, norm);
        const auto p = core::Norm(norm);
        at::manual_seed(11);
        const at::Tensor weight = at::randn({10, 64});
        const at::Tensor bias = at::randn({10});
        auto model = linearModel(weight, bias);
        const at::Tensor images = at::rand({3, 1, 8, 8});
        core::CleverOptions options;
        options.norm = p;
        options.batches = 20;
        options.samplesPerBatch = 32;
        options.targets = core::CleverTargets::All;
        const core::CleverReport report = core::cleverScores(*model, images, options);
        QCOMPARE(report.images.size(), std::size_t(3));
        QCOMPARE(report.radius, core::defaultCleverRadius(p));
        const at::Tensor logits = images.flatten(1).matmul(weight.t()) + bias;
        for (const core::CleverImageResult& image : report.images) {
            const std::int64_t c = image.predicted;
            QCOMPARE(c, logits[image.index].argmax().item<std::int64_t>());
            QCOMPARE(image.targets.size(), std::size_t(9));
            double closestBoundary = std::numeric_limits<double>::infinity();
            for (const core::CleverTargetResult& r : image.targets) {
                const double lipschitz = dualNorm(weight[c] - weight[r.target], p);
                const double margin = (logits[image.index][c] - logits[image.index][r.target]).item<double>();
                const double exact = std::min(margin / lipschitz, report.radius);
                closestBoundary = std::min(closestBoundary, exact);
                QVERIFY(std::abs(r.margin - margin) < 1e-4 * std::max(1.0, margin));
                QVERIFY2(std::abs(r.maxSampledNorm - lipschitz) < 1e-4 * lipschitz,
                         qPrintable(QString("sampled %1, true %2").arg(r.maxSampledNorm).arg(lipschitz)));
                // Every maximum equals the constant norm: nothing to fit, so the
                // fitter must say so and the estimate is the (exact) sampled norm.
                QCOMPARE(core::toString(r.fit.status), core::toString(core::WeibullFitStatus::ConstantSample));
                QVERIFY(r.fellBack);
                QVERIFY2(std::abs(r.lipschitz - lipschitz) < 0.02 * lipschitz,
                         qPrintable(QString("estimate %1, true %2").arg(r.lipschitz).arg(lipschitz)));
                QVERIFY2(std::abs(r.score - exact) < 0.02 * exact,
                         qPrintable(QString("score %1, closed form %2").arg(r.score).arg(exact)));
            }
            QVERIFY(std::abs(image.score - closestBoundary) < 0.02 * closestBoundary);
        }
    }

    // (1b) A margin whose gradient norm varies: g(x) = ½‖x‖² − 0 on a 2-pixel
    // input has ∇g = x, and without box clipping max over B2(x0, R) of ‖x‖₂ is
    // ‖x0‖₂ + R. Near that point the norm's upper tail has Weibull shape 3/2,
    // so here the fit itself (not a fallback) must find the location.
    void fittedLocationFindsTheLipschitzConstant()
    {
        auto model =
            scriptModel("clever-quadratic",
                        "    v = x.flatten(1)\n"
                        "    q = 0.5 * (v * v).sum(1, keepdim=True)\n"
                        "    return self.weight.sum() * 0.0 + self.bias.sum() * 0.0 + torch.cat([q, q * 0.0], 1)",
                        at::zeros({1}), at::zeros({1}), {1, 1, 2}, 2);
        const at::Tensor x0 = at::full({1, 1, 1, 2}, 0.5);
        core::CleverOptions options;
        options.radius = 0.2;
        options.batches = 200;
        options.samplesPerBatch = 64;
        options.clipToBox = false;
        options.seed = 3;
        const core::CleverReport report = core::cleverScores(*model, x0, options);
        const core::CleverTargetResult& r = report.images.at(0).targets.at(0);
        const double truth = std::sqrt(0.5) + 0.2;
        qInfo("quadratic: max sampled %.5f, fit %s shape %.3f location %.5f (true %.5f), K-S %.3f p %.3f",
              r.maxSampledNorm, core::toString(r.fit.status).c_str(), r.fit.shape, r.fit.location, truth,
              r.fit.ksStatistic, r.fit.ksPValue);
        QVERIFY(r.fit.ok());
        QVERIFY(!r.fellBack);
        QVERIFY(r.maxSampledNorm <= truth + 1e-5);
        QVERIFY2(std::abs(r.fit.location - truth) < 0.03 * truth, qPrintable(QString::number(r.fit.location)));
        QCOMPARE(r.lipschitz, r.fit.location);
        QVERIFY(r.score <= r.sampledBound);
    }

    // (2) The fitter alone.
    void fitRecoversKnownParameters_data()
    {
        QTest::addColumn<double>("shape");
        QTest::addColumn<double>("location");
        QTest::addColumn<double>("scale");
        QTest::addColumn<double>("tolerance"); // relative, of shape and scale; the location's is this × scale
        // The location's standard error grows with the shape (the largest
        // samples fall farther short of it): at k = 8 and 500 samples the
        // shape itself is only known to about ±20 %.
        QTest::newRow("k=1.5") << 1.5 << 10.0 << 2.0 << 0.1;
        QTest::newRow("k=2.5") << 2.5 << 0.3 << 0.05 << 0.1;
        QTest::newRow("k=4") << 4.0 << 3.0 << 0.5 << 0.15;
        QTest::newRow("k=8") << 8.0 << 250.0 << 40.0 << 0.35;
    }
    void fitRecoversKnownParameters()
    {
        QFETCH(double, shape);
        QFETCH(double, location);
        QFETCH(double, scale);
        QFETCH(double, tolerance);
        const std::vector<double> sample = reverseWeibullSample(shape, location, scale, 500, 1215);
        const auto started = std::chrono::steady_clock::now();
        const core::ReverseWeibullFit fit = core::fitReverseWeibull(sample);
        const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
        qInfo("fit %s: shape %.3f location %.4f scale %.4f, K-S %.4f p %.3f, max %.4f (%.1f ms)",
              core::toString(fit.status).c_str(), fit.shape, fit.location, fit.scale, fit.ksStatistic, fit.ksPValue,
              fit.sampleMaximum, ms);
        QVERIFY(fit.ok());
        QVERIFY(fit.location > fit.sampleMaximum);
        QVERIFY2(std::abs(fit.shape - shape) < tolerance * shape, qPrintable(QString::number(fit.shape)));
        QVERIFY2(std::abs(fit.scale - scale) < tolerance * scale, qPrintable(QString::number(fit.scale)));
        // The location to a fraction of the scale, and closer than the sample maximum.
        QVERIFY2(std::abs(fit.location - location) < tolerance * scale, qPrintable(QString::number(fit.location)));
        QVERIFY(std::abs(fit.location - location) < location - fit.sampleMaximum);
        QVERIFY(fit.ksPValue > 0.05);
    }

    void fitFarAboveTheSampleIsRejected()
    {
        // Maxima bunched far below their law's end point: the fit puts the
        // location at 1.7× the largest sample (3.20 vs 1.91), an extrapolation
        // CLEVER must not divide by (it would shrink the score as much).
        const std::vector<double> sample = reverseWeibullSample(20.0, 10.0, 9.5, 50, 77);
        const core::ReverseWeibullFit fit = core::fitReverseWeibull(sample);
        qInfo("fit %s: location %.3f, sample maximum %.3f", core::toString(fit.status).c_str(), fit.location,
              fit.sampleMaximum);
        QVERIFY2(fit.status == core::WeibullFitStatus::LocationFarAboveMaximum, core::toString(fit.status).c_str());
        QVERIFY(!fit.ok());
        QVERIFY(fit.location > 1.5 * fit.sampleMaximum);
        core::WeibullFitOptions lenient;
        lenient.maxLocationRatio = std::numeric_limits<double>::infinity();
        QVERIFY(core::fitReverseWeibull(sample, lenient).status != core::WeibullFitStatus::LocationFarAboveMaximum);
    }

    void fitFlagsPathologicalSamples()
    {
        const core::ReverseWeibullFit equal = core::fitReverseWeibull(std::vector<double>(100, 3.25));
        QCOMPARE(core::toString(equal.status), core::toString(core::WeibullFitStatus::ConstantSample));
        QVERIFY(!equal.ok());
        QCOMPARE(equal.sampleMaximum, 3.25);

        // Two tight clusters, far apart: no reverse Weibull law looks like that.
        std::vector<double> clusters = reverseWeibullSample(4.0, 1.0, 0.01, 250, 1);
        for (double v : reverseWeibullSample(4.0, 5.0, 0.01, 250, 2))
            clusters.push_back(v);
        const core::ReverseWeibullFit twoClusters = core::fitReverseWeibull(clusters);
        qInfo("two clusters: %s, shape %.3g location %.4g, K-S %.3f p %.3g", core::toString(twoClusters.status).c_str(),
              twoClusters.shape, twoClusters.location, twoClusters.ksStatistic, twoClusters.ksPValue);
        QVERIFY(!twoClusters.ok());

        QCOMPARE(core::toString(core::fitReverseWeibull({1.0, 2.0, 3.0}).status),
                 core::toString(core::WeibullFitStatus::TooFewSamples));
        std::vector<double> withNan = reverseWeibullSample(4.0, 1.0, 1.0, 50, 3);
        withNan[7] = std::nan("");
        QCOMPARE(core::toString(core::fitReverseWeibull(withNan).status),
                 core::toString(core::WeibullFitStatus::TooFewSamples));
    }

    void kolmogorovSmirnovPValueMatchesTables()
    {
        QCOMPARE(core::kolmogorovSmirnovPValue(0.0, 100), 1.0);
        // Critical values of the limit law: λ = 1.358 at 5 %, 1.628 at 1 %, 1.224 at 10 %.
        const double n = 10000, correction = std::sqrt(n) + 0.12 + 0.11 / std::sqrt(n);
        QVERIFY(std::abs(core::kolmogorovSmirnovPValue(1.358 / correction, 10000) - 0.05) < 0.002);
        QVERIFY(std::abs(core::kolmogorovSmirnovPValue(1.628 / correction, 10000) - 0.01) < 0.001);
        QVERIFY(std::abs(core::kolmogorovSmirnovPValue(1.224 / correction, 10000) - 0.10) < 0.003);
        // Both series agree where they meet.
        QVERIFY(std::abs(core::kolmogorovSmirnovPValue(1.1799 / correction, 10000) -
                         core::kolmogorovSmirnovPValue(1.1801 / correction, 10000)) < 1e-3);
    }

    // (3) The default model: positive, below R, and a lower bound in practice.
    void defaultModelScoresAreConsistentLowerBounds()
    {
        auto model = test::defaultModel();
        const core::LabelledImages data = test::fashionMnist(false, 6);
        core::CleverOptions options;
        options.batches = 25;
        options.samplesPerBatch = 24;
        options.targets = core::CleverTargets::All;
        options.seed = 7;
        const auto started = std::chrono::steady_clock::now();
        const core::CleverReport all = core::cleverScores(*model, data.images, options);
        QCOMPARE(all.images.size(), std::size_t(6));
        const at::Tensor predicted = at::empty({6}, at::kLong);
        int fitted = 0;
        for (const core::CleverImageResult& image : all.images) {
            predicted[image.index] = image.predicted;
            for (const core::CleverTargetResult& r : image.targets) {
                QVERIFY(r.score > 0.0);
                QVERIFY(r.score < all.radius);
                QVERIFY(r.score <= r.sampledBound + 1e-12);
                QVERIFY(r.lipschitz >= r.maxSampledNorm);
                fitted += r.fit.ok() ? 1 : 0;
            }
        }

        // The smallest ℓ2 perturbation either minimal attack finds per image.
        at::Tensor attackDistance = at::full({6}, std::numeric_limits<double>::infinity(), at::kDouble);
        for (const std::string name : {"deepfool", "cw-l2"}) {
            auto attack = core::createAttack(name);
            core::AttackConfig config;
            config.norm = core::Norm::L2;
            config.epsilon = std::numeric_limits<double>::infinity();
            const core::AttackResult result = attack->run(*model, {data.images, predicted, {}}, config);
            const at::Tensor l2 = result.norms.l2.to(at::kDouble);
            const at::Tensor found = result.success.cpu();
            attackDistance = at::where(found, at::minimum(attackDistance, l2), attackDistance);
        }
        int below = 0, compared = 0;
        QString table;
        for (const core::CleverImageResult& image : all.images) {
            const double distance = attackDistance[image.index].item<double>();
            table += QString(" %1/%2").arg(image.score, 0, 'f', 3).arg(distance, 0, 'f', 3);
            if (!std::isfinite(distance))
                continue;
            ++compared;
            below += image.score <= distance ? 1 : 0;
            QVERIFY2(image.score <= 1.5 * distance, qPrintable(table));
        }
        qInfo("CLEVER l2 untargeted / attack l2 per image:%s; below the attack on %d of %d; %d of %zu fits "
              "converged; %.1f s",
              qPrintable(table), below, compared, fitted, all.images.size() * 9,
              std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
        QVERIFY(compared >= 5);
        QVERIFY(below * 2 > compared);

        // Untargeted ≤ every targeted score; the same points give the same numbers.
        for (const core::CleverTargets kind :
             {core::CleverTargets::Top2, core::CleverTargets::Random, core::CleverTargets::LeastLikely}) {
            options.targets = kind;
            const core::CleverReport one = core::cleverScores(*model, data.images, options);
            QCOMPARE(one.images.size(), all.images.size());
            for (std::size_t i = 0; i < one.images.size(); ++i) {
                const core::CleverTargetResult& r = one.images[i].targets.at(0);
                QVERIFY(r.target != one.images[i].predicted);
                QVERIFY(all.images[i].score <= r.score + 1e-9);
                const auto same = std::find_if(all.images[i].targets.begin(), all.images[i].targets.end(),
                                               [&](const auto& t) { return t.target == r.target; });
                QVERIFY(same != all.images[i].targets.end());
                QVERIFY2(std::abs(same->score - r.score) <= 1e-6 * r.score,
                         qPrintable(QString("%1 vs %2").arg(same->score).arg(r.score)));
            }
        }
    }

    // (4) Progress counts batches; a cancelled run stops within one batch.
    void reportsProgressAndCancels()
    {
        at::manual_seed(2);
        auto model = linearModel(at::randn({10, 64}), at::randn({10}));
        const at::Tensor images = at::rand({3, 1, 8, 8});
        core::CleverOptions options;
        options.batches = 12;
        options.samplesPerBatch = 8;
        std::vector<std::int64_t> done;
        core::RunControl control;
        control.progress = [&](std::int64_t d, std::int64_t total) {
            QCOMPARE(total, std::int64_t(36));
            done.push_back(d);
        };
        const core::CleverReport full = core::cleverScores(*model, images, options, control);
        QVERIFY(!full.cancelled);
        QCOMPARE(full.images.size(), std::size_t(3));
        QCOMPARE(done.size(), std::size_t(36));
        for (std::size_t i = 0; i < done.size(); ++i)
            QCOMPARE(done[i], std::int64_t(i + 1));

        core::CancellationToken token;
        done.clear();
        control.cancellation = &token;
        control.progress = [&](std::int64_t d, std::int64_t) {
            done.push_back(d);
            if (d == 15) // in the second image
                token.cancel();
        };
        const core::CleverReport cut = core::cleverScores(*model, images, options, control);
        QVERIFY(cut.cancelled);
        QCOMPARE(done.back(), std::int64_t(15));
        QCOMPARE(cut.images.size(), std::size_t(1));
        QCOMPARE(cut.images[0].score, full.images[0].score);
    }

    // (4b) A pool: gradients once at P points, batches resampled from them.
    void poolBatchesAreResamplesOfOnePool()
    {
        auto model = test::defaultModel();
        const core::LabelledImages data = test::fashionMnist(false, 2);
        core::CleverOptions options;
        options.samplesPerBatch = 16;
        options.batches = 1;
        options.targets = core::CleverTargets::All;
        options.seed = 3;
        // One fresh batch of 16 points: the very points a pool of 16 is made of
        // (same stream, one pass each), so the pool's largest norm is known.
        const core::CleverReport fresh = core::cleverScores(*model, data.images, options);
        options.batches = 50;
        options.pool = 16;
        std::vector<std::int64_t> done;
        core::RunControl control;
        control.progress = [&](std::int64_t d, std::int64_t total) {
            QCOMPARE(total, std::int64_t(2 * 50));
            done.push_back(d);
        };
        const core::CleverReport pooled = core::cleverScores(*model, data.images, options, control);
        QCOMPARE(pooled.pool, std::int64_t(16));
        QCOMPARE(pooled.images.size(), std::size_t(2));
        QVERIFY(std::is_sorted(done.begin(), done.end()));
        QCOMPARE(done.back(), std::int64_t(100));
        for (std::size_t i = 0; i < 2; ++i) {
            QCOMPARE(pooled.images[i].gradientEvaluations, std::int64_t(16));
            QCOMPARE(pooled.images[i].targets.size(), std::size_t(9));
            for (std::size_t k = 0; k < 9; ++k) {
                const core::CleverTargetResult& r = pooled.images[i].targets[k];
                const core::CleverTargetResult& one = fresh.images[i].targets[k];
                QCOMPARE(r.target, one.target);
                QCOMPARE(r.batchMaxima.size(), std::size_t(50));
                // 800 draws from 16 points reach the pool's largest norm; none exceeds it.
                QCOMPARE(r.maxSampledNorm, one.maxSampledNorm);
                std::set<double> distinct(r.batchMaxima.begin(), r.batchMaxima.end());
                QVERIFY(distinct.size() <= 16);
                const auto atMaximum = std::count(r.batchMaxima.begin(), r.batchMaxima.end(), one.maxSampledNorm);
                // Each batch holds the largest with probability 1 − (15/16)^16 ≈ 64 %: about 32 of 50.
                QVERIFY2(atMaximum >= 20, qPrintable(QString::number(atMaximum)));
            }
        }
        options.pool = -1;
        expectError([&] { core::cleverScores(*model, data.images, options); }, "pool");
    }

    // (4c) The pass size is a speed setting only: the same seed gives the same
    // points, so the same maxima, at any number of points per pass.
    void pointsPerPassDoesNotChangeTheNumbers()
    {
        auto model = test::defaultModel();
        const core::LabelledImages data = test::fashionMnist(false, 2);
        core::CleverOptions options;
        options.batches = 4;
        options.samplesPerBatch = 10;
        options.seed = 11;
        for (const core::Norm norm : {core::Norm::L2, core::Norm::Linf, core::Norm::L1}) {
            options.norm = norm;
            options.pointsPerPass = 1;
            const core::CleverReport single = core::cleverScores(*model, data.images, options);
            for (const std::int64_t perPass : {std::int64_t(3), std::int64_t(0)}) {
                options.pointsPerPass = perPass;
                const core::CleverReport other = core::cleverScores(*model, data.images, options);
                for (std::size_t i = 0; i < 2; ++i) {
                    const auto& a = single.images[i].targets.at(0).batchMaxima;
                    const auto& b = other.images[i].targets.at(0).batchMaxima;
                    QCOMPARE(a.size(), b.size());
                    for (std::size_t k = 0; k < a.size(); ++k)
                        QVERIFY2(std::abs(a[k] - b[k]) <= 1e-4 * a[k],
                                 qPrintable(QString("%1 points a pass: %2 vs %3").arg(perPass).arg(b[k]).arg(a[k])));
                }
            }
        }
    }

    // Issue 19: images [2, 5) scored on their own, told their first index,
    // get the scores the whole run gives them, random targets included.
    void chunkWithItsFirstIndexScoresAsTheWholeRun()
    {
        auto model = test::defaultModel();
        const core::LabelledImages data = test::fashionMnist(false, 5);
        core::CleverOptions options;
        options.batches = 4;
        options.samplesPerBatch = 8;
        options.seed = 5;
        options.targets = core::CleverTargets::Random;
        const core::CleverReport whole = core::cleverScores(*model, data.images, options);
        options.firstIndex = 2;
        const core::CleverReport chunk = core::cleverScores(*model, data.images.slice(0, 2, 5), options);
        options.firstIndex = 0;
        const core::CleverReport unindexed = core::cleverScores(*model, data.images.slice(0, 2, 5), options);
        QCOMPARE(chunk.images.size(), std::size_t{3});
        bool anyDiffers = false;
        for (std::size_t i = 0; i < 3; ++i) {
            const core::CleverImageResult& a = whole.images[i + 2];
            const core::CleverImageResult& b = chunk.images[i];
            QCOMPARE(b.targets.at(0).target, a.targets.at(0).target);
            QCOMPARE(b.targets.at(0).batchMaxima, a.targets.at(0).batchMaxima);
            QCOMPARE(b.score, a.score);
            anyDiffers = anyDiffers || unindexed.images[i].targets.at(0).batchMaxima != a.targets.at(0).batchMaxima;
        }
        QVERIFY(anyDiffers); // without the index the draws are those of images 0..2
        options.firstIndex = -1;
        expectError([&] { core::cleverScores(*model, data.images, options); }, "first index");
    }

    // (5) Bad settings.
    void badSettingsGiveClearErrors()
    {
        at::manual_seed(2);
        auto model = linearModel(at::randn({10, 64}), at::randn({10}));
        const at::Tensor images = at::rand({1, 1, 8, 8});
        core::CleverOptions options;
        options.batches = 0;
        expectError([&] { core::cleverScores(*model, images, options); }, "at least one batch");
        options = {};
        options.samplesPerBatch = 0;
        expectError([&] { core::cleverScores(*model, images, options); }, "at least one sample");
        options = {};
        options.radius = -1.0;
        expectError([&] { core::cleverScores(*model, images, options); }, "radius");
        options.radius = std::nan("");
        expectError([&] { core::cleverScores(*model, images, options); }, "radius");
        expectError([&] { core::cleverScores(*model, images[0], {}); }, "N×C×H×W");
        expectError([] { core::parseCleverTargets("second"); }, "unknown CLEVER target");
        QVERIFY(core::parseCleverTargets("Least-Likely") == core::CleverTargets::LeastLikely);
        QVERIFY(core::parseCleverTargets(core::toString(core::CleverTargets::All)) == core::CleverTargets::All);
    }
};

QTEST_GUILESS_MAIN(TestClever)
#include "tst_clever.moc"
