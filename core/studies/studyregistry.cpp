#include "core/studies/studyregistry.h"

#include "core/studies/studyconfig.h"
#include "core/util/atomicfile.h"

#include "core/studies/curvesstudy.h"
#include "core/studies/defencesstudy.h"
#include "core/studies/robustnessstudy.h"
#include "core/studies/transferstudy.h"

namespace advlens::core {

const std::vector<StudyInfo>& studies()
{
    static const std::vector<StudyInfo> registered = {
        {"robustness", "accuracy vs robustness across architectures (Su et al. 2018)", &runRobustnessStudy,
         &splitRobustnessStudy},
        {"transfer", "transferability heat maps between models (Su et al. 2018)", &runTransferStudy,
         &splitTransferStudy},
        {"curves", "accuracy vs budget and iterations with gradient-masking checks (RealSafe)", &runCurvesStudy,
         &splitCurvesStudy},
        {"defences", "Deep Defense's table and input transforms attacked with BPDA", &runDefencesStudy,
         &splitDefencesStudy},
    };
    return registered;
}

const StudyInfo* findStudy(const std::string& name)
{
    for (const StudyInfo& study : studies())
        if (study.name == name)
            return &study;
    return nullptr;
}

std::vector<std::string> studyNames()
{
    std::vector<std::string> names;
    for (const StudyInfo& study : studies())
        names.push_back(study.name);
    return names;
}

std::string studyNamesText()
{
    std::string text;
    for (const StudyInfo& study : studies())
        text += (text.empty() ? "" : ", ") + study.name;
    return text;
}

// Declared in studyconfig.h. Defined here, beside the list, so that
// studyconfig.cpp links without any study (the config fuzzer compiles it
// alone, without LibTorch).
StudyConfig parseStudyConfig(const std::string& jsonText, const std::filesystem::path& baseFolder)
{
    return parseStudyConfig(jsonText, baseFolder, studyNames());
}

StudyConfig loadStudyConfig(const std::filesystem::path& file)
{
    return parseStudyConfig(readFileBytes(file), file.parent_path());
}

} // namespace advlens::core
