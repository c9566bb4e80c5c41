#pragma once

#include <QJsonObject>
#include <QSize>
#include <QString>
#include <QVector>

#include <functional>

class QWidget;

namespace advlens::ui {

/// A finished study as its folder holds it (results.json from core's runStudy,
/// docs/results-schema.md), read through core::StudyResults.
struct StudyResults {
    QString folder;
    QJsonObject json;
    QString kind() const { return json.value(QLatin1String("study")).toString(); }
    QString title() const { return json.value(QLatin1String("title")).toString(); }
};

/// Reads `folder`/results.json. False, with a one-line reason in `error`, when
/// it is missing, not JSON, not a study's results, or of a newer schema version.
bool loadStudyResults(const QString& folder, StudyResults* results, QString* error);

/// One figure of a study, drawn from its results alone.
struct StudyFigure {
    QString name;  ///< file stem: "robustness-ifgsm-linf", "transfer-fgsm-untargeted", "curves-linf-epsilon"
    QString title; ///< for the report and the Studies view's list
    QWidget* widget = nullptr;
    /// Draws the figure at `size` into a PNG and a vector PDF (false when a file
    /// cannot be written); empty for a table, which the report writes as HTML.
    std::function<bool(const QString& png, const QString& pdf, QSize size)> save;
    int matrix = -1; ///< transfer: the index into "matrices"
};

/// The study's figures, as its view draws them (studyviews.h), widgets owned
/// by `parent`; none for a study without a view.
QVector<StudyFigure> makeStudyFigures(const StudyResults& results, QWidget* parent);

} // namespace advlens::ui
