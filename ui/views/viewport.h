#pragma once

#include <QMetaType>
#include <QPointF>

namespace advlens::ui {

/// What part of an image a ZoomableImageView shows, shareable between views
/// of images of the same size so that they move together.
struct Viewport {
    /// Fit the image into the view (largest whole enlargement that fits,
    /// smooth shrinking only when it does not fit at 1×); zoom and centre are
    /// then ignored.
    bool fit = true;
    /// Device pixels per source pixel: whole numbers ≥ 1 (crisp squares), or
    /// 1/2, 1/4, … below 1.
    double zoom = 1.0;
    /// The source point (in source pixels, (0, 0) = top-left corner) drawn
    /// at the view's centre.
    QPointF centre;

    friend bool operator==(const Viewport& a, const Viewport& b)
    {
        return a.fit == b.fit && (a.fit || (a.zoom == b.zoom && a.centre == b.centre));
    }
    friend bool operator!=(const Viewport& a, const Viewport& b) { return !(a == b); }
};

} // namespace advlens::ui

Q_DECLARE_METATYPE(advlens::ui::Viewport)
