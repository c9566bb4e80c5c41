#include "ui/gallery/samplephotos.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>

namespace advlens::ui {

namespace {

const QString kFolder = QStringLiteral(":/photos");

// Titles by file name; lupdate collects them from here.
const char* const kTitles[][2] = {
    {"astronaut", QT_TRANSLATE_NOOP("advlens::ui::SamplePhotos", "Astronaut")},
    {"cameraman", QT_TRANSLATE_NOOP("advlens::ui::SamplePhotos", "Cameraman")},
    {"cat", QT_TRANSLATE_NOOP("advlens::ui::SamplePhotos", "Cat")},
    {"coffee", QT_TRANSLATE_NOOP("advlens::ui::SamplePhotos", "Coffee")},
    {"rocket", QT_TRANSLATE_NOOP("advlens::ui::SamplePhotos", "Rocket")},
};

QString titleOf(const QString& baseName)
{
    for (const auto& entry : kTitles)
        if (baseName == QLatin1String(entry[0]))
            return QCoreApplication::translate("advlens::ui::SamplePhotos", entry[1]);
    return baseName;
}

} // namespace

QList<SamplePhoto> samplePhotos()
{
    QList<SamplePhoto> photos;
    const QStringList files = QDir(kFolder).entryList(
        {QStringLiteral("*.png"), QStringLiteral("*.jpg"), QStringLiteral("*.jpeg")}, QDir::Files, QDir::Name);
    for (const QString& file : files)
        photos << SamplePhoto{kFolder + QLatin1Char('/') + file, file, titleOf(QFileInfo(file).completeBaseName())};
    return photos;
}

QString extractSamplePhoto(const SamplePhoto& photo, QString* error)
{
    // Straight into the cache folder, as pasted images are: not a recent file.
    const QString folder = QStandardPaths::writableLocation(QStandardPaths::CacheLocation);
    const QString path = QDir(folder).filePath(photo.fileName);
    QFile source(photo.resource);
    QFile target(path);
    const bool ok = QDir().mkpath(folder) && source.open(QIODevice::ReadOnly) &&
                    target.open(QIODevice::WriteOnly | QIODevice::Truncate) &&
                    target.write(source.readAll()) == source.size();
    if (!ok) {
        if (error)
            *error = QCoreApplication::translate("advlens::ui::SamplePhotos", "Could not copy %1 to %2: %3")
                         .arg(photo.fileName, folder, target.errorString());
        return QString();
    }
    return path;
}

QString samplePhotoCredits()
{
    QFile file(kFolder + QStringLiteral("/LICENSES.md"));
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

} // namespace advlens::ui
