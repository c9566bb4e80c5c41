// The gallery driven through its real widgets with the default model (LeNet,
// trained by the prepare_default_model fixture): a folder of Fashion-MNIST
// PNGs written here (with a corrupt file and a non-ASCII name), every number
// checked against values computed here without the gallery's code, filters,
// orders, the confusion summary, CSV, an FGSM run, cancelling, opening an
// image in the explorer, the Fashion-MNIST source, bad input and sample photos.
#include "ui/controllers/attackcontroller.h"
#include "ui/gallery/confusionmodel.h"
#include "ui/gallery/confusionpanel.h"
#include "ui/gallery/galleryattackbar.h"
#include "ui/gallery/galleryfilterbar.h"
#include "ui/gallery/galleryfilterproxy.h"
#include "ui/gallery/gallerymodel.h"
#include "ui/gallery/gallerysettings.h"
#include "ui/gallery/gallerysourcebar.h"
#include "ui/gallery/gallerywindow.h"
#include "ui/i18n/classnames.h"
#include "ui/i18n/languageswitcher.h"
#include "ui/mainwindow.h"
#include "ui/panels/imagepanel.h"
#include "ui/panels/messagebanner.h"
#include "ui/panels/saliencypanel.h"
#include "tests/support/testsupport.h"
#include "tests/ui/csvfields.h"
#include "tests/ui/screenfitcheck.h"
#include "tests/ui/uitestmodel.h"
#include "ui/views/imagecomparisonview.h"
#include "ui/views/zoomableimageview.h"
#include "ui/workers/modelsummary.h"

#include "core/attacks/attackregistry.h"
#include "core/data/fashionmnist.h"
#include "core/model/modelloader.h"
#include "core/model/modelmetadata.h"

#include <ATen/ATen.h>
#include <torch/script.h>

#include <QCheckBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFile>
#include <QHeaderView>
#include <QListView>
#include <QMenu>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QToolButton>
#include <QtTest>

#include <cmath>
#include <cstring>
#include <map>

using namespace advlens;
using namespace advlens::ui;
namespace fs = std::filesystem;

namespace {

constexpr int kTimeoutMs = 60000;
constexpr int kPerClass = 10;
/// Sub-folders: three by Fashion-MNIST class name, one by class index (7 = Sneaker).
const std::pair<const char*, int> kFolders[] = {{"Pullover", 2}, {"Coat", 4}, {"Shirt", 6}, {"7", 7}};
const QString kNonAsciiName = QStringLiteral("衬衫 ü-0.png");

/// What the gallery should show for one file, computed here.
struct Expected {
    int label = -1;
    int predicted = -1;
    double confidence = 0.0;
    double margin = 0.0;
    double loss = 0.0;
    at::Tensor image; ///< 1×1×28×28
    bool correct() const { return predicted == label; }
};

bool savePng(const at::Tensor& image, const QString& path)
{
    const at::Tensor bytes = (image.view({28, 28}) * 255.0).round().to(at::kByte).contiguous();
    QImage png(28, 28, QImage::Format_Grayscale8);
    for (int y = 0; y < 28; ++y)
        std::memcpy(png.scanLine(y), bytes.data_ptr<std::uint8_t>() + y * 28, 28);
    return png.save(path);
}

/// A TorchScript model that is finite on the loader's probe (black and grey
/// images) but answers NaN for bright images: log of a negative number.
QString writeNaNModel(const QString& folder)
{
    torch::jit::Module model("BrightNaN");
    model.register_parameter("weight", at::full({10, 784}, 0.01), false);
    model.define(R"(def forward(self, x):
    logits = torch.matmul(x.flatten(1), self.weight.t())
    return logits + torch.log(0.5 - x.mean(dim=[1, 2, 3])).unsqueeze(1)
)");
    const fs::path dir = fs::u8path(folder.toStdString());
    model.save((dir / "bright-nan.pt").string());
    core::ModelMetadata meta;
    meta.name = "bright-nan";
    meta.kind = core::ModelKind::TorchScript;
    meta.weights = dir / "bright-nan.pt";
    meta.input = {1, 28, 28};
    meta.mean = {0.5F};
    meta.std = {0.25F};
    meta.classNames = core::fashionMnistClassNames();
    core::writeModelMetadata(meta, dir / "bright-nan.json");
    return QDir(folder).filePath(QStringLiteral("bright-nan.json"));
}

/// A double-click as a person makes it: QTest::mouseDClick alone sends no
/// first click, and item views only activate an item pressed before.
void doubleClick(QAbstractItemView* view, const QModelIndex& index)
{
    const QPoint centre = view->visualRect(index).center();
    QTest::mouseClick(view->viewport(), Qt::LeftButton, Qt::NoModifier, centre);
    QTest::mouseDClick(view->viewport(), Qt::LeftButton, Qt::NoModifier, centre);
}

/// The gallery items in the order the views show them.
QVector<GalleryItem> shownItems(const GalleryWindow& gallery)
{
    QVector<GalleryItem> items;
    for (int row = 0; row < gallery.proxy()->rowCount(); ++row)
        items << gallery.model()->item(gallery.proxy()->galleryRow(row));
    return items;
}

/// Sort arrows and wider titles (another language) get room in the table's header.
void verifyColumnsHoldTheirTitles(const QTableView* table)
{
    const QHeaderView* header = table->horizontalHeader();
    QVERIFY(header->isSortIndicatorShown());
    for (int column = 0; column < GalleryModel::ColumnCount; ++column)
        QVERIFY2(table->columnWidth(column) >= header->sectionSizeHint(column),
                 qPrintable(QStringLiteral("column %1: %2 < %3")
                                .arg(column)
                                .arg(table->columnWidth(column))
                                .arg(header->sectionSizeHint(column))));
}

} // namespace

class TestGallery : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void defaultSizeFitsTheScreen();
    void titlesAndEpsilonShowWhole();
    void classifiesAFolderWithBadFiles();
    void filtersMisclassifiedAndConfidence();
    void sortsByEveryKey_data();
    void sortsByEveryKey();
    void confusionSummaryCountsAndFilters();
    void exportsTheTableAsCsv();
    void attackMarksTheFooledImages();
    void doubleClickOpensTheImageInTheExplorer();
    void fashionMnistSource();
    void cancelStopsClassification();
    void folderWithoutClassesAndNaNModelAreExplained();
    void foldersNotNamedAfterTheModelsClasses();
    void samplePhotosOpenInTheExplorer();
    void followsTheLanguage();
    void cleanupTestCase();

private:
    void openTestFolder();
    Expected expect(const at::Tensor& image, int label);
    GalleryWindow* gallery() const { return m_window->gallery(); }

    QTemporaryDir m_scratch;
    QString m_folder;
    QString m_modelPath;
    std::unique_ptr<core::Classifier> m_model;
    std::map<QString, Expected> m_expected; ///< by file path
    LanguageSwitcher m_languages;
    RuntimeOptions m_options{1, QStringLiteral("cpu")};
    std::unique_ptr<MainWindow> m_window;
};

void TestGallery::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("AdvLensTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_gallery"));
    QSettings().clear();
    m_languages.apply(QStringLiteral("en"));
    QVERIFY(m_scratch.isValid());
    m_modelPath = QString::fromStdString((fs::u8path(ADVLENS_BUILD_ZOO) / "lenet-plain.json").u8string());
    m_model = core::loadClassifier(fs::u8path(m_modelPath.toStdString()));

    // root/<class>/<image>.png from the first test images of each class.
    m_folder = QDir(m_scratch.path()).filePath(QStringLiteral("画廊 gallery"));
    const core::LabelledImages test = test::fashionMnist(false, 600);
    for (const auto& [folder, label] : kFolders) {
        const QDir dir(QDir(m_folder).filePath(QString::fromLatin1(folder)));
        QVERIFY(QDir().mkpath(dir.path()));
        int written = 0;
        for (std::int64_t i = 0; i < test.size() && written < kPerClass; ++i) {
            if (test.labels[i].item<std::int64_t>() != label)
                continue;
            const QString name = label == 6 && written == 0
                                     ? kNonAsciiName
                                     : QStringLiteral("img-%1.png").arg(i, 4, 10, QLatin1Char('0'));
            const at::Tensor image = test.images.slice(0, i, i + 1);
            QVERIFY(savePng(image, dir.filePath(name)));
            m_expected[dir.filePath(name)] = expect(image, label);
            ++written;
        }
        QCOMPARE(written, kPerClass);
    }
    QFile broken(QDir(m_folder).filePath(QStringLiteral("Coat/broken.png")));
    QVERIFY(broken.open(QIODevice::WriteOnly));
    broken.write("\x89PNG but not really an image");
    broken.close();
    QFile notes(QDir(m_folder).filePath(QStringLiteral("Coat/notes.txt"))); // not an image: not listed
    QVERIFY(notes.open(QIODevice::WriteOnly));

    m_window = std::make_unique<MainWindow>(m_options, &m_languages);
    m_window->show();
    m_window->openModel(m_modelPath);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->attacks()->outcome().has_value(), kTimeoutMs);
}

void TestGallery::init()
{
    if (!m_window)
        return;
    m_languages.apply(QStringLiteral("en"));
    GalleryFilterBar* bar = gallery()->filterBar();
    bar->misclassifiedOnly()->setChecked(false);
    bar->fooledOnly()->setChecked(false);
    bar->setConfidenceRange(0.0, 1.0);
    bar->sortBy(GalleryModel::File, Qt::AscendingOrder);
    gallery()->proxy()->setTrueClass(-1);
}

void TestGallery::defaultSizeFitsTheScreen()
{
    // No geometry was saved (the settings were cleared): the default fits the screen.
    const QString beyond = advlens::test::sizeBeyondScreen(*gallery());
    QVERIFY2(beyond.isEmpty(), qPrintable(beyond));
}

void TestGallery::titlesAndEpsilonShowWhole()
{
    verifyColumnsHoldTheirTitles(gallery()->table());
    // ε in grey levels, written as in the curve form.
    const auto* epsilon = gallery()->attackBar()->findChild<QDoubleSpinBox*>(QStringLiteral("galleryEpsilon"));
    QVERIFY(epsilon);
    QCOMPARE(epsilon->suffix(), QStringLiteral("/255"));
    QCOMPARE(epsilon->text(), QStringLiteral("8.0/255"));
}

void TestGallery::cleanupTestCase()
{
    m_window.reset();
}

Expected TestGallery::expect(const at::Tensor& image, int label)
{
    at::NoGradGuard noGrad;
    const at::Tensor z = m_model->logits(image)[0].to(at::kDouble);
    const at::Tensor p = at::softmax(z, 0);
    Expected e;
    e.image = image;
    e.label = label;
    e.predicted = static_cast<int>(z.argmax().item<std::int64_t>());
    e.confidence = p[e.predicted].item<double>();
    double bestOther = -INFINITY;
    for (int k = 0; k < z.size(0); ++k)
        if (k != label)
            bestOther = std::max(bestOther, z[k].item<double>());
    e.margin = z[label].item<double>() - bestOther;
    e.loss = -std::log(p[label].item<double>());
    return e;
}

void TestGallery::openTestFolder()
{
    gallery()->openFolder(m_folder);
    QVERIFY(gallery()->isBusy());
    QTRY_VERIFY_WITH_TIMEOUT(!gallery()->isBusy(), kTimeoutMs);
    QCOMPARE(gallery()->model()->rowCount(), int(m_expected.size()));
}

void TestGallery::classifiesAFolderWithBadFiles()
{
    openTestFolder();
    const GalleryModel& model = *gallery()->model();
    QVERIFY(model.source().labelsKnown);
    QCOMPARE(model.source().total, qint64(m_expected.size() + 1)); // the corrupt file was listed
    const QStringList unreadable = gallery()->sourceBar()->unreadable();
    QCOMPARE(unreadable.size(), 1);
    QVERIFY2(unreadable.front().startsWith(QStringLiteral("Coat/broken.png: ")), qPrintable(unreadable.front()));
    QVERIFY(gallery()
                ->sourceBar()
                ->findChild<QToolButton*>(QStringLiteral("unreadable"))
                ->toolTip()
                .contains(QStringLiteral("broken.png")));
    bool sawNonAscii = false;
    for (const GalleryItem& item : model.items()) {
        QVERIFY2(m_expected.count(item.path), qPrintable(item.path));
        const Expected& e = m_expected.at(item.path);
        QCOMPARE(item.label, e.label); // "7" named Sneaker by its index
        QCOMPARE(item.predicted, e.predicted);
        QVERIFY(std::abs(item.confidence - e.confidence) < 1e-5);
        QVERIFY(std::abs(item.margin - e.margin) < 1e-4);
        QVERIFY(std::abs(item.loss - e.loss) < 1e-4);
        QCOMPARE(item.topClasses.size(), std::size_t(5));
        QCOMPARE(item.topClasses.front(), e.predicted);
        QCOMPARE(item.thumbnail.size(), QSize(28, 28));
        sawNonAscii |= item.path.endsWith(kNonAsciiName);
    }
    QVERIFY(sawNonAscii);
    QCOMPARE(GallerySettings().lastFolder(), m_folder);
    QVERIFY(gallery()->banner()->message().isEmpty());
    QVERIFY(gallery()->windowTitle().contains(QStringLiteral("画廊 gallery")));
}

void TestGallery::filtersMisclassifiedAndConfidence()
{
    openTestFolder();
    int wrong = 0;
    int confident = 0;
    int confidentWrong = 0;
    for (const auto& [path, e] : m_expected) {
        const bool inRange = e.confidence >= 0.5 && e.confidence <= 0.95;
        wrong += !e.correct();
        confident += inRange;
        confidentWrong += inRange && !e.correct();
    }
    QVERIFY2(wrong > 0 && wrong < int(m_expected.size()), "the test needs both kinds of images");
    GalleryFilterBar* bar = gallery()->filterBar();
    bar->misclassifiedOnly()->setChecked(true);
    QCOMPARE(gallery()->proxy()->rowCount(), wrong);
    for (const GalleryItem& item : shownItems(*gallery()))
        QVERIFY(!m_expected.at(item.path).correct());
    QCOMPARE(gallery()->grid()->model()->rowCount(), wrong); // the grid and the table share the proxy
    QCOMPARE(gallery()->table()->model()->rowCount(), wrong);
    bar->setConfidenceRange(0.5, 0.95);
    QCOMPARE(gallery()->proxy()->rowCount(), confidentWrong);
    bar->misclassifiedOnly()->setChecked(false);
    QCOMPARE(gallery()->proxy()->rowCount(), confident);
    QVERIFY(confident > 0 && confident < int(m_expected.size()));
}

void TestGallery::sortsByEveryKey_data()
{
    QTest::addColumn<int>("column");
    QTest::addColumn<bool>("descending");
    for (int column : GalleryFilterBar::sortColumns())
        for (bool descending : {false, true})
            QTest::addRow("%s %s", qPrintable(GalleryModel().headerData(column, Qt::Horizontal).toString()),
                          descending ? "descending" : "ascending")
                << column << descending;
}

void TestGallery::sortsByEveryKey()
{
    QFETCH(int, column);
    QFETCH(bool, descending);
    if (gallery()->model()->rowCount() != int(m_expected.size()))
        openTestFolder();
    const Qt::SortOrder order = descending ? Qt::DescendingOrder : Qt::AscendingOrder;
    gallery()->filterBar()->sortBy(column, order);
    QCOMPARE(gallery()->table()->horizontalHeader()->sortIndicatorSection(), column);
    QCOMPARE(gallery()->table()->horizontalHeader()->sortIndicatorOrder(), order);
    const QVector<GalleryItem> items = shownItems(*gallery());
    QCOMPARE(items.size(), int(m_expected.size()));
    const auto key = [&](const GalleryItem& item) -> double {
        const Expected& e = m_expected.at(item.path);
        return column == GalleryModel::Confidence ? e.confidence : column == GalleryModel::Margin ? e.margin : e.loss;
    };
    for (int i = 0; i + 1 < items.size(); ++i) {
        const GalleryItem& a = descending ? items[i + 1] : items[i];
        const GalleryItem& b = descending ? items[i] : items[i + 1];
        if (column == GalleryModel::File) {
            QVERIFY2(QString::localeAwareCompare(a.name, b.name) <= 0, qPrintable(a.name + " > " + b.name));
        } else if (column == GalleryModel::TrueClass) {
            const QString first = displayClassName(QString::fromStdString(core::fashionMnistClassNames()[a.label]));
            const QString second = displayClassName(QString::fromStdString(core::fashionMnistClassNames()[b.label]));
            QVERIFY2(QString::localeAwareCompare(first, second) <= 0, qPrintable(first + " > " + second));
        } else {
            QVERIFY2(key(a) <= key(b) + 1e-5, qPrintable(QStringLiteral("%1 > %2").arg(key(a)).arg(key(b))));
        }
    }
    // Some neighbours differ, so the order was really tested.
    QVERIFY(items.front().path != items.back().path);
}

void TestGallery::confusionSummaryCountsAndFilters()
{
    openTestFolder();
    std::map<int, int> images, correct;
    std::map<int, std::map<int, int>> wrong;
    for (const auto& [path, e] : m_expected) {
        ++images[e.label];
        correct[e.label] += e.correct();
        if (!e.correct())
            ++wrong[e.label][e.predicted];
    }
    ConfusionModel* confusion = gallery()->confusion();
    QCOMPARE(confusion->rowCount(), int(images.size()));
    for (const ClassConfusion& entry : confusion->summary()) {
        QCOMPARE(entry.images, images[entry.trueClass]);
        QCOMPARE(entry.correct, correct[entry.trueClass]);
        QVector<QPair<int, int>> expectedWrong;
        for (const auto& [predicted, count] : wrong[entry.trueClass])
            expectedWrong << qMakePair(predicted, count);
        std::stable_sort(expectedWrong.begin(), expectedWrong.end(),
                         [](const auto& a, const auto& b) { return a.second > b.second; });
        QCOMPARE(entry.predictions, expectedWrong);
    }
    // What the table shows, row by row.
    QTableView* view = gallery()->confusionPanel()->view();
    int shirtRow = -1;
    for (int row = 0; row < view->model()->rowCount(); ++row) {
        const int trueClass = view->model()->index(row, 0).data(ConfusionModel::TrueClassRole).toInt();
        const QString accuracy = view->model()->index(row, ConfusionModel::Accuracy).data().toString();
        QCOMPARE(accuracy, QStringLiteral("%1 %").arg(
                               QLocale().toString(100.0 * correct[trueClass] / images[trueClass], 'f', 1)));
        QCOMPARE(view->model()->index(row, ConfusionModel::Images).data().toString(),
                 QLocale().toString(images[trueClass]));
        if (!wrong[trueClass].empty()) {
            const QString listed = view->model()->index(row, ConfusionModel::Predictions).data().toString();
            const auto& [predicted, count] =
                *std::max_element(wrong[trueClass].begin(), wrong[trueClass].end(), [](const auto& a, const auto& b) {
                    return a.second < b.second || (a.second == b.second && a.first > b.first);
                });
            const QString name = displayClassName(QString::fromStdString(core::fashionMnistClassNames()[predicted]));
            QVERIFY2(listed.startsWith(QStringLiteral("%1 ×%2").arg(name).arg(count)), qPrintable(listed));
        }
        if (trueClass == 6)
            shirtRow = row;
    }
    QVERIFY(shirtRow >= 0);
    // Clicking a class filters the gallery to it; clicking it again shows all.
    gallery()->present();
    const QRect cell = view->visualRect(view->model()->index(shirtRow, 0));
    QTest::mouseClick(view->viewport(), Qt::LeftButton, Qt::NoModifier, cell.center());
    QCOMPARE(gallery()->proxy()->trueClass(), 6);
    QCOMPARE(gallery()->proxy()->rowCount(), images[6]);
    for (const GalleryItem& item : shownItems(*gallery()))
        QCOMPARE(item.label, 6);
    QVERIFY(gallery()->filterBar()->findChild<QToolButton*>(QStringLiteral("classChip"))->isVisibleTo(gallery()));
    QTest::mouseClick(view->viewport(), Qt::LeftButton, Qt::NoModifier, cell.center());
    QCOMPARE(gallery()->proxy()->trueClass(), -1);
    QCOMPARE(gallery()->proxy()->rowCount(), int(m_expected.size()));
}

void TestGallery::exportsTheTableAsCsv()
{
    openTestFolder();
    QTemporaryDir out;
    const QString path = QDir(out.path()).filePath(QStringLiteral("表 export.csv"));
    gallery()->filterBar()->sortBy(GalleryModel::Loss, Qt::DescendingOrder);
    gallery()->filterBar()->misclassifiedOnly()->setChecked(true);
    QVERIFY(gallery()->exportCsv(path));
    QCOMPARE(QDir(out.path()).entryList(QDir::Files),
             QStringList{QStringLiteral("表 export.csv")}); // no temporary left
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QStringList lines = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.front(), QStringLiteral("file,true_class,prediction,confidence,margin,loss,correct"));
    const QVector<GalleryItem> shown = shownItems(*gallery());
    QCOMPARE(lines.size() - 1, shown.size());
    const auto& names = core::fashionMnistClassNames();
    double previousLoss = INFINITY;
    for (int i = 1; i < lines.size(); ++i) {
        const QStringList fields = advlens::test::csvFields(lines[i]);
        QCOMPARE(fields.size(), 7);
        QCOMPARE(fields[0], shown[i - 1].path); // in the order shown
        QVERIFY2(m_expected.count(fields[0]), qPrintable(fields[0]));
        const Expected& e = m_expected.at(fields[0]);
        QCOMPARE(fields[1], QString::fromStdString(names[e.label]));
        QCOMPARE(fields[2], QString::fromStdString(names[e.predicted]));
        QVERIFY(std::abs(fields[3].toDouble() - e.confidence) < 1e-5);
        QVERIFY(std::abs(fields[4].toDouble() - e.margin) < 1e-4);
        QVERIFY(std::abs(fields[5].toDouble() - e.loss) < 1e-4);
        QCOMPARE(fields[6], QStringLiteral("false"));
        QVERIFY(fields[5].toDouble() <= previousLoss + 1e-5);
        previousLoss = fields[5].toDouble();
    }
    // Every row, unfiltered: the non-ASCII name survives the round trip.
    gallery()->filterBar()->misclassifiedOnly()->setChecked(false);
    QVERIFY(gallery()->exportCsv(path));
    QVERIFY(file.seek(0));
    file.close();
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QString all = QString::fromUtf8(file.readAll());
    QCOMPARE(all.count(QLatin1Char('\n')), int(m_expected.size()) + 1);
    QVERIFY(all.contains(kNonAsciiName));
    // A folder that does not exist: refused with a message, nothing written.
    QVERIFY(!gallery()->exportCsv(QDir(out.path()).filePath(QStringLiteral("missing/x.csv"))));
    QVERIFY2(gallery()->banner()->message().contains(QStringLiteral("missing/x.csv")),
             qPrintable(gallery()->banner()->message()));
    gallery()->banner()->clearMessage();
}

void TestGallery::attackMarksTheFooledImages()
{
    openTestFolder();
    // FGSM at ε = 0.5 on every image, here with core directly.
    std::vector<QString> paths;
    std::vector<at::Tensor> images;
    std::vector<std::int64_t> labels;
    for (const auto& [path, e] : m_expected) {
        paths.push_back(path);
        images.push_back(e.image);
        labels.push_back(e.label);
    }
    core::AttackInput input;
    input.images = at::cat(images, 0);
    input.labels = at::tensor(labels, at::kLong);
    core::AttackConfig config;
    config.epsilon = 0.5;
    const core::AttackResult result = core::createAttack("fgsm")->run(*m_model, input, config);
    std::map<QString, AttackVerdict> verdicts;
    int fooled = 0;
    for (std::size_t i = 0; i < paths.size(); ++i) {
        const bool success = result.success[static_cast<std::int64_t>(i)].item<bool>();
        fooled += success;
        verdicts[paths[i]] = !m_expected.at(paths[i]).correct() ? AttackVerdict::AlreadyWrong
                             : success                          ? AttackVerdict::Fooled
                                                                : AttackVerdict::Resisted;
    }
    QVERIFY(fooled > 0);

    AttackRequest request;
    request.attack = QStringLiteral("fgsm");
    request.epsilon = 0.5;
    gallery()->attackBar()->setRequest(request);
    QCOMPARE(gallery()->attackBar()->request().epsilon, 0.5); // 127.5/255
    QVERIFY(!gallery()->filterBar()->fooledOnly()->isEnabled());
    gallery()->attackBar()->runButton()->click();
    QVERIFY(gallery()->isBusy());
    QTRY_VERIFY_WITH_TIMEOUT(!gallery()->isBusy(), kTimeoutMs);
    QVERIFY(gallery()->banner()->message().isEmpty());
    for (const GalleryItem& item : gallery()->model()->items())
        QCOMPARE(int(item.verdict), int(verdicts.at(item.path)));
    QCheckBox* fooledOnly = gallery()->filterBar()->fooledOnly();
    QVERIFY(fooledOnly->isEnabled());
    fooledOnly->setChecked(true);
    QCOMPARE(gallery()->proxy()->rowCount(), fooled);
    QVERIFY(gallery()->sourceBar()->statusText().contains(QStringLiteral("fooled %1 of").arg(fooled)));
    int fooledInSummary = 0;
    for (const ClassConfusion& entry : gallery()->confusion()->summary())
        fooledInSummary += entry.fooled;
    QCOMPARE(fooledInSummary, fooled);

    // The CSV gains the attack's column.
    fooledOnly->setChecked(false);
    QTemporaryDir out;
    const QString path = QDir(out.path()).filePath(QStringLiteral("attacked.csv"));
    QVERIFY(gallery()->exportCsv(path));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QStringList lines = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QVERIFY(lines.front().endsWith(QStringLiteral(",correct,fooled_by_attack")));
    for (int i = 1; i < lines.size(); ++i) {
        const QStringList fields = advlens::test::csvFields(lines[i]);
        const AttackVerdict verdict = verdicts.at(fields[0]);
        QCOMPARE(fields[7], verdict == AttackVerdict::AlreadyWrong ? QString()
                            : verdict == AttackVerdict::Fooled     ? QStringLiteral("true")
                                                                   : QStringLiteral("false"));
    }
}

void TestGallery::doubleClickOpensTheImageInTheExplorer()
{
    openTestFolder();
    gallery()->present();
    gallery()->views()->setCurrentWidget(gallery()->grid());
    QListView* grid = gallery()->grid();
    const QModelIndex index = gallery()->proxy()->index(3, 0);
    const GalleryItem item = gallery()->model()->item(gallery()->proxy()->galleryRow(3));
    QTRY_VERIFY(grid->visualRect(index).isValid());
    auto* saliency = m_window->findChild<SaliencyPanel*>();
    saliency->setShown(false);
    doubleClick(grid, index);
    QTRY_VERIFY_WITH_TIMEOUT(
        m_window->attacks()->outcome() && m_window->attacks()->outcome()->before.sourcePath == item.path, kTimeoutMs);
    QVERIFY(saliency->isShown());
    auto* views = m_window->findChild<ImagePanel*>()->view();
    QTRY_VERIFY_WITH_TIMEOUT(!views->originalView()->overlay().isNull(), kTimeoutMs);
    QCOMPARE(m_window->attacks()->outcome()->before.predictedClass(), item.predicted);

    // Enter in the table does the same.
    gallery()->views()->setCurrentWidget(gallery()->table());
    const GalleryItem other = gallery()->model()->item(gallery()->proxy()->galleryRow(7));
    gallery()->table()->setCurrentIndex(gallery()->proxy()->index(7, 0));
    QTest::keyClick(gallery()->table(), Qt::Key_Return);
    QTRY_VERIFY_WITH_TIMEOUT(
        m_window->attacks()->outcome() && m_window->attacks()->outcome()->before.sourcePath == other.path, kTimeoutMs);
    saliency->setShown(false);
}

void TestGallery::fashionMnistSource()
{
    constexpr int kImages = 64;
    gallery()->sourceBar()->setFashionMnistImages(kImages);
    gallery()->sourceBar()->findChild<QPushButton*>(QStringLiteral("openFashionMnist"))->click();
    QVERIFY(gallery()->isBusy());
    QTRY_VERIFY_WITH_TIMEOUT(!gallery()->isBusy(), kTimeoutMs);
    const core::LabelledImages test = test::fashionMnist(false, kImages);
    QCOMPARE(gallery()->model()->rowCount(), kImages);
    QVERIFY(gallery()->model()->source().labelsKnown);
    for (const GalleryItem& item : gallery()->model()->items()) {
        QCOMPARE(item.name, QStringLiteral("fashion-mnist:%1").arg(item.testIndex));
        const int label = static_cast<int>(test.labels[item.testIndex].item<std::int64_t>());
        QCOMPARE(item.label, label);
        const Expected e = expect(test.images.slice(0, item.testIndex, item.testIndex + 1), label);
        QCOMPARE(item.predicted, e.predicted);
        QVERIFY(std::abs(item.confidence - e.confidence) < 1e-5);
        QCOMPARE(item.thumbnail.format(), QImage::Format_Grayscale8);
        QCOMPARE(item.thumbnail.pixelColor(14, 14).red(),
                 qRound(test.images[item.testIndex][0][14][14].item<double>() * 255.0));
    }
    QCOMPARE(GallerySettings().fashionMnistImages(), kImages);
    // A test image opens as a test image (the browser follows).
    gallery()->present();
    gallery()->views()->setCurrentWidget(gallery()->grid());
    const QModelIndex index = gallery()->proxy()->index(5, 0);
    const int testIndex = gallery()->model()->item(gallery()->proxy()->galleryRow(5)).testIndex;
    QTRY_VERIFY(gallery()->grid()->visualRect(index).isValid());
    doubleClick(gallery()->grid(), index);
    QTRY_VERIFY_WITH_TIMEOUT(
        m_window->attacks()->outcome() && m_window->attacks()->outcome()->before.testIndex == testIndex, kTimeoutMs);
    m_window->findChild<SaliencyPanel*>()->setShown(false);
}

void TestGallery::cancelStopsClassification()
{
    gallery()->openFashionMnist(10000);
    QTRY_VERIFY_WITH_TIMEOUT(gallery()->model()->rowCount() > 0, kTimeoutMs);
    QElapsedTimer clock;
    clock.start();
    gallery()->sourceBar()->cancelButton()->click();
    QTRY_VERIFY_WITH_TIMEOUT(!gallery()->isBusy(), kTimeoutMs);
    QVERIFY2(clock.elapsed() < 5000, qPrintable(QString::number(clock.elapsed())));
    const int rows = gallery()->model()->rowCount();
    QVERIFY2(rows < 10000, qPrintable(QString::number(rows)));
    QVERIFY(gallery()->sourceBar()->statusText().contains(QStringLiteral("cancelled")));
    QTest::qWait(300);
    QCOMPARE(gallery()->model()->rowCount(), rows); // nothing arrives after the end
    QVERIFY(!gallery()->sourceBar()->cancelButton()->isEnabled());
}

void TestGallery::folderWithoutClassesAndNaNModelAreExplained()
{
    GalleryWindow standalone(m_options);
    ModelSummary summary;
    summary.path = m_modelPath;
    summary.name = QStringLiteral("lenet-plain");
    summary.takesFashionMnist = true;
    standalone.setModel(summary);

    const QString flat = QDir(m_scratch.path()).filePath(QStringLiteral("flat"));
    QVERIFY(QDir().mkpath(flat));
    const core::LabelledImages test = test::fashionMnist(false, 1);
    QVERIFY(savePng(test.images, QDir(flat).filePath(QStringLiteral("lonely.png"))));
    standalone.openFolder(flat);
    QTRY_VERIFY_WITH_TIMEOUT(!standalone.isBusy(), kTimeoutMs);
    QVERIFY2(standalone.banner()->message().contains(QStringLiteral("no class sub-folders")),
             qPrintable(standalone.banner()->message()));
    QCOMPARE(standalone.model()->rowCount(), 0);

    // A model that answers NaN for bright images: a clear message, not garbage rows.
    const QString bright = QDir(m_scratch.path()).filePath(QStringLiteral("bright/Bag"));
    QVERIFY(QDir().mkpath(bright));
    QVERIFY(savePng(at::ones({1, 1, 28, 28}), QDir(bright).filePath(QStringLiteral("white.png"))));
    summary.path = writeNaNModel(m_scratch.path());
    summary.name = QStringLiteral("bright-nan");
    standalone.setModel(summary);
    standalone.openFolder(QFileInfo(bright).absolutePath());
    QTRY_VERIFY_WITH_TIMEOUT(!standalone.isBusy(), kTimeoutMs);
    QVERIFY2(standalone.banner()->message().contains(QStringLiteral("NaN")),
             qPrintable(standalone.banner()->message()));
    QCOMPARE(standalone.model()->rowCount(), 0);
}

void TestGallery::foldersNotNamedAfterTheModelsClasses()
{
    // Classes the model does not know: predictions, margins and the summary
    // still make sense; correctness and loss do not.
    const QString root = QDir(m_scratch.path()).filePath(QStringLiteral("unknown"));
    const core::LabelledImages test = test::fashionMnist(false, 12);
    for (int i = 0; i < 12; ++i) {
        const QString folder = QDir(root).filePath(i < 6 ? QStringLiteral("alpha") : QStringLiteral("beta"));
        QVERIFY(QDir().mkpath(folder));
        QVERIFY(savePng(test.images.slice(0, i, i + 1), QDir(folder).filePath(QStringLiteral("%1.png").arg(i))));
    }
    GalleryWindow standalone(m_options);
    ModelSummary summary;
    summary.path = m_modelPath;
    summary.name = QStringLiteral("lenet-plain");
    summary.takesFashionMnist = true;
    standalone.setModel(summary);
    standalone.openFolder(root);
    QTRY_VERIFY_WITH_TIMEOUT(!standalone.isBusy(), kTimeoutMs);
    QCOMPARE(standalone.model()->rowCount(), 12);
    QVERIFY(!standalone.model()->source().labelsKnown);
    QCOMPARE(standalone.model()->source().classNames, (QStringList{QStringLiteral("alpha"), QStringLiteral("beta")}));
    QVERIFY(!standalone.filterBar()->misclassifiedOnly()->isEnabled());
    for (const GalleryItem& item : standalone.model()->items()) {
        QCOMPARE(item.label, -1);
        QCOMPARE(item.trueClass, item.path.contains(QStringLiteral("/alpha/")) ? 0 : 1);
        QVERIFY(std::isnan(item.loss));
        // Top-1 minus runner-up: recomputed here from the model's logits.
        const int index = QFileInfo(item.path).completeBaseName().toInt();
        at::NoGradGuard noGrad;
        const at::Tensor z = std::get<0>(m_model->logits(test.images.slice(0, index, index + 1))[0].topk(2));
        QVERIFY(std::abs(item.margin - (z[0] - z[1]).item<double>()) < 1e-4);
    }
    QCOMPARE(standalone.confusion()->headerData(ConfusionModel::Predictions, Qt::Horizontal).toString(),
             QStringLiteral("Predicted as"));
    QCOMPARE(standalone.confusion()->summary().front().images, 6);

    // An attack aims away from the prediction: nothing counts as already wrong.
    AttackRequest fgsm;
    fgsm.epsilon = 0.5;
    standalone.runAttack(fgsm);
    QTRY_VERIFY_WITH_TIMEOUT(!standalone.isBusy(), kTimeoutMs);
    int fooled = 0;
    for (const GalleryItem& item : standalone.model()->items()) {
        QVERIFY(item.verdict == AttackVerdict::Fooled || item.verdict == AttackVerdict::Resisted);
        fooled += item.verdict == AttackVerdict::Fooled;
        QCOMPARE(item.verdict == AttackVerdict::Fooled, item.adversarialPrediction != item.predicted);
    }
    QVERIFY(fooled > 0);
    QTemporaryDir out;
    const QString csv = QDir(out.path()).filePath(QStringLiteral("unknown.csv"));
    QVERIFY(standalone.exportCsv(csv));
    QFile file(csv);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QStringList lines = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    const QStringList first = advlens::test::csvFields(lines.at(1));
    QCOMPARE(first.at(1), QStringLiteral("alpha"));
    QVERIFY(first.at(5).isEmpty()); // loss
    QVERIFY(first.at(6).isEmpty()); // correct

    // Another model: the same folder is classified again with it.
    summary.path = test::writeUntrainedModel(m_scratch.path());
    summary.name = QStringLiteral("untrained-mlp");
    standalone.setModel(summary);
    QVERIFY(standalone.isBusy());
    QTRY_VERIFY_WITH_TIMEOUT(!standalone.isBusy(), kTimeoutMs);
    QCOMPARE(standalone.model()->rowCount(), 12);
    QCOMPARE(standalone.model()->items().front().verdict, AttackVerdict::NotRun);
    QVERIFY(standalone.sourceBar()->statusText().contains(QStringLiteral("untrained-mlp")));
}

void TestGallery::samplePhotosOpenInTheExplorer()
{
    QMenu* menu = m_window->samplePhotosMenu();
    QMetaObject::invokeMethod(menu, "aboutToShow");
    QAction* cat = nullptr;
    for (QAction* action : menu->actions())
        if (action->toolTip() == QLatin1String("cat.png"))
            cat = action;
    QVERIFY2(cat, "the embedded photos include cat.png");
    QCOMPARE(cat->text(), QStringLiteral("Cat"));
    cat->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(m_window->attacks()->outcome() &&
                                 m_window->attacks()->outcome()->before.sourcePath.endsWith(QStringLiteral("/cat.png")),
                             kTimeoutMs);
    QCOMPARE(m_window->attacks()->outcome()->before.image.width, 28); // through the model's pre-processing
}

void TestGallery::followsTheLanguage()
{
    m_languages.apply(QStringLiteral("zh_CN"));
    QTRY_COMPARE(gallery()->views()->tabText(0), QStringLiteral("网格")); // LanguageChange is posted
    QVERIFY(gallery()->windowTitle().startsWith(QStringLiteral("AdvLens — 图库")));
    QCOMPARE(gallery()->model()->headerData(GalleryModel::TrueClass, Qt::Horizontal).toString(),
             QStringLiteral("真实类别"));
    verifyColumnsHoldTheirTitles(gallery()->table());
    m_languages.apply(QStringLiteral("en"));
    QTRY_COMPARE(gallery()->views()->tabText(0), QStringLiteral("Grid"));
}

QTEST_MAIN(TestGallery)
#include "tst_gallery.moc"
