#pragma once

#include <QPointF>
#include <QRectF>
#include <QSizeF>
#include <QVector>

namespace advlens::ui {

/// Which side of its point a label sits on.
enum class LabelCorner { AboveRight, BelowRight, AboveLeft, BelowLeft };

/// Labels for points of a scatter plot, in pixels (y grows downwards), placed
/// one after the other: each takes the first corner, in the enum's order,
/// whose rectangle stays inside `bounds` and covers no label placed before it
/// and no point's marker (a square of `markerRadius` around each point). Where
/// every corner collides, the one that overlaps least. `gap` separates a label
/// from its point.
QVector<LabelCorner> placeLabels(const QVector<QPointF>& points, const QVector<QSizeF>& labelSizes,
                                 const QRectF& bounds, double gap, double markerRadius);

/// Whether a label at `corner` lies right of its point, and above it.
bool isRight(LabelCorner corner);
bool isAbove(LabelCorner corner);

/// The rectangle a label of `size` takes at `corner` of `point`.
QRectF labelRect(QPointF point, QSizeF size, LabelCorner corner, double gap);

} // namespace advlens::ui
