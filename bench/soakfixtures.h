// The files the GUI soak opens: good and broken models, images and gallery
// folders, under non-ASCII names.
#pragma once

#include <QString>
#include <QStringList>

#include <cstdint>

namespace advlens::bench {

struct Fixtures {
    QStringList models;       ///< open fine
    QStringList brokenModels; ///< each should fail with a message
    QStringList images;
    QStringList brokenImages;
    QStringList galleryFolders; ///< class sub-folders (with an unreadable file), and one without any
    QString exportFolder;
};

/// Writes the fixtures under `root`, drawn from `seed`; `defaultModel` (a
/// Fashion-MNIST model's JSON) is the source of the copies and broken models.
/// The zoo's models are not included: the caller adds them.
Fixtures makeFixtures(const QString& root, const QString& defaultModel, std::uint64_t seed);

} // namespace advlens::bench
