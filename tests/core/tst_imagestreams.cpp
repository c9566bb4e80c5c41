#include "core/attacks/imagestreams.h"
#include "core/util/error.h"

#include <ATen/ATen.h>
#include <QtTest>

using namespace advlens;

class TestImageStreams : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void anImagesDrawsFollowItsIndexNotItsRow()
    {
        core::ImageStreams forward(7, at::arange(0, 5, at::kLong));
        core::ImageStreams reversed(7, at::arange(4, -1, -1, at::kLong));
        const at::Tensor a = forward.uniform({}, {3, 4});
        const at::Tensor b = reversed.uniform({}, {3, 4});
        QCOMPARE(a.sizes().vec(), (std::vector<std::int64_t>{5, 3, 4}));
        QVERIFY(a.equal(b.flip(0)));
        QVERIFY(!a[0].equal(a[1]));
    }

    void drawingForSomeRowsLeavesTheOthersStreamsAlone()
    {
        core::ImageStreams all(3, at::arange(0, 4, at::kLong));
        core::ImageStreams some(3, at::arange(0, 4, at::kLong));
        all.normal({}, {10});
        some.normal(at::tensor({0, 2}, at::kLong), {10}); // rows 1 and 3 not drawn from
        const at::Tensor second = all.normal({}, {10});
        const at::Tensor onlyOnce = core::ImageStreams(3, at::arange(0, 4, at::kLong)).normal({}, {10});
        const at::Tensor someSecond = some.normal({}, {10});
        QVERIFY(someSecond[0].equal(second[0]));
        QVERIFY(someSecond[2].equal(second[2]));
        QVERIFY(someSecond[1].equal(onlyOnce[1]));
        QVERIFY(someSecond[3].equal(onlyOnce[3]));
    }

    void seedAndPurposeChangeTheDraws()
    {
        const at::Tensor indices = at::arange(0, 2, at::kLong);
        const at::Tensor base = core::ImageStreams(1, indices).uniform({}, {8});
        QVERIFY(!core::ImageStreams(2, indices).uniform({}, {8}).equal(base));
        QVERIFY(!core::ImageStreams(1, indices, 1).uniform({}, {8}).equal(base));
        QVERIFY(core::ImageStreams(1, indices).uniform({}, {8}).equal(base));
    }

    void distributionsHaveTheirMoments()
    {
        core::ImageStreams streams(11, at::arange(0, 4, at::kLong));
        const at::Tensor u = streams.uniform({}, {20000});
        QVERIFY(u.min().item<double>() >= 0.0 && u.max().item<double>() < 1.0);
        QVERIFY(std::abs(u.mean().item<double>() - 0.5) < 0.01);
        const at::Tensor g = streams.normal({}, {20000});
        QVERIFY(std::abs(g.mean().item<double>()) < 0.02);
        QVERIFY(std::abs(g.std().item<double>() - 1.0) < 0.02);
        std::vector<int> seen(5, 0);
        for (int k = 0; k < 200; ++k) {
            const at::Tensor i = streams.integers({}, 3, 8);
            QVERIFY(i.min().item<std::int64_t>() >= 3 && i.max().item<std::int64_t>() <= 7);
            for (std::int64_t v : std::vector<std::int64_t>(i.data_ptr<std::int64_t>(), i.data_ptr<std::int64_t>() + 4))
                ++seen[std::size_t(v - 3)];
        }
        for (int count : seen)
            QVERIFY(count > 100); // 800 draws over 5 values
    }

    void refusesRowsItDoesNotHave()
    {
        core::ImageStreams streams(0, at::arange(0, 2, at::kLong));
        QVERIFY_THROWS_EXCEPTION(core::Error, streams.uniform(at::tensor({2}, at::kLong), {1}));
        QVERIFY_THROWS_EXCEPTION(core::Error, core::imageIndices(at::arange(0, 3, at::kLong), 2));
        QVERIFY(core::imageIndices({}, 3).equal(at::arange(0, 3, at::kLong)));
    }
};

QTEST_GUILESS_MAIN(TestImageStreams)
#include "tst_imagestreams.moc"
