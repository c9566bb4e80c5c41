#pragma once

#include <QImage>
#include <QWidget>

namespace advlens::ui {

/// Shows an image pixel-exact: enlarged by the largest whole factor that
/// fits (so every source pixel becomes an equal, crisp square, no
/// smoothing), shrunk smoothly only when it is larger than the widget.
class PixelImageView : public QWidget {
    Q_OBJECT

public:
    explicit PixelImageView(QWidget* parent = nullptr);

    void setImage(const QImage& image);
    const QImage& image() const { return m_image; }
    /// Where the image is drawn, in widget coordinates (empty when none).
    QRect imageRect() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    QImage m_image;
};

} // namespace advlens::ui
