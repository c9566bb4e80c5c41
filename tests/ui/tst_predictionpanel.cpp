#include "ui/panels/predictionpanel.h"
#include "ui/plots/qcustomplotinclude.h"
#include "ui/plots/topkshiftchart.h"

#include <QComboBox>
#include <QLabel>
#include <QTextLayout>
#include <QtTest>

#include <algorithm>

using advlens::ui::Prediction;
using advlens::ui::PredictionPanel;

namespace {

/// `text` as the panel shows it: a no-break space between a number and its "%".
QString shown(QString text)
{
    return text.replace(QStringLiteral(" %"), QStringLiteral("\u00a0%"));
}

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

/// Two classes: `first` at `p`, the second at 1 − p; the true class is the first.
Prediction twoClassPrediction(int first, float p)
{
    Prediction prediction;
    prediction.numClasses = 2;
    prediction.probabilities = {first == 0 ? p : 1.0F - p, first == 0 ? 1.0F - p : p};
    prediction.topClasses = {first, 1 - first};
    prediction.topProbabilities = {p, 1.0F - p};
    prediction.topNames = QStringList{QStringLiteral("Sneaker"), QStringLiteral("Sandal")};
    if (first == 1)
        prediction.topNames.swapItemsAt(0, 1);
    prediction.trueClassIndex = 0;
    prediction.trueClass = QStringLiteral("Sneaker");
    prediction.trueClassProbability = prediction.probabilities[0];
    return prediction;
}

} // namespace

class TestPredictionPanel : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void verdict_data();
    void verdict();
    void chartShowsTopKWithPercentLabels();
    void chartValueAxisEndsAt100();
    void verdictNeverStartsALineWithPercent();
};

void TestPredictionPanel::verdict_data()
{
    QTest::addColumn<int>("trueClass");
    QTest::addColumn<QString>("expected");
    QTest::newRow("correct") << 0 << shown(QStringLiteral("Prediction: c0 (50.0 %) — correct"));
    QTest::newRow("wrong") << 2 << shown(QStringLiteral("Prediction: c0 (50.0 %) — wrong"));
    QTest::newRow("unknown") << -1 << shown(QStringLiteral("Prediction: c0 (50.0 %)"));
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

void TestPredictionPanel::chartValueAxisEndsAt100()
{
    // A certain prediction, then an attack that makes another class certain: both bars are 100 %.
    PredictionPanel panel;
    panel.resize(390, 420);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    advlens::ui::AttackOutcome outcome;
    outcome.before = twoClassPrediction(0, 1.0F);
    outcome.after = twoClassPrediction(1, 1.0F);
    outcome.success = true;
    panel.setPrediction(outcome.before);
    panel.setOutcome(outcome);
    QCustomPlot* plot = panel.chart()->customPlot();
    plot->replot();
    QCOMPARE(plot->xAxis->range().lower, 0.0);
    QCOMPARE(plot->xAxis->range().upper, 100.0); // a probability axis ends at 100 %
    const QVector<double> ticks = plot->xAxis->tickVector();
    QVERIFY(!ticks.isEmpty());
    QCOMPARE(*std::max_element(ticks.begin(), ticks.end()), 100.0);
    // The labels of the 100 % bars are drawn whole, right of the axis.
    QCOMPARE(panel.chart()->barLabels().count(QStringLiteral("100.0 %")), 2);
    for (int i = 0; i < plot->itemCount(); ++i) {
        auto* label = qobject_cast<QCPItemText*>(plot->item(i));
        QVERIFY(label);
        const double right = label->right->pixelPosition().x();
        QVERIFY2(
            right <= plot->width(),
            qPrintable(QStringLiteral("“%1” ends at x = %2 of %3").arg(label->text()).arg(right).arg(plot->width())));
        QVERIFY(label->left->pixelPosition().x() >= plot->axisRect()->left());
    }
}

void TestPredictionPanel::verdictNeverStartsALineWithPercent()
{
    PredictionPanel panel;
    advlens::ui::AttackOutcome outcome;
    outcome.before = twoClassPrediction(0, 0.997F);
    outcome.after = twoClassPrediction(1, 0.864F);
    outcome.success = true;
    panel.setPrediction(outcome.before);
    panel.setOutcome(outcome);
    const QString verdict = panel.verdictText();
    QCOMPARE(verdict, shown(QStringLiteral("Fooled: Sneaker 99.7 % → Sandal 86.4 %")));
    const QList<QLabel*> labels = panel.findChildren<QLabel*>();
    const auto label = std::find_if(labels.begin(), labels.end(), [&](QLabel* l) { return l->text() == verdict; });
    QVERIFY(label != labels.end() && (*label)->wordWrap());
    // Wrapped as the label wraps it, at every width from one word up to one line.
    QTextLayout layout(verdict, (*label)->font());
    QTextOption option;
    option.setWrapMode(QTextOption::WordWrap);
    layout.setTextOption(option);
    for (int width = 40; width <= 600; width += 2) {
        layout.beginLayout();
        QStringList lines;
        for (QTextLine line = layout.createLine(); line.isValid(); line = layout.createLine()) {
            line.setLineWidth(width);
            lines << verdict.mid(line.textStart(), line.textLength());
        }
        layout.endLayout();
        for (const QString& line : lines)
            QVERIFY2(!line.trimmed().startsWith(QLatin1Char('%')),
                     qPrintable(QStringLiteral("at %1 px: %2").arg(width).arg(lines.join(QStringLiteral(" | ")))));
    }
}

QTEST_MAIN(TestPredictionPanel)
#include "tst_predictionpanel.moc"
