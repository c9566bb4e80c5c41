#pragma once

#include "ui/workers/attackcatalog.h"

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

/// An untargeted attack to run over every classified gallery image.
/// Budgets are in pixel units of [0, 1] images.
struct GalleryAttack {
    QString attack = defaultAttackId();    ///< attack registry id
    QString norm = QStringLiteral("linf");   ///< "linf" or "l2"
    double epsilon = 8.0 / 255.0;
    int steps = 10; ///< iterations of iterative attacks
};

} // namespace advlens::ui

Q_DECLARE_METATYPE(advlens::ui::GallerySource)
Q_DECLARE_METATYPE(advlens::ui::GalleryAttack)
