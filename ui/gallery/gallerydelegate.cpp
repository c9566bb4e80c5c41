#include "ui/gallery/gallerydelegate.h"

#include "ui/gallery/galleryitem.h"
#include "ui/gallery/gallerymodel.h"

#include <QApplication>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>

namespace advlens::ui {

namespace {

constexpr int kPadding = 6;
constexpr int kFrame = 3;
constexpr int kCellWidth = GalleryItem::kThumbnailSide + 2 * kPadding + 24;
constexpr int kCornerSize = 18;
// Mid-tone colours that read on light and dark palettes.
const QColor kCorrectColour(46, 160, 67);
const QColor kWrongColour(214, 69, 69);
const QColor kFooledColour(236, 146, 22);

QRect thumbnailBox(const QRect& cell)
{
    const int side = GalleryItem::kThumbnailSide;
    return QRect(cell.left() + (cell.width() - side) / 2, cell.top() + kPadding, side, side);
}

/// The thumbnail's rectangle in `box`: centred, enlarged by a whole factor when small.
QRect imageRect(const QSize& image, const QRect& box)
{
    if (image.isEmpty())
        return {};
    const int longer = std::max(image.width(), image.height());
    QSize size = image;
    if (longer <= box.width())
        size *= std::max(1, box.width() / longer);
    else
        size.scale(box.size(), Qt::KeepAspectRatio);
    return QRect(box.left() + (box.width() - size.width()) / 2, box.top() + (box.height() - size.height()) / 2,
                 size.width(), size.height());
}

} // namespace

QColor GalleryDelegate::correctColour()
{
    return kCorrectColour;
}

QColor GalleryDelegate::wrongColour()
{
    return kWrongColour;
}

QColor GalleryDelegate::fooledColour()
{
    return kFooledColour;
}

QSize GalleryDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex&) const
{
    const int lines = 2 * option.fontMetrics.height();
    return {kCellWidth, GalleryItem::kThumbnailSide + 2 * kPadding + lines + kPadding};
}

void GalleryDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    QStyleOptionViewItem panel = option;
    initStyleOption(&panel, index);
    panel.text.clear();
    panel.icon = QIcon();
    panel.features &= ~QStyleOptionViewItem::HasDecoration;
    const QWidget* widget = option.widget;
    QStyle* style = widget ? widget->style() : QApplication::style();
    style->drawPrimitive(QStyle::PE_PanelItemViewItem, &panel, painter, widget); // selection, hover

    painter->save();
    const QRect box = thumbnailBox(option.rect);
    const QImage thumbnail = index.data(GalleryModel::ThumbnailRole).value<QImage>();
    const QRect picture = imageRect(thumbnail.size(), box);
    const int correct = index.data(GalleryModel::CorrectRole).toInt();
    if (correct >= 0) {
        painter->fillRect(picture.adjusted(-kFrame, -kFrame, kFrame, kFrame), correct ? kCorrectColour : kWrongColour);
    }
    painter->setRenderHint(QPainter::SmoothPixmapTransform, picture.width() < thumbnail.width());
    painter->drawImage(picture, thumbnail);
    if (index.data(GalleryModel::VerdictRole).toInt() == static_cast<int>(AttackVerdict::Fooled)) {
        QPainterPath corner;
        const QPoint topRight = picture.topRight() + QPoint(kFrame + 1, -kFrame);
        corner.moveTo(topRight);
        corner.lineTo(topRight - QPoint(kCornerSize, 0));
        corner.lineTo(topRight + QPoint(0, kCornerSize));
        corner.closeSubpath();
        painter->setRenderHint(QPainter::Antialiasing);
        painter->fillPath(corner, kFooledColour);
    }

    const auto* model = index.model();
    const QString trueClass = model->index(index.row(), GalleryModel::TrueClass).data().toString();
    const QString prediction =
        QStringLiteral("%1 %2").arg(model->index(index.row(), GalleryModel::Prediction).data().toString(),
                                    model->index(index.row(), GalleryModel::Confidence).data().toString());
    const QFontMetrics metrics(option.font);
    QRect line(option.rect.left() + 2, box.bottom() + kPadding + 1, option.rect.width() - 4, metrics.height());
    const bool selected = option.state & QStyle::State_Selected;
    const QPalette::ColorGroup group = option.state & QStyle::State_Enabled ? QPalette::Normal : QPalette::Disabled;
    QColor text = option.palette.color(group, selected ? QPalette::HighlightedText : QPalette::Text);
    QColor muted = text;
    muted.setAlphaF(0.65);
    painter->setFont(option.font);
    painter->setPen(muted);
    painter->drawText(line, Qt::AlignHCenter | Qt::AlignVCenter,
                      metrics.elidedText(trueClass, Qt::ElideRight, line.width()));
    line.translate(0, metrics.height());
    painter->setPen(correct == 0 && !selected ? kWrongColour : text);
    painter->drawText(line, Qt::AlignHCenter | Qt::AlignVCenter,
                      metrics.elidedText(prediction, Qt::ElideMiddle, line.width()));
    painter->restore();
}

} // namespace advlens::ui
