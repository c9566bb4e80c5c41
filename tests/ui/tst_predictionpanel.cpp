#include "panels/predictionpanel.h"
#include "plots/topkshiftchart.h"

#include <QComboBox>
#include <QtTest>

using advlens::ui::Prediction;
using advlens::ui::PredictionPanel;

namespace {

/// Ten classes "c0"…"c9" with probabilities 0.5, 0.2, 0.1, … best first.
Prediction tenClassPrediction(int trueClassIndex)
{
    Prediction p;
    p.numClasses = 10;
    const float probabilities[] = {0.5F, 0.2F, 0.1F, 0.05F, 0.05F, 0.04F, 0.03F, 0.01F, 0.01F, 0.01F};
    for (int i = 0; i < 10; ++i) {
        p.topClasses.push_back(i);
        p.topProbabilities.push_back(probabilities[i]);
        p.topNames << QStringLiteral("c%1").arg(i);
        p.probabilities.push_back(probabilities[i]);
    }
    if (trueClassIndex >= 0) {
        p.trueClassIndex = trueClassIndex;
        p.trueClass = p.topNames.at(trueClassIndex);
        p.trueClassProbability = probabilities[trueClassIndex];
    }
    return p;
}

} // namespace

class TestPredictionPanel : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void verdict_data();
    void verdict();
    void chartShowsTopKWithPercentLabels();
};

void TestPredictionPanel::verdict_data()
{
    QTest::addColumn<int>("trueClass");
    QTest::addColumn<QString>("expected");
    QTest::newRow("correct") << 0 << QStringLiteral("Prediction: c0 (50.0 %) — correct");
    QTest::newRow("wrong") << 2 << QStringLiteral("Prediction: c0 (50.0 %) — wrong");
    QTest::newRow("unknown") << -1 << QStringLiteral("Prediction: c0 (50.0 %)");
}

void TestPredictionPanel::verdict()
{
    QFETCH(int, trueClass);
    QFETCH(QString, expected);
    PredictionPanel panel;
    panel.setPrediction(tenClassPrediction(trueClass));
    QCOMPARE(panel.verdictText(), expected);
    panel.clear();
    QCOMPARE(panel.verdictText(), QStringLiteral("Prediction: –"));
}

void TestPredictionPanel::chartShowsTopKWithPercentLabels()
{
    PredictionPanel panel;
    panel.setPrediction(tenClassPrediction(1));
    QCOMPARE(panel.chart()->barLabels(), QStringList({"50.0 %", "20.0 %", "10.0 %", "5.0 %", "5.0 %"}));
    panel.findChild<QComboBox*>()->setCurrentIndex(1); // "Top 10"
    QCOMPARE(panel.chart()->barLabels().size(), 10);
}

QTEST_MAIN(TestPredictionPanel)
#include "tst_predictionpanel.moc"
