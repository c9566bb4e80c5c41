// The gallery on ImageNet's layout: sub-folders named by WordNet id, as
// ImageNet-A ships, and a ResNet-18 read through ImageNet-A's 200 classes
// (random weights, made by the torchvision_models fixture).
#include "ui/gallery/confusionmodel.h"
#include "ui/gallery/gallerymodel.h"
#include "ui/gallery/gallerywindow.h"
#include "ui/panels/messagebanner.h"
#include "tests/support/testsupport.h"
#include "ui/workers/modelsummary.h"

#include "core/data/imagepreprocessing.h"
#include "core/model/modelloader.h"

#include <ATen/ATen.h>

#include <QDir>
#include <QFile>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using namespace advlens;
using namespace advlens::ui;
namespace fs = std::filesystem;

namespace {
constexpr int kTimeoutMs = 60000;
}

class TestGalleryImageNet : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void subsetModelOnWordNetFolders();

private:
    QTemporaryDir m_scratch;
    RuntimeOptions m_options{1, QStringLiteral("cpu")};
};

void TestGalleryImageNet::subsetModelOnWordNetFolders()
{
    // ImageNet-A's layout (sub-folders by WordNet id) on a ResNet-18 read
    // through ImageNet-A's 200 classes (random weights, made by the
    // torchvision_models fixture): labels come from the ids, predictions
    // from the 200-class subset, photos of any size are pre-processed.
    const QString root = QDir(m_scratch.path()).filePath(QStringLiteral("imagenet-a"));
    const QString photos = QString::fromStdString((test::resourcesDirectory() / "photos").u8string());
    const std::pair<const char*, QStringList> folders[] = {
        {"n01498041", {QStringLiteral("coffee.png"), QStringLiteral("rocket.jpg")}}, // stingray, ImageNet-A class 0
        {"n01531178", {QStringLiteral("cat.png")}}};                                 // goldfinch, class 1
    for (const auto& [id, files] : folders) {
        const QString folder = QDir(root).filePath(QLatin1String(id));
        QVERIFY(QDir().mkpath(folder));
        for (const QString& file : files)
            QVERIFY(QFile::copy(QDir(photos).filePath(file), QDir(folder).filePath(file)));
    }
    const QString modelPath = QStringLiteral(ADVLENS_TORCHVISION_MODELS "/resnet18-imagenet-a.json");
    GalleryWindow standalone(m_options);
    ModelSummary summary;
    summary.path = modelPath;
    summary.name = QStringLiteral("resnet18-imagenet-a");
    standalone.setModel(summary);
    standalone.openFolder(root);
    QTRY_VERIFY_WITH_TIMEOUT(!standalone.isBusy(), kTimeoutMs);
    QVERIFY2(standalone.banner()->message().isEmpty(), qPrintable(standalone.banner()->message()));
    QCOMPARE(standalone.model()->rowCount(), 3);
    QVERIFY(standalone.model()->source().labelsKnown);
    auto reference = core::loadClassifier(fs::u8path(modelPath.toStdString()));
    const auto& meta = reference->metadata();
    for (const GalleryItem& item : standalone.model()->items()) {
        QCOMPARE(item.label, item.path.contains(QStringLiteral("n01498041")) ? 0 : 1);
        const at::Tensor pixels =
            core::loadImageForModel(fs::u8path(item.path.toStdString()), meta.input, meta.preprocess);
        at::NoGradGuard noGrad;
        const at::Tensor probabilities = reference->logits(pixels).softmax(1)[0];
        QCOMPARE(item.predicted, probabilities.argmax().item<int>());
        QVERIFY(item.predicted >= 0 && item.predicted < 200);
        QVERIFY(std::abs(item.confidence - probabilities.max().item<double>()) < 1e-4);
        QVERIFY(!item.thumbnail.isNull() && std::max(item.thumbnail.width(), item.thumbnail.height()) <= 96);
    }
    QCOMPARE(standalone.confusion()->summary().size(), 2);
}

QTEST_MAIN(TestGalleryImageNet)
#include "tst_galleryimagenet.moc"
