#include "tests/support/testsupport.h"

#include "core/data/imageexport.h"
#include "core/data/imagefolder.h"
#include "core/data/imageheader.h"
#include "core/data/imagepreprocessing.h"
#include "core/util/atomicfile.h"
#include "core/util/error.h"

#include "core/model/modelmetadata.h"

#include <ATen/ATen.h>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>
#include <opencv2/imgcodecs.hpp>

#include <unistd.h>

#include <cstdio>
#include <iostream>

using namespace advlens;

namespace {

/// What `work` writes to the process's standard error (file descriptor 2,
/// where libpng and OpenCV print).
template <typename Work>
std::string standardErrorOf(Work work)
{
    std::FILE* capture = std::tmpfile();
    std::fflush(stderr);
    const int saved = dup(2);
    dup2(fileno(capture), 2);
    work();
    std::cerr.flush();
    std::fflush(stderr);
    dup2(saved, 2);
    close(saved);
    std::rewind(capture);
    std::string text;
    for (int c; (c = std::fgetc(capture)) != EOF;)
        text += static_cast<char>(c);
    std::fclose(capture);
    return text;
}

/// A 4×6 BGR test card: column x, row y has B = 40x, G = 30y, R = 255 − 40x.
cv::Mat testCard()
{
    cv::Mat card(4, 6, CV_8UC3);
    for (int y = 0; y < card.rows; ++y)
        for (int x = 0; x < card.cols; ++x)
            card.at<cv::Vec3b>(y, x) =
                cv::Vec3b(static_cast<uchar>(40 * x), static_cast<uchar>(30 * y), static_cast<uchar>(255 - 40 * x));
    return card;
}

std::string encode(const cv::Mat& image, const std::string& extension, std::vector<int> params = {})
{
    std::vector<uchar> buffer;
    if (!cv::imencode(extension, image, buffer, params))
        throw std::runtime_error("encode failed");
    return std::string(buffer.begin(), buffer.end());
}

core::InputSpec rgbSpec(int h, int w)
{
    return {3, h, w};
}

QJsonObject torchvisionReference()
{
    const std::string text = test::readBytes(test::fixturesDirectory() / "preprocessing" / "reference.json");
    return QJsonDocument::fromJson(QByteArray::fromStdString(text)).object();
}

/// The policy as a metadata file declares it, read by the real parser.
core::PreprocessPolicy policyFromMetadata(const QJsonObject& preprocess)
{
    QJsonObject root{{"name", "reference"},
                     {"kind", "torchscript"},
                     {"weights", "none.pt"},
                     {"input", QJsonObject{{"channels", 3}, {"height", 1}, {"width", 1}}},
                     {"classes", QJsonArray{"a", "b"}},
                     {"preprocess", preprocess}};
    const QByteArray json = QJsonDocument(root).toJson();
    return core::parseModelMetadata(json.toStdString(), ".").preprocess;
}

} // namespace

class TestImagePreprocessing : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void decodesEveryCommonFormatToRgbInUnitRange_data()
    {
        QTest::addColumn<QString>("extension");
        QTest::addColumn<double>("tolerance");
        QTest::newRow("png") << ".png" << 1e-6;
        QTest::newRow("bmp") << ".bmp" << 1e-6;
        QTest::newRow("tiff") << ".tiff" << 1e-6;
        QTest::newRow("webp lossless") << ".webp" << 1e-6;
        QTest::newRow("ppm") << ".ppm" << 1e-6;
        QTest::newRow("jpeg") << ".jpg" << 0.08;
    }
    void decodesEveryCommonFormatToRgbInUnitRange()
    {
        QFETCH(QString, extension);
        QFETCH(double, tolerance);
        std::vector<int> params;
        if (extension == ".webp")
            params = {cv::IMWRITE_WEBP_QUALITY, 101}; // > 100 selects lossless
        if (extension == ".jpg")
            params = {cv::IMWRITE_JPEG_QUALITY, 100};
        const auto path = test::scratchDirectory() / ("card" + extension.toStdString());
        test::writeBytes(path, encode(testCard(), extension.toStdString(), params));

        const at::Tensor t = core::loadImageForModel(path, rgbSpec(4, 6), {});
        QCOMPARE(t.sizes(), (c10::IntArrayRef{1, 3, 4, 6}));
        QCOMPARE(t.scalar_type(), at::kFloat);
        // Channel 0 is red (BGR → RGB), scaled by 1/255.
        const double red = t[0][0][2][3].item<double>(), green = t[0][1][2][3].item<double>(),
                     blue = t[0][2][2][3].item<double>();
        QVERIFY2(std::abs(red - (255 - 120) / 255.0) <= tolerance, qPrintable(QString::number(red)));
        QVERIFY2(std::abs(green - 60 / 255.0) <= tolerance, qPrintable(QString::number(green)));
        QVERIFY2(std::abs(blue - 120 / 255.0) <= tolerance, qPrintable(QString::number(blue)));
    }

    void sixteenBitGreyAndAlphaAreHandled()
    {
        cv::Mat grey16(2, 2, CV_16UC1, cv::Scalar(32768));
        grey16.at<std::uint16_t>(0, 0) = 65535;
        const auto greyPath = test::scratchDirectory() / "grey16.png";
        test::writeBytes(greyPath, encode(grey16, ".png"));
        const at::Tensor grey = core::loadImageForModel(greyPath, {1, 2, 2}, {});
        QCOMPARE(grey[0][0][0][0].item<float>(), 1.0f);
        QVERIFY(std::abs(grey[0][0][1][1].item<float>() - 32768.0f / 65535.0f) < 1e-6f);
        // Grey to an RGB model: the value is copied to all three channels.
        const at::Tensor asRgb = core::loadImageForModel(greyPath, {3, 2, 2}, {});
        QVERIFY(asRgb[0][0].equal(asRgb[0][2]));

        cv::Mat bgra(2, 2, CV_8UC4, cv::Scalar(0, 0, 255, 0)); // red, fully transparent
        const auto rgbaPath = test::scratchDirectory() / "rgba.png";
        test::writeBytes(rgbaPath, encode(bgra, ".png"));
        const at::Tensor rgb = core::loadImageForModel(rgbaPath, {3, 2, 2}, {});
        QCOMPARE(rgb.size(1), 3); // alpha dropped, colour kept (PIL convert("RGB"))
        QCOMPARE(rgb[0][0][0][0].item<float>(), 1.0f);
        QCOMPARE(rgb[0][2][0][0].item<float>(), 0.0f);
    }

    void colourToGreyUsesRec601Weights()
    {
        cv::Mat red(1, 1, CV_8UC3, cv::Scalar(0, 0, 255));
        const at::Tensor grey = core::preprocessImage(red, {1, 1, 1}, {});
        QVERIFY(std::abs(grey.item<float>() - 0.299f) < 2e-3f);
    }

    void stretchAndCentreCropGiveTheModelSize()
    {
        // 40 wide, 20 high; value = column index / 39 so positions are visible.
        cv::Mat ramp(20, 40, CV_32FC1);
        for (int x = 0; x < 40; ++x)
            ramp.col(x).setTo(x / 39.0);
        core::PreprocessPolicy stretch;
        QCOMPARE(core::preprocessImage(ramp, {1, 10, 10}, stretch).sizes(), (c10::IntArrayRef{1, 1, 10, 10}));

        core::PreprocessPolicy crop;
        crop.resize = core::ResizeMode::ShorterSideCenterCrop;
        crop.resizeShorterSide = 10;
        crop.interpolation = core::Interpolation::Nearest;
        // Shorter side 20 → 10 makes the image 20×10; the crop keeps columns 5..14
        // of the resized image, i.e. original columns 10..29.
        const at::Tensor cropped = core::preprocessImage(ramp, {1, 10, 10}, crop);
        QCOMPARE(cropped.sizes(), (c10::IntArrayRef{1, 1, 10, 10}));
        QVERIFY(std::abs(cropped[0][0][0][0].item<float>() - 10 / 39.0f) < 1e-5f);
        QVERIFY(std::abs(cropped[0][0][0][9].item<float>() - 28 / 39.0f) < 1e-5f);
    }

    // tests/fixtures/preprocessing/make_reference.py wrote these with torchvision 0.14.
    void matchesTorchvisionResizeAndCrop_data()
    {
        QTest::addColumn<QString>("name");
        for (const QString& name : torchvisionReference().keys())
            if (!torchvisionReference()[name].toObject()["pil"].toBool())
                QTest::newRow(qPrintable(name)) << name;
    }
    void matchesTorchvisionResizeAndCrop()
    {
        QFETCH(QString, name);
        const QJsonObject reference = torchvisionReference()[name].toObject();
        const auto folder = test::fixturesDirectory() / "preprocessing";
        const at::Tensor expected = test::readNpyFloat(folder / (name.toStdString() + ".npy"));
        const core::InputSpec spec = rgbSpec(reference["height"].toInt(), reference["width"].toInt());
        const at::Tensor ours =
            core::loadImageForModel(folder / "card.png", spec, policyFromMetadata(reference["preprocess"].toObject()));
        QCOMPARE(ours.sizes(), (c10::IntArrayRef{1, 3, spec.height, spec.width}));
        const double worst = (ours[0] - expected).abs().max().item<double>();
        QVERIFY2(worst < 1e-5, qPrintable(QString("largest difference %1").arg(worst)));
    }

    void centreCropRoundsHalvesToEvenAsPythonDoes()
    {
        // 45×61 → shorter side 33 gives 33×44; the 24×24 crop has a 4.5-row margin:
        // Python's round(4.5) = 4, so the crop starts at row 4, not 5.
        const auto folder = test::fixturesDirectory() / "preprocessing";
        core::PreprocessPolicy policy;
        policy.resize = core::ResizeMode::ShorterSideCenterCrop;
        policy.resizeShorterSide = 33;
        const at::Tensor crop = core::loadImageForModel(folder / "card.png", rgbSpec(24, 24), policy);
        const at::Tensor taller = core::loadImageForModel(folder / "card.png", rgbSpec(33, 24), policy);
        QVERIFY(at::allclose(crop[0], taller[0].narrow(1, 4, 24)));
        QVERIFY(!at::allclose(crop[0], taller[0].narrow(1, 5, 24)));
    }

    void pilPipelineDiffersOnlyByEightBitRounding()
    {
        // Most torchvision evaluation scripts resize 8-bit PIL images (always
        // antialiased) before ToTensor; we resize in float, which PIL's result
        // only rounds to 1/255.
        const auto folder = test::fixturesDirectory() / "preprocessing";
        const QJsonObject reference = torchvisionReference()["pil-shorter33-crop24-bilinear"].toObject();
        const at::Tensor expected = test::readNpyFloat(folder / "pil-shorter33-crop24-bilinear.npy");
        const at::Tensor ours = core::loadImageForModel(folder / "card.png", rgbSpec(24, 24),
                                                        policyFromMetadata(reference["preprocess"].toObject()));
        const at::Tensor difference = (ours[0] - expected).abs();
        QVERIFY2(difference.max().item<double>() <= 1.0 / 255 + 1e-6,
                 qPrintable(QString::number(difference.max().item<double>() * 255)));
        QVERIFY2(difference.mean().item<double>() < 0.35 / 255,
                 qPrintable(QString::number(difference.mean().item<double>() * 255)));

        // Without antialiasing the same resize is visibly different (the reason to declare it).
        core::PreprocessPolicy aliased = policyFromMetadata(reference["preprocess"].toObject());
        aliased.antialias = false;
        const at::Tensor plain = core::loadImageForModel(folder / "card.png", rgbSpec(24, 24), aliased);
        QVERIFY((plain[0] - expected).abs().max().item<double>() > 5.0 / 255);
    }

    void badFilesGiveOneClearError_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("reason");
        const std::string png = encode(testCard(), ".png");
        QTest::newRow("not an image") << QByteArray("hello, I am text") << "not an image format AdvLens reads";
        QTest::newRow("empty file") << QByteArray() << "empty";
        QTest::newRow("truncated png") << QByteArray::fromStdString(png.substr(0, png.size() / 2)) << "is cut short";
    }
    void badFilesGiveOneClearError()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, reason);
        const auto path = test::scratchDirectory() / "bad.png";
        test::writeBytes(path, bytes.toStdString());
        try {
            core::loadImageForModel(path, rgbSpec(4, 4), {});
            QFAIL("no error for a bad image");
        } catch (const core::Error& e) {
            QVERIFY2(QString(e.what()).contains(reason), e.what());
            QVERIFY(!QString(e.what()).contains('\n'));
        }
    }

    void damagedFilesAreRefusedQuietly_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("reason");
        const std::string png = encode(testCard(), ".png");
        const std::string jpeg = encode(testCard(), ".jpg");
        const std::string bmp = encode(testCard(), ".bmp");
        std::string flipped = png;
        const std::size_t idat = flipped.find("IDAT");
        flipped[idat + 6] = static_cast<char>(flipped[idat + 6] ^ 0x10);
        const auto row = [](const char* name, const std::string& bytes, const char* reason) {
            QTest::newRow(name) << QByteArray::fromStdString(bytes) << reason;
        };
        // The soak's broken files: libpng printed "PNG input buffer is
        // incomplete", OpenCV "imdecode_(''): can't read header", and the
        // JPEG cut in half was decoded with its lower half grey.
        row("png cut in half", png.substr(0, png.size() / 2), "is cut short");
        row("png header only", png.substr(0, 33), "is cut short (it ends before its IEND chunk)");
        row("png with a changed pixel byte", flipped, "is damaged (the checksum of its IDAT chunk is wrong)");
        row("jpeg cut in half", jpeg.substr(0, jpeg.size() / 2), "is cut short");
        row("jpeg without its end marker", jpeg.substr(0, jpeg.size() - 2), "its image data has no end marker");
        row("jpeg headers only", jpeg.substr(0, jpeg.find("\xFF\xDA")), "it has no image data");
        row("bmp header only", std::string("BM\xff\xff\xff\x7f", 6), "header that is cut short or malformed");
        row("bmp cut in half", bmp.substr(0, bmp.size() / 2), "its pixel rows run past the end of the file");
        row("bmp pixels past the end", bmp.substr(0, 54), "its pixels would start past the end of the file");
    }
    void damagedFilesAreRefusedQuietly()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, reason);
        QString message;
        const std::string printed = standardErrorOf([&] {
            try {
                core::decodeImage(bytes.toStdString(), "bad");
            } catch (const core::Error& e) {
                message = QString::fromUtf8(e.what());
            }
        });
        QVERIFY2(message.contains(reason), qPrintable(message));
        QVERIFY2(message.startsWith("image 'bad' "), qPrintable(message));
        QCOMPARE(QString::fromStdString(printed), QString());
    }

    void completeFilesPassTheDamageChecks_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        const std::string jpeg = encode(testCard(), ".jpg");
        // An EXIF-style thumbnail: a whole JPEG (with its own scan and end
        // marker) inside an APP1 segment before the main image's.
        const std::string thumbnail = encode(testCard()(cv::Rect(0, 0, 2, 2)).clone(), ".jpg");
        const std::size_t length = thumbnail.size() + 2;
        const std::string app1 = std::string("\xFF\xE1") + static_cast<char>(length >> 8) +
                                 static_cast<char>(length & 0xFF) + thumbnail;
        QTest::newRow("jpeg with a thumbnail") << QByteArray::fromStdString(jpeg.substr(0, 2) + app1 + jpeg.substr(2));
        QTest::newRow("jpeg with bytes after its end") << QByteArray::fromStdString(jpeg + "trailer");
        QTest::newRow("progressive jpeg") << QByteArray::fromStdString(
            encode(testCard(), ".jpg", {cv::IMWRITE_JPEG_PROGRESSIVE, 1}));
        QTest::newRow("bmp") << QByteArray::fromStdString(encode(testCard(), ".bmp"));
        QTest::newRow("grey bmp") << QByteArray::fromStdString(
            encode(cv::Mat(3, 5, CV_8UC1, cv::Scalar(7)), ".bmp"));
        QTest::newRow("png") << QByteArray::fromStdString(encode(testCard(), ".png"));
    }
    void completeFilesPassTheDamageChecks()
    {
        QFETCH(QByteArray, bytes);
        const cv::Mat decoded = core::decodeImage(bytes.toStdString(), "good");
        QVERIFY(!decoded.empty());
    }

    void onlyTheListedFormatsReachADecoder_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        // tests/fuzz/crashes: "DICM" at offset 128 sent these 133 bytes to
        // OpenCV's GDCM decoder, whose assert aborted the process.
        QTest::newRow("DICOM (fuzzer finding)") << QByteArray::fromStdString(test::readBytes(
            test::fixturesDirectory().parent_path() / "fuzz" / "crashes" / "imagedecode-dicom-gdcm-assert.dcm"));
        QByteArray dicom(128, '\0');
        dicom += "DICM";
        QTest::newRow("DICOM preamble only") << dicom;
        // Formats Debian's OpenCV decodes but AdvLens does not mean to read.
        QTest::newRow("Radiance HDR") << QByteArray("#?RADIANCE\nFORMAT=32-bit_rle_rgbe\n\n-Y 1 +X 1\n");
        QTest::newRow("PFM") << QByteArray("Pf\n1 1\n-1.0\n") + QByteArray(4, '\0');
        QTest::newRow("PAM") << QByteArray("P7\nWIDTH 1\nHEIGHT 1\nDEPTH 1\nMAXVAL 255\nENDHDR\n") +
                                    QByteArray(1, '\0');
        QTest::newRow("Sun raster") << QByteArray::fromHex("59a66a95000000010000000100000008");
        QTest::newRow("JPEG 2000") << QByteArray::fromHex("0000000c6a5020200d0a870a");
        QTest::newRow("GIF") << QByteArray("GIF89a\x01\x00\x01\x00\x00\x00\x00;");
    }
    void onlyTheListedFormatsReachADecoder()
    {
        QFETCH(QByteArray, bytes);
        try {
            core::decodeImage(bytes.toStdString(), "scan.dcm");
            QFAIL("decoded");
        } catch (const core::Error& e) {
            QCOMPARE(QString(e.what()), QString("image 'scan.dcm' is not an image format AdvLens reads (PNG, JPEG, "
                                                "BMP, TIFF, WebP, PBM/PGM/PPM)"));
        }
        // A file goes through the same check.
        const auto path = test::scratchDirectory() / "scan.dcm";
        test::writeBytes(path, bytes.toStdString());
        QVERIFY_THROWS_EXCEPTION(core::Error, core::loadImageForModel(path, rgbSpec(4, 4), {}));
    }

    void dicomMarkerIsRefusedBehindAnAllowedSignature_data()
    {
        QTest::addColumn<QByteArray>("prefix");
        // OpenCV's WebP check asks libwebp; an invalid header sent these
        // bytes on to GDCM, which aborted. The others must not reach it either.
        QTest::newRow("WebP") << QByteArray("RIFF\0\0\0\0WEBP", 12);
        QTest::newRow("PNG") << QByteArray("\x89PNG\r\n\x1a\n");
        QTest::newRow("BMP") << QByteArray("BM");
        QTest::newRow("TIFF") << QByteArray("II*\0", 4);
    }
    void dicomMarkerIsRefusedBehindAnAllowedSignature()
    {
        QFETCH(QByteArray, prefix);
        const QByteArray dicom = QByteArray::fromStdString(test::readBytes(
            test::fixturesDirectory().parent_path() / "fuzz" / "crashes" / "imagedecode-dicom-gdcm-assert.dcm"));
        const QByteArray bytes = prefix + dicom.mid(prefix.size());
        QCOMPARE(bytes.mid(128, 4), QByteArray("DICM"));
        try {
            core::decodeImage(bytes.toStdString(), "scan");
            QFAIL("decoded");
        } catch (const core::Error& e) {
            QCOMPARE(QString(e.what()),
                     QString("image 'scan' has DICOM's marker (\"DICM\" at byte 128): not an "
                             "image format AdvLens reads (PNG, JPEG, BMP, TIFF, WebP, PBM/PGM/PPM)"));
        }
    }

    void missingFileAndHugeImageAreRejected()
    {
        QVERIFY_THROWS_EXCEPTION(core::Error, core::loadImageForModel("/no/such/image.png", rgbSpec(4, 4), {}));
        // 10,001 × 10,000 grey pixels: over the 100-megapixel limit.
        const cv::Mat huge(10000, 10001, CV_8UC1, cv::Scalar(0));
        const auto path = test::scratchDirectory() / "huge.png";
        test::writeBytes(path, encode(huge, ".png"));
        try {
            core::loadImageForModel(path, rgbSpec(4, 4), {});
            QFAIL("no error for a huge image");
        } catch (const core::Error& e) {
            QVERIFY2(QString(e.what()).contains("10001×10000 pixels, more than the limit of 100000000"), e.what());
        }
    }

    void headerSizeIsReadWithoutDecoding_data()
    {
        QTest::addColumn<QString>("extension");
        for (const char* extension : {".png", ".jpg", ".bmp", ".webp", ".ppm", ".pgm", ".tiff"})
            QTest::newRow(extension) << extension;
    }
    void headerSizeIsReadWithoutDecoding()
    {
        QFETCH(QString, extension);
        const cv::Mat image(37, 53, extension == ".pgm" ? CV_8UC1 : CV_8UC3, cv::Scalar(90, 120, 200));
        const std::string bytes = encode(image, extension.toStdString());
        const std::optional<core::ImageSize> size = core::imageSizeFromHeader(bytes);
        QVERIFY(size.has_value());
        QCOMPARE(size->width, 53);
        QCOMPARE(size->height, 37);
        QVERIFY(!core::imageSizeFromHeader(bytes.substr(0, 5)).has_value() || extension == ".ppm" ||
                extension == ".pgm");
    }

    void hugeHeaderIsRefusedBeforeDecoding()
    {
        // A 60000×60000 PNG: a valid header and nothing else. OpenCV's own
        // guard gave a raw assertion; decoding one would need 3.6 GB.
        std::string bytes = encode(cv::Mat(1, 1, CV_8UC1, cv::Scalar(0)), ".png");
        for (int offset : {16, 20})
            bytes.replace(static_cast<std::size_t>(offset), 4, std::string("\x00\x00\xea\x60", 4));
        const auto path = test::scratchDirectory() / "60000x60000.png";
        test::writeBytes(path, bytes);
        try {
            core::loadImageForModel(path, rgbSpec(4, 4), {});
            QFAIL("no error for a huge header");
        } catch (const core::Error& e) {
            QCOMPARE(QString(e.what()), QString("image '60000x60000.png' is 60000×60000 pixels, more than the limit "
                                                "of 100000000 (set ADVLENS_MAX_IMAGE_PIXELS to change it)"));
        }
    }

    void sizesOpenCvReadsAreCheckedBeforeDecoding_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("size");
        const auto crash = [](const char* name) {
            return QByteArray::fromStdString(
                test::readBytes(test::fixturesDirectory().parent_path() / "fuzz" / "crashes" / name));
        };
        // OpenCV takes any byte after a number as its separator (a fuzzer
        // finding: 19 bytes, 3 GB allocated) and ends a comment at \r too.
        QTest::newRow("PNM '+' separator") << crash("imageheader-pnm-any-separator.ppm") << "99999×9999";
        QTest::newRow("PNM comment ending at CR") << QByteArray("P6\n#\r99999 9999\n1 1\n255\n") << "99999×9999";
        // TIFF had no size check: 245 bytes declaring 30000×30000.
        QTest::newRow("TIFF") << crash("imageheader-tiff-size-unchecked.tiff") << "30000×30000";
    }
    void sizesOpenCvReadsAreCheckedBeforeDecoding()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, size);
        try {
            core::decodeImage(bytes.toStdString(), "huge");
            QFAIL("decoded");
        } catch (const core::Error& e) {
            const QString expected = "image 'huge' is " + size +
                                     " pixels, more than the limit of 100000000 (set ADVLENS_MAX_IMAGE_PIXELS to "
                                     "change it)";
            QCOMPARE(QString(e.what()), expected);
        }
    }

    void nonAsciiPathsWork()
    {
        const auto folder = test::scratchDirectory() / std::filesystem::u8path("图像 ünïcødé");
        std::filesystem::create_directories(folder);
        const auto path = folder / std::filesystem::u8path("熊猫.png");
        test::writeBytes(path, encode(testCard(), ".png"));
        QCOMPARE(core::loadImageForModel(path, rgbSpec(4, 6), {}).size(3), 6);
    }

    void bundlesAreWrittenAllOrNothing()
    {
        const auto folder = test::scratchDirectory() / "bundle";
        std::filesystem::create_directories(folder);
        // The third file cannot be created (a name longer than any file system
        // allows), as when the disk fills up mid-bundle: nothing may be left.
        const std::vector<std::pair<std::filesystem::path, std::string>> files = {
            {folder / "a.npy", "first"}, {folder / "b.png", "second"}, {folder / std::string(300, 'x'), "third"}};
        QVERIFY_THROWS_EXCEPTION(core::Error, core::writeFilesAtomically(files));
        QVERIFY(std::filesystem::is_empty(folder));

        const at::Tensor image = at::rand({1, 3, 5, 4});
        const auto written = core::writeAttackBundle(image, (image + 0.01).clamp(0, 1), folder / "cat-pgd");
        QCOMPARE(written.size(), std::size_t(4));
        for (const auto& path : written)
            QVERIFY(std::filesystem::file_size(path) > 0);
        QVERIFY(test::readNpyFloat(folder / "cat-pgd-adversarial.npy").allclose((image + 0.01).clamp(0, 1)));
    }

    void pngAndNpyRoundTrip()
    {
        const at::Tensor image = at::rand({1, 3, 5, 7});
        const auto path = test::scratchDirectory() / "roundtrip.png";
        core::savePng(image, path);
        const at::Tensor back = core::loadImageForModel(path, rgbSpec(5, 7), {});
        QVERIFY((back - image).abs().max().item<float>() <= 0.5f / 65535.0f + 1e-7f);

        const at::Tensor delta = at::randn({2, 3});
        const auto npy = test::scratchDirectory() / "delta.npy";
        core::saveNpy(delta, npy);
        const std::string bytes = test::readBytes(npy);
        QCOMPARE(bytes.substr(0, 6), std::string("\x93NUMPY"));
        const std::size_t headerLength =
            static_cast<unsigned char>(bytes[8]) | (static_cast<unsigned char>(bytes[9]) << 8);
        QCOMPARE((10 + headerLength) % 64, std::size_t{0});
        QVERIFY(bytes.find("'shape': (2, 3)") != std::string::npos);
        QCOMPARE(bytes.size(), 10 + headerLength + 6 * sizeof(float));
        float first = 0;
        std::memcpy(&first, bytes.data() + 10 + headerLength, sizeof first);
        QCOMPARE(first, delta[0][0].item<float>());
    }

    void amplifiedPerturbationIsGreyWhereUnchanged()
    {
        const at::Tensor delta = at::tensor({0.0f, 0.02f, -0.01f}).view({1, 1, 1, 3});
        const at::Tensor picture = core::amplifiedPerturbation(delta);
        QCOMPARE(picture[0][0][0][0].item<float>(), 0.5f);
        QCOMPARE(picture[0][0][0][1].item<float>(), 1.0f);
        QCOMPARE(picture[0][0][0][2].item<float>(), 0.25f);
    }

    void imageFolderMapsSubFoldersToClasses()
    {
        const auto root = test::scratchDirectory() / "folder";
        for (const char* cls : {"Sandal", "Bag"}) {
            std::filesystem::create_directories(root / cls);
            test::writeBytes(root / cls / "a.png", encode(testCard(), ".png"));
        }
        test::writeBytes(root / "Bag" / "notes.txt", "not an image");
        test::writeBytes(root / "Bag" / "broken.png", "broken");

        const core::ImageFolderIndex byOrder = core::scanImageFolder(root);
        QCOMPARE(byOrder.classNames, (std::vector<std::string>{"Bag", "Sandal"}));
        QCOMPARE(byOrder.files.size(), std::size_t{3});

        const std::vector<std::string> model = {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                                                "Sandal",      "Shirt",   "Sneaker",  "Bag",   "Ankle boot"};
        const core::ImageFolderIndex byName = core::scanImageFolder(root, model);
        QCOMPARE(byName.labels, (std::vector<std::int64_t>{8, 8, 5}));

        const auto numbered = test::scratchDirectory() / "numbered";
        for (const char* cls : {"3", "10"}) {
            std::filesystem::create_directories(numbered / cls);
            test::writeBytes(numbered / cls / "a.png", encode(testCard(), ".png"));
        }
        const core::ImageFolderIndex byIndex = core::scanImageFolder(numbered, model);
        // "10" is no class of a 10-class model, so the folders become their own classes.
        QCOMPARE(byIndex.classNames, (std::vector<std::string>{"10", "3"}));
        QCOMPARE(byIndex.labels, (std::vector<std::int64_t>{0, 1}));
        std::filesystem::rename(numbered / "10", numbered / "7");
        QCOMPARE(core::scanImageFolder(numbered, model).labels, (std::vector<std::int64_t>{3, 7}));

        // ImageNet-A names its folders by WordNet id.
        const auto wordNet = test::scratchDirectory() / "wordnet";
        for (const char* id : {"n02510455", "n02123045"}) {
            std::filesystem::create_directories(wordNet / id);
            test::writeBytes(wordNet / id / "a.png", encode(testCard(), ".png"));
        }
        const std::vector<std::string> names = {"tabby", "gibbon", "giant panda"},
                                       ids = {"n02123045", "n02483362", "n02510455"};
        const core::ImageFolderIndex byId = core::scanImageFolder(wordNet, names, ids);
        QCOMPARE(byId.labels, (std::vector<std::int64_t>{0, 2}));
        QCOMPARE(byId.classNames, names);
        QCOMPARE(core::scanImageFolder(wordNet, names).classNames,
                 (std::vector<std::string>{"n02123045", "n02510455"}));

        // A sample spread over the folder reaches its last class.
        const core::ImageFolderIndex two = core::spreadSample(byName, 2);
        QCOMPARE(two.labels, (std::vector<std::int64_t>{8, 5}));
        QCOMPARE(two.files[1], byName.files[2]);
        QCOMPARE(core::spreadSample(byName, 0).files, byName.files);
        QCOMPARE(core::spreadSample(byName, 9).files, byName.files);

        std::vector<std::string> skipped;
        const core::LabelledImages set = core::loadImageFolder(byName, {1, 28, 28}, {}, 0, &skipped);
        QCOMPARE(set.size(), 2);
        QCOMPARE(skipped.size(), std::size_t{1});
        QVERIFY(QString::fromStdString(skipped[0]).contains("broken.png"));
    }
};

QTEST_GUILESS_MAIN(TestImagePreprocessing)
#include "tst_imagepreprocessing.moc"
