#include "panels/attackpanel.h"

#include <QDoubleSpinBox>
#include <QSignalSpy>
#include <QSlider>
#include <QtTest>

#include <cmath>

using namespace advlens::ui;

class TestAttackPanel : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void photographsGetASliderOfAFewGreyLevels()
    {
        AttackPanel panel;
        QSignalSpy requested(&panel, &AttackPanel::attackRequested);
        // Fashion-MNIST: ε starts at 0.1, the slider reaches 0.5.
        panel.setInputShape(1, 28, 28);
        QCOMPARE(panel.epsilonBox()->value(), 0.1);
        panel.epsilonSlider()->setValue(AttackPanel::kSliderSteps);
        QCOMPARE(panel.epsilonBox()->value(), 0.5);

        // An ImageNet model: 4/255 to start, the whole slider spans 0..32/255.
        panel.setInputShape(3, 224, 224);
        QVERIFY(std::abs(panel.epsilonBox()->value() - 4.0 / 255) < 1e-4);
        QCOMPARE(panel.epsilonSlider()->value(), AttackPanel::kSliderSteps / 8);
        panel.epsilonSlider()->setValue(AttackPanel::kSliderSteps);
        QVERIFY(std::abs(panel.epsilonBox()->value() - 32.0 / 255) < 1e-4);
        panel.epsilonSlider()->setValue(AttackPanel::kSliderSteps / 32);
        QVERIFY(std::abs(panel.epsilonBox()->value() - 1.0 / 255) < 1e-4);

        // Another photograph model keeps the user's ε; small grey images reset it.
        panel.setInputShape(3, 299, 299);
        QVERIFY(std::abs(panel.epsilonBox()->value() - 1.0 / 255) < 1e-4);
        panel.setInputShape(1, 28, 28);
        QCOMPARE(panel.epsilonBox()->value(), 0.1);
        QCOMPARE(panel.epsilonSlider()->value(), AttackPanel::kSliderSteps / 5);
        // Changing the model's input asks for no attack by itself (live mode is off).
        QVERIFY(requested.isEmpty());
    }
};

QTEST_MAIN(TestAttackPanel)
#include "tst_attackpanel.moc"
