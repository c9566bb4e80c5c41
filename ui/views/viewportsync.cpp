#include "ui/views/viewportsync.h"

#include "ui/views/zoomableimageview.h"

namespace advlens::ui {

ViewportSync::ViewportSync(QObject* parent)
    : QObject(parent)
{
}

void ViewportSync::addView(ZoomableImageView* view)
{
    if (!view || m_views.contains(view))
        return;
    m_views.append(view);
    connect(view, &ZoomableImageView::viewportChanged, this, &ViewportSync::propagate);
}

void ViewportSync::removeView(ZoomableImageView* view)
{
    m_views.removeAll(view);
    if (view)
        disconnect(view, nullptr, this, nullptr);
}

void ViewportSync::setViewport(const Viewport& viewport)
{
    for (const auto& view : std::as_const(m_views)) {
        if (view)
            view->setViewport(viewport);
    }
}

void ViewportSync::propagate(const Viewport& viewport)
{
    // setViewport() does not emit viewportChanged, so this cannot loop.
    const QObject* origin = sender();
    for (const auto& view : std::as_const(m_views)) {
        if (view && view != origin)
            view->setViewport(viewport);
    }
}

} // namespace advlens::ui
