#include "ui/imaging/pixelimage.h"
#include "ui/views/pixelimageview.h"

#include <QtTest>

#include <limits>

using advlens::ui::PixelBuffer;

class TestPixelImage : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void greyValuesRoundToBytes();
    void rgbIsPlanarRedGreenBlue();
    void outOfRangeAndNanAreClamped();
    void malformedBuffersGiveNullImages();
    void viewEnlargesByWholeFactors();
    void viewDrawsCrispPixels();
};

void TestPixelImage::greyValuesRoundToBytes()
{
    // 2×2 grey; v ↦ round(255·v): 0.5 → 127.5 → 128, 0.25 → 63.75 → 64.
    const PixelBuffer buffer{1, 2, 2, {0.0F, 1.0F, 0.5F, 0.25F}};
    const QImage image = advlens::ui::toQImage(buffer);
    QCOMPARE(image.format(), QImage::Format_Grayscale8);
    QCOMPARE(image.size(), QSize(2, 2));
    QCOMPARE(image.constScanLine(0)[0], uchar(0));
    QCOMPARE(image.constScanLine(0)[1], uchar(255));
    QCOMPARE(image.constScanLine(1)[0], uchar(128));
    QCOMPARE(image.constScanLine(1)[1], uchar(64));
}

void TestPixelImage::rgbIsPlanarRedGreenBlue()
{
    // 1×2 RGB, planar: all reds, then all greens, then all blues.
    const PixelBuffer buffer{3, 1, 2, {1.0F, 0.0F, /*green*/ 0.0F, 0.2F, /*blue*/ 0.0F, 1.0F}};
    const QImage image = advlens::ui::toQImage(buffer);
    QCOMPARE(image.format(), QImage::Format_RGB888);
    QCOMPARE(image.pixelColor(0, 0), QColor(255, 0, 0));
    QCOMPARE(image.pixelColor(1, 0), QColor(0, 51, 255));
}

void TestPixelImage::outOfRangeAndNanAreClamped()
{
    const float nan = std::numeric_limits<float>::quiet_NaN();
    const QImage image = advlens::ui::toQImage(PixelBuffer{1, 1, 3, {-0.5F, 7.0F, nan}});
    QCOMPARE(image.constScanLine(0)[0], uchar(0));
    QCOMPARE(image.constScanLine(0)[1], uchar(255));
    QCOMPARE(image.constScanLine(0)[2], uchar(0));
}

void TestPixelImage::malformedBuffersGiveNullImages()
{
    QVERIFY(advlens::ui::toQImage(PixelBuffer{}).isNull());
    QVERIFY(advlens::ui::toQImage(PixelBuffer{2, 1, 1, {0.0F, 0.0F}}).isNull());
    QVERIFY(advlens::ui::toQImage(PixelBuffer{1, 2, 2, {0.0F}}).isNull());
}

void TestPixelImage::viewEnlargesByWholeFactors()
{
    advlens::ui::PixelImageView view;
    view.resize(300, 300);
    view.setImage(QImage(28, 28, QImage::Format_Grayscale8));
    // 300 − 2·8 margin = 284 px; the largest whole factor is 10 → 280×280.
    QCOMPARE(view.imageRect().size(), QSize(280, 280));
    QCOMPARE(view.imageRect().center(), view.rect().center());
}

void TestPixelImage::viewDrawsCrispPixels()
{
    // A black|white pair enlarged 100×: the edge between them must be sharp,
    // with no grey from smoothing.
    QImage pair(2, 1, QImage::Format_Grayscale8);
    pair.scanLine(0)[0] = 0;
    pair.scanLine(0)[1] = 255;
    advlens::ui::PixelImageView view;
    view.resize(216, 116);
    view.setImage(pair);
    const QRect target = view.imageRect();
    QCOMPARE(target.size(), QSize(200, 100));
    const QImage shot = view.grab().toImage();
    const int y = target.center().y();
    QCOMPARE(qGray(shot.pixel(target.left() + 99, y)), 0);
    QCOMPARE(qGray(shot.pixel(target.left() + 100, y)), 255);
}

QTEST_MAIN(TestPixelImage)
#include "tst_pixelimage.moc"
