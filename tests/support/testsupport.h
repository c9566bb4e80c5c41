#pragma once

#include "core/data/labelledimages.h"
#include "core/model/classifier.h"

#include <QString>

#include <filesystem>
#include <memory>
#include <string>

namespace advlens::test {

/// First `count` Fashion-MNIST images of a split (the Debian package's files).
core::LabelledImages fashionMnist(bool train, std::int64_t count);

/// Metadata path of a small MLP trained once per test process on 1,000
/// Fashion-MNIST images (a few seconds); good enough to be fooled and to
/// resist a little, which is all attack tests need.
std::filesystem::path tinyTrainedModelPath();

/// A fresh load of that model.
std::unique_ptr<core::Classifier> tinyTrainedModel();

/// The default model as ./setup.sh (or the prepare_default_model fixture)
/// trains it: LeNet, ≥ 90 % clean accuracy.
std::unique_ptr<core::Classifier> defaultModel();
/// Its metadata file.
std::filesystem::path defaultModelPath();

/// Folder that lives as long as the test process.
std::filesystem::path scratchDirectory();

/// tests/fixtures in the source tree (reference files made by the scripts there).
std::filesystem::path fixturesDirectory();

/// resources/ in the source tree (sample photos, ImageNet class lists).
std::filesystem::path resourcesDirectory();

/// A NumPy .npy file of little-endian float32 in C order, as numpy.save
/// writes it; throws std::runtime_error for anything else.
at::Tensor readNpyFloat(const std::filesystem::path& path);

void writeBytes(const std::filesystem::path& path, const std::string& bytes);
std::string readBytes(const std::filesystem::path& path);

inline QString qs(const std::string& text)
{
    return QString::fromStdString(text);
}

} // namespace advlens::test
