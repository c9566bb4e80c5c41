#include "studyrunner.h"

#include "curvesstudy.h"
#include "defencesstudy.h"
#include "robustnessstudy.h"
#include "transferstudy.h"

namespace advlens::core {

StudyOutcome runStudy(const StudyConfig& config, const StudyStore& store, const StudyRunOptions& options)
{
    switch (config.kind) {
    case StudyKind::Robustness:
        return runRobustnessStudy(config, store, options);
    case StudyKind::Transfer:
        return runTransferStudy(config, store, options);
    case StudyKind::Curves:
        return runCurvesStudy(config, store, options);
    case StudyKind::Defences:
        return runDefencesStudy(config, store, options);
    }
    return {};
}

} // namespace advlens::core
