#pragma once

#include "ui/views/viewport.h"

#include <QList>
#include <QObject>
#include <QPointer>

namespace advlens::ui {

class ZoomableImageView;

/// Keeps several views on the same Viewport: a user's zoom or pan in one is
/// applied to all the others. Views removed or destroyed drop out.
class ViewportSync : public QObject {
    Q_OBJECT

public:
    explicit ViewportSync(QObject* parent = nullptr);

    void addView(ZoomableImageView* view);
    void removeView(ZoomableImageView* view);
    /// Applies the viewport to every view (e.g. to reset them all to fit).
    void setViewport(const Viewport& viewport);

private:
    void propagate(const Viewport& viewport);

    QList<QPointer<ZoomableImageView>> m_views;
};

} // namespace advlens::ui
