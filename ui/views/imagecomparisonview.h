#pragma once

#include "ui/imaging/heatmap.h"
#include "ui/imaging/perturbation.h"
#include "ui/imaging/pixelbuffer.h"

#include <QPoint>
#include <QWidget>

class QLabel;
class QSlider;
class QToolButton;

namespace advlens::ui {

class AmplificationControl;
class ColorLegend;
class ViewportSync;
class ZoomableImageView;

/// Original, adversarial and perturbation side by side in three views that
/// zoom and pan together. The perturbation δ = adversarial − original and its
/// norms are computed here from the buffers; δ is shown amplified through the
/// diverging colour map. Saliency maps overlay the first two views. A readout
/// line gives the values of the pixel under the cursor.
class ImageComparisonView : public QWidget {
    Q_OBJECT

public:
    explicit ImageComparisonView(QWidget* parent = nullptr);

    /// A new image. The adversarial image and saliency stay only when they
    /// still match its size; call clearAdversarial() first for a new image
    /// of the same size whose old adversarial no longer applies.
    void setOriginal(const PixelBuffer& original);
    void setAdversarial(const PixelBuffer& adversarial);
    void clearAdversarial();
    /// Removes everything: the empty state.
    void clear();

    /// Heat maps (H×W in [0, 1]) drawn over the original and adversarial
    /// views; either may be empty.
    void setSaliency(const HeatMap& original, const HeatMap& adversarial);
    void clearSaliency();
    /// 0…1, clamped; also moves the opacity slider.
    void setSaliencyOpacity(double opacity);
    double saliencyOpacity() const;

    /// The perturbation in effect (empty without an adversarial image of the
    /// original's size).
    const Perturbation& perturbation() const { return m_perturbation; }
    /// The factor δ is multiplied by before colouring: 1/max|δ| while
    /// automatic (the default), else the slider's ×1…×100.
    double amplification() const;
    void setAmplification(double factor);
    void setAutoAmplification(bool automatic);

    QString normsText() const;
    QString readoutText() const;
    ZoomableImageView* originalView() const { return m_views[0]; }
    ZoomableImageView* adversarialView() const { return m_views[1]; }
    ZoomableImageView* perturbationView() const { return m_views[2]; }

    QSize sizeHint() const override;

Q_SIGNALS:
    void saliencyOpacityChanged(double opacity);

protected:
    void changeEvent(QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    void updatePerturbation();
    void renderPerturbation();
    void showPixel(const QPoint& pixel);
    void hidePixel();
    /// Shows the readout, elided to the label's width (whole in the tooltip).
    void setReadout(const QString& text, bool isValue);
    void retranslate();
    void updateCaptions();
    void setCaption(int column, const QString& text);
    /// Shows a caption in its label's width: wrapped at its " · " separators,
    /// elided (whole in the tool tip) only where a part alone is too long.
    void fitCaption(int column);

    PixelBuffer m_original;
    PixelBuffer m_adversarial;
    Perturbation m_perturbation;
    HeatMap m_saliency[2];
    QPoint m_hovered{-1, -1};
    QString m_readoutText;

    QLabel* m_titles[3];
    ZoomableImageView* m_views[3];
    QLabel* m_captions[3];
    QString m_captionTexts[3]; ///< whole, as fitCaption() starts from
    ViewportSync* m_sync;
    QLabel* m_opacityCaption;
    QSlider* m_opacity;
    QLabel* m_opacityValue;
    AmplificationControl* m_amplification;
    ColorLegend* m_legend;
    QLabel* m_readout;
    QToolButton* m_zoomOut;
    QToolButton* m_fit;
    QToolButton* m_zoomIn;
};

} // namespace advlens::ui
