#include "tests/support/testsupport.h"

#include "core/data/fashionmnist.h"
#include "core/data/idxfile.h"
#include "core/util/datapaths.h"
#include "core/util/error.h"

#include <ATen/ATen.h>
#include <QtTest>
#include <zlib.h>

using namespace advlens;

namespace {

std::string idxBytes(std::uint8_t type, const std::vector<std::uint32_t>& dims, const std::vector<std::uint8_t>& data)
{
    std::string bytes = {0, 0, static_cast<char>(type), static_cast<char>(dims.size())};
    for (std::uint32_t d : dims)
        for (int shift : {24, 16, 8, 0})
            bytes += static_cast<char>((d >> shift) & 0xff);
    bytes.append(data.begin(), data.end());
    return bytes;
}

void writeGz(const std::filesystem::path& path, const std::string& bytes)
{
    gzFile file = gzopen(path.c_str(), "wb");
    QVERIFY(file);
    QCOMPARE(gzwrite(file, bytes.data(), static_cast<unsigned>(bytes.size())), static_cast<int>(bytes.size()));
    gzclose(file);
}

} // namespace

class TestIdxFile : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void readsGzipAndPlainFilesWithKnownValues_data()
    {
        QTest::addColumn<bool>("gzip");
        QTest::newRow("gzip") << true;
        QTest::newRow("plain") << false;
    }
    void readsGzipAndPlainFilesWithKnownValues()
    {
        QFETCH(bool, gzip);
        std::vector<std::uint8_t> values(3 * 2 * 4);
        for (std::size_t i = 0; i < values.size(); ++i)
            values[i] = static_cast<std::uint8_t>(i * 10);
        const auto path = test::scratchDirectory() / (gzip ? "known.idx.gz" : "known.idx");
        const std::string bytes = idxBytes(0x08, {3, 2, 4}, values);
        if (gzip)
            writeGz(path, bytes);
        else
            test::writeBytes(path, bytes);

        const core::IdxArray array = core::readIdxFile(path);
        QCOMPARE(array.dims, (std::vector<std::int64_t>{3, 2, 4}));
        QCOMPARE(array.data, values);

        const core::IdxArray firstTwo = core::readIdxFile(path, 2);
        QCOMPARE(firstTwo.dims, (std::vector<std::int64_t>{2, 2, 4}));
        QCOMPARE(firstTwo.data.size(), std::size_t{16});
        QCOMPARE(firstTwo.data.back(), std::uint8_t{150});
    }

    void rejectsMalformedFiles_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("reason");
        const auto ok = idxBytes(0x08, {4, 3}, std::vector<std::uint8_t>(12, 1));
        QTest::newRow("bad magic") << QByteArray("\x01\x02\x08\x01\0\0\0\x01x", 9) << "bad magic";
        QTest::newRow("float type") << QByteArray::fromStdString(idxBytes(0x0D, {1}, {0, 0, 0, 0}))
                                    << "only unsigned bytes";
        QTest::newRow("truncated header")
            << QByteArray::fromStdString(ok.substr(0, 6)) << "truncated inside its header";
        QTest::newRow("truncated data") << QByteArray::fromStdString(ok.substr(0, ok.size() - 3)) << "truncated";
        QTest::newRow("empty") << QByteArray() << "bad magic";
    }
    void rejectsMalformedFiles()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, reason);
        const auto path = test::scratchDirectory() / "bad.idx.gz";
        writeGz(path, bytes.toStdString());
        try {
            core::readIdxFile(path);
            QFAIL("no error for a malformed file");
        } catch (const core::Error& e) {
            QVERIFY2(QString(e.what()).contains(reason), e.what());
        }
    }

    void missingFileNamesThePackage()
    {
        try {
            core::loadFashionMnist("/nonexistent/folder", core::Split::Test);
            QFAIL("no error for a missing data set");
        } catch (const core::Error& e) {
            QVERIFY2(QString(e.what()).contains("dataset-fashion-mnist"), e.what());
        }
    }

    void readsTheRealFashionMnistTestSet()
    {
        const core::LabelledImages test = core::loadFashionMnist(core::fashionMnistDirectory(), core::Split::Test);
        QCOMPARE(test.images.sizes(), (c10::IntArrayRef{10000, 1, 28, 28}));
        QCOMPARE(test.labels.size(0), 10000);
        QCOMPARE(test.classNames.at(9), std::string("Ankle boot"));
        // Published facts of the data set: the first test image is an ankle boot
        // (label 9), the second a pullover (2), and every class has 1,000 images.
        QCOMPARE(test.labels[0].item<std::int64_t>(), 9);
        QCOMPARE(test.labels[1].item<std::int64_t>(), 2);
        QVERIFY(test.labels.bincount().eq(1000).all().item<bool>());
        QCOMPARE(test.images.min().item<float>(), 0.0f);
        QCOMPARE(test.images.max().item<float>(), 1.0f);
        // Bytes become byte / 255 exactly.
        const at::Tensor scaled = test.images * 255.0;
        QVERIFY(scaled.sub(scaled.round()).abs().max().item<float>() < 1e-4f);
    }
};

QTEST_GUILESS_MAIN(TestIdxFile)
#include "tst_idxfile.moc"
