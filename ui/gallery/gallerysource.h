#pragma once

#include <QMetaType>
#include <QString>

namespace advlens::ui {

/// Where the gallery's images come from.
struct GallerySource {
    enum Kind { Folder, FashionMnistTest };

    Kind kind = Folder;
    QString folder; ///< Folder: root/<class>/<image>
    int count = 0;  ///< FashionMnistTest: the first `count` test images

    static GallerySource fromFolder(const QString& path) { return {Folder, path, 0}; }
    static GallerySource fashionMnist(int images) { return {FashionMnistTest, QString(), images}; }
};

} // namespace advlens::ui

Q_DECLARE_METATYPE(advlens::ui::GallerySource)
