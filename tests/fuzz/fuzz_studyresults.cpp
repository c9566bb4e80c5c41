// Fuzz target: what the Studies view does with a study folder's results.json
// (ui/studies/studyfigures.h): loadStudyResults reads it, and when it is
// accepted, makeStudyFigures builds the plots and tables from it (offscreen).
// The input is the file's bytes, written to this process's own folder. The
// contract: a bad file gives false and a one-line reason, never a crash, and
// every figure is a widget owned by the given parent.

#include "tests/fuzz/fuzzsupport.h"
#include "ui/studies/studyfigures.h"

#include <QApplication>
#include <QEvent>
#include <QWidget>

#include <cstddef>
#include <cstdint>
#include <cstdlib>

namespace {

/// Qt's warnings (QCustomPlot complains about odd data) would flood the
/// fuzzer's log; fatal messages still end the run as a crash.
void quietMessages(QtMsgType type, const QMessageLogContext& /*context*/, const QString& message)
{
    if (type == QtFatalMsg) {
        std::fprintf(stderr, "Qt fatal: %s\n", qPrintable(message));
        std::abort();
    }
}

const QString& resultsFolder()
{
    static const QString folder = QString::fromStdString((advlens::fuzz::processTempFolder() / "study").native());
    return folder;
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int* /*argc*/, char*** /*argv*/)
{
    ::setenv("QT_QPA_PLATFORM", "offscreen", /*overwrite=*/1);
    qInstallMessageHandler(quietMessages);
    static int argc = 1;
    static char name[] = "fuzz_studyresults";
    static char* argv[] = {name, nullptr};
    static QApplication application(argc, argv);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    using advlens::fuzz::fail;
    advlens::fuzz::writeFile(resultsFolder().toStdString() + "/results.json",
                             std::string_view(reinterpret_cast<const char*>(data), size));
    advlens::ui::StudyResults results;
    QString error;
    if (!advlens::ui::loadStudyResults(resultsFolder(), &results, &error)) {
        if (error.isEmpty() || error.contains(QLatin1Char('\n')))
            fail("loadStudyResults refused without a one-line reason");
        return 0;
    }
    if (!results.json.contains(QLatin1String("study")) || results.folder != resultsFolder())
        fail("loadStudyResults accepted something that is not a study's results");
    {
        QWidget host;
        const QVector<advlens::ui::StudyFigure> figures = advlens::ui::makeStudyFigures(results, &host);
        for (const advlens::ui::StudyFigure& figure : figures)
            if (!figure.widget || figure.widget->parentWidget() != &host)
                fail("makeStudyFigures returned a figure that is not a widget of the parent");
    }
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    return 0;
}
