#include "ui/studies/studyviews.h"

#include "ui/studies/curvesstudyview.h"
#include "ui/studies/defencesstudyview.h"
#include "ui/studies/robustnessstudyview.h"
#include "ui/studies/transferstudyview.h"

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
