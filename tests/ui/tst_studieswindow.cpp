// The Studies view: its list of studies from core's registry and the views'
// registry, results of a newer schema version refused, Su et al.'s scatter plot, the transfer heat map, Deep
// Defense's table and the input-defence curves with their masking checks,
// drawn from results written here, the report (PNG, PDF, HTML), and the window
// running a small transfer study on its worker (the default LeNet and a tiny
// MLP) with progress, cancel and resume, then a click on a heat-map cell.
#include "tests/ui/darkpalette.h"
#include "ui/i18n/languageswitcher.h"
#include "ui/plots/qcustomplotinclude.h"
#include "ui/plots/robustnesscurveplot.h"
#include "ui/studies/deepdefensetable.h"
#include "ui/studies/labelplacement.h"
#include "ui/studies/maskingcheckslist.h"
#include "ui/studies/robustnessscatterplot.h"
#include "ui/studies/studycurvefigure.h"
#include "ui/studies/studieswindow.h"
#include "ui/studies/studyfigures.h"
#include "core/studies/studyregistry.h"
#include "core/studies/studyconfig.h"
#include "core/studies/studyrunner.h"
#include "core/studies/studystore.h"
#include "ui/studies/studyreport.h"
#include "core/studies/studyresults.h"
#include "ui/studies/studyviews.h"
#include "ui/studies/transferexamples.h"
#include "ui/studies/transferheatmap.h"
#include "tests/support/testsupport.h"

#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using namespace advlens;

namespace {

QJsonObject model(const QString& name, const QString& family, double error, double distortion)
{
    return QJsonObject{{"name", name},
                       {"family", family},
                       {"architecture", family},
                       {"parameters", 1000},
                       {"accuracy", 1.0 - error},
                       {"error", error},
                       {"metrics", QJsonObject{{"ifgsm-linf", QJsonObject{{"mean", distortion},
                                                                           {"found", 10},
                                                                           {"attacked", 12}}}}}};
}

/// Robustness results as core writes them: four models, one without a distortion.
QJsonObject robustnessResults()
{
    QJsonObject results{{"study", "robustness"}, {"title", "synthetic"}, {"data", "fashion-mnist"},
                        {"split", "test"},       {"images", 12},         {"metrics", QJsonArray{"ifgsm-linf"}}};
    QJsonArray models{model("a", "mlp", 0.05, 0.10), model("b", "lenet", 0.10, 0.20),
                      model("c", "lenet", 0.20, 0.15), model("d", "vgg", 0.30, 0.40)};
    QJsonObject none = model("e", "vgg", 0.4, 0.0);
    none["metrics"] = QJsonObject{{"ifgsm-linf", QJsonObject{{"mean", QJsonValue::Null}}}};
    models.append(none);
    results["models"] = models;
    results["fits"] = QJsonObject{
        {"ifgsm-linf", QJsonObject{{"intercept", 0.5}, {"slope", 0.1}, {"r2", 0.42}, {"points", 4}, {"valid", true}}}};
    results["pareto"] = QJsonObject{{"ifgsm-linf", QJsonArray{"a", "b", "d"}}};
    return results;
}

/// robustnessResults() with the budget metrics as core writes them
/// (core/studies/robustnessbudgets.cpp): AutoAttack at ℓ∞ ε = 0.1 and Square
/// with 1000 queries, whose curve ends at its robust accuracy. Model "e" was
/// skipped by both.
QJsonObject budgetResults()
{
    QJsonObject results = robustnessResults();
    results["metrics"] = QJsonArray{"ifgsm-linf", "autoattack", "square-queries"};
    QJsonArray models;
    int index = 0;
    for (const QJsonValue& value : results["models"].toArray()) {
        QJsonObject model = value.toObject();
        QJsonObject metrics = model["metrics"].toObject();
        const double clean = model["accuracy"].toDouble();
        if (model["name"] == "e") {
            const QJsonObject skipped{{"robust_accuracy", QJsonValue::Null}, {"skipped", "no input gradients"}};
            metrics["autoattack"] = skipped;
            metrics["square-queries"] = skipped;
        } else {
            const double robust = 0.1 * (index + 1); // a 10 %, b 20 %, c 30 %, d 40 %
            metrics["autoattack"] = QJsonObject{{"epsilon", 0.1},        {"norm", "linf"},
                                                {"robust_accuracy", robust - 0.05}, {"clean_accuracy", clean},
                                                {"images", 12},          {"stages", QJsonArray{}},
                                                {"warnings", QJsonArray{}}};
            QJsonArray curve;
            for (int q : {1, 2, 5, 10, 20, 50, 100, 200, 500, 1000})
                curve.append(QJsonObject{{"queries", q},
                                         {"robust_accuracy",
                                          q == 1000 ? robust : robust + (clean - robust) * std::exp(-q / 60.0)}});
            metrics["square-queries"] = QJsonObject{
                {"epsilon", 0.1},       {"norm", "linf"},      {"budget", 1000}, {"robust_accuracy", robust},
                {"clean_accuracy", clean}, {"images", 12},     {"curve", curve}, {"warnings", QJsonArray{}}};
            ++index;
        }
        model["metrics"] = metrics;
        models.append(model);
    }
    results["models"] = models;
    return results;
}

void writeJson(const QString& path, const QJsonObject& json)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QJsonDocument(json).toJson());
}

QJsonObject curve(const QString& defence, const QString& gradient, double last, bool passed)
{
    return QJsonObject{
        {"model", "lenet-plain"}, {"attack_label", "fgsm"}, {"defence", defence}, {"gradient", gradient},
        {"norm", "linf"}, {"axis", "epsilon"}, {"images", 10},
        {"label", "fgsm, " + defence + " " + gradient},
        {"points", QJsonArray{QJsonObject{{"epsilon", 0.0}, {"steps", 1}, {"robust_accuracy", 0.9}},
                              QJsonObject{{"epsilon", 0.3}, {"steps", 1}, {"robust_accuracy", last}}}},
        {"checks", QJsonArray{QJsonObject{{"name", "unbounded-pgd"}, {"passed", passed},
                                          {"description", passed ? "reaches 100 %" : "stays at 60 %"}},
                              QJsonObject{{"name", "noise-weaker-than-gradients"}, {"passed", true},
                                          {"description", "noise 5 % vs PGD 90 %"}}}}};
}

QJsonObject tableRow(const QString& name, const QString& recipe, double accuracy, double rho2, double ratio)
{
    return QJsonObject{{"name", name},         {"recipe", recipe},     {"accuracy", accuracy},
                       {"rho2", rho2},         {"rho2_ratio", ratio},  {"accuracy_change", accuracy - 0.9},
                       {"fgs_accuracy", QJsonArray{0.8, 0.6, 0.5}}};
}

/// Defences results as core writes them: one architecture's table and an input defence's curves.
QJsonObject defencesResults()
{
    return QJsonObject{
        {"study", "defences"}, {"title", "synthetic defences"}, {"data", "fashion-mnist"}, {"split", "test"},
        {"images", 10}, {"fgs_factors", QJsonArray{0.2, 0.5, 1.0}},
        {"table", QJsonArray{QJsonObject{{"architecture", "mlp"}, {"eps_ref", 0.0625}, {"eps_ref_model", "mlp-dd"},
                                         {"eps_ref_reached", true},
                                         {"rows", QJsonArray{tableRow("mlp-plain", "plain", 0.9, 0.04, 1.0),
                                                             tableRow("mlp-pgd", "pgd", 0.87, 0.05, 1.25),
                                                             tableRow("mlp-dd", "deepdefense", 0.895, 0.06, 1.5)}}}}},
        {"curves", QJsonArray{curve("", "", 0.1, true), curve("bits:2", "obfuscated", 0.9, false),
                              curve("bits:2", "bpda", 0.0, true)}}};
}

/// A transfer config over the default model and the tiny MLP (by path).
QString transferConfig(int images)
{
    const QJsonObject config{
        {"study", "transfer"},
        {"models", QJsonArray{test::qs(test::defaultModelPath().u8string()),
                              test::qs(test::tinyTrainedModelPath().u8string())}},
        {"images", images},
        {"settings", QJsonObject{{"attacks", QJsonArray{QJsonObject{{"attack", "fgsm"}, {"eps", 0.15}},
                                                        QJsonObject{{"attack", "bim"}, {"eps", 0.15}, {"steps", 5}}}},
                                 {"examples", 4}}}};
    return QString::fromUtf8(QJsonDocument(config).toJson());
}

} // namespace

class TestStudiesWindow : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void scatterLabelsAvoidEachOtherAndTheEdge()
    {
        const QRectF axes(0, 0, 800, 450);
        const QSizeF size(80, 14);
        QCOMPARE(ui::placeLabels({QPointF(100, 200)}, {size}, axes, 6, 5).value(0), ui::LabelCorner::AboveRight);
        // Two points 5 px apart, as lenet and lenet-large were: the labels part.
        const QVector<QPointF> close = {QPointF(100, 200), QPointF(112, 196)};
        const QVector<ui::LabelCorner> corners = ui::placeLabels(close, {size, size}, axes, 6, 5);
        const QRectF first = ui::labelRect(close[0], size, corners[0], 6);
        const QRectF second = ui::labelRect(close[1], size, corners[1], 6);
        QVERIFY(!first.intersects(second));
        QVERIFY(!first.contains(close[1]) && !second.contains(close[0]));
        // At the right edge the label goes left, inside the axes.
        const ui::LabelCorner edge = ui::placeLabels({QPointF(790, 200)}, {size}, axes, 6, 5).value(0);
        QCOMPARE(edge, ui::LabelCorner::AboveLeft);
        QVERIFY(axes.contains(ui::labelRect(QPointF(790, 200), size, edge, 6)));
    }

    void scatterPlotDrawsFamiliesFitAndFrontier()
    {
        ui::RobustnessScatterPlot plot;
        plot.resize(800, 600);
        plot.setResults(robustnessResults(), QStringLiteral("ifgsm-linf"));
        QCOMPARE(plot.pointCount(), 4); // e has no distortion
        QCOMPARE(plot.frontier(), (QStringList{"a", "b", "d"}));
        QCustomPlot* p = plot.customPlot();
        // Three families, the fit and the frontier.
        QCOMPARE(p->graphCount(), 5);
        QCOMPARE(p->xAxis->scaleType(), QCPAxis::stLogarithmic);
        bool fitFound = false;
        for (int i = 0; i < p->graphCount(); ++i) {
            if (!p->graph(i)->name().contains(QStringLiteral("R² = 0.42")))
                continue;
            fitFound = true;
            // d = 0.5 + 0.1·ln(error), with error in % on the axis.
            const auto first = p->graph(i)->data()->begin();
            QVERIFY(std::abs(first->value - (0.5 + 0.1 * std::log(first->key / 100.0))) < 1e-9);
        }
        QVERIFY(fitFound);
        QVERIFY(p->xAxis->range().contains(5.0) && p->xAxis->range().contains(30.0));
    }

    // QCustomPlot draws black on white whatever the theme; on a dark one the
    // labels, in the palette's text colour, vanished into the white.
    void scatterAndHeatmapFollowADarkPalette()
    {
        const QPalette dark = test::darkPalette();
        ui::RobustnessScatterPlot scatter;
        scatter.resize(800, 600);
        scatter.setResults(robustnessResults(), QStringLiteral("ifgsm-linf"));
        scatter.setPalette(dark);
        QCustomPlot* p = scatter.customPlot();
        QCOMPARE(p->xAxis->tickLabelColor(), dark.color(QPalette::Text));
        QCOMPARE(p->legend->textColor(), dark.color(QPalette::Text));
        // Redrawn: four labels and the fit line in the new text colour.
        int labels = 0;
        for (int i = 0; i < p->itemCount(); ++i)
            if (auto* label = qobject_cast<QCPItemText*>(p->item(i))) {
                QCOMPARE(label->color(), dark.color(QPalette::Text));
                ++labels;
            }
        QCOMPARE(labels, 4);
        QCOMPARE(p->graph(3)->pen().color(), dark.color(QPalette::Text));
        QCOMPARE(p->toPixmap(800, 600).toImage().pixelColor(2, 2), dark.color(QPalette::Base));

        ui::TransferHeatmap heatmap;
        heatmap.setPalette(dark);
        QCOMPARE(heatmap.customPlot()->yAxis->labelColor(), dark.color(QPalette::Text));
        const QImage map = heatmap.customPlot()->toPixmap(600, 500).toImage();
        QCOMPARE(map.pixelColor(2, 2), dark.color(QPalette::Base));

        // "passed" and "FAILED" stay readable: light on the dark list.
        ui::MaskingChecksList checks;
        checks.addCurve(QStringLiteral("flagged"), curve("bits:2", "obfuscated", 0.6, false).value("checks").toArray());
        const QTreeWidgetItem* failed = checks.topLevelItem(0)->child(0);
        const QTreeWidgetItem* passed = checks.topLevelItem(0)->child(1);
        QVERIFY(failed->foreground(1).color().lightness() < 128 && passed->foreground(1).color().lightness() < 128);
        checks.setPalette(dark);
        for (const QTreeWidgetItem* item : {static_cast<const QTreeWidgetItem*>(checks.topLevelItem(0)), failed, passed})
            QVERIFY2(item->foreground(1).color().lightness() > 128, qPrintable(item->text(1)));
        QVERIFY(failed->foreground(1).color() != passed->foreground(1).color());
    }

    void maskingCheckNamesAreTranslated()
    {
        ui::LanguageSwitcher languages;
        languages.apply(QStringLiteral("en"));
        QJsonArray checks = curve("bits:2", "obfuscated", 0.6, false).value("checks").toArray();
        checks.append(QJsonObject{{"name", "a-check-of-a-later-version"}, {"passed", true}, {"description", "?"}});
        ui::MaskingChecksList list;
        list.addCurve(QStringLiteral("flagged"), checks);
        const QTreeWidgetItem* curveItem = list.topLevelItem(0);
        QCOMPARE(curveItem->child(0)->text(0), QStringLiteral("Unbounded PGD: accuracy ≈ 0"));
        QCOMPARE(curveItem->child(1)->text(0), QStringLiteral("Noise not stronger than PGD-20"));
        QCOMPARE(curveItem->child(2)->text(0), QStringLiteral("a-check-of-a-later-version")); // as written
        QCOMPARE(curveItem->child(0)->toolTip(0), QStringLiteral("stays at 60 %")); // the numbers, as recorded
        // The list follows a switch of language, names, results and header alike.
        languages.apply(QStringLiteral("zh_CN"));
        QTRY_COMPARE(curveItem->child(0)->text(0), QStringLiteral("无约束 PGD：准确率约为 0"));
        QCOMPARE(curveItem->child(0)->text(1), QStringLiteral("未通过"));
        QCOMPARE(curveItem->child(1)->text(0), QStringLiteral("噪声不强于 PGD-20"));
        QCOMPARE(curveItem->text(1), QStringLiteral("1 项未通过"));
        QCOMPARE(list.headerItem()->text(0), QStringLiteral("梯度掩蔽检查"));
        QCOMPARE(ui::MaskingChecksList::checkTitle(QStringLiteral("iterative-below-single-step")),
                 QStringLiteral("PGD-20 不弱于 FGSM"));
        languages.apply(QStringLiteral("en"));
        QTRY_COMPARE(curveItem->child(0)->text(1), QStringLiteral("FAILED"));
        QCOMPARE(ui::MaskingChecksList::checkTitle(QStringLiteral("fgsm-below-clean")),
                 QStringLiteral("FGSM not above clean accuracy"));
    }

    void heatmapShowsRatesAndReportsClicks()
    {
        ui::TransferHeatmap heatmap;
        heatmap.resize(700, 600);
        const QJsonObject matrix{{"attack", "fgsm"},
                                 {"targeted", false},
                                 {"rates", QJsonArray{QJsonArray{0.9, 0.3, 0.1}, QJsonArray{0.2, 0.8, QJsonValue::Null},
                                                      QJsonArray{0.4, 0.5, 1.0}}}};
        heatmap.setMatrix({"m0", "m1", "m2"}, matrix);
        heatmap.show();
        QVERIFY(QTest::qWaitForWindowExposed(&heatmap));
        heatmap.customPlot()->replot();
        QCOMPARE(heatmap.rate(0, 1), 0.3);
        QCOMPARE(heatmap.rate(2, 0), 0.4);
        QVERIFY(std::isnan(heatmap.rate(1, 2)));
        QVERIFY(std::isnan(heatmap.rate(3, 0)));
        QSignalSpy clicked(&heatmap, &ui::TransferHeatmap::cellClicked);
        QTest::mouseClick(heatmap.customPlot(), Qt::LeftButton, {}, heatmap.cellCentre(2, 1));
        QCOMPARE(clicked.size(), 1);
        QCOMPARE(clicked.at(0).at(0).toInt(), 2);
        QCOMPARE(clicked.at(0).at(1).toInt(), 1);
        // Row 0 is drawn on top, as a matrix is read.
        QVERIFY(heatmap.cellCentre(0, 0).y() < heatmap.cellCentre(2, 0).y());
    }

    void largeHeatmapsDrawColoursWithoutCellNumbers()
    {
        // tests/fuzz/crashes: 300 model names made 90,000 text items, 3.7 s on
        // the GUI thread (45 s for 600). Up to 32 models every cell has its
        // number; beyond, the colours alone, and the rates stay readable.
        const auto matrixOf = [](int models) {
            QJsonArray rates;
            for (int i = 0; i < models; ++i) {
                QJsonArray row;
                for (int j = 0; j < models; ++j)
                    row.append(i == j ? 1.0 : 0.25);
                rates.append(row);
            }
            return QJsonObject{{"attack", "fgsm"}, {"targeted", false}, {"rates", rates}};
        };
        const auto names = [](int models) {
            QStringList list;
            for (int i = 0; i < models; ++i)
                list << QStringLiteral("m%1").arg(i);
            return list;
        };
        ui::TransferHeatmap heatmap;
        heatmap.setMatrix(names(32), matrixOf(32));
        QCOMPARE(heatmap.customPlot()->itemCount(), 32 * 32);
        heatmap.setMatrix(names(300), matrixOf(300));
        QCOMPARE(heatmap.customPlot()->itemCount(), 0);
        QCOMPARE(heatmap.rate(299, 299), 1.0);
        QCOMPARE(heatmap.rate(0, 299), 0.25);
        heatmap.setMatrix(names(3), matrixOf(3)); // back to a small study: numbers again
        QCOMPARE(heatmap.customPlot()->itemCount(), 9);

        // The fuzzer's file itself, through the Studies view's reader.
        QTemporaryDir folder;
        QVERIFY(QFile::copy(QString::fromStdString((test::fixturesDirectory().parent_path() / "fuzz" / "crashes" /
                                                    "studyresults-transfer-300-models.json")
                                                       .u8string()),
                            folder.filePath("results.json")));
        ui::StudyResults results;
        QString error;
        QVERIFY2(ui::loadStudyResults(folder.path(), &results, &error), qPrintable(error));
        QWidget parent;
        const QVector<ui::StudyFigure> figures = ui::makeStudyFigures(results, &parent);
        QVERIFY(!figures.isEmpty());
        for (const ui::StudyFigure& figure : figures)
            if (auto* map = qobject_cast<ui::TransferHeatmap*>(figure.widget))
                QCOMPARE(map->customPlot()->itemCount(), 0);
    }

    void reportWritesFiguresAndPage()
    {
        QTemporaryDir dir;
        writeJson(dir.filePath("results.json"), robustnessResults());
        ui::StudyResults results;
        QString error;
        QVERIFY(ui::loadStudyResults(dir.path(), &results, &error));
        const QStringList files = ui::writeStudyReport(results, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(files.size(), 3); // one figure as PNG and PDF, and the page
        const QImage png(dir.filePath("figures/robustness-ifgsm-linf.png"));
        QCOMPARE(png.size(), QSize(900, 620));
        // Not blank: the plot has many colours.
        QSet<QRgb> colours;
        for (int y = 0; y < png.height(); y += 7)
            for (int x = 0; x < png.width(); x += 7)
                colours.insert(png.pixel(x, y));
        QVERIFY(colours.size() > 10);
        QFile pdf(dir.filePath("figures/robustness-ifgsm-linf.pdf"));
        QVERIFY(pdf.open(QIODevice::ReadOnly));
        QVERIFY(pdf.read(5) == "%PDF-");
        QFile html(dir.filePath("report.html"));
        QVERIFY(html.open(QIODevice::ReadOnly));
        const QString page = QString::fromUtf8(html.readAll());
        QVERIFY(page.contains("figures/robustness-ifgsm-linf.png"));
        QVERIFY(page.contains("<td>a</td><td>mlp</td>"));
        QVERIFY(page.contains("a → b → d"));
    }

    void budgetMetricsGetAColumnAndAQueriesFigure()
    {
        // With ADVLENS_SCREENSHOT_DIR set the report stays there to look at.
        QTemporaryDir scratch;
        QString folder = qEnvironmentVariable("ADVLENS_SCREENSHOT_DIR");
        folder = folder.isEmpty() ? scratch.path() : folder + QStringLiteral("/robustness-budgets");
        QVERIFY(QDir().mkpath(folder));
        const QJsonObject json = budgetResults();
        writeJson(folder + QStringLiteral("/results.json"), json);
        ui::StudyResults results;
        QString error;
        QVERIFY2(ui::loadStudyResults(folder, &results, &error), qPrintable(error));

        // The distortion's scatter, then Square's curves: no scatter of a robust accuracy.
        QWidget parent;
        const QVector<ui::StudyFigure> figures = ui::makeStudyFigures(results, &parent);
        QCOMPARE(figures.size(), 2);
        QCOMPARE(figures[0].name, QStringLiteral("robustness-ifgsm-linf"));
        QCOMPARE(figures[1].name, QStringLiteral("robustness-square-queries"));
        QCOMPARE(figures[1].title, QStringLiteral("Robust accuracy vs queries (Square ℓ∞ ε = 0.1)"));
        auto* curves = qobject_cast<ui::RobustnessCurvePlot*>(figures[1].widget);
        QVERIFY(curves && figures[1].save);
        QCOMPARE(curves->axis(), ui::CurveRequest::Queries);
        // One series per model that ran Square ("e" was skipped), ending at its robust accuracy.
        QCOMPARE(curves->seriesCount(), 4);
        const QJsonArray models = json["models"].toArray();
        for (int s = 0; s < 4; ++s) {
            const QJsonObject square = models[s].toObject()["metrics"].toObject()["square-queries"].toObject();
            QCOMPARE(curves->seriesLabel(s), models[s].toObject()["name"].toString());
            const QVector<ui::CurvePointValue> points = curves->points(s);
            QCOMPARE(points.size(), 10);
            QCOMPARE(points.back().x, 1000.0);
            QCOMPARE(points.back().accuracy, square["robust_accuracy"].toDouble());
        }

        // The report: AutoAttack and Square as percent columns, fits of the distortion only.
        const QStringList files = ui::writeStudyReport(results, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(files.size(), 5); // two figures as PNG and PDF, and the page
        const QImage png(folder + QStringLiteral("/figures/robustness-square-queries.png"));
        QVERIFY(!png.isNull());
        QFile html(folder + QStringLiteral("/report.html"));
        QVERIFY(html.open(QIODevice::ReadOnly));
        const QString page = QString::fromUtf8(html.readAll());
        QVERIFY(page.contains("figures/robustness-square-queries.png"));
        QVERIFY(!page.contains("figures/robustness-autoattack"));
        QVERIFY(page.contains(QStringLiteral("<th>AutoAttack robust accuracy (ℓ∞ ε = 0.1)</th>")));
        QVERIFY(page.contains(QStringLiteral("<th>Square robust accuracy (1000 queries)</th>")));
        // Model a: AutoAttack 5.0 %, Square 10.0 %; e was skipped, with the reason.
        QVERIFY2(page.contains(QStringLiteral("<td class=n>5.0 %</td><td class=n>10.0 %</td></tr>")), qPrintable(page));
        QVERIFY(page.contains(QStringLiteral("<td class=n title=\"no input gradients\">–</td>")));
        QCOMPARE(page.count(QStringLiteral("<td>I-FGSM ℓ∞ distortion</td>")), 1);
        QVERIFY(!page.contains(QStringLiteral("<td>AutoAttack")));
        QVERIFY(!page.contains(QStringLiteral("<td>Square")));
    }

    void defencesShowTheTableAndFlaggedCurves()
    {
        QTemporaryDir dir;
        writeJson(dir.filePath("results.json"), defencesResults());
        ui::StudyResults results;
        QString error;
        QVERIFY(ui::loadStudyResults(dir.path(), &results, &error));
        QWidget host;
        const QVector<ui::StudyFigure> figures = ui::makeStudyFigures(results, &host);
        QCOMPARE(figures.size(), 2);

        auto* table = qobject_cast<ui::DeepDefenseTable*>(figures[0].widget);
        QVERIFY(table && !figures[0].save);
        const QList<QStringList> cells = table->cells();
        QCOMPARE(cells.size(), 4);
        QCOMPARE(cells[0].size(), 9); // network, method, model, accuracy, ρ2, ratio, three FGS columns
        QCOMPARE(cells[1][1], QStringLiteral("Reference"));
        QCOMPARE(cells[3][1], QStringLiteral("Deep Defense"));
        QCOMPARE(cells[3][3], QStringLiteral("89.50 % (-0.50 pts)"));
        QCOMPARE(cells[3][5], QStringLiteral("×1.50"));
        QCOMPARE(cells[3][8], QStringLiteral("50.00 %"));

        // The curves: undefended, own gradient and BPDA on one plot, the failed check shown and opened.
        auto* curves = qobject_cast<ui::StudyCurveFigure*>(figures[1].widget);
        QVERIFY(curves);
        QCOMPARE(curves->plot()->seriesCount(), 3);
        QCOMPARE(curves->plot()->seriesLabel(1), QStringLiteral("bits:2, own gradient"));
        QCOMPARE(curves->plot()->seriesLabel(2), QStringLiteral("bits:2, BPDA"));
        QCOMPARE(curves->checks()->curves(), 3);
        QCOMPARE(curves->checks()->failedChecks(), 1);
        QVERIFY(curves->checks()->topLevelItem(1)->isExpanded());
        QVERIFY(!curves->checks()->topLevelItem(2)->isExpanded());
        QCOMPARE(curves->checks()->topLevelItem(1)->child(0)->text(1), QStringLiteral("FAILED"));
        QCOMPARE(curves->shownDetails(), QStringLiteral("stays at 60 %")); // the failed check's numbers
        curves->checks()->setCurrentItem(curves->checks()->topLevelItem(2)->child(1));
        QCOMPARE(curves->shownDetails(), QStringLiteral("noise 5 % vs PGD 90 %"));

        // The report: the curve as a figure, the table as HTML.
        ui::writeStudyReport(results, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(QFile::exists(dir.filePath("figures/defences-input-fgsm.png")));
        QVERIFY(!QFile::exists(dir.filePath("figures/defences-deep-defense-table.png")));
        QFile html(dir.filePath("report.html"));
        QVERIFY(html.open(QIODevice::ReadOnly));
        const QString page = QString::fromUtf8(html.readAll());
        QVERIFY(page.contains("<td>Deep Defense</td><td>mlp-dd</td>"));
        QVERIFY(page.contains("ε_ref = 0.0625"));
        QVERIFY(page.contains("FAILED"));

        // The window opens them as the defences study.
        ui::RuntimeOptions options;
        options.threads = 1;
        ui::StudiesWindow window(options);
        QVERIFY(window.openResults(dir.path()));
        QCOMPARE(window.figures().size(), 2);
        auto* combo = window.findChild<QComboBox*>(QStringLiteral("study"));
        QVERIFY(combo);
        QCOMPARE(combo->currentIndex(), 3);
    }

    void missingOrForeignResultsAreRefused()
    {
        QTemporaryDir dir;
        ui::StudyResults results;
        QString error;
        QVERIFY(!ui::loadStudyResults(dir.path(), &results, &error));
        QVERIFY(error.contains("results.json"));
        writeJson(dir.filePath("results.json"), QJsonObject{{"model", "x"}});
        QVERIFY(!ui::loadStudyResults(dir.path(), &results, &error));
        QVERIFY(error.contains("not a study"));
    }

    // A new study is its own files plus one line in each registry: the two
    // must agree, and each study needs a built-in config the window can run.
    void everyStudyHasAViewAndABuiltInConfig()
    {
        QStringList core;
        for (const auto& study : core::studies()) {
            const QString name = QString::fromStdString(study.name);
            core << name;
            const ui::StudyView* view = ui::findStudyView(name);
            QVERIFY2(view, qPrintable(name));
            QVERIFY(view->title && view->addFigures && view->reportTables);
            QVERIFY(!view->title().isEmpty());
            QFile config(QStringLiteral(":/studies/%1.json").arg(name));
            QVERIFY2(config.open(QIODevice::ReadOnly), qPrintable(config.fileName()));
            QCOMPARE(QJsonDocument::fromJson(config.readAll()).object().value("study").toString(), name);
        }
        QStringList views;
        for (const ui::StudyView& view : ui::studyViews())
            views << view.study;
        QCOMPARE(views, core); // same studies, same order

        // The window offers them in that order, under their views' titles.
        ui::RuntimeOptions options;
        options.threads = 1;
        ui::StudiesWindow window(options);
        auto* combo = window.findChild<QComboBox*>(QStringLiteral("study"));
        QVERIFY(combo);
        QCOMPARE(combo->count(), int(core.size()));
        for (int i = 0; i < combo->count(); ++i) {
            QCOMPARE(combo->itemData(i).toString(), core[i]);
            QCOMPARE(combo->itemText(i), ui::findStudyView(core[i])->title());
        }
    }

    void newerResultsAreRefusedInTheStatusLine()
    {
        QTemporaryDir dir;
        writeJson(dir.filePath("results.json"), robustnessResults());
        QTemporaryDir newerDir;
        QJsonObject newer = robustnessResults();
        const int version = core::StudyResults::kSchemaVersion + 1;
        newer["schema_version"] = version;
        writeJson(newerDir.filePath("results.json"), newer);

        ui::StudyResults results;
        QString error;
        QVERIFY(!ui::loadStudyResults(newerDir.path(), &results, &error));
        QVERIFY2(error.contains(QStringLiteral("newer AdvLens")), qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("version %1").arg(version)), qPrintable(error));
        QVERIFY(!error.contains(QLatin1Char('\n')));

        ui::RuntimeOptions options;
        options.threads = 1;
        ui::StudiesWindow window(options);
        QVERIFY(window.openResults(dir.path()));
        QCOMPARE(window.figures().size(), 1);
        QVERIFY(!window.openResults(newerDir.path()));
        QStringList shown;
        for (const QLabel* label : window.findChildren<QLabel*>())
            shown << label->text();
        QVERIFY2(shown.contains(error), qPrintable(shown.join(QStringLiteral(" | "))));
        // The study shown before stays, and Run would continue it, not the refused one.
        QCOMPARE(window.figures().size(), 1);
        QCOMPARE(window.outputFolder(), dir.path());

        // robustnessResults() has no schema_version, as files written before it existed: version 1.
        QVERIFY(!robustnessResults().contains("schema_version"));
        QVERIFY(ui::loadStudyResults(dir.path(), &results, &error));
        QCOMPARE(results.json.value("schema_version").toInt(), 1);

        // The refusal is translated, numbers and all.
        ui::LanguageSwitcher languages;
        languages.apply(QStringLiteral("zh_CN"));
        QVERIFY(!ui::loadStudyResults(newerDir.path(), &results, &error));
        languages.apply(QStringLiteral("en"));
        QVERIFY2(error.contains(QStringLiteral("更新版本")) && error.contains(QString::number(version)),
                 qPrintable(error));
    }

    // Issue 19: a robustness study split over shards of which one finished
    // opens with the work items still missing named, not as an error; once
    // the other share is done, a last run assembles it and it opens.
    void anUnfinishedSplitStudyNamesWhatIsMissing()
    {
        QTemporaryDir dir;
        const QJsonObject json{
            {"study", "robustness"},
            {"models", QJsonArray{test::qs(test::defaultModelPath().u8string()),
                                  test::qs(test::tinyTrainedModelPath().u8string())}},
            {"images", 8},
            {"settings", QJsonObject{{"metrics", QJsonArray{"ifgsm-linf", "clever-linf"}},
                                     {"accuracy_images", 50}, {"ifgsm_steps", 3}, {"bisection_rounds", 3},
                                     {"clever_images", 2}, {"clever_batches", 3}, {"clever_samples", 8},
                                     {"clever_chunk", 2}}}};
        const core::StudyConfig config = core::parseStudyConfig(QJsonDocument(json).toJson().toStdString(), {});
        const core::StudyStore store(dir.path().toStdString());
        const std::vector<core::StudyConfig> items = core::studyWorkItems(config);
        QCOMPARE(items.size(), std::size_t{6}); // 2 clean accuracies, then 2 metrics × 2 models
        core::saveStudyConfig(config, store);
        core::StudyRunOptions share;
        share.partsOnly = true;
        for (std::size_t k = 0; k < items.size(); k += 2) // share 0/2
            QVERIFY(!core::runStudy(items[k], store, share).cancelled);
        const std::vector<std::string> missing = core::unfinishedWorkItems(config, store);
        // Items: each model's clean accuracy, its ifgsm-linf, its clever-linf.
        // Share 0 computed items 0, 2 and 4, the first model's.
        QCOMPARE(missing, (std::vector<std::string>{items[1].title, items[3].title, items[5].title}));
        QVERIFY(QString::fromStdString(items[1].title).endsWith(": clean accuracy"));
        QVERIFY(QString::fromStdString(items[3].title).endsWith(": ifgsm-linf"));
        QVERIFY(QString::fromStdString(items[5].title).endsWith(": clever-linf"));

        ui::RuntimeOptions options;
        options.threads = 1;
        ui::StudiesWindow window(options);
        QVERIFY(!window.openResults(dir.path()));
        const auto shownText = [&window] {
            QStringList shown;
            for (const QLabel* label : window.findChildren<QLabel*>())
                shown << label->text();
            return shown.join(QStringLiteral(" | "));
        };
        // Found off the GUI thread, then shown.
        QTRY_VERIFY2(shownText().contains(QStringLiteral("3 of its 6 work item(s) are missing")),
                     qPrintable(shownText()));
        const QString status = shownText();
        QVERIFY2(status.contains(QString::fromStdString(items[5].title)), qPrintable(status));
        QVERIFY2(!status.contains(QString::fromStdString(items[0].title) + QLatin1Char(',')), qPrintable(status));

        for (std::size_t k = 1; k < items.size(); k += 2) // share 1/2
            QVERIFY(!core::runStudy(items[k], store, share).cancelled);
        QVERIFY(core::unfinishedWorkItems(config, store).empty());
        const core::StudyOutcome assembled = core::runStudy(config, store);
        QCOMPARE(assembled.partsComputed, std::int64_t{0});
        QVERIFY(window.openResults(dir.path()));
    }

    void windowFollowsALanguageSwitch()
    {
        QTemporaryDir dir;
        writeJson(dir.filePath("results.json"), robustnessResults());
        ui::RuntimeOptions options;
        options.device = "cpu";
        ui::StudiesWindow window(options);
        QVERIFY(window.openResults(dir.path()));
        const auto runButton = [&window] {
            for (const QPushButton* button : window.findChildren<QPushButton*>())
                if (button->text().contains(QStringLiteral("Run")) && !button->text().contains(QStringLiteral("config")))
                    return button->text();
            return QString();
        };
        QCOMPARE(runButton(), QStringLiteral("&Run"));
        const QString englishTitle = window.figures()[0].title;
        ui::LanguageSwitcher languages;
        languages.apply(QStringLiteral("zh_CN"));
        // The figures are drawn again in Chinese, and the controls say it too.
        QTRY_VERIFY(window.figures()[0].title != englishTitle);
        QVERIFY2(window.figures()[0].title.contains(QStringLiteral("失真")), qPrintable(window.figures()[0].title));
        auto* scatter = qobject_cast<ui::RobustnessScatterPlot*>(window.figures()[0].widget);
        QVERIFY(scatter && scatter->pointCount() == 4);
        QVERIFY(scatter->customPlot()->yAxis->label().contains(QStringLiteral("失真")));
        QVERIFY(runButton().isEmpty()); // no button says "Run" any more
        QVERIFY(!window.windowTitle().contains(QStringLiteral("Studies")));
        languages.apply(QStringLiteral("en"));
        QTRY_COMPARE(window.figures()[0].title, englishTitle);
        QCOMPARE(runButton(), QStringLiteral("&Run"));
    }

    void windowRunsCancelsResumesAndShowsExamples()
    {
        QTemporaryDir dir;
        const QString configPath = dir.filePath("transfer.json");
        {
            QFile file(configPath);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(transferConfig(48).toUtf8());
        }
        ui::RuntimeOptions options;
        options.threads = 1;
        options.device = "cpu";
        ui::StudiesWindow window(options);
        window.setOutputFolder(dir.filePath("out"));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QSignalSpy ended(&window, &ui::StudiesWindow::runEnded);

        // Cancel at once: the run ends unfinished and nothing is shown.
        window.runStudy(configPath);
        QVERIFY(window.isRunning());
        window.cancel();
        QVERIFY(ended.wait(60000));
        QCOMPARE(ended.at(0).at(0).toBool(), false);
        QVERIFY(!window.isRunning());
        QVERIFY(!QFile::exists(dir.filePath("out/results.json")));

        // Run again to the end: 2 attacks × 2 modes = 4 heat maps.
        window.runStudy(configPath);
        QVERIFY(ended.wait(180000));
        QCOMPARE(ended.at(1).at(0).toBool(), true);
        QCOMPARE(window.figures().size(), 4);
        QVERIFY(QFile::exists(dir.filePath("out/report.html")));
        QVERIFY(QFile::exists(dir.filePath("out/figures/transfer-fgsm-untargeted.png")));

        // A click on the MLP-made, LeNet-classified cell shows the images behind it.
        window.showFigure(0);
        auto* heatmap = qobject_cast<ui::TransferHeatmap*>(window.figures()[0].widget);
        QVERIFY(heatmap);
        QTest::qWait(50);
        heatmap->customPlot()->replot();
        QTest::mouseClick(heatmap->customPlot(), Qt::LeftButton, {}, heatmap->cellCentre(1, 0));
        auto* examples = window.findChild<ui::TransferExamples*>();
        QVERIFY(examples && examples->isVisible());
        QCOMPARE(examples->shown(), 4);
        QVERIFY(examples->fooled() >= 0 && examples->fooled() <= 4);
        QVERIFY(examples->findChildren<QLabel*>().size() > 8);

        // A third run reuses every part: 2 sources × 2 attacks × 2 modes.
        window.runStudy(configPath);
        QVERIFY(ended.wait(60000));
        QCOMPARE(ended.at(2).at(0).toBool(), true);
        bool statusFound = false;
        for (const QLabel* label : window.findChildren<QLabel*>())
            statusFound |= label->text() == QStringLiteral("Finished: 0 part(s) computed, 8 reused.");
        QVERIFY(statusFound);
    }
};

QTEST_MAIN(TestStudiesWindow)
#include "tst_studieswindow.moc"
