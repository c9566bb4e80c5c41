#pragma once

#include "core/util/error.h"

#include <cstdint>
#include <filesystem>
#include <string>

namespace advlens::core {

/// A finished study's results.json, the one type it is written and read
/// through (the studies write it; the Studies view, the report and
/// `advlens-cli study` read it). The format is docs/results-schema.md.
///
/// The header every study shares is typed here; the study's own fields
/// (models, metrics, matrices, curves…) stay JSON text, since each study
/// defines its own and core keeps nlohmann/json out of its headers.
struct StudyResults {
    /// The version this build writes and the newest it reads. Bumped when a
    /// field is renamed, removed, changes type, unit or meaning; not for a new
    /// field or a new study (readers ignore what they do not know).
    static constexpr int kSchemaVersion = 1;

    int schemaVersion = kSchemaVersion; ///< "schema_version"; 1 for files written before it existed
    std::string study;                  ///< a registered study's name (studyregistry.h)
    std::string title;
    std::string data;        ///< "fashion-mnist" or the folder of labelled images
    std::string split;       ///< "test" or "train"
    std::int64_t images = 0; ///< the config's image count (the first N of the data)
    /// Every other top-level field, as one JSON object's text.
    std::string fieldsJson = "{}";

    /// The file's text: the header and the study's fields in one object. Throws
    /// Error when fieldsJson is not an object or repeats a header field.
    std::string toJson() const;
    /// Reads the file's text. Throws Error (one line) when it is not JSON, not
    /// an object, has no "study", or a header field of the wrong type, and
    /// NewerStudyResults when its schema_version is newer than kSchemaVersion.
    static StudyResults fromJson(const std::string& text);
};

/// results.json of a newer AdvLens: refused rather than half-read.
class NewerStudyResults : public Error {
public:
    /// `where` names the file in the message.
    explicit NewerStudyResults(int version, const std::string& where = "results.json");
    int version() const { return m_version; }

private:
    int m_version;
};

/// `folder`/results.json, read through StudyResults::fromJson; throws Error
/// (prefixed with the file's path) when missing or refused.
StudyResults readStudyResults(const std::filesystem::path& folder);
/// Writes `folder`/results.json atomically.
void writeStudyResults(const std::filesystem::path& folder, const StudyResults& results);

} // namespace advlens::core
