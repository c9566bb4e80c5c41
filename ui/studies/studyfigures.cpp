#include "ui/studies/studyfigures.h"

#include "ui/studies/studyfigurekit.h"
#include "core/studies/studyresults.h"
#include "ui/studies/studyviews.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>

namespace advlens::ui {

bool loadStudyResults(const QString& folder, StudyResults* results, QString* error)
{
    QFile file(QDir(folder).filePath(QStringLiteral("results.json")));
    if (!file.open(QIODevice::ReadOnly)) {
        *error = StudyFigureText::tr("%1 has no results.json: the study has not finished there")
                     .arg(QDir::toNativeSeparators(folder));
        return false;
    }
    // Read through core's type, which knows the schema's versions, so the
    // views see one normalised object whatever version wrote the file.
    core::StudyResults read;
    try {
        read = core::StudyResults::fromJson(file.readAll().toStdString());
    } catch (const core::NewerStudyResults& e) {
        *error = StudyFigureText::tr("%1 was written by a newer AdvLens (results schema version %2; this one reads "
                                     "up to %3): open it with a newer AdvLens")
                     .arg(QDir::toNativeSeparators(file.fileName()))
                     .arg(e.version())
                     .arg(core::StudyResults::kSchemaVersion);
        return false;
    } catch (const core::Error& e) {
        *error = StudyFigureText::tr("%1 is not a study's results (%2)")
                     .arg(QDir::toNativeSeparators(file.fileName()), QString::fromStdString(e.what()));
        return false;
    }
    const QJsonDocument document = QJsonDocument::fromJson(QByteArray::fromStdString(read.toJson()));
    if (!document.isObject()) { // nlohmann reads a few things Qt does not (numbers beyond double's range)
        *error = StudyFigureText::tr("%1 is not a study's results (%2)")
                     .arg(QDir::toNativeSeparators(file.fileName()), StudyFigureText::tr("unreadable JSON"));
        return false;
    }
    results->folder = folder;
    results->json = document.object();
    return true;
}

QVector<StudyFigure> makeStudyFigures(const StudyResults& results, QWidget* parent)
{
    QVector<StudyFigure> figures;
    if (const StudyView* view = findStudyView(results.kind()))
        view->addFigures(results.json, parent, figures);
    return figures;
}

} // namespace advlens::ui
