#pragma once

#include "ui/views/viewport.h"

#include <QImage>
#include <QPoint>
#include <QString>
#include <QWidget>

namespace advlens::ui {

/// Shows an image pixel-exact and lets the user zoom (wheel, Ctrl+= / Ctrl+−,
/// Ctrl+0 or a double-click to fit) and pan (drag, arrow keys). At every zoom
/// ≥ 1 each source pixel is a whole number of device pixels wide, drawn
/// nearest-neighbour; only zooms below 1 are smoothed. An optional overlay
/// (e.g. a saliency heat map) is stretched over the image at a set opacity.
/// Several views move together through setViewport()/viewportChanged (see
/// ViewportSync).
class ZoomableImageView : public QWidget {
    Q_OBJECT

public:
    explicit ZoomableImageView(QWidget* parent = nullptr);

    /// Keeps the viewport (its centre clamped into the new image).
    void setImage(const QImage& image);
    const QImage& image() const { return m_image; }
    /// Drawn over the image, stretched to it; a null image removes it.
    void setOverlay(const QImage& overlay);
    const QImage& overlay() const { return m_overlay; }
    /// 0 = overlay invisible, 1 = opaque; clamped.
    void setOverlayOpacity(double opacity);
    double overlayOpacity() const { return m_overlayOpacity; }
    /// Shown, centred and wrapped, while there is no image.
    void setPlaceholderText(const QString& text);
    QString placeholderText() const { return m_placeholder; }

    Viewport viewport() const { return m_viewport; }
    /// Applies a viewport without emitting viewportChanged (so syncing
    /// views cannot loop).
    void setViewport(const Viewport& viewport);
    /// The zoom in effect, in device pixels per source pixel (fit resolved).
    double zoom() const;
    /// Where the whole image is drawn, in widget coordinates (may extend
    /// beyond the widget when zoomed in; empty without an image).
    QRectF imageRect() const;
    /// The source pixel under a widget position, or (−1, −1) outside it.
    QPoint sourcePixelAt(const QPointF& position) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

public Q_SLOTS:
    void zoomIn();
    void zoomOut();
    void fitToView();

Q_SIGNALS:
    /// The user zoomed or panned this view (not emitted by setViewport()).
    void viewportChanged(const advlens::ui::Viewport& viewport);
    /// The cursor moved onto another source pixel.
    void pixelHovered(const QPoint& pixel);
    /// The cursor left the image (or the image went away).
    void hoverLeft();

protected:
    void paintEvent(QPaintEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void leaveEvent(QEvent* event) override;
    void focusInEvent(QFocusEvent* event) override;
    void focusOutEvent(QFocusEvent* event) override;

private:
    double fitZoom() const;
    QPointF centre() const;
    QPointF deviceOrigin() const;
    /// Steps through the zoom levels, keeping the device point `anchor` still.
    void zoomBy(int steps, QPointF anchor);
    void panBy(QPointF devicePixels);
    /// Clamps, applies and, when it changed, emits viewportChanged.
    void changeViewport(Viewport viewport);
    Viewport clamped(Viewport viewport) const;
    void updateHover(const QPointF& position);
    void clearHover();
    void paintPlaceholder(QPainter& painter);

    QImage m_image;
    QImage m_overlay;
    double m_overlayOpacity = 0.5;
    QString m_placeholder;
    Viewport m_viewport;
    QPoint m_hovered{-1, -1};
    QPointF m_lastMouse;
    bool m_mouseInside = false;
    bool m_showFocus = false; ///< keyboard focus only: a click needs no frame
    bool m_dragging = false;
    QPointF m_dragStart;
    Viewport m_dragViewport;
    int m_wheelRemainder = 0;
};

} // namespace advlens::ui
