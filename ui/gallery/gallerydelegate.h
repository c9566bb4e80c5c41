#pragma once

#include <QStyledItemDelegate>

namespace advlens::ui {

/// Paints one gallery image in the grid: the thumbnail (small images enlarged
/// by a whole factor, pixel-exact) framed green when classified correctly and
/// red when not, an orange corner when the attack fooled it, and two lines
/// under it: the true class, then the prediction with its confidence. Every
/// cell has the same size, so the grid lays out thousands of images at once.
class GalleryDelegate : public QStyledItemDelegate {
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

    /// The marks' colours, for a legend.
    static QColor correctColour();
    static QColor wrongColour();
    static QColor fooledColour();

    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;
};

} // namespace advlens::ui
