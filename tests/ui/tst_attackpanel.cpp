#include "ui/panels/attackpanel.h"
#include "ui/workers/attackcatalog.h"

#include "core/attacks/attackregistry.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QStandardItemModel>
#include <QSignalSpy>
#include <QSlider>
#include <QSpinBox>
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

    void modelsWithoutGradientsOfferOnlyGradientFreeAttacks()
    {
        AttackPanel panel;
        panel.setAttacks(attackCatalog());
        QCOMPARE(panel.request().attack, QStringLiteral("fgsm"));
        QStandardItemModel* items = nullptr;
        for (QComboBox* box : panel.findChildren<QComboBox*>())
            if (box->findData(QStringLiteral("fgsm")) >= 0)
                items = qobject_cast<QStandardItemModel*>(box->model());
        QVERIFY(items);
        panel.setGradientsAvailable(false, QStringLiteral("traced under no_grad"));
        // The first attack that only queries the model, in the registry's order.
        QString firstGradientFree;
        for (const advlens::core::AttackInfo& info : advlens::core::availableAttacks())
            if (!info.needsGradients && firstGradientFree.isEmpty())
                firstGradientFree = QString::fromStdString(info.name);
        QCOMPARE(panel.request().attack, firstGradientFree);
        int gradientFreeRows = 0;
        for (int i = 0; i < items->rowCount(); ++i) {
            const bool gradientFree =
                !advlens::core::attackInfo(items->item(i)->data(Qt::UserRole).toString().toStdString()).needsGradients;
            gradientFreeRows += gradientFree ? 1 : 0;
            QCOMPARE(items->item(i)->isEnabled(), gradientFree);
            if (!gradientFree)
                QVERIFY(items->item(i)->toolTip().contains(QLatin1String("traced under no_grad")));
        }
        QVERIFY(gradientFreeRows >= 2 && gradientFreeRows < items->rowCount()); // noise, square, …
        // A later re-listing (language switch) keeps them off; a model with gradients turns them on.
        panel.setAttacks(attackCatalog());
        QVERIFY(!items->item(0)->isEnabled());
        panel.setGradientsAvailable(true);
        QVERIFY(items->item(0)->isEnabled());
    }

    void queryBasedAttacksTakeAQueryBudgetInsteadOfSteps()
    {
        AttackPanel panel;
        panel.setAttacks(attackCatalog());
        panel.show();
        QCOMPARE(panel.request().queries, 0); // FGSM spends gradients, not queries
        QVERIFY(!panel.queryBudgetBox()->isVisible());

        panel.setAttack(QStringLiteral("square"));
        const advlens::core::AttackParameter* queries =
            advlens::core::attackInfo("square").parameter("queries");
        QVERIFY(queries && queries->defaultValue);
        QVERIFY(panel.queryBudgetBox()->isVisible());
        QCOMPARE(panel.request().queries, static_cast<int>(*queries->defaultValue));
        QSpinBox* steps = nullptr;
        for (QSpinBox* box : panel.findChildren<QSpinBox*>())
            if (box != panel.queryBudgetBox())
                steps = box;
        QVERIFY(steps && !steps->isEnabled());

        // The slider is logarithmic: its ends are 10 and 100,000 queries, its
        // middle 1,000; the box moves the slider back.
        panel.queryBudgetSlider()->setValue(0);
        QCOMPARE(panel.request().queries, 10);
        panel.queryBudgetSlider()->setValue(AttackPanel::kQuerySliderSteps / 2);
        QCOMPARE(panel.request().queries, 1000);
        panel.queryBudgetSlider()->setValue(AttackPanel::kQuerySliderSteps);
        QCOMPARE(panel.request().queries, 100000);
        panel.queryBudgetBox()->setValue(100);
        QCOMPARE(panel.queryBudgetSlider()->value(), AttackPanel::kQuerySliderSteps / 4);

        // Progress of a query-based attack reads in queries.
        panel.setQueryProgress(1234, 5000);
        QVERIFY(panel.queriesUsedText().contains(QLocale().toString(1234)));
        QVERIFY(panel.queriesUsedText().contains(QLocale().toString(5000)));
        panel.setRunning(true);
        QVERIFY(panel.queriesUsedText().isEmpty());

        // Back to a gradient attack: no budget row, steps again.
        panel.setAttack(QStringLiteral("pgd"));
        QVERIFY(!panel.queryBudgetBox()->isVisible());
        QVERIFY(steps->isEnabled());
        QCOMPARE(panel.request().queries, 0);
    }

    void theThreatModelHidesGradientAttacks()
    {
        AttackPanel panel;
        panel.setAttacks(attackCatalog());
        panel.setAttack(QStringLiteral("pgd"));
        QCOMPARE(panel.request().threat, QStringLiteral("full"));
        QStandardItemModel* items = qobject_cast<QStandardItemModel*>(
            [&] {
                for (QComboBox* box : panel.findChildren<QComboBox*>())
                    if (box->findData(QStringLiteral("pgd")) >= 0)
                        return box;
                return static_cast<QComboBox*>(nullptr);
            }()
                ->model());
        QVERIFY(items);
        const auto rowOf = [&](const char* id) {
            for (int i = 0; i < items->rowCount(); ++i)
                if (items->item(i)->data(Qt::UserRole).toString() == QLatin1String(id))
                    return items->item(i);
            return static_cast<QStandardItem*>(nullptr);
        };
        for (const char* threat : {"scores", "label"}) {
            panel.setThreatModel(QLatin1String(threat));
            QCOMPARE(panel.request().threat, QLatin1String(threat));
            QVERIFY(!rowOf("pgd")->isEnabled());
            QVERIFY(rowOf("square")->isEnabled());
            QVERIFY(rowOf("hopskipjump")->isEnabled());
            QVERIFY(!advlens::core::attackInfo(panel.request().attack.toStdString()).needsGradients);
        }
        QVERIFY(rowOf("pgd")->toolTip().contains(QLatin1String("predicted class")));
        panel.setThreatModel(QStringLiteral("full"));
        QVERIFY(rowOf("pgd")->isEnabled());
        // A model without gradients keeps them off under every threat model.
        panel.setGradientsAvailable(false, QStringLiteral("ONNX"));
        QVERIFY(!rowOf("pgd")->isEnabled());
        QVERIFY(rowOf("pgd")->toolTip().contains(QLatin1String("ONNX")));
    }

    void epsilonIsKeptExactlyAndShownRounded()
    {
        AttackPanel panel;
        panel.setInputShape(3, 224, 224);
        // The start for photographs: exactly 4/255, though the box shows 0.0157.
        QCOMPARE(panel.request().epsilon, 4.0 / 255.0);
        QCOMPARE(panel.epsilonBox()->text(), QLocale().toString(0.0157, 'f', 4));

        panel.setEpsilon(8.0 / 255.0);
        QCOMPARE(panel.request().epsilon, 8.0 / 255.0);

        // Typed as a fraction, as the CLI's --eps takes it.
        EpsilonSpinBox* box = panel.epsilonBox();
        box->selectAll();
        QTest::keyClicks(box, QStringLiteral("3/255"));
        QTest::keyClick(box, Qt::Key_Return);
        QCOMPARE(panel.request().epsilon, 3.0 / 255.0);
        QCOMPARE(box->text(), QLocale().toString(0.0118, 'f', 4));

        // A decimal typed is taken as typed.
        box->selectAll();
        QTest::keyClicks(box, QLocale().toString(0.05, 'f', 2));
        QTest::keyClick(box, Qt::Key_Return);
        QCOMPARE(panel.request().epsilon, 0.05);

        // ℓ∞ arrows step by whole grey levels from the exact value.
        panel.setEpsilon(0.0);
        box->stepBy(10);
        QCOMPARE(panel.request().epsilon, 10.0 / 255.0);
        QTest::keyClick(box, Qt::Key_Up);
        QCOMPARE(panel.request().epsilon, 11.0 / 255.0);

        // The slider's positions are not rounded to the box's four decimals.
        panel.epsilonSlider()->setValue(1);
        QCOMPARE(panel.request().epsilon, AttackPanel::kPhotoLinfReach / AttackPanel::kSliderSteps);
        QCOMPARE(box->text(), QLocale().toString(0.0001, 'f', 4));
    }
};

QTEST_MAIN(TestAttackPanel)
#include "tst_attackpanel.moc"
