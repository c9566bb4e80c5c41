#include "core/studies/studyrunner.h"

#include "core/studies/studyconfig.h"
#include "core/studies/studyregistry.h"
#include "core/util/error.h"

namespace advlens::core {

StudyOutcome runStudy(const StudyConfig& config, const StudyStore& store, const StudyRunOptions& options)
{
    const StudyInfo* study = findStudy(config.study);
    if (!study) // a config built by hand, not parsed
        throw Error("unknown study \"" + config.study + "\" (known: " + studyNamesText() + ")");
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

} // namespace advlens::core
