#include "tests/support/testsupport.h"

#include "core/attacks/attackregistry.h"
#include "core/metrics/accuracy.h"
#include "core/tensor/finitelogits.h"
#include "core/metrics/minimaldistance.h"
#include "core/metrics/robustnessevaluation.h"
#include "core/model/classifier.h"
#include "core/util/error.h"

#include <ATen/ATen.h>
#include <QtTest>

using namespace advlens;

namespace {

/// The tiny trained model, except that an image whose top-left 2×2 corner
/// averages at least kMarkThreshold gets NaN logits. Marked images have that
/// corner at 1, which no attack below moves by more than 0.2, and the
/// Fashion-MNIST images used have dark corners, so exactly the marked
/// images are non-finite, before and after an attack.
class NanOnMarkedImages : public core::Classifier {
public:
    static constexpr double kMarkThreshold = 0.75;

    explicit NanOnMarkedImages(std::unique_ptr<core::Classifier> inner)
        : core::Classifier(plainMetadata(inner->metadata()))
        , m_inner(std::move(inner))
    {
    }

    std::vector<at::Tensor> parameters() override { return m_inner->parameters(); }
    void setTrainingMode(bool training) override { m_inner->setTrainingMode(training); }
    void save(const std::filesystem::path&) override { throw core::Error("not saved"); }

protected:
    at::Tensor forwardNormalised(const at::Tensor& pixels) override // mean 0, std 1: pixels themselves
    {
        const at::Tensor logits = m_inner->logits(pixels);
        const at::Tensor marked = pixels.slice(2, 0, 2).slice(3, 0, 2).mean({1, 2, 3}).ge(kMarkThreshold);
        return logits + at::where(marked, std::nan(""), 0.0).view({-1, 1}).to(logits.dtype());
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
};

const std::vector<std::int64_t> kMarked = {3, 17, 42};

core::LabelledImages markedImages(std::int64_t count)
{
    core::LabelledImages data = test::fashionMnist(false, count);
    data.images = data.images.clone();
    for (std::int64_t i : kMarked)
        data.images[i].slice(1, 0, 2).slice(2, 0, 2).fill_(1.0);
    return data;
}

core::AttackConfig quickConfig(const core::AttackInfo& info, core::Norm norm)
{
    core::AttackConfig config;
    config.norm = norm;
    config.steps = 3;
    if (info.name == "cw-l2" || info.name == "ead") {
        config.extra["binary_search_steps"] = 2;
        config.extra["max_iterations"] = 10;
    }
    if (info.name == "deepfool")
        config.extra["max_iterations"] = 10;
    return config;
}

} // namespace

class TestNonFinite : public QObject {
    Q_OBJECT

    std::unique_ptr<core::Classifier> m_plain;
    std::unique_ptr<core::Classifier> m_nan;
    core::LabelledImages m_data;

private Q_SLOTS:
    void initTestCase()
    {
        m_plain = test::tinyTrainedModel();
        m_nan = std::make_unique<NanOnMarkedImages>(test::tinyTrainedModel());
        m_data = markedImages(64);
        // The premise: only the marked images carry the mark.
        const at::Tensor corners = m_data.images.slice(2, 0, 2).slice(3, 0, 2).mean({1, 2, 3});
        QCOMPARE(core::falseIndices(corners.lt(NanOnMarkedImages::kMarkThreshold - 0.2)), kMarked);
    }

    void accuracyLeavesNonFiniteRowsOut()
    {
        const at::Tensor logits = at::tensor({1.0f, 0.0f, 0.0f, 1.0f, NAN, 0.0f, INFINITY, 0.0f}).view({4, 2});
        const at::Tensor labels = at::tensor({0, 0, 0, 0}, at::kLong);
        const core::Accuracy accuracy = core::accuracyOf(logits, labels);
        QCOMPARE(accuracy.images, 4);
        QCOMPARE(accuracy.nonFinite, 2);
        QCOMPARE(accuracy.top1, 0.5);
        QCOMPARE(core::describeNonFinite(core::falseIndices(core::finiteRows(logits)), 4),
                 std::string("2 of 4 images gave NaN or infinite logits (indices 2, 3)"));
    }

    void curvesCountNonFiniteImagesApart_data()
    {
        QTest::addColumn<QString>("attack");
        QTest::addColumn<bool>("fast");
        QTest::newRow("fgsm shared gradient") << "fgsm" << true;
        QTest::newRow("fgsm naive") << "fgsm" << false;
        QTest::newRow("pgd incremental") << "pgd" << true;
        QTest::newRow("deepfool distance threshold") << "deepfool" << true;
    }
    void curvesCountNonFiniteImagesApart()
    {
        QFETCH(QString, attack);
        QFETCH(bool, fast);
        auto instance = core::createAttack(attack.toStdString());
        core::AttackConfig config = quickConfig(core::attackInfo(attack.toStdString()), core::Norm::Linf);
        const core::RobustnessReport report =
            core::evaluateRobustness(*m_nan, m_data, *instance, config, {0.0, 0.05, 0.1},
                                     {16, fast ? core::CurveMethod::Fast : core::CurveMethod::Naive});
        QCOMPARE(report.nonFiniteImages, kMarked);
        QCOMPARE(report.clean.nonFinite, 3);

        // Clean accuracy of the 61 unmarked images, by the model without NaN.
        const at::Tensor keep = at::ones({m_data.size()}, at::kBool).index_fill_(0, at::tensor(kMarked), false);
        const core::Accuracy expected =
            core::evaluateAccuracy(*m_plain, m_data.images.index({keep}), m_data.labels.index({keep}));
        QCOMPARE(report.clean.top1, expected.top1);
        QCOMPARE(report.clean.counted(), 61);
        QCOMPARE(report.points.front().robustAccuracy, report.clean.top1);
        for (const core::CurvePoint& point : report.points) {
            QVERIFY(std::isfinite(point.robustAccuracy) && std::isfinite(point.successRate));
            QCOMPARE(point.nonFiniteAdversarial, 0);
            QVERIFY(point.successes == 0 || std::isfinite(point.l2.mean));
        }
        const std::string json = core::reportToJson(report);
        QVERIFY2(json.find("\"non_finite_images\": 3") != std::string::npos, json.c_str());
        QVERIFY(json.find("NaN") == std::string::npos && json.find("nan") == std::string::npos);
        const std::string csv = core::reportToCsv(report);
        QVERIFY2(csv.find(",3,0,") != std::string::npos, csv.c_str()); // non-finite images, adversarial
        QVERIFY(csv.find("nan") == std::string::npos);
    }

    void robustAccuracyAtZeroBudgetIsCleanAccuracy_data()
    {
        QTest::addColumn<QString>("attack");
        QTest::addColumn<QString>("norm");
        QTest::addColumn<bool>("withNan");
        for (const core::AttackInfo& info : core::availableAttacks())
            for (core::Norm norm : info.norms)
                for (bool withNan : {false, true})
                    QTest::newRow(qPrintable(QString::fromStdString(info.name + " " + core::toString(norm)) +
                                             (withNan ? " NaN model" : "")))
                        << QString::fromStdString(info.name) << QString::fromStdString(core::toString(norm))
                        << withNan;
    }
    void robustAccuracyAtZeroBudgetIsCleanAccuracy()
    {
        QFETCH(QString, attack);
        QFETCH(QString, norm);
        QFETCH(bool, withNan);
        const core::AttackInfo& info = core::attackInfo(attack.toStdString());
        const core::AttackConfig config = quickConfig(info, core::parseNorm(norm.toStdString()));
        core::Classifier& model = withNan ? *m_nan : *m_plain;
        const core::LabelledImages data{m_data.images.slice(0, 0, 48), m_data.labels.slice(0, 0, 48)};
        for (core::CurveMethod method : {core::CurveMethod::Fast, core::CurveMethod::Naive}) {
            auto instance = core::createAttack(info.name);
            const core::RobustnessReport report =
                core::evaluateRobustness(model, data, *instance, config, {0.0}, {16, method});
            QCOMPARE(report.points.at(0).robustAccuracy, report.clean.top1);
            QCOMPARE(report.points.at(0).successes, 0);
        }
    }

    void robustAccuracyNeverRisesWithBudgetOnFastCurves_data()
    {
        QTest::addColumn<QString>("attack");
        QTest::addColumn<QString>("norm");
        for (const char* attack : {"pgd", "bim", "mim", "deepfool"})
            for (const char* norm : {"linf", "l2"})
                QTest::newRow(qPrintable(QString("%1 %2").arg(attack, norm))) << attack << norm;
    }
    void robustAccuracyNeverRisesWithBudgetOnFastCurves()
    {
        QFETCH(QString, attack);
        QFETCH(QString, norm);
        const core::AttackInfo& info = core::attackInfo(attack.toStdString());
        const core::Norm n = core::parseNorm(norm.toStdString());
        const core::AttackConfig config = quickConfig(info, n);
        const std::vector<double> epsilons =
            n == core::Norm::Linf ? std::vector<double>{0.0, 0.02, 0.04, 0.08, 0.16}
                                  : std::vector<double>{0.0, 0.25, 0.5, 1.0, 2.0};
        auto instance = core::createAttack(info.name);
        const core::RobustnessReport report =
            core::evaluateRobustness(*m_nan, m_data, *instance, config, epsilons, {16, core::CurveMethod::Fast});
        for (std::size_t i = 1; i < report.points.size(); ++i)
            QVERIFY2(report.points[i].robustAccuracy <= report.points[i - 1].robustAccuracy,
                     qPrintable(QString("eps %1: %2 > %3")
                                    .arg(report.points[i].epsilon)
                                    .arg(report.points[i].robustAccuracy)
                                    .arg(report.points[i - 1].robustAccuracy)));
        QVERIFY(report.points.back().robustAccuracy < report.points.front().robustAccuracy);
    }

    void minimalDistancesLeaveNonFiniteImagesOut()
    {
        auto deepFool = core::createAttack("deepfool");
        core::AttackConfig config;
        config.norm = core::Norm::L2;
        const core::MinimalDistanceReport report = core::minimalDistances(*m_nan, m_data, *deepFool, config);
        QCOMPARE(report.nonFiniteImages, kMarked);
        QVERIFY(report.summary.count > 0);
        QVERIFY(std::isfinite(report.rho2) && report.rho2 > 0);
        for (std::int64_t i : kMarked)
            QVERIFY(!report.found[i].item<bool>());
        QVERIFY(core::minimalDistancesToJson(report).find("\"non_finite_images\": 3") != std::string::npos);
    }

    void minimalDistancesWithNothingClassifiedCorrectlySayWhy()
    {
        // Every label shifted by one class: no image is classified correctly
        // (torch.cat of an empty list used to escape from here).
        const at::Tensor predicted = core::predictLogits(*m_plain, m_data.images, 64).argmax(1);
        const core::LabelledImages wrong{m_data.images, (predicted + 1) % m_plain->numClasses()};
        auto deepFool = core::createAttack("deepfool");
        core::AttackConfig config;
        config.norm = core::Norm::L2;
        try {
            core::minimalDistances(*m_plain, wrong, *deepFool, config);
            QFAIL("no error");
        } catch (const core::Error& e) {
            QVERIFY2(std::string(e.what()).find("classifies none of the 64 images correctly") != std::string::npos,
                     e.what());
        }
    }
};

QTEST_GUILESS_MAIN(TestNonFinite)
#include "tst_nonfinite.moc"
