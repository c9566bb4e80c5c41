#include "core/studies/studyrunner.h"

#include "core/studies/studyconfig.h"
#include "core/studies/studyregistry.h"
#include "core/studies/studystore.h"
#include "core/util/atomicfile.h"
#include "core/util/error.h"

namespace advlens::core {

StudyOutcome runStudy(const StudyConfig& config, const StudyStore& store, const StudyRunOptions& options)
{
    const StudyInfo* study = findStudy(config.study);
    if (!study) // a config built by hand, not parsed
        throw Error("unknown study \"" + config.study + "\" (known: " + studyNamesText() + ")");
    if (!options.partsOnly && !options.storedOnly)
        saveStudyConfig(config, store);
    return study->run(config, store, options);
}

std::vector<StudyConfig> studyWorkItems(const StudyConfig& config)
{
    const StudyInfo* study = findStudy(config.study);
    if (!study)
        throw Error("unknown study \"" + config.study + "\" (known: " + studyNamesText() + ")");
    if (!study->split)
        return {config};
    return study->split(config);
}

std::vector<std::string> unfinishedWorkItems(const StudyConfig& config, const StudyStore& store)
{
    StudyRunOptions look;
    look.partsOnly = true;
    look.storedOnly = true;
    std::vector<std::string> unfinished;
    for (const StudyConfig& item : studyWorkItems(config))
        if (runStudy(item, store, look).cancelled)
            unfinished.push_back(item.title);
    return unfinished;
}

std::filesystem::path savedConfigFile(const std::filesystem::path& folder)
{
    return folder / "study-config.json";
}

void saveStudyConfig(const StudyConfig& config, const StudyStore& store)
{
    writeFileAtomically(savedConfigFile(store.folder()), studyConfigToJson(config));
}

} // namespace advlens::core
