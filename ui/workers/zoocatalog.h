#pragma once

#include <QList>
#include <QString>

namespace advlens::ui {

/// One model of the built-in zoo, from its metadata file (no weights loaded).
struct ZooEntry {
    QString path; ///< the metadata JSON
    QString name;
    QString architecture;
    QString recipe;              ///< "plain", "pgd"; empty when unknown
    double cleanAccuracy = -1.0; ///< top-1 in [0, 1]; < 0 when not measured
};

/// Every model in the zoo folders (core::zooSearchPath(); the first folder
/// wins for a name), sorted by name. Unreadable metadata files are skipped.
/// Reads small JSON files only, so the GUI thread may call it.
QList<ZooEntry> zooCatalog();

} // namespace advlens::ui
