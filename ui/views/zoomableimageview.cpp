#include "ui/views/zoomableimageview.h"

#include <QFocusEvent>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QWheelEvent>

#include <algorithm>
#include <array>
#include <cmath>

namespace advlens::ui {

namespace {

constexpr int kMargin = 6; ///< room around a fitted image for its frame
/// Zoom steps in device pixels per source pixel: whole numbers from 1 up keep
/// every source pixel an equal square.
constexpr std::array<double, 21> kZoomLevels = {0.125, 0.25, 0.5, 1,  2,  3,  4,  5,  6,  8,  10,
                                                12,    16,   20,  24, 32, 40, 48, 64, 96, 128};
constexpr int kWheelStep = 120; ///< one notch, in eighths of a degree

} // namespace

ZoomableImageView::ZoomableImageView(QWidget* parent)
    : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    setMouseTracking(true);
    setFocusPolicy(Qt::StrongFocus);
    setCursor(Qt::CrossCursor);
}

void ZoomableImageView::setImage(const QImage& image)
{
    m_image = image;
    m_viewport = clamped(m_viewport);
    if (m_mouseInside)
        updateHover(m_lastMouse); // the pixel under a still cursor may be new
    else
        clearHover();
    update();
}

void ZoomableImageView::setOverlay(const QImage& overlay)
{
    m_overlay = overlay;
    update();
}

void ZoomableImageView::setOverlayOpacity(double opacity)
{
    m_overlayOpacity = std::isnan(opacity) ? 0.0 : std::clamp(opacity, 0.0, 1.0);
    update();
}

void ZoomableImageView::setPlaceholderText(const QString& text)
{
    m_placeholder = text;
    update();
}

void ZoomableImageView::setViewport(const Viewport& viewport)
{
    m_viewport = clamped(viewport);
    if (m_mouseInside)
        updateHover(m_lastMouse);
    update();
}

double ZoomableImageView::fitZoom() const
{
    if (m_image.isNull())
        return 1.0;
    const double dpr = devicePixelRatioF();
    const double w = std::max(1.0, (width() - 2 * kMargin) * dpr);
    const double h = std::max(1.0, (height() - 2 * kMargin) * dpr);
    const double scale = std::min(w / m_image.width(), h / m_image.height());
    return scale >= 1.0 ? std::floor(scale) : scale;
}

double ZoomableImageView::zoom() const
{
    return m_viewport.fit ? fitZoom() : m_viewport.zoom;
}

QPointF ZoomableImageView::centre() const
{
    if (m_viewport.fit)
        return {m_image.width() / 2.0, m_image.height() / 2.0};
    return m_viewport.centre;
}

QPointF ZoomableImageView::deviceOrigin() const
{
    // Whole device pixels, so that pixel edges never fall between two.
    const double dpr = devicePixelRatioF();
    const QPointF origin = QPointF(width() * dpr / 2.0, height() * dpr / 2.0) - centre() * zoom();
    return {std::round(origin.x()), std::round(origin.y())};
}

QRectF ZoomableImageView::imageRect() const
{
    if (m_image.isNull())
        return {};
    const double dpr = devicePixelRatioF();
    const double z = zoom();
    return {deviceOrigin() / dpr, QSizeF(m_image.width() * z / dpr, m_image.height() * z / dpr)};
}

QPoint ZoomableImageView::sourcePixelAt(const QPointF& position) const
{
    if (m_image.isNull())
        return {-1, -1};
    const QPointF source = (position * devicePixelRatioF() - deviceOrigin()) / zoom();
    const int x = int(std::floor(source.x()));
    const int y = int(std::floor(source.y()));
    if (x < 0 || y < 0 || x >= m_image.width() || y >= m_image.height())
        return {-1, -1};
    return {x, y};
}

QSize ZoomableImageView::sizeHint() const
{
    return {300, 300};
}

QSize ZoomableImageView::minimumSizeHint() const
{
    return {120, 120};
}

void ZoomableImageView::zoomIn()
{
    zoomBy(1, QPointF(width(), height()) * devicePixelRatioF() / 2.0);
}

void ZoomableImageView::zoomOut()
{
    zoomBy(-1, QPointF(width(), height()) * devicePixelRatioF() / 2.0);
}

void ZoomableImageView::fitToView()
{
    changeViewport(Viewport{});
}

void ZoomableImageView::zoomBy(int steps, QPointF anchor)
{
    if (m_image.isNull() || steps == 0)
        return;
    const double oldZoom = zoom();
    double newZoom = oldZoom;
    for (; steps > 0; --steps) {
        const auto next = std::upper_bound(kZoomLevels.begin(), kZoomLevels.end(), newZoom + 1e-9);
        if (next != kZoomLevels.end())
            newZoom = *next;
    }
    for (; steps < 0; ++steps) {
        const auto next = std::lower_bound(kZoomLevels.begin(), kZoomLevels.end(), newZoom - 1e-9);
        if (next != kZoomLevels.begin())
            newZoom = *std::prev(next);
    }
    // Keep the source point under the anchor where it is.
    const QPointF source = (anchor - deviceOrigin()) / oldZoom;
    const QPointF viewCentre = QPointF(width(), height()) * devicePixelRatioF() / 2.0;
    const QPointF origin = anchor - source * newZoom;
    changeViewport(Viewport{false, newZoom, (viewCentre - origin) / newZoom});
}

void ZoomableImageView::panBy(QPointF devicePixels)
{
    if (m_image.isNull())
        return;
    const double z = zoom();
    changeViewport(Viewport{false, z, centre() - devicePixels / z});
}

Viewport ZoomableImageView::clamped(Viewport viewport) const
{
    // The centre stays on the image, so some of it is always in view.
    viewport.zoom = std::clamp(viewport.zoom, kZoomLevels.front(), kZoomLevels.back());
    viewport.centre.setX(std::clamp(viewport.centre.x(), 0.0, double(std::max(0, m_image.width()))));
    viewport.centre.setY(std::clamp(viewport.centre.y(), 0.0, double(std::max(0, m_image.height()))));
    return viewport;
}

void ZoomableImageView::changeViewport(Viewport viewport)
{
    viewport = clamped(viewport);
    if (viewport == m_viewport)
        return;
    setViewport(viewport);
    Q_EMIT viewportChanged(m_viewport);
}

void ZoomableImageView::updateHover(const QPointF& position)
{
    m_lastMouse = position;
    const QPoint pixel = sourcePixelAt(position);
    if (pixel.x() < 0) {
        clearHover();
    } else if (pixel != m_hovered) {
        m_hovered = pixel;
        Q_EMIT pixelHovered(pixel);
    }
}

void ZoomableImageView::clearHover()
{
    if (m_hovered.x() < 0)
        return;
    m_hovered = {-1, -1};
    Q_EMIT hoverLeft();
}

void ZoomableImageView::wheelEvent(QWheelEvent* event)
{
    // Touchpads send small deltas: whole notches only, the rest is kept.
    m_wheelRemainder += event->angleDelta().y();
    const int steps = m_wheelRemainder / kWheelStep;
    m_wheelRemainder -= steps * kWheelStep;
    zoomBy(steps, event->position() * devicePixelRatioF());
    event->accept();
}

void ZoomableImageView::keyPressEvent(QKeyEvent* event)
{
    const bool ctrl = event->modifiers() & Qt::ControlModifier;
    const double step = std::max(width(), height()) * devicePixelRatioF() / 8.0;
    if (event->matches(QKeySequence::ZoomIn) || (ctrl && event->key() == Qt::Key_Equal))
        zoomIn();
    else if (event->matches(QKeySequence::ZoomOut) || (ctrl && event->key() == Qt::Key_Minus))
        zoomOut();
    else if (ctrl && event->key() == Qt::Key_0)
        fitToView();
    else if (event->key() == Qt::Key_Left)
        panBy({step, 0});
    else if (event->key() == Qt::Key_Right)
        panBy({-step, 0});
    else if (event->key() == Qt::Key_Up)
        panBy({0, step});
    else if (event->key() == Qt::Key_Down)
        panBy({0, -step});
    else
        QWidget::keyPressEvent(event);
}

void ZoomableImageView::mousePressEvent(QMouseEvent* event)
{
    if (event->button() != Qt::LeftButton || m_image.isNull())
        return QWidget::mousePressEvent(event);
    m_dragging = true;
    m_dragStart = event->position();
    m_dragViewport = Viewport{false, zoom(), centre()};
    setCursor(Qt::ClosedHandCursor);
}

void ZoomableImageView::mouseMoveEvent(QMouseEvent* event)
{
    if (m_dragging) {
        const QPointF moved = (event->position() - m_dragStart) * devicePixelRatioF();
        Viewport viewport = m_dragViewport;
        viewport.centre -= moved / viewport.zoom;
        changeViewport(viewport);
    }
    m_mouseInside = true;
    updateHover(event->position());
}

void ZoomableImageView::mouseReleaseEvent(QMouseEvent* event)
{
    if (event->button() == Qt::LeftButton && m_dragging) {
        m_dragging = false;
        setCursor(Qt::CrossCursor);
    }
    QWidget::mouseReleaseEvent(event);
}

void ZoomableImageView::mouseDoubleClickEvent(QMouseEvent* event)
{
    if (event->button() == Qt::LeftButton)
        fitToView();
}

void ZoomableImageView::leaveEvent(QEvent* event)
{
    m_mouseInside = false;
    clearHover();
    QWidget::leaveEvent(event);
}

void ZoomableImageView::focusInEvent(QFocusEvent* event)
{
    const Qt::FocusReason reason = event->reason();
    m_showFocus = reason == Qt::TabFocusReason || reason == Qt::BacktabFocusReason || reason == Qt::ShortcutFocusReason;
    update();
    QWidget::focusInEvent(event);
}

void ZoomableImageView::focusOutEvent(QFocusEvent* event)
{
    m_showFocus = false;
    update();
    QWidget::focusOutEvent(event);
}

void ZoomableImageView::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    if (m_image.isNull()) {
        paintPlaceholder(painter);
        return;
    }
    const double dpr = devicePixelRatioF();
    const double z = zoom();
    painter.save();
    painter.scale(1.0 / dpr, 1.0 / dpr); // device pixels: edges on whole pixels
    const QRectF target(deviceOrigin(), QSizeF(m_image.width() * z, m_image.height() * z));
    // Smoothing only when shrinking; enlarged pixels must stay sharp squares.
    painter.setRenderHint(QPainter::SmoothPixmapTransform, z < 1.0);
    painter.drawImage(target, m_image);
    if (!m_overlay.isNull() && m_overlayOpacity > 0.0) {
        painter.setOpacity(m_overlayOpacity);
        painter.drawImage(target, m_overlay);
    }
    painter.restore();
    // A frame in the palette's mid tone keeps a black or white image visible
    // on any theme; the highlight colour shows keyboard focus.
    painter.setPen(palette().color(QPalette::Mid));
    const QRect drawn = imageRect().toAlignedRect();
    painter.drawRect(drawn.adjusted(-1, -1, 0, 0));
    // Zoomed in beyond the view: its own edge is the image's edge, so show it.
    const bool overflows = !rect().contains(drawn);
    if (m_showFocus || overflows) {
        painter.setPen(palette().color(m_showFocus ? QPalette::Highlight : QPalette::Mid));
        painter.drawRect(rect().adjusted(0, 0, -1, -1));
    }
}

void ZoomableImageView::paintPlaceholder(QPainter& painter)
{
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(QPen(palette().color(QPalette::Mid), 1.0, Qt::DashLine));
    painter.drawRoundedRect(QRectF(rect()).adjusted(kMargin + 0.5, kMargin + 0.5, -kMargin - 0.5, -kMargin - 0.5), 6,
                            6);
    painter.setPen(palette().color(QPalette::PlaceholderText));
    painter.drawText(rect().adjusted(3 * kMargin, 3 * kMargin, -3 * kMargin, -3 * kMargin),
                     Qt::AlignCenter | Qt::TextWordWrap, m_placeholder);
}

} // namespace advlens::ui
