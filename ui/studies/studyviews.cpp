#include "studies/studyviews.h"

#include "studies/curvesstudyview.h"
#include "studies/defencesstudyview.h"
#include "studies/robustnessstudyview.h"
#include "studies/transferstudyview.h"

namespace advlens::ui {

const QVector<StudyView>& studyViews()
{
    static const QVector<StudyView> views = {
        robustnessStudyView(),
        transferStudyView(),
        curvesStudyView(),
        defencesStudyView(),
    };
    return views;
}

const StudyView* findStudyView(const QString& study)
{
    for (const StudyView& view : studyViews())
        if (view.study == study)
            return &view;
    return nullptr;
}

} // namespace advlens::ui
