#include "ui/studies/labelplacement.h"

#include <limits>

namespace advlens::ui {

namespace {

double overlap(const QRectF& a, const QRectF& b)
{
    const QRectF common = a.intersected(b);
    return common.isValid() ? common.width() * common.height() : 0.0;
}

} // namespace

bool isRight(LabelCorner corner)
{
    return corner == LabelCorner::AboveRight || corner == LabelCorner::BelowRight;
}

bool isAbove(LabelCorner corner)
{
    return corner == LabelCorner::AboveRight || corner == LabelCorner::AboveLeft;
}

QRectF labelRect(QPointF point, QSizeF size, LabelCorner corner, double gap)
{
    const double left = isRight(corner) ? point.x() + gap : point.x() - gap - size.width();
    const double top = isAbove(corner) ? point.y() - size.height() : point.y();
    return {left, top, size.width(), size.height()};
}

QVector<LabelCorner> placeLabels(const QVector<QPointF>& points, const QVector<QSizeF>& labelSizes,
                                 const QRectF& bounds, double gap, double markerRadius)
{
    constexpr LabelCorner kCorners[] = {LabelCorner::AboveRight, LabelCorner::BelowRight, LabelCorner::AboveLeft,
                                        LabelCorner::BelowLeft};
    QVector<QRectF> taken;
    for (const QPointF& p : points)
        taken << QRectF(p.x() - markerRadius, p.y() - markerRadius, 2 * markerRadius, 2 * markerRadius);
    QVector<LabelCorner> corners;
    for (int i = 0; i < points.size(); ++i) {
        LabelCorner best = LabelCorner::AboveRight;
        QRectF bestRect;
        double bestCost = std::numeric_limits<double>::infinity();
        for (const LabelCorner corner : kCorners) {
            const QRectF rect = labelRect(points[i], labelSizes.value(i), corner, gap);
            double cost = rect.width() * rect.height() - overlap(rect, bounds); // the part outside
            for (int t = 0; t < taken.size(); ++t)
                if (t != i) // its own marker sits at the corner, outside the rectangle
                    cost += overlap(rect, taken[t]);
            if (cost < bestCost) {
                bestCost = cost;
                best = corner;
                bestRect = rect;
            }
            if (cost <= 1e-9)
                break;
        }
        corners << best;
        taken << bestRect;
    }
    return corners;
}

} // namespace advlens::ui
