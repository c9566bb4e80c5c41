// The study registry and results.json's versioned schema
// (docs/results-schema.md): what every study's entry holds, what the config
// parser accepts, the header's round trip, files written before the version
// existed, and a newer version refused with its number.
#include "tests/support/testsupport.h"

#include "core/studies/studyconfig.h"
#include "core/studies/studyregistry.h"
#include "core/studies/studyresults.h"
#include "core/util/atomicfile.h"
#include "core/util/error.h"

#include <QTest>

#include <set>

using namespace advlens;

namespace {

/// The message of the core::Error that `call` throws, or "" when it throws none.
template <typename Call> QString errorOf(Call&& call)
{
    try {
        call();
    } catch (const core::Error& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

core::StudyResults sample()
{
    core::StudyResults results;
    results.study = "transfer";
    results.title = "ResNet vs MobileNet";
    results.data = "images/";
    results.split = "train";
    results.images = 37;
    results.fieldsJson = R"({"matrices":[{"attack":"fgsm","rates":[[1,0.25],[null,0.5]]}],"models":["a","b"]})";
    return results;
}

} // namespace

class TestStudyResults : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void registryNamesEachStudyOnceWithARunner()
    {
        QVERIFY(!core::studies().empty());
        std::set<std::string> names;
        for (const core::StudyInfo& study : core::studies()) {
            QVERIFY2(names.insert(study.name).second, study.name.c_str());
            QVERIFY(study.run != nullptr);
            QVERIFY(!study.summary.empty() && study.summary.find('\n') == std::string::npos);
            QCOMPARE(core::findStudy(study.name), &study);
        }
        QVERIFY(core::findStudy("no-such-study") == nullptr);
        QCOMPARE(core::studyNames().size(), core::studies().size());
    }

    void configParserKnowsExactlyTheRegisteredStudies()
    {
        // The parser only needs the model's file to exist.
        const auto folder = test::scratchDirectory() / "studyresults-config";
        std::filesystem::create_directories(folder);
        core::writeFileAtomically(folder / "m.json", "{}");
        const auto config = [&](const std::string& study) {
            return "{\"study\": \"" + study + "\", \"models\": [\"m.json\"]}";
        };
        for (const std::string& name : core::studyNames())
            QCOMPARE(core::parseStudyConfig(config(name), folder).study, name);
        const QString message = errorOf([&] { core::parseStudyConfig(config("paper"), folder); });
        QVERIFY2(message.contains(QStringLiteral("unknown study \"paper\" (known: %1)")
                                      .arg(QString::fromStdString(core::studyNamesText()))),
                 qPrintable(message));
        // The parser itself takes the list it is given (the fuzzer's way in).
        QCOMPARE(core::parseStudyConfig(config("mine"), folder, {"mine"}).study, std::string("mine"));
        QVERIFY(errorOf([&] {
                    core::parseStudyConfig(config(core::studyNames().front()), folder, {"mine"});
                }).contains("unknown study"));
    }

    void headerAndFieldsRoundTripThroughTheFile()
    {
        const auto folder = test::scratchDirectory() / "studyresults-roundtrip";
        std::filesystem::remove_all(folder);
        std::filesystem::create_directories(folder);
        const core::StudyResults written = sample();
        core::writeStudyResults(folder, written);
        const core::StudyResults read = core::readStudyResults(folder);
        QCOMPARE(read.schemaVersion, core::StudyResults::kSchemaVersion);
        QCOMPARE(read.study, written.study);
        QCOMPARE(read.title, written.title);
        QCOMPARE(read.data, written.data);
        QCOMPARE(read.split, written.split);
        QCOMPARE(read.images, written.images);
        // The study's own fields come back as written, nulls and all, and no header field among them.
        QCOMPARE(read.fieldsJson, written.fieldsJson);
        const std::string text = core::readFileBytes(folder / "results.json");
        QVERIFY(text.find("\"schema_version\": 1") != std::string::npos);
        QCOMPARE(core::StudyResults::fromJson(read.toJson()).toJson(), text);
    }

    void fieldsMayNotRepeatTheHeader()
    {
        core::StudyResults results = sample();
        results.fieldsJson = R"({"title": "twice"})";
        QVERIFY(errorOf([&] { results.toJson(); }).contains("\"title\""));
        results.fieldsJson = "[1, 2]";
        QVERIFY(errorOf([&] { results.toJson(); }).contains("object"));
    }

    void aFileWithoutAVersionIsVersionOne()
    {
        // As every study wrote it before schema_version existed.
        const core::StudyResults read = core::StudyResults::fromJson(
            R"({"study": "curves", "title": "t", "data": "fashion-mnist", "split": "test", "images": 10,
                "models": ["m"], "curves": []})");
        QCOMPARE(read.schemaVersion, 1);
        QCOMPARE(read.study, std::string("curves"));
        QCOMPARE(read.images, std::int64_t(10));
        QCOMPARE(read.fieldsJson, std::string(R"({"curves":[],"models":["m"]})"));
    }

    void aNewerVersionIsRefusedWithItsNumber()
    {
        const int newer = core::StudyResults::kSchemaVersion + 1;
        const std::string text =
            R"({"schema_version": )" + std::to_string(newer) + R"(, "study": "curves", "images": 10})";
        try {
            core::StudyResults::fromJson(text);
            QFAIL("a newer schema version was read");
        } catch (const core::NewerStudyResults& e) {
            QCOMPARE(e.version(), newer);
            const QString message = QString::fromUtf8(e.what());
            QVERIFY2(message.contains(QStringLiteral("schema version %1").arg(newer)), qPrintable(message));
            QVERIFY2(message.contains(QStringLiteral("(%1)").arg(core::StudyResults::kSchemaVersion)),
                     qPrintable(message));
            QVERIFY(!message.contains('\n'));
        }
        // Through the file, the message names it.
        const auto folder = test::scratchDirectory() / "studyresults-newer";
        std::filesystem::create_directories(folder);
        core::writeFileAtomically(folder / "results.json", text);
        QVERIFY(errorOf([&] { core::readStudyResults(folder); }).contains(QString::fromStdString(folder.u8string())));
    }

    void badHeadersAreRefusedInOneLine_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("needle");
        QTest::newRow("not json") << "{\"study\": "
                                  << "not valid JSON";
        QTest::newRow("no study") << R"({"title": "t"})"
                                  << "no \"study\"";
        QTest::newRow("array") << "[1]"
                               << "no \"study\"";
        QTest::newRow("study not text") << R"({"study": 3})"
                                        << "\"study\" must be text";
        QTest::newRow("empty study") << R"({"study": ""})"
                                     << "\"study\" is empty";
        QTest::newRow("version 0") << R"({"schema_version": 0, "study": "x"})"
                                   << "\"schema_version\"";
        QTest::newRow("version 1.5") << R"({"schema_version": 1.5, "study": "x"})"
                                     << "\"schema_version\"";
        QTest::newRow("version text") << R"({"schema_version": "1", "study": "x"})"
                                      << "\"schema_version\"";
        QTest::newRow("images negative") << R"({"study": "x", "images": -1})"
                                         << "\"images\"";
        QTest::newRow("images 2.5") << R"({"study": "x", "images": 2.5})"
                                    << "\"images\"";
        QTest::newRow("title not text") << R"({"study": "x", "title": []})"
                                        << "\"title\" must be text";
    }

    void badHeadersAreRefusedInOneLine()
    {
        QFETCH(QString, text);
        QFETCH(QString, needle);
        const QString message = errorOf([&] { core::StudyResults::fromJson(text.toStdString()); });
        QVERIFY2(message.contains(needle), qPrintable(message));
        QVERIFY(!message.contains('\n'));
    }
};

QTEST_GUILESS_MAIN(TestStudyResults)
#include "tst_studyresults.moc"
