#pragma once

#include <string>
#include <vector>

namespace advlens::core {

struct StudyConfig;
class StudyStore;
struct StudyRunOptions;
struct StudyOutcome;

/// One study, as everything that lists studies sees it: the config parser, the
/// runner, `advlens-cli study` and its --help, the Studies view (through its
/// own registry of views, ui/studies/studyviews.h) and the tests.
struct StudyInfo {
    /// The config's and results.json's "study", the CLI's name, and the stem of
    /// its built-in config resources/studies/<name>.json.
    std::string name;
    /// One line for --help: what the study measures and after whom.
    std::string summary;
    /// Runs it; see runStudy (studyrunner.h) for the contract every study keeps.
    StudyOutcome (*run)(const StudyConfig&, const StudyStore&, const StudyRunOptions&) = nullptr;
    /// Its work items, for runs split over processes (studyWorkItems); null:
    /// the whole config is one item.
    std::vector<StudyConfig> (*split)(const StudyConfig&) = nullptr;
};

/// Every study, in the order they are offered. Adding a study is one line in
/// studyregistry.cpp (docs/adding-a-study.md). Thread-safe (built once).
const std::vector<StudyInfo>& studies();
/// The study called `name`, or nullptr.
const StudyInfo* findStudy(const std::string& name);
/// The names of studies(), in order.
std::vector<std::string> studyNames();
/// "robustness, transfer, curves, defences": for messages that list them.
std::string studyNamesText();

} // namespace advlens::core
