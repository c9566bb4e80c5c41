#include "core/parallel/schedulesimulation.h"
#include "core/util/error.h"

#include <QtTest>

#include <algorithm>
#include <numeric>
#include <random>

using namespace advlens;

Q_DECLARE_METATYPE(core::SchedulePolicy)

namespace {

core::ScheduleResult simulate(const std::vector<double>& costs, int ranks, core::SchedulePolicy policy,
                              double latency = 0.0, bool coordinatorComputes = true)
{
    core::ScheduleOptions options;
    options.ranks = ranks;
    options.policy = policy;
    options.handOutLatency = latency;
    options.coordinatorComputes = coordinatorComputes;
    return core::simulateSchedule(costs, options);
}

/// The message of the Error `work` throws, or "" when it throws none.
QString refusal(const std::function<void()>& work)
{
    try {
        work();
    } catch (const core::Error& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

} // namespace

class TestScheduleSimulation : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void handComputed_data()
    {
        QTest::addColumn<QVector<double>>("costs");
        QTest::addColumn<int>("ranks");
        QTest::addColumn<core::SchedulePolicy>("policy");
        QTest::addColumn<double>("latency");
        QTest::addColumn<QVector<double>>("finished"); // per rank
        QTest::addColumn<QVector<int>>("rankOfItem");
        QTest::addColumn<double>("makespan");
        QTest::addColumn<double>("tail");

        const QVector<double> skewed = {5, 1, 1, 1, 1, 1}; // total 10
        // Blocks of 3: rank 0 {5,1,1} = 7, rank 1 {1,1,1} = 3; rank 1 waits 4.
        QTest::newRow("static 2 ranks") << skewed << 2 << core::SchedulePolicy::Static << 0.0 << QVector<double>{7, 3}
                                        << QVector<int>{0, 0, 0, 1, 1, 1} << 7.0 << 4.0;
        // Items 0,2,4 → rank 0: 5+1+1 = 7; items 1,3,5 → rank 1: 3.
        QTest::newRow("round-robin 2 ranks") << skewed << 2 << core::SchedulePolicy::RoundRobin << 0.0
                                             << QVector<double>{7, 3} << QVector<int>{0, 1, 0, 1, 0, 1} << 7.0 << 4.0;
        // t=0: rank 0 draws item 0 (busy until 5), rank 1 draws item 1 (until 1),
        // then items 2..5 as it frees up at 1, 2, 3, 4: both finish at 5.
        QTest::newRow("dynamic 2 ranks") << skewed << 2 << core::SchedulePolicy::Dynamic << 0.0 << QVector<double>{5, 5}
                                         << QVector<int>{0, 1, 1, 1, 1, 1} << 5.0 << 0.0;
        // With 0.5 s per hand-out: rank 0 item 0 until 5.5; rank 1 items 1–4 until
        // 1.5, 3, 4.5, 6; at 5.5 rank 0 is free first and draws item 5: 7.
        QTest::newRow("dynamic 2 ranks, latency 0.5")
            << skewed << 2 << core::SchedulePolicy::Dynamic << 0.5 << QVector<double>{7, 6}
            << QVector<int>{0, 1, 1, 1, 1, 0} << 7.0 << 1.0;
        // Latency costs static splits nothing (no message per item).
        QTest::newRow("static ignores latency")
            << skewed << 2 << core::SchedulePolicy::Static << 0.5 << QVector<double>{7, 3}
            << QVector<int>{0, 0, 0, 1, 1, 1} << 7.0 << 4.0;
        // 7 items on 3 ranks: blocks of 3, 2, 2.
        QTest::newRow("static uneven blocks")
            << QVector<double>{1, 2, 3, 4, 5, 6, 7} << 3 << core::SchedulePolicy::Static << 0.0
            << QVector<double>{6, 9, 13} << QVector<int>{0, 0, 0, 1, 1, 2, 2} << 13.0 << 7.0;
        // 3 items on 5 ranks: two ranks get nothing and idle the whole second.
        for (const auto policy :
             {core::SchedulePolicy::Static, core::SchedulePolicy::RoundRobin, core::SchedulePolicy::Dynamic})
            QTest::newRow(("more ranks than items, " + core::toString(policy)).c_str())
                << QVector<double>{1, 1, 1} << 5 << policy << 0.0 << QVector<double>{1, 1, 1, 0, 0}
                << QVector<int>{0, 1, 2} << 1.0 << 1.0;
    }

    void handComputed()
    {
        QFETCH(QVector<double>, costs);
        QFETCH(int, ranks);
        QFETCH(core::SchedulePolicy, policy);
        QFETCH(double, latency);
        QFETCH(QVector<double>, finished);
        QFETCH(QVector<int>, rankOfItem);
        QFETCH(double, makespan);
        QFETCH(double, tail);

        const std::vector<double> list(costs.begin(), costs.end());
        const core::ScheduleResult r = simulate(list, ranks, policy, latency);
        QCOMPARE(r.ranks, ranks);
        QCOMPARE(int(r.perRank.size()), ranks);
        for (int rank = 0; rank < ranks; ++rank)
            QCOMPARE(r.perRank[std::size_t(rank)].finished, finished[rank]);
        QCOMPARE(QVector<int>(r.rankOfItem.begin(), r.rankOfItem.end()), rankOfItem);
        QCOMPARE(r.makespan, makespan);
        QCOMPARE(r.tail, tail);
        const double total = std::accumulate(list.begin(), list.end(), 0.0);
        QCOMPARE(r.totalWork, total);
        QCOMPARE(r.efficiency, total / (ranks * makespan));
        std::int64_t items = 0;
        double busy = 0.0;
        for (const core::RankLoad& load : r.perRank) {
            items += load.items;
            busy += load.busy;
        }
        QCOMPARE(items, std::int64_t(list.size()));
        QCOMPARE(busy, total);
    }

    void equalCostsDivisibleByRanksAreEfficient()
    {
        const std::vector<double> costs(12, 2.0);
        for (const auto policy :
             {core::SchedulePolicy::Static, core::SchedulePolicy::RoundRobin, core::SchedulePolicy::Dynamic}) {
            const core::ScheduleResult r = simulate(costs, 4, policy);
            QCOMPARE(r.makespan, 6.0);
            QCOMPARE(r.efficiency, 1.0);
            QCOMPARE(r.tail, 0.0);
            for (const core::RankLoad& load : r.perRank)
                QCOMPARE(load.items, std::int64_t(3));
        }
    }

    void dedicatedCoordinatorComputesNothing()
    {
        const core::ScheduleResult r =
            simulate({5, 1, 1, 1, 1, 1}, 2, core::SchedulePolicy::Dynamic, 0.0, /*coordinatorComputes=*/false);
        QCOMPARE(r.perRank[0].items, std::int64_t(0));
        QCOMPARE(r.makespan, 10.0);
        QCOMPARE(r.tail, 0.0); // rank 1, the only one computing, never waits
        QCOMPARE(r.perRank[1].items, std::int64_t(6));
        QCOMPARE(r.efficiency, 0.5);
    }

    void noWorkIsEfficient()
    {
        const core::ScheduleResult r = simulate({}, 3, core::SchedulePolicy::Dynamic);
        QCOMPARE(r.makespan, 0.0);
        QCOMPARE(r.efficiency, 1.0);
        QCOMPARE(r.tail, 0.0);
    }

    /// Greedy list scheduling (Graham 1969): no rank is idle while items are
    /// left, so the makespan stays within total/R + max cost, and no split can
    /// beat max(total/R, max cost). Random heavy-tailed costs, many R.
    void dynamicWithinListSchedulingBound()
    {
        std::mt19937_64 random(19);
        std::lognormal_distribution<double> cost(0.0, 1.5);
        for (int trial = 0; trial < 50; ++trial) {
            std::vector<double> costs(std::size_t(1 + random() % 400));
            for (double& c : costs)
                c = cost(random);
            const double total = std::accumulate(costs.begin(), costs.end(), 0.0);
            const double longest = *std::max_element(costs.begin(), costs.end());
            for (const int ranks : {1, 2, 3, 8, 64, 512}) {
                const core::ScheduleResult r = simulate(costs, ranks, core::SchedulePolicy::Dynamic);
                QVERIFY2(r.makespan <= total / ranks + longest + 1e-9, qPrintable(QString::number(trial)));
                QVERIFY(r.makespan >= std::max(total / ranks, longest) - 1e-9);
                QVERIFY(r.efficiency > 0.0 && r.efficiency <= 1.0);
                QVERIFY(r.tail >= 0.0 && r.tail <= r.makespan);
                // Any split's makespan is ≥ total/R, so dynamic is never worse than
                // round-robin by more than the longest item.
                const core::ScheduleResult fixed = simulate(costs, ranks, core::SchedulePolicy::RoundRobin);
                QVERIFY(r.makespan <= fixed.makespan + longest + 1e-9);
            }
        }
    }

    void refusesBadInput()
    {
        QVERIFY(refusal([] {
                    simulate({1, 2}, 0, core::SchedulePolicy::Dynamic);
                }).contains("needs at least 1 rank, not 0"));
        QVERIFY(refusal([] {
                    simulate({1, -2}, 2, core::SchedulePolicy::Static);
                }).contains("item 1 has a cost that is negative"));
        QVERIFY(refusal([] {
                    simulate({std::nan("")}, 2, core::SchedulePolicy::RoundRobin);
                }).contains("item 0 has a cost that is negative or not a number"));
        QVERIFY(refusal([] {
                    simulate({1}, 2, core::SchedulePolicy::Dynamic, -1.0);
                }).contains("hand-out latency must be a finite number"));
        QVERIFY(refusal([] {
                    simulate({1}, 1, core::SchedulePolicy::Dynamic, 0.0, false);
                }).contains("dedicated coordinator needs at least 2 ranks"));
        QVERIFY(refusal([] { simulate({1}, 1, core::SchedulePolicy::Dynamic); }).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestScheduleSimulation)
#include "tst_schedulesimulation.moc"
