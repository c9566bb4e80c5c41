#pragma once

// What the study tests share: configs over the default LeNet and the tiny
// MLP, fresh scratch folders, results.json read back.

#include "tests/support/testsupport.h"

#include "core/util/atomicfile.h"

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <filesystem>
#include <string>

namespace advlens::test {

inline QJsonObject readJson(const std::filesystem::path& path)
{
    return QJsonDocument::fromJson(QByteArray::fromStdString(core::readFileBytes(path))).object();
}

/// A config over the default LeNet and the tiny MLP, by path.
inline std::string configText(const std::string& study, int images, const std::string& settings)
{
    return "{\"study\": \"" + study + "\", \"models\": [\"" + defaultModelPath().u8string() + "\", \"" +
           tinyTrainedModelPath().u8string() + "\"], \"images\": " + std::to_string(images) +
           ", \"batch_size\": 64, \"settings\": " + settings + "}";
}

/// `name` in the scratch directory, emptied.
inline std::filesystem::path freshFolder(const std::string& name)
{
    const auto folder = scratchDirectory() / name;
    std::filesystem::remove_all(folder);
    return folder;
}

} // namespace advlens::test
