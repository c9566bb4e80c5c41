#pragma once

#include "ui/studies/studyfigures.h"

#include <QJsonObject>
#include <QString>
#include <QVector>

class QWidget;

namespace advlens::ui {

/// How the Studies view, its report and the screenshots show one study of
/// core's registry (core/studies/studyregistry.h): its name in the list, its
/// figures and its report's tables, all drawn from results.json alone.
struct StudyView {
    QString study; ///< core's StudyInfo::name
    /// The Studies window's list entry, in the current language.
    QString (*title)() = nullptr;
    /// Appends the study's figures (plots and tables), widgets owned by `parent`.
    void (*addFigures)(const QJsonObject& results, QWidget* parent, QVector<StudyFigure>& figures) = nullptr;
    /// The report's tables (HTML), after the figures; "" when it has none.
    QString (*reportTables)(const QJsonObject& results) = nullptr;
};

/// Every study view, in core's order. Adding one is one line in studyviews.cpp
/// (docs/adding-a-study.md); tst_studieswindow checks that the two registries agree.
const QVector<StudyView>& studyViews();
/// The view of `study`, or nullptr (a study of a newer AdvLens).
const StudyView* findStudyView(const QString& study);

} // namespace advlens::ui
