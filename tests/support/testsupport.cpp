#include "tests/support/testsupport.h"

#include "core/data/fashionmnist.h"
#include "core/model/modelloader.h"
#include "core/model/nativeclassifier.h"
#include "core/training/trainer.h"
#include "core/util/atomicfile.h"
#include "core/util/datapaths.h"

#include <ATen/ATen.h>
#include <QTemporaryDir>

#include <cstring>
#include <sstream>
#include <stdexcept>

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

std::filesystem::path defaultModelPath()
{
    return std::filesystem::u8path(ADVLENS_BUILD_ZOO) / "lenet-plain.json";
}

std::unique_ptr<core::Classifier> defaultModel()
{
    return core::loadClassifier(defaultModelPath());
}

std::filesystem::path fixturesDirectory()
{
    return std::filesystem::u8path(ADVLENS_TEST_FIXTURES);
}

std::filesystem::path resourcesDirectory()
{
    return std::filesystem::u8path(ADVLENS_RESOURCES);
}

at::Tensor readNpyFloat(const std::filesystem::path& path)
{
    const std::string bytes = readBytes(path);
    // Magic "\x93NUMPY", version 1.0 (2-byte header length) or 2.0/3.0 (4 bytes).
    if (bytes.size() < 12 || bytes.compare(0, 6, "\x93NUMPY") != 0)
        throw std::runtime_error(path.u8string() + " is not an .npy file");
    const bool wideHeader = bytes[6] >= 2;
    const std::size_t lengthBytes = wideHeader ? 4 : 2, start = 8 + lengthBytes;
    std::size_t headerLength = 0;
    for (std::size_t i = 0; i < lengthBytes; ++i)
        headerLength |= static_cast<std::size_t>(static_cast<unsigned char>(bytes[8 + i])) << (8 * i);
    const std::string header = bytes.substr(start, headerLength);
    if (header.find("'descr': '<f4'") == std::string::npos ||
        header.find("'fortran_order': False") == std::string::npos)
        throw std::runtime_error(path.u8string() + ": only little-endian float32 in C order is read here");
    std::vector<std::int64_t> shape;
    const std::size_t open = header.find('(', header.find("'shape'")), close = header.find(')', open);
    std::stringstream dims(header.substr(open + 1, close - open - 1));
    for (std::string dim; std::getline(dims, dim, ',');)
        if (dim.find_first_not_of(' ') != std::string::npos)
            shape.push_back(std::stoll(dim));
    const std::size_t dataBytes = bytes.size() - start - headerLength;
    const at::Tensor flat = at::empty({static_cast<std::int64_t>(dataBytes / 4)}, at::kFloat);
    std::memcpy(flat.data_ptr<float>(), bytes.data() + start + headerLength, dataBytes - dataBytes % 4);
    return flat.view(shape);
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
