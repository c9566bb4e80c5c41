#include "tests/ui/darkpalette.h"
#include "ui/imaging/colormaps.h"
#include "ui/imaging/perturbation.h"
#include "ui/views/imagecomparisonview.h"
#include "ui/views/zoomableimageview.h"

#include <QApplication>
#include <QDir>
#include <QLabel>
#include <QPalette>
#include <QStyle>
#include <QTemporaryDir>
#include <QVBoxLayout>
#include <QWheelEvent>
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <limits>

using advlens::test::darkPalette;
using advlens::ui::HeatMap;
using advlens::ui::ImageComparisonView;
using advlens::ui::PixelBuffer;
using advlens::ui::ZoomableImageView;

namespace {

constexpr QRgb kWhite = 0xffffffff;

/// 2×2 grey pair with δ = {+0.1, 0, −0.1, 0}: ℓ∞ 0.1, ℓ2 √0.02.
const PixelBuffer kGrey{1, 2, 2, {0.0F, 0.5F, 1.0F, 0.25F}};
const PixelBuffer kGreyAdv{1, 2, 2, {0.1F, 0.5F, 0.9F, 0.25F}};

/// A Fashion-MNIST-like 28×28 picture: a bright, shaded garment on black.
PixelBuffer garment(int channels)
{
    PixelBuffer b{channels, 28, 28, std::vector<float>(std::size_t(channels) * 28 * 28, 0.0F)};
    for (int c = 0; c < channels; ++c) {
        for (int y = 0; y < 28; ++y) {
            for (int x = 0; x < 28; ++x) {
                const bool body = x >= 8 && x < 20 && y >= 4 && y < 26;
                const bool sleeves = y >= 4 && y < 12 && x >= 3 && x < 25;
                const float shade = 0.35F + 0.6F * float(y) / 27.0F - 0.1F * float(c);
                b.values[(std::size_t(c) * 28 + y) * 28 + x] = (body || sleeves) ? shade : 0.0F;
            }
        }
    }
    return b;
}

/// The picture plus ±8/255 in a sign pattern, clipped to [0, 1].
PixelBuffer attacked(const PixelBuffer& original)
{
    PixelBuffer b = original;
    for (std::size_t i = 0; i < b.values.size(); ++i) {
        const float sign = std::sin(float(i) * 0.7F) + std::cos(float(i) * 0.13F) > 0.0F ? 1.0F : -1.0F;
        b.values[i] = std::clamp(b.values[i] + sign * 8.0F / 255.0F, 0.0F, 1.0F);
    }
    return b;
}

HeatMap blob(int size, float cx, float cy)
{
    HeatMap h{size, size, std::vector<float>(std::size_t(size) * size)};
    for (int y = 0; y < size; ++y)
        for (int x = 0; x < size; ++x)
            h.values[std::size_t(y) * size + x] = std::exp(-((x - cx) * (x - cx) + (y - cy) * (y - cy)) / 30.0F);
    return h;
}

/// The widget position at the centre of a source pixel.
QPoint centreOf(const ZoomableImageView* view, QPoint pixel)
{
    const QRectF r = view->imageRect();
    const double s = r.width() / view->image().width();
    return QPointF(r.left() + (pixel.x() + 0.5) * s, r.top() + (pixel.y() + 0.5) * s).toPoint();
}

void wheel(QWidget* widget, QPoint at, int notches)
{
    QWheelEvent event(at, widget->mapToGlobal(at), QPoint(), QPoint(0, 120 * notches), Qt::NoButton, Qt::NoModifier,
                      Qt::NoScrollPhase, false);
    QApplication::sendEvent(widget, &event);
}

} // namespace

class TestImageViews : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void divergingMap();
    void sequentialMap();
    void norms_data();
    void norms();
    void mismatchedShapesGiveNoPerturbation();
    void normsCaptionWrapsAtItsSeparator();
    void amplificationChangesThePerturbationImage();
    void hoverReadout_data();
    void hoverReadout();
    void zoomMovesAllViewsTogether();
    void zoomStaysNearestNeighbour();
    void dragPansAllViews();
    void overlayOpacity();
    void emptyStates();
    void rendersEveryStateInBothPalettes();
};

void TestImageViews::divergingMap()
{
    using advlens::ui::divergingColor;
    QCOMPARE(divergingColor(0.0F), kWhite);
    QCOMPARE(divergingColor(std::numeric_limits<float>::quiet_NaN()), kWhite);
    for (const float t : {0.1F, 0.5F, 1.0F}) {
        QVERIFY2(qRed(divergingColor(t)) > qBlue(divergingColor(t)), "positive must be red");
        QVERIFY2(qBlue(divergingColor(-t)) > qRed(divergingColor(-t)), "negative must be blue");
    }
    QCOMPARE(divergingColor(7.0F), divergingColor(1.0F));
    QCOMPARE(divergingColor(-7.0F), divergingColor(-1.0F));
    QCOMPARE(divergingColor(std::numeric_limits<float>::infinity()), divergingColor(1.0F));
    // Lightness falls away from white on both sides.
    QVERIFY(qGray(divergingColor(0.3F)) > qGray(divergingColor(0.9F)));
    QVERIFY(qGray(divergingColor(-0.3F)) > qGray(divergingColor(-0.9F)));
    QVERIFY(advlens::ui::divergingImage({0.0F}, 2, 2, 1.0).isNull());
    const QImage image = advlens::ui::divergingImage({0.0F, 0.5F, -0.5F, 2.0F}, 2, 2, /*scale=*/2.0);
    QCOMPARE(image.pixel(0, 0), kWhite);
    QCOMPARE(image.pixel(1, 0), divergingColor(1.0F));
    QCOMPARE(image.pixel(0, 1), divergingColor(-1.0F));
    QCOMPARE(image.pixel(1, 1), divergingColor(1.0F));
}

void TestImageViews::sequentialMap()
{
    using advlens::ui::sequentialColor;
    QVERIFY(qGray(sequentialColor(0.0F)) < 10);
    QVERIFY(qGray(sequentialColor(1.0F)) > 220);
    for (int i = 1; i <= 20; ++i)
        QVERIFY(qGray(sequentialColor(i / 20.0F)) > qGray(sequentialColor((i - 1) / 20.0F)));
    QCOMPARE(sequentialColor(std::numeric_limits<float>::quiet_NaN()), sequentialColor(0.0F));
    QCOMPARE(sequentialColor(-3.0F), sequentialColor(0.0F));
    QCOMPARE(sequentialColor(3.0F), sequentialColor(1.0F));
    const QImage heat = advlens::ui::sequentialImage(HeatMap{1, 2, {0.0F, 1.0F}});
    QCOMPARE(heat.size(), QSize(2, 1));
    QCOMPARE(heat.pixel(1, 0), sequentialColor(1.0F));
    QVERIFY(advlens::ui::sequentialImage(HeatMap{2, 2, {0.0F}}).isNull());
}

void TestImageViews::norms_data()
{
    QTest::addColumn<PixelBuffer>("original");
    QTest::addColumn<PixelBuffer>("adversarial");
    QTest::addColumn<QVector<float>>("delta");
    QTest::addColumn<double>("linf");
    QTest::addColumn<double>("l2");
    QTest::addColumn<QString>("text");
    QTest::newRow("grey") << kGrey << kGreyAdv << QVector<float>{0.1F, 0.0F, -0.1F, 0.0F} << 0.1 << std::sqrt(0.02)
                          << QStringLiteral("ℓ∞ = 0.1000 (25.5/255) · ℓ₂ = 0.141");
    // 1×2 RGB, planar; δ = (+8/255, 0 | 0, −4/255 | 0, 0) per channel.
    const PixelBuffer rgb{3, 1, 2, {0.2F, 0.4F, 0.6F, 0.8F, 0.0F, 1.0F}};
    const PixelBuffer rgbAdv{3, 1, 2, {0.2F + 8 / 255.0F, 0.4F, 0.6F, 0.8F - 4 / 255.0F, 0.0F, 1.0F}};
    QTest::newRow("rgb") << rgb << rgbAdv << QVector<float>{8 / 255.0F, 0, 0, -4 / 255.0F, 0, 0} << 8 / 255.0
                         << std::sqrt(80.0) / 255.0 << QStringLiteral("ℓ∞ = 0.0314 (8/255) · ℓ₂ = 0.035");
}

void TestImageViews::norms()
{
    QFETCH(PixelBuffer, original);
    QFETCH(PixelBuffer, adversarial);
    QFETCH(QVector<float>, delta);
    QFETCH(double, linf);
    QFETCH(double, l2);
    QFETCH(QString, text);
    ImageComparisonView view;
    view.setOriginal(original);
    view.setAdversarial(adversarial);
    const auto& p = view.perturbation();
    QCOMPARE(p.channels, original.channels);
    QCOMPARE(int(p.values.size()), delta.size());
    for (int i = 0; i < delta.size(); ++i)
        QVERIFY2(std::abs(p.values[i] - delta[i]) < 1e-6F, qPrintable(QString::number(i)));
    QVERIFY(std::abs(p.linf - linf) < 1e-6);
    QVERIFY(std::abs(p.l2 - l2) < 1e-6);
    QCOMPARE(view.normsText(), text);
}

void TestImageViews::mismatchedShapesGiveNoPerturbation()
{
    ImageComparisonView view;
    view.setOriginal(kGrey);
    view.setAdversarial(PixelBuffer{1, 1, 2, {0.0F, 0.0F}});
    QVERIFY(view.perturbation().isEmpty());
    QVERIFY(view.perturbationView()->image().isNull());
    QVERIFY(view.normsText().isEmpty());
    // A NaN counts as no change rather than poisoning the norms.
    PixelBuffer withNan = kGreyAdv;
    withNan.values[0] = std::numeric_limits<float>::quiet_NaN();
    view.setAdversarial(withNan);
    QVERIFY(std::abs(view.perturbation().linf - 0.1) < 1e-6);
}

void TestImageViews::normsCaptionWrapsAtItsSeparator()
{
    ImageComparisonView view;
    view.setOriginal(kGrey);
    view.setAdversarial(kGreyAdv);
    const QString text = view.normsText();
    const QStringList parts = text.split(QStringLiteral(" · "));
    QCOMPARE(parts.size(), 2);
    // A font large enough that the columns' 200-pixel minimum does not decide.
    QFont font = view.font();
    while (QFontMetrics(font).horizontalAdvance(text) <= 260)
        font.setPointSizeF(font.pointSizeF() * 1.2);
    view.setFont(font);
    const QFontMetrics metrics(font);
    const int whole = metrics.horizontalAdvance(text);
    const int widest = std::max(metrics.horizontalAdvance(parts[0]), metrics.horizontalAdvance(parts[1]));
    const int spacing = 10; // between the three columns
    view.resize(3 * ((whole + widest) / 2) + 2 * spacing, 500);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    auto* caption = view.findChild<QLabel*>(QStringLiteral("perturbationCaption"));
    QVERIFY(caption);
    QVERIFY2(caption->width() > widest && caption->width() < whole, qPrintable(QString::number(caption->width())));
    // Too narrow for one line: one part a line, no digit cut.
    QTRY_COMPARE(caption->text(), parts.join(QLatin1Char('\n')));
    QVERIFY(caption->toolTip().isEmpty());
    // Wide enough: one line again.
    view.resize(3 * (whole + 10) + 2 * spacing, 500);
    QTRY_COMPARE(caption->text(), text);
    // Even a part too wide: elided, and whole in the tool tip.
    QFont huge = font;
    huge.setPointSizeF(font.pointSizeF() * 2.0 * whole / widest);
    caption->setFont(huge);
    view.resize(view.width() - 3, 500); // fitted again
    QTRY_VERIFY(caption->text().contains(QChar(0x2026)));
    QCOMPARE(caption->toolTip(), text);
    for (const QString& line : caption->text().split(QLatin1Char('\n')))
        QVERIFY(caption->fontMetrics().horizontalAdvance(line) <= caption->contentsRect().width());
}

void TestImageViews::amplificationChangesThePerturbationImage()
{
    ImageComparisonView view;
    view.setOriginal(kGrey);
    view.setAdversarial(kGreyAdv);
    // Auto: the largest |δ| = 0.1 fills the map.
    QVERIFY(std::abs(view.amplification() - 10.0) < 1e-4);
    const QImage automatic = view.perturbationView()->image();
    QVERIFY(qRed(automatic.pixel(0, 0)) > qBlue(automatic.pixel(0, 0)));
    QVERIFY(std::abs(qGray(automatic.pixel(0, 0)) - qGray(advlens::ui::divergingColor(1.0F))) <= 1);
    QCOMPARE(automatic.pixel(1, 0), kWhite);

    view.setAmplification(1.0);
    QCOMPARE(view.amplification(), 1.0);
    const QImage weak = view.perturbationView()->image();
    QVERIFY(weak != automatic);
    QVERIFY(qGray(weak.pixel(0, 0)) > qGray(automatic.pixel(0, 0))); // paler
    QCOMPARE(weak.pixel(1, 0), kWhite);

    view.setAutoAmplification(true);
    QCOMPARE(view.perturbationView()->image(), automatic);
}

void TestImageViews::hoverReadout_data()
{
    QTest::addColumn<PixelBuffer>("original");
    QTest::addColumn<PixelBuffer>("adversarial");
    QTest::addColumn<QPoint>("pixel");
    QTest::addColumn<QString>("expected");
    QTest::newRow("grey") << kGrey << kGreyAdv << QPoint(0, 1)
                          << QStringLiteral("0, 1 — original 1.000 → adversarial 0.900 (δ −0.100)");
    const PixelBuffer rgb{3, 1, 2, {0.2F, 0.4F, 0.6F, 0.8F, 0.0F, 1.0F}};
    const PixelBuffer rgbAdv{3, 1, 2, {0.2F, 0.5F, 0.6F, 0.7F, 0.0F, 1.0F}};
    QTest::newRow("rgb") << rgb << rgbAdv << QPoint(1, 0)
                         << QStringLiteral("1, 0 — original (0.400, 0.800, 1.000) → adversarial (0.500, 0.700, "
                                           "1.000) (δ +0.100, −0.100, +0.000)");
    QTest::newRow("no adversarial") << kGrey << PixelBuffer{} << QPoint(1, 1)
                                    << QStringLiteral("1, 1 — original 0.250");
}

void TestImageViews::hoverReadout()
{
    QFETCH(PixelBuffer, original);
    QFETCH(PixelBuffer, adversarial);
    QFETCH(QPoint, pixel);
    QFETCH(QString, expected);
    ImageComparisonView view;
    view.resize(900, 320);
    view.setOriginal(original);
    view.setAdversarial(adversarial);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    for (ZoomableImageView* target : {view.originalView(), view.adversarialView(), view.perturbationView()}) {
        if (target->image().isNull())
            continue;
        QSignalSpy hovered(target, &ZoomableImageView::pixelHovered);
        QTest::mouseMove(target, centreOf(target, pixel));
        QCOMPARE(hovered.count(), 1);
        QCOMPARE(hovered.first().first().toPoint(), pixel);
        QCOMPARE(view.readoutText(), expected);
        QTest::mouseMove(target, QPoint(1, 1)); // the margin, off the image
        QVERIFY(view.readoutText() != expected);
    }
}

void TestImageViews::zoomMovesAllViewsTogether()
{
    ImageComparisonView view;
    view.resize(900, 320);
    view.setOriginal(garment(1));
    view.setAdversarial(attacked(garment(1)));
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    ZoomableImageView* views[] = {view.originalView(), view.adversarialView(), view.perturbationView()};
    const double fit = views[0]->zoom();
    QVERIFY(fit >= 1.0 && fit == std::floor(fit));

    wheel(views[1], views[1]->rect().center(), 2); // the adversarial view drives
    const double wheeled = views[0]->zoom();
    QVERIFY(wheeled > fit);
    for (ZoomableImageView* v : views) {
        QCOMPARE(v->zoom(), wheeled);
        QCOMPARE(v->viewport(), views[1]->viewport());
    }

    QTest::keyClick(views[2], Qt::Key_Equal, Qt::ControlModifier);
    QVERIFY(views[0]->zoom() > wheeled);
    QCOMPARE(views[1]->zoom(), views[0]->zoom());
    QTest::keyClick(views[0], Qt::Key_Minus, Qt::ControlModifier);
    QTest::keyClick(views[0], Qt::Key_Minus, Qt::ControlModifier);
    QVERIFY(views[2]->zoom() < wheeled);
    QCOMPARE(views[1]->zoom(), views[2]->zoom());
    QTest::keyClick(views[1], Qt::Key_0, Qt::ControlModifier);
    for (ZoomableImageView* v : views) {
        QVERIFY(v->viewport().fit);
        QCOMPARE(v->zoom(), fit);
    }
}

void TestImageViews::zoomStaysNearestNeighbour()
{
    ImageComparisonView view;
    view.resize(900, 320);
    view.setOriginal(garment(3));
    view.setAdversarial(attacked(garment(3)));
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    ZoomableImageView* perturbation = view.perturbationView();
    for (int notch = 0; notch < 4; ++notch) {
        wheel(view.originalView(), view.originalView()->rect().center(), 1);
        const double z = perturbation->zoom();
        QCOMPARE(z, std::floor(z));
        const QImage shot = perturbation->grab().toImage();
        const QRectF r = perturbation->imageRect();
        // Every screen pixel inside one source pixel has that pixel's colour,
        // and so equals its neighbours there: no smoothing at any zoom.
        for (const QPoint source : {QPoint(14, 14), QPoint(9, 6), QPoint(20, 16)}) {
            const QColor expected = perturbation->image().pixelColor(source);
            const int x0 = int(r.left() + source.x() * z);
            const int y0 = int(r.top() + source.y() * z);
            for (int dy = 0; dy < int(z); ++dy)
                for (int dx = 0; dx < int(z); ++dx)
                    if (shot.rect().adjusted(1, 1, -1, -1).contains(x0 + dx, y0 + dy)) // not the frame
                        QCOMPARE(shot.pixelColor(x0 + dx, y0 + dy), expected);
        }
    }
}

void TestImageViews::dragPansAllViews()
{
    ImageComparisonView view;
    view.resize(900, 320);
    view.setOriginal(garment(1));
    view.setAdversarial(attacked(garment(1)));
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    ZoomableImageView* original = view.originalView();
    QTest::keyClick(original, Qt::Key_Equal, Qt::ControlModifier);
    QTest::keyClick(original, Qt::Key_Equal, Qt::ControlModifier);
    const QPointF before = original->viewport().centre;
    const QPoint start = original->rect().center();
    QTest::mousePress(original, Qt::LeftButton, Qt::NoModifier, start);
    QMouseEvent move(QEvent::MouseMove, start + QPoint(40, 20), original->mapToGlobal(start + QPoint(40, 20)),
                     Qt::NoButton, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(original, &move);
    QTest::mouseRelease(original, Qt::LeftButton, Qt::NoModifier, start + QPoint(40, 20));
    const QPointF after = original->viewport().centre;
    QVERIFY(after.x() < before.x() && after.y() < before.y()); // dragged right/down: see more left/up
    QCOMPARE(view.perturbationView()->viewport().centre, after);
    // Same place relative to each view's centre (the columns may differ by a pixel).
    const QRectF a = view.adversarialView()->imageRect();
    const QRectF o = original->imageRect();
    QCOMPARE(a.size(), o.size());
    const QPointF offset = (a.center() - QRectF(view.adversarialView()->rect()).center()) -
                           (o.center() - QRectF(original->rect()).center());
    QVERIFY(offset.manhattanLength() <= 1.0);
}

void TestImageViews::overlayOpacity()
{
    ImageComparisonView view;
    view.resize(900, 320);
    view.setOriginal(garment(1));
    view.setAdversarial(attacked(garment(1)));
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    const QImage plain = view.originalView()->grab().toImage();
    view.setSaliency(blob(28, 12, 10), blob(28, 16, 14));
    view.setSaliencyOpacity(0.0);
    QCOMPARE(view.originalView()->overlayOpacity(), 0.0);
    QCOMPARE(view.originalView()->grab().toImage(), plain);
    view.setSaliencyOpacity(0.6);
    QCOMPARE(view.adversarialView()->overlayOpacity(), 0.6);
    QVERIFY(view.originalView()->grab().toImage() != plain);
    view.clearSaliency();
    QVERIFY(view.originalView()->overlay().isNull());
    QCOMPARE(view.originalView()->grab().toImage(), plain);
}

void TestImageViews::emptyStates()
{
    ImageComparisonView view;
    for (ZoomableImageView* v : {view.originalView(), view.adversarialView(), view.perturbationView()}) {
        QVERIFY(v->image().isNull());
        QVERIFY(!v->placeholderText().isEmpty());
    }
    view.setOriginal(kGrey);
    view.setAdversarial(kGreyAdv);
    QVERIFY(!view.perturbationView()->image().isNull());
    view.clearAdversarial();
    QVERIFY(view.adversarialView()->image().isNull());
    QVERIFY(view.perturbationView()->image().isNull());
    QVERIFY(view.normsText().isEmpty());
    QVERIFY(!view.originalView()->image().isNull());
    view.clear();
    QVERIFY(view.originalView()->image().isNull());
    QVERIFY(view.minimumSizeHint().width() <= 900 && view.minimumSizeHint().height() <= 320);
}

// Every state in both palettes, drawn for real; with ADVLENS_SCREENSHOT_DIR
// set (e.g. /tmp/views) the pictures are kept there to look at.
void TestImageViews::rendersEveryStateInBothPalettes()
{
    QTemporaryDir scratch;
    QString dir = qEnvironmentVariable("ADVLENS_SCREENSHOT_DIR");
    if (dir.isEmpty())
        dir = scratch.path();
    QDir().mkpath(dir);
    const QSize size = qEnvironmentVariableIsSet("ADVLENS_SCREENSHOT_LARGE") ? QSize(1400, 560) : QSize(900, 320);
    for (const bool dark : {false, true}) {
        QWidget frame;
        frame.setPalette(dark ? darkPalette() : QApplication::style()->standardPalette());
        frame.setAutoFillBackground(true);
        auto* view = new ImageComparisonView(&frame);
        auto* layout = new QVBoxLayout(&frame);
        layout->addWidget(view);
        frame.resize(size);
        frame.show();
        QVERIFY(QTest::qWaitForWindowExposed(&frame));
        const QString suffix = dark ? QStringLiteral("-dark.png") : QStringLiteral(".png");
        const auto shoot = [&](const QString& name) {
            const QImage shot = frame.grab().toImage();
            [&] { QVERIFY(shot.save(dir + QLatin1Char('/') + name + suffix)); }();
            return shot;
        };
        const QImage empty = shoot(QStringLiteral("empty"));
        QCOMPARE(empty.pixelColor(1, 1).lightness() < 128, dark);
        view->setOriginal(garment(1));
        shoot(QStringLiteral("original"));
        view->setAdversarial(attacked(garment(1)));
        view->setSaliency(blob(28, 12, 10), blob(28, 16, 14));
        QTest::mouseMove(view->adversarialView(), centreOf(view->adversarialView(), QPoint(12, 9)));
        QVERIFY(shoot(QStringLiteral("full")) != empty);
        frame.resize(frame.minimumSizeHint());
        shoot(QStringLiteral("minimum"));
        frame.resize(size);
        view->setOriginal(garment(3));
        view->setAdversarial(attacked(garment(3)));
        view->clearSaliency();
        wheel(view->originalView(), centreOf(view->originalView(), QPoint(10, 8)), 3);
        shoot(QStringLiteral("rgb-zoomed"));
    }
}

QTEST_MAIN(TestImageViews)
#include "tst_imageviews.moc"
