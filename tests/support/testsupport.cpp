#include "testsupport.h"

#include "data/fashionmnist.h"
#include "model/modelloader.h"
#include "model/nativeclassifier.h"
#include "training/trainer.h"
#include "util/atomicfile.h"
#include "util/datapaths.h"

#include <QTemporaryDir>

namespace advlens::test {

core::LabelledImages fashionMnist(bool train, std::int64_t count)
{
    return core::loadFashionMnist(core::fashionMnistDirectory(), train ? core::Split::Train : core::Split::Test, count);
}

std::filesystem::path scratchDirectory()
{
    static QTemporaryDir directory;
    return std::filesystem::u8path(directory.path().toStdString());
}

std::filesystem::path tinyTrainedModelPath()
{
    static const std::filesystem::path path = [] {
        core::TrainingConfig config;
        config.architecture = "mlp";
        config.name = "tiny-mlp";
        config.epochs = 4;
        config.batchSize = 50;
        config.seed = 7;
        auto model =
            core::trainZooModel(config, fashionMnist(true, 1000), fashionMnist(false, 500), c10::Device(c10::kCPU));
        const auto jsonPath = scratchDirectory() / "tiny-mlp.json";
        model->save(jsonPath);
        return jsonPath;
    }();
    return path;
}

std::unique_ptr<core::Classifier> tinyTrainedModel()
{
    return core::loadClassifier(tinyTrainedModelPath());
}

std::unique_ptr<core::Classifier> defaultModel()
{
    return core::loadClassifier(std::filesystem::u8path(ADVLENS_BUILD_ZOO) / "lenet-plain.json");
}

void writeBytes(const std::filesystem::path& path, const std::string& bytes)
{
    core::writeFileAtomically(path, bytes);
}

std::string readBytes(const std::filesystem::path& path)
{
    return core::readFileBytes(path);
}

} // namespace advlens::test
