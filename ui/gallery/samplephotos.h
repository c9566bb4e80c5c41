#pragma once

#include <QList>
#include <QString>

namespace advlens::ui {

/// A demo photo built into the application (resources/photos, embedded as
/// :/photos/…), so File ▸ Sample photos works on any machine.
struct SamplePhoto {
    QString resource; ///< ":/photos/cat.png"
    QString fileName; ///< "cat.png"
    QString title;    ///< what it shows, translated ("Cat")
};

/// Every embedded photo, sorted by file name.
QList<SamplePhoto> samplePhotos();

/// Copies `photo` into the cache folder (the model worker reads files, not
/// resources) and returns the copy's path; empty with `error` set on failure.
QString extractSamplePhoto(const SamplePhoto& photo, QString* error);

/// The photos' sources and licences (resources/photos/LICENSES.md, Markdown).
QString samplePhotoCredits();

} // namespace advlens::ui
