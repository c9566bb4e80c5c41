#include "tests/ui/uitestmodel.h"

#include "core/data/fashionmnist.h"
#include "core/model/nativeclassifier.h"
#include "core/model/zoo/zooarchitectures.h"

#include <QDir>
#include <QFile>

namespace advlens::test {

namespace {

core::ModelMetadata fashionMnistMetadata(const std::string& name)
{
    core::ModelMetadata meta;
    meta.name = name;
    meta.kind = core::ModelKind::Native;
    meta.architecture = "mlp";
    meta.weights = name + ".pt";
    meta.input = {1, 28, 28};
    meta.mean = {0.5F};
    meta.std = {0.25F};
    meta.classNames = core::fashionMnistClassNames();
    return meta;
}

std::filesystem::path pathIn(const QString& folder, const QString& fileName)
{
    return std::filesystem::u8path(QDir(folder).filePath(fileName).toStdString());
}

} // namespace

QString writeUntrainedModel(const QString& folder, const QString& name)
{
    core::ModelMetadata meta = fashionMnistMetadata(name.toStdString());
    core::NativeClassifier classifier(meta, core::makeZooNet("mlp", meta.input, 10));
    classifier.save(pathIn(folder, name + QStringLiteral(".json")));
    return QDir(folder).filePath(name + QStringLiteral(".json"));
}

QString writeCorruptModel(const QString& folder)
{
    core::ModelMetadata meta = fashionMnistMetadata("corrupt");
    meta.weights = pathIn(folder, QStringLiteral("corrupt.pt"));
    core::writeModelMetadata(meta, pathIn(folder, QStringLiteral("corrupt.json")));
    QFile weights(QDir(folder).filePath(QStringLiteral("corrupt.pt")));
    if (weights.open(QIODevice::WriteOnly))
        weights.write("this is not a LibTorch archive \x01\x02\x03\xff", 36);
    return QDir(folder).filePath(QStringLiteral("corrupt.json"));
}

} // namespace advlens::test
