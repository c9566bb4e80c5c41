#include "bench/soakfixtures.h"

#include "core/data/fashionmnist.h"
#include "core/model/modelmetadata.h"
#include "core/model/nativeclassifier.h"
#include "core/model/zoo/zooarchitectures.h"

#include <ATen/Context.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QPainter>

#include <cstdio>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

namespace advlens::bench {

namespace fs = std::filesystem;

namespace {

fs::path u8(const QString& path)
{
    return fs::u8path(path.toStdString());
}

void writeFile(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
        qFatal("bench_guisoak: cannot write %s", qPrintable(path));
}

QByteArray readFile(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

/// A small picture with some structure: a random rectangle and ellipse on noise.
QImage drawing(std::mt19937_64& rng, QSize size, QImage::Format format)
{
    QImage image(size, QImage::Format_RGB32);
    std::uniform_int_distribution<int> byte(0, 255);
    for (int y = 0; y < size.height(); ++y)
        for (int x = 0; x < size.width(); ++x)
            image.setPixel(x, y, qRgb(byte(rng) / 4, byte(rng) / 4, byte(rng) / 4));
    QPainter painter(&image);
    painter.setBrush(QColor(byte(rng), byte(rng), byte(rng)));
    painter.drawRect(size.width() / 4, size.height() / 5, size.width() / 2, size.height() / 2);
    painter.setBrush(QColor(byte(rng), byte(rng), byte(rng)));
    painter.drawEllipse(QPoint(size.width() / 2, size.height() / 2), size.width() / 5, size.height() / 4);
    painter.end();
    return image.convertToFormat(format);
}

void writeNativeModel(const QString& folder, const std::string& name, const std::string& architecture,
                      core::InputSpec input, std::vector<std::string> classNames)
{
    core::ModelMetadata meta;
    meta.name = name;
    meta.kind = core::ModelKind::Native;
    meta.architecture = architecture;
    meta.weights = name + ".pt";
    meta.input = input;
    meta.mean.assign(static_cast<std::size_t>(input.channels), 0.5F);
    meta.std.assign(static_cast<std::size_t>(input.channels), 0.25F);
    meta.classNames = std::move(classNames);
    const auto classes = static_cast<std::int64_t>(meta.classNames.size());
    core::NativeClassifier classifier(meta, core::makeZooNet(architecture, input, classes));
    classifier.save(u8(QDir(folder).filePath(QString::fromStdString(name) + QStringLiteral(".json"))));
}

} // namespace

Fixtures makeFixtures(const QString& root, const QString& defaultModel, std::uint64_t seed)
{
    std::mt19937_64 rng(seed);
    at::manual_seed(seed);
    Fixtures fx;
    const QString models = root + QStringLiteral("/модели ü 模型");
    const QString images = root + QStringLiteral("/картинки ü 图像");
    fx.exportFolder = root + QStringLiteral("/export é");
    for (const QString& folder : {models, images, fx.exportFolder})
        QDir().mkpath(folder);

    // Models: the zoo's (the caller adds them), a copy of the default model
    // under a non-ASCII name, an untrained MLP (no Grad-CAM layer) and an
    // untrained RGB LeNet (not Fashion-MNIST: the test set and gallery refuse it).
    core::ModelMetadata lenet = core::readModelMetadata(u8(defaultModel));
    const QByteArray weights = readFile(QString::fromStdString(lenet.weights.u8string()));
    const auto copyOf = [&](const std::string& name, const QByteArray& bytes) {
        core::ModelMetadata meta = lenet;
        meta.name = name;
        meta.weights = name + ".pt";
        writeFile(QDir(models).filePath(QString::fromStdString(name) + QStringLiteral(".pt")), bytes);
        const QString json = QDir(models).filePath(QString::fromStdString(name) + QStringLiteral(".json"));
        core::writeModelMetadata(meta, u8(json));
        return json;
    };
    fx.models << copyOf("lenet-копия", weights);
    writeNativeModel(models, "mlp-untrained", "mlp", {1, 28, 28}, core::fashionMnistClassNames());
    fx.models << QDir(models).filePath(QStringLiteral("mlp-untrained.json"));
    try {
        writeNativeModel(models, "lenet-rgb", "lenet", {3, 32, 32},
                         {"airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"});
        fx.models << QDir(models).filePath(QStringLiteral("lenet-rgb.json"));
    } catch (const std::exception& e) {
        std::printf("note: no RGB model (%s)\n", e.what());
    }

    // Broken models: truncated weights, weights of another architecture,
    // missing weights, JSON that is not JSON, an empty file, no file at all.
    fx.brokenModels << copyOf("lenet-обрезан", weights.left(weights.size() / 2));
    fx.brokenModels << copyOf("lenet-с-весами-mlp",
                              readFile(QDir(models).filePath(QStringLiteral("mlp-untrained.pt"))));
    {
        core::ModelMetadata meta = lenet;
        meta.name = "no-weights";
        meta.weights = "absent ü.pt";
        core::writeModelMetadata(meta, u8(QDir(models).filePath(QStringLiteral("нет весов.json"))));
        fx.brokenModels << QDir(models).filePath(QStringLiteral("нет весов.json"));
    }
    writeFile(QDir(models).filePath(QStringLiteral("сломан.json")), "{ \"name\": \"broken\", \"input\": [1, 28");
    writeFile(QDir(models).filePath(QStringLiteral("пусто.json")), QByteArray());
    fx.brokenModels << QDir(models).filePath(QStringLiteral("сломан.json"))
                    << QDir(models).filePath(QStringLiteral("пусто.json"))
                    << QDir(models).filePath(QStringLiteral("исчез.json")); // never written

    // Images: grey 28×28 pictures, a 16-bit one, colour ones of other sizes, the photos.
    for (int i = 0; i < 6; ++i) {
        const QString path = QDir(images).filePath(QStringLiteral("серый %1 ü.png").arg(i));
        drawing(rng, {28, 28}, QImage::Format_Grayscale8).save(path);
        fx.images << path;
    }
    drawing(rng, {28, 28}, QImage::Format_Grayscale16).save(QDir(images).filePath(QStringLiteral("16-бит.png")));
    drawing(rng, {97, 61}, QImage::Format_RGB32).save(QDir(images).filePath(QStringLiteral("цвет 图.jpg")));
    drawing(rng, {320, 240}, QImage::Format_RGB32).save(QDir(images).filePath(QStringLiteral("большой.bmp")));
    drawing(rng, {1, 1}, QImage::Format_Grayscale8).save(QDir(images).filePath(QStringLiteral("точка.png")));
    fx.images << QDir(images).filePath(QStringLiteral("16-бит.png"))
              << QDir(images).filePath(QStringLiteral("цвет 图.jpg"))
              << QDir(images).filePath(QStringLiteral("большой.bmp"))
              << QDir(images).filePath(QStringLiteral("точка.png"));
    for (const QString& photo : QDir(QStringLiteral(ADVLENS_PHOTOS)).entryList({"*.png", "*.jpg"}, QDir::Files)) {
        const QString copy = QDir(images).filePath(QStringLiteral("фото ") + photo);
        QFile::copy(QDir(QStringLiteral(ADVLENS_PHOTOS)).filePath(photo), copy);
        fx.images << copy;
    }

    // Broken images: not an image, a truncated PNG, an empty JPEG, a BMP
    // header with nothing behind it, a folder named like an image, no file.
    const QByteArray png = readFile(fx.images.first());
    writeFile(QDir(images).filePath(QStringLiteral("не картинка.png")), "this is not a PNG file");
    writeFile(QDir(images).filePath(QStringLiteral("обрезано.png")), png.left(png.size() / 2));
    writeFile(QDir(images).filePath(QStringLiteral("пусто.jpg")), QByteArray());
    writeFile(QDir(images).filePath(QStringLiteral("заголовок.bmp")), QByteArray("BM\xff\xff\xff\x7f", 6));
    QDir().mkpath(QDir(images).filePath(QStringLiteral("папка.png")));
    for (const char* name :
         {"не картинка.png", "обрезано.png", "пусто.jpg", "заголовок.bmp", "папка.png", "исчезла.png"})
        fx.brokenImages << QDir(images).filePath(QString::fromUtf8(name));

    // Gallery folders: three Fashion-MNIST classes (one by index) with a broken
    // file, and a folder whose sub-folders are no class at all.
    const QString gallery = root + QStringLiteral("/галерея ü");
    for (const char* cls : {"Coat", "Shirt", "7"}) {
        const QString folder = gallery + QLatin1Char('/') + QLatin1String(cls);
        QDir().mkpath(folder);
        for (int i = 0; i < 8; ++i)
            drawing(rng, {28, 28}, QImage::Format_Grayscale8).save(QStringLiteral("%1/%2 ü.png").arg(folder).arg(i));
    }
    writeFile(gallery + QStringLiteral("/Coat/сломано.png"), "broken");
    const QString strange = root + QStringLiteral("/странная папка/пингвины");
    QDir().mkpath(strange);
    fx.galleryFolders << gallery << QFileInfo(strange).absolutePath();
    return fx;
}

} // namespace advlens::bench
