#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace advlens::core {

/// One model of a study: the name it is shown under and its metadata file.
struct StudyModel {
    std::string name;           ///< as written in the config (a zoo name or a path's stem)
    std::filesystem::path path; ///< resolved metadata JSON
};

/// What a study runs on, read from a small JSON file:
///
///     { "study": "robustness", "title": "…",
///       "models": ["mlp-plain", "lenet-plain", "my/model.json"],
///       "data": "fashion-mnist", "split": "test", "images": 200, "seed": 0,
///       "settings": { …study-specific… } }
///
/// A model is a zoo name (searched in zooSearchPath()) or a path to a metadata
/// JSON, relative to the config file's folder.
struct StudyConfig {
    std::string study; ///< a registered study's name (studyregistry.h)
    std::string title;
    std::vector<StudyModel> models;
    std::string data = "fashion-mnist"; ///< "fashion-mnist" or a folder of class sub-folders
    std::string split = "test";
    std::int64_t images = 200; ///< the first N images of the data
    std::uint64_t seed = 0;
    std::int64_t batchSize = 256;
    std::string settingsJson = "{}"; ///< the "settings" object, read by the study itself
};

/// Parses config text; `baseFolder` anchors relative model paths; "study" must
/// be one of `knownStudies`. Throws Error naming the key for a missing or
/// mistyped entry, an unknown study (listing the known ones) or a model that
/// cannot be found.
StudyConfig parseStudyConfig(const std::string& jsonText, const std::filesystem::path& baseFolder,
                             const std::vector<std::string>& knownStudies);
/// JSON text parseStudyConfig reads back to `config`, with every model as its
/// absolute metadata path (so the text means the same from any folder).
std::string studyConfigToJson(const StudyConfig& config);

/// parseStudyConfig against the registered studies (defined in studyregistry.cpp).
StudyConfig parseStudyConfig(const std::string& jsonText, const std::filesystem::path& baseFolder);
/// parseStudyConfig of a file, against the registered studies (defined in studyregistry.cpp).
StudyConfig loadStudyConfig(const std::filesystem::path& file);

/// A metadata file for `model`: an existing path (with ".json" added when the
/// name has no extension and only that exists), or `<model>.json` in the zoo
/// search path. Throws Error when neither exists.
std::filesystem::path resolveModelPath(const std::string& model, const std::filesystem::path& baseFolder);

} // namespace advlens::core
