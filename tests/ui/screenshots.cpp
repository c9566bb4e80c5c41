// advlens-screenshots OUTDIR [MODEL.json]: drives the real main window through
// the states the README shows (start, after an attack, a curve, zh_CN) and
// saves each as a PNG, so they can be looked at and kept current. Not a test.
#include "controllers/attackcontroller.h"
#include "i18n/languageswitcher.h"
#include "mainwindow.h"
#include "panels/attackpanel.h"
#include "panels/curvepanel.h"
#include "panels/iterationtimeline.h"
#include "panels/saliencypanel.h"
#include "controllers/saliencycontroller.h"
#include "workers/runtimeoptions.h"

#include <QApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QPushButton>
#include <QSlider>
#include <QThread>

#include <cstdio>
#include <functional>

using namespace advlens::ui;

namespace {

bool waitFor(const std::function<bool()>& condition, int timeoutMs = 120000)
{
    QDeadlineTimer deadline(timeoutMs);
    while (!condition()) {
        if (deadline.hasExpired())
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
        QThread::msleep(10);
    }
    return true;
}

void settle(int ms = 600)
{
    QDeadlineTimer deadline(ms);
    while (!deadline.hasExpired())
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
}

bool save(QWidget& window, const QString& folder, const QString& name)
{
    settle();
    const QString path = QDir(folder).filePath(name);
    const bool ok = window.grab().save(path);
    std::printf("%s %s\n", ok ? "wrote" : "could not write", qPrintable(path));
    return ok;
}

} // namespace

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("AdvLensScreenshots"));
    QApplication::setApplicationName(QStringLiteral("advlens-screenshots"));
    if (argc < 2) {
        std::fputs("usage: advlens-screenshots OUTDIR [MODEL.json]\n", stderr);
        return 2;
    }
    const QString folder = QString::fromLocal8Bit(argv[1]);
    QDir().mkpath(folder);
    LanguageSwitcher languages;
    languages.apply(QStringLiteral("en"));
    MainWindow window(RuntimeOptions{0, QStringLiteral("cpu")}, &languages);
    window.resize(1440, 900);
    window.show();
    window.openModel(argc > 2 ? QString::fromLocal8Bit(argv[2]) : QString());
    AttackController* attacks = window.attacks();
    auto* panel = window.findChild<AttackPanel*>();
    const auto outcomeOf = [&](const QString& attack) {
        return waitFor([&] { return attacks->outcome() && attacks->outcome()->request.attack == attack; });
    };
    if (!waitFor([&] { return attacks->outcome().has_value(); }))
        return 1; // the model did not open
    window.showTestImage(12);
    if (!waitFor([&] { return attacks->outcome() && attacks->outcome()->before.testIndex == 12; }))
        return 1;
    save(window, folder, QStringLiteral("explorer-fgsm.png"));

    auto* saliency = window.findChild<SaliencyPanel*>();
    saliency->setMethod(QStringLiteral("grad-cam"));
    saliency->setShown(true);
    waitFor([&] { return !window.saliency()->isWaiting(); });
    save(window, folder, QStringLiteral("explorer-saliency.png"));
    saliency->setShown(false);

    panel->setEpsilon(0.1);
    panel->setAttack(QStringLiteral("pgd"));
    if (!outcomeOf(QStringLiteral("pgd")) || !waitFor([&] { return !attacks->isRunning(); }))
        return 1;
    save(window, folder, QStringLiteral("explorer-pgd.png"));

    auto* curves = window.findChild<CurvePanel*>();
    curves->run();
    if (!waitFor([&] { return !curves->isRunning(); }, 600000))
        return 1;
    save(window, folder, QStringLiteral("explorer-curve.png"));

    languages.apply(QStringLiteral("zh_CN"));
    save(window, folder, QStringLiteral("explorer-zh_CN.png"));
    return 0;
}
