// advlens: the GUI. Parses the command line and shows the main window;
// everything else lives in advlens::ui.
#include "core/model/computedevice.h"
#include "core/util/error.h"

#include "ui/i18n/languageswitcher.h"
#include "ui/mainwindow.h"
#include "ui/settings/appsettings.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QFileInfo>
#include <QIcon>

#include <cstdio>

namespace {

QIcon applicationIcon()
{
    QIcon icon;
    for (int size : {32, 64, 128, 256})
        icon.addFile(QStringLiteral(":/icons/advlens-%1.png").arg(size));
    return icon;
}

} // namespace

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("AdvLens"));
    QApplication::setApplicationName(QStringLiteral("advlens"));
    QApplication::setApplicationDisplayName(QStringLiteral("AdvLens"));
    QApplication::setApplicationVersion(QStringLiteral(ADVLENS_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("advlens"));
    QApplication::setWindowIcon(applicationIcon());

    // Language first, so --help and every window speak it.
    advlens::ui::AppSettings settings;
    advlens::ui::LanguageSwitcher languages;
    const QString language = settings.language();
    languages.apply(language.isEmpty() ? advlens::ui::LanguageSwitcher::systemLanguage() : language);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QCoreApplication::translate("main", "Explore the adversarial robustness of image classifiers."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption modelOption(
        QStringLiteral("model"),
        QCoreApplication::translate("main", "Model metadata .json to open (default: the last model, "
                                            "else the zoo's lenet-plain)."),
        QCoreApplication::translate("main", "path"));
    const QCommandLineOption threadsOption(QStringLiteral("threads"),
                                           QCoreApplication::translate("main", "LibTorch threads; 0 means all cores but one."),
                                           QCoreApplication::translate("main", "n"), QStringLiteral("0"));
    const QCommandLineOption deviceOption(QStringLiteral("device"),
                                          QCoreApplication::translate("main", "Compute device: cpu, cuda or auto."),
                                          QCoreApplication::translate("main", "device"), QStringLiteral("auto"));
    parser.addOptions({modelOption, threadsOption, deviceOption});
    parser.addPositionalArgument(QStringLiteral("image"),
                                 QCoreApplication::translate("main", "An image to open (PNG, JPEG, …)."),
                                 QStringLiteral("[image]"));
    parser.process(app);

    advlens::ui::RuntimeOptions options;
    bool threadsValid = false;
    options.threads = parser.value(threadsOption).toInt(&threadsValid);
    if (!threadsValid || options.threads < 0) {
        std::fputs(qPrintable(QCoreApplication::translate("main", "advlens: --threads needs a whole number ≥ 0.\n")),
                   stderr);
        return 2;
    }
    options.device = parser.value(deviceOption);
    // A CUDA request this build or machine cannot serve falls back to the CPU
    // with a notice, rather than leaving the window without a model.
    QString deviceNotice;
    try {
        advlens::core::resolveDevice(options.device.toStdString());
    } catch (const advlens::core::Error& e) {
        deviceNotice = QCoreApplication::translate("main", "%1. Running on the CPU instead.")
                           .arg(QString::fromStdString(e.what()));
        options.device = QStringLiteral("cpu");
    }

    advlens::ui::MainWindow window(options, &languages);
    if (!deviceNotice.isEmpty())
        window.setStartupNotice(deviceNotice);
    window.show();
    window.openStartupModel(parser.value(modelOption));
    if (!parser.positionalArguments().isEmpty())
        window.openImage(QFileInfo(parser.positionalArguments().constFirst()).absoluteFilePath());
    return QApplication::exec();
}
