#pragma once

#include "ui/gallery/galleryitem.h"

#include <QPair>
#include <QVector>

namespace advlens::ui {

/// How the images of one true class were classified.
struct ClassConfusion {
    int trueClass = -1; ///< index into the source's class names
    int images = 0;
    int correct = 0; ///< meaningful when the true classes are the model's
    /// (predicted class, images), most frequent first (ties: lower class
    /// first): the wrong predictions when the true class is known to the
    /// model, else every prediction.
    QVector<QPair<int, int>> predictions;
    int attacked = 0; ///< correctly classified images the attack ran on
    int fooled = 0;   ///< of those, fooled

    double accuracy() const { return images > 0 ? double(correct) / images : 0.0; }
};

/// One entry per true class that has images, in class order. `labelsKnown`:
/// the items' true classes are the model's (GalleryItem::label is set).
QVector<ClassConfusion> summariseConfusion(const QVector<GalleryItem>& items, bool labelsKnown);

} // namespace advlens::ui
