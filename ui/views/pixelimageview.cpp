#include "ui/views/pixelimageview.h"

#include <QPainter>

#include <algorithm>
#include <cmath>

namespace advlens::ui {

namespace {

constexpr int kMargin = 8; ///< room for the frame around the image

} // namespace

PixelImageView::PixelImageView(QWidget* parent)
    : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void PixelImageView::setImage(const QImage& image)
{
    m_image = image;
    update();
}

QRect PixelImageView::imageRect() const
{
    if (m_image.isNull())
        return {};
    const QRect area = rect().adjusted(kMargin, kMargin, -kMargin, -kMargin);
    double scale = std::min(double(area.width()) / m_image.width(), double(area.height()) / m_image.height());
    if (scale >= 1.0)
        scale = std::floor(scale); // whole factors keep all pixels the same size
    const QSize size(std::max(1, int(m_image.width() * scale)), std::max(1, int(m_image.height() * scale)));
    QRect target(QPoint(0, 0), size);
    target.moveCenter(area.center());
    return target;
}

QSize PixelImageView::sizeHint() const
{
    return {448, 448};
}

QSize PixelImageView::minimumSizeHint() const
{
    return {112, 112};
}

void PixelImageView::paintEvent(QPaintEvent*)
{
    if (m_image.isNull())
        return;
    const QRect target = imageRect();
    QPainter painter(this);
    // Smoothing only when shrinking; enlarged pixels must stay sharp squares.
    painter.setRenderHint(QPainter::SmoothPixmapTransform, target.width() < m_image.width());
    painter.drawImage(target, m_image);
    // A frame in the palette's mid tone keeps a black image visible on a dark theme.
    painter.setPen(palette().color(QPalette::Mid));
    painter.drawRect(target.adjusted(-1, -1, 0, 0));
}

} // namespace advlens::ui
