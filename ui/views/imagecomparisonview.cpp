#include "ui/views/imagecomparisonview.h"

#include "ui/imaging/colormaps.h"
#include "ui/imaging/pixelimage.h"
#include "ui/imaging/pixelreadout.h"
#include "ui/views/amplificationcontrol.h"
#include "ui/views/colorlegend.h"
#include "ui/views/viewportsync.h"
#include "ui/views/zoomableimageview.h"

#include <QEvent>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QRegularExpression>
#include <QSlider>
#include <QStringList>
#include <QStyle>
#include <QToolButton>

#include <algorithm>
#include <cmath>

namespace advlens::ui {

namespace {

constexpr int kOpacitySteps = 100;       ///< opacity slider: whole percent
constexpr double kDefaultOpacity = 0.5;  ///< saliency half-transparent at first
constexpr int kMinimumColumnWidth = 200; ///< room for the captions and controls

QLabel* makeLabel(QWidget* parent, bool bold = false)
{
    auto* label = new QLabel(parent);
    label->setAlignment(Qt::AlignCenter);
    // Long text never widens the columns: captions wrap or elide (fitCaption), titles are cut.
    label->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    label->setMinimumWidth(0);
    if (bold) {
        QFont font = label->font();
        font.setBold(true);
        label->setFont(font);
    }
    return label;
}

/// `text` on as many lines as `width` needs, broken at its "·" separators
/// (dropped where a line breaks), each line then elided if it is still too
/// long; `elided` says whether one was. Whole when it fits or the width is
/// not known yet.
QString wrapAtSeparators(const QString& text, const QFontMetrics& metrics, int width, bool& elided)
{
    elided = false;
    if (width <= 0 || metrics.horizontalAdvance(text) <= width)
        return text;
    static const QRegularExpression separator(QStringLiteral("\\s*·\\s*"));
    QStringList lines;
    QString line;
    qsizetype start = 0;
    QString before; // the separator between `line` and the next part, as the text has it
    const auto addPart = [&](const QString& part) {
        const QString joined = line + before + part;
        if (line.isEmpty() || metrics.horizontalAdvance(joined) <= width) {
            line = line.isEmpty() ? part : joined;
        } else {
            lines << line;
            line = part;
        }
    };
    for (auto match = separator.globalMatch(text); match.hasNext();) {
        const QRegularExpressionMatch m = match.next();
        addPart(text.mid(start, m.capturedStart() - start));
        before = m.captured();
        start = m.capturedEnd();
    }
    addPart(text.mid(start));
    lines << line;
    for (QString& each : lines) {
        const QString whole = each;
        each = metrics.elidedText(whole, Qt::ElideRight, width);
        elided = elided || each != whole;
    }
    return lines.join(QLatin1Char('\n'));
}

} // namespace

ImageComparisonView::ImageComparisonView(QWidget* parent)
    : QWidget(parent)
    , m_sync(new ViewportSync(this))
    , m_opacityCaption(new QLabel(this))
    , m_opacity(new QSlider(Qt::Horizontal, this))
    , m_opacityValue(new QLabel(this))
    , m_amplification(new AmplificationControl(this))
    , m_legend(new ColorLegend(this))
    , m_readout(makeLabel(this))
    , m_zoomOut(new QToolButton(this))
    , m_fit(new QToolButton(this))
    , m_zoomIn(new QToolButton(this))
{
    auto* grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setHorizontalSpacing(10);
    grid->setVerticalSpacing(4);
    const char* const captionNames[] = {"originalCaption", "adversarialCaption", "perturbationCaption"};
    for (int i = 0; i < 3; ++i) {
        m_titles[i] = makeLabel(this, /*bold=*/true);
        m_views[i] = new ZoomableImageView(this);
        m_captions[i] = makeLabel(this);
        m_captions[i]->setTextInteractionFlags(Qt::TextSelectableByMouse);
        m_captions[i]->setObjectName(QLatin1String(captionNames[i])); // for tests
        m_sync->addView(m_views[i]);
        grid->addWidget(m_titles[i], 0, i);
        grid->addWidget(m_views[i], 1, i);
        grid->addWidget(m_captions[i], 2, i);
        grid->setColumnStretch(i, 1);
        grid->setColumnMinimumWidth(i, kMinimumColumnWidth); // equal columns even at the minimum
        connect(m_views[i], &ZoomableImageView::pixelHovered, this, &ImageComparisonView::showPixel);
        connect(m_views[i], &ZoomableImageView::hoverLeft, this, &ImageComparisonView::hidePixel);
    }
    grid->setRowStretch(1, 1);

    m_opacity->setRange(0, kOpacitySteps);
    m_opacity->setMinimumWidth(60);
    m_opacity->setValue(int(kDefaultOpacity * kOpacitySteps));
    m_opacityValue->setMinimumWidth(m_opacityValue->fontMetrics().horizontalAdvance(QStringLiteral("100 %")));
    m_opacityValue->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    // Under the first two columns: the saliency overlay and zoom, then the
    // pixel readout; under the perturbation: its colour key and amplification.
    auto* opacityRow = new QHBoxLayout;
    // A nested layout inherits the grid's spacing, which is none (-1) while its
    // horizontal and vertical spacings differ: the caption would touch the slider.
    opacityRow->setSpacing(style()->pixelMetric(QStyle::PM_LayoutHorizontalSpacing));
    opacityRow->addWidget(m_opacityCaption);
    opacityRow->addWidget(m_opacity, 1);
    opacityRow->addWidget(m_opacityValue);
    opacityRow->addSpacing(12);
    for (QToolButton* button : {m_zoomOut, m_fit, m_zoomIn}) {
        button->setAutoRaise(true);
        opacityRow->addWidget(button);
    }
    grid->addLayout(opacityRow, 3, 0, 1, 2);
    grid->addWidget(m_legend, 3, 2);
    m_readout->setAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_readout->setTextInteractionFlags(Qt::TextSelectableByMouse);
    grid->addWidget(m_readout, 4, 0, 1, 2);
    grid->addWidget(m_amplification, 4, 2);

    // The buttons act on the original view; the sync moves the other two.
    connect(m_zoomOut, &QToolButton::clicked, m_views[0], &ZoomableImageView::zoomOut);
    connect(m_fit, &QToolButton::clicked, m_views[0], &ZoomableImageView::fitToView);
    connect(m_zoomIn, &QToolButton::clicked, m_views[0], &ZoomableImageView::zoomIn);
    connect(m_opacity, &QSlider::valueChanged, this, [this](int value) {
        for (ZoomableImageView* view : {m_views[0], m_views[1]})
            view->setOverlayOpacity(double(value) / kOpacitySteps);
        m_opacityValue->setText(tr("%1 %").arg(value));
        Q_EMIT saliencyOpacityChanged(saliencyOpacity());
    });
    connect(m_amplification, &AmplificationControl::factorChanged, this, &ImageComparisonView::renderPerturbation);
    for (ZoomableImageView* view : {m_views[0], m_views[1]})
        view->setOverlayOpacity(kDefaultOpacity);
    m_opacityValue->setText(tr("%1 %").arg(m_opacity->value()));
    retranslate();
    clearSaliency();
}

void ImageComparisonView::setOriginal(const PixelBuffer& original)
{
    m_original = original;
    m_views[0]->setImage(toQImage(original));
    if (!m_adversarial.isEmpty() && !sameShape(m_original, m_adversarial))
        clearAdversarial();
    const auto fits = [&](const HeatMap& h) {
        return h.isEmpty() || (h.height == original.height && h.width == original.width);
    };
    if (!fits(m_saliency[0]) || !fits(m_saliency[1]))
        clearSaliency();
    updatePerturbation();
}

void ImageComparisonView::setAdversarial(const PixelBuffer& adversarial)
{
    m_adversarial = adversarial;
    m_views[1]->setImage(toQImage(adversarial));
    updatePerturbation();
}

void ImageComparisonView::clearAdversarial()
{
    m_adversarial = {};
    m_views[1]->setImage({});
    m_saliency[1] = {};
    m_views[1]->setOverlay({});
    updatePerturbation();
}

void ImageComparisonView::clear()
{
    clearSaliency();
    clearAdversarial();
    setOriginal({});
    m_sync->setViewport(Viewport{});
}

void ImageComparisonView::setSaliency(const HeatMap& original, const HeatMap& adversarial)
{
    m_saliency[0] = original;
    m_saliency[1] = adversarial;
    m_views[0]->setOverlay(sequentialImage(original));
    m_views[1]->setOverlay(sequentialImage(adversarial));
    const bool any = !original.isEmpty() || !adversarial.isEmpty();
    for (QWidget* w : {static_cast<QWidget*>(m_opacityCaption), static_cast<QWidget*>(m_opacity),
                       static_cast<QWidget*>(m_opacityValue)})
        w->setEnabled(any);
}

void ImageComparisonView::clearSaliency()
{
    setSaliency({}, {});
}

void ImageComparisonView::setSaliencyOpacity(double opacity)
{
    const double clamped = std::isnan(opacity) ? 0.0 : std::clamp(opacity, 0.0, 1.0);
    m_opacity->setValue(int(std::lround(clamped * kOpacitySteps)));
}

double ImageComparisonView::saliencyOpacity() const
{
    return double(m_opacity->value()) / kOpacitySteps;
}

double ImageComparisonView::amplification() const
{
    return m_amplification->factor();
}

void ImageComparisonView::setAmplification(double factor)
{
    m_amplification->setFactor(factor);
}

void ImageComparisonView::setAutoAmplification(bool automatic)
{
    m_amplification->setAuto(automatic);
}

void ImageComparisonView::updatePerturbation()
{
    m_perturbation = computePerturbation(m_original, m_adversarial);
    // Auto: the largest |δ| reaches the end of the colour map.
    m_amplification->setAutoFactor(m_perturbation.linf > 0.0 ? 1.0 / m_perturbation.linf : 1.0);
    renderPerturbation();
    updateCaptions();
    if (m_hovered.x() >= 0)
        showPixel(m_hovered);
    else
        hidePixel();
}

void ImageComparisonView::renderPerturbation()
{
    const Perturbation& p = m_perturbation;
    m_legend->setLimit(1.0 / amplification());
    m_views[2]->setImage(p.isEmpty() ? QImage()
                                     : divergingImage(p.strongestChannel(), p.height, p.width, amplification()));
}

QString ImageComparisonView::normsText() const
{
    return PixelReadout::norms(m_perturbation);
}

QString ImageComparisonView::readoutText() const
{
    return m_readoutText;
}

void ImageComparisonView::showPixel(const QPoint& pixel)
{
    m_hovered = pixel;
    const QString text = PixelReadout::pixel(m_original, m_adversarial, m_perturbation, pixel);
    if (text.isEmpty())
        return hidePixel();
    setReadout(text, /*isValue=*/true);
}

void ImageComparisonView::hidePixel()
{
    m_hovered = {-1, -1};
    setReadout(m_original.isEmpty() ? QString() : tr("Point at a pixel to read its values"), /*isValue=*/false);
}

void ImageComparisonView::setReadout(const QString& text, bool isValue)
{
    m_readoutText = text;
    // Disabled text is the palette's muted colour: a hint, not a value.
    m_readout->setEnabled(isValue);
    const QString shown = m_readout->fontMetrics().elidedText(text, Qt::ElideRight, m_readout->width());
    m_readout->setText(shown);
    m_readout->setToolTip(shown == text ? QString() : text);
}

void ImageComparisonView::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event); // the layout has sized the labels already
    setReadout(m_readoutText, m_readout->isEnabled());
    for (int i = 0; i < 3; ++i)
        fitCaption(i);
}

void ImageComparisonView::setCaption(int column, const QString& text)
{
    m_captionTexts[column] = text;
    fitCaption(column);
}

void ImageComparisonView::fitCaption(int column)
{
    QLabel* label = m_captions[column];
    const QString& text = m_captionTexts[column];
    bool elided = false;
    label->setText(wrapAtSeparators(text, label->fontMetrics(), label->contentsRect().width(), elided));
    label->setToolTip(elided ? text : QString()); // wrapped, all of it is still there
}

void ImageComparisonView::updateCaptions()
{
    const PixelBuffer& o = m_original;
    setCaption(0, o.isEmpty() ? QString()
                              : (o.channels == 1 ? tr("%1 × %2 pixels, greyscale") : tr("%1 × %2 pixels, RGB"))
                                    .arg(o.width)
                                    .arg(o.height));
    const int total = m_perturbation.height * m_perturbation.width;
    setCaption(1, m_perturbation.isEmpty()
                      ? QString()
                      : tr("%1 of %2 pixels changed").arg(m_perturbation.changedPixels()).arg(total));
    setCaption(2, normsText());
    m_views[2]->setPlaceholderText(!m_adversarial.isEmpty() && !m_original.isEmpty() && m_perturbation.isEmpty()
                                       ? tr("The adversarial image does not match the original in size")
                                       : tr("δ = adversarial − original appears here after an attack"));
    m_amplification->setEnabled(!m_perturbation.isEmpty());
    m_legend->setEnabled(!m_perturbation.isEmpty());
    for (QToolButton* button : {m_zoomOut, m_fit, m_zoomIn})
        button->setEnabled(!m_original.isEmpty());
}

QSize ImageComparisonView::sizeHint() const
{
    return {900, 340};
}

void ImageComparisonView::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
    } else if (event->type() == QEvent::FontChange) { // e.g. presentation mode: fitted again
        setReadout(m_readoutText, m_readout->isEnabled());
        for (int i = 0; i < 3; ++i)
            fitCaption(i);
    }
}

void ImageComparisonView::retranslate()
{
    m_titles[0]->setText(tr("Original"));
    m_titles[1]->setText(tr("Adversarial"));
    m_titles[2]->setText(tr("Perturbation"));
    m_views[0]->setPlaceholderText(tr("No image yet: pick a test image or open a file"));
    m_views[1]->setPlaceholderText(tr("Run an attack to see the adversarial image"));
    m_titles[2]->setToolTip(tr("δ = adversarial − original, amplified: blue darker, white unchanged, red "
                               "brighter. In colour images each pixel shows its most changed channel."));
    m_opacityCaption->setText(tr("Saliency overlay"));
    m_opacity->setToolTip(tr("Opacity of the saliency heat map over the original and adversarial images"));
    m_zoomOut->setText(tr("−"));
    m_zoomOut->setToolTip(tr("Zoom out (Ctrl+−, mouse wheel)"));
    m_fit->setText(tr("Fit"));
    m_fit->setToolTip(tr("Fit the images to the views (Ctrl+0, double-click)"));
    m_zoomIn->setText(tr("+"));
    m_zoomIn->setToolTip(tr("Zoom in (Ctrl+=, mouse wheel); drag to pan"));
    updateCaptions();
    if (m_hovered.x() >= 0)
        showPixel(m_hovered);
    else
        hidePixel();
}

} // namespace advlens::ui
