// advlens-screenshots OUTDIR [MODEL.json] [--gallery-only] [--studies DIR,DIR… [--language CODE]] [--dark]
//                     [--size WxH]:
// drives the real main window through the states the README shows (start,
// after an attack, a curve, Square's accuracy vs queries, zh_CN, the
// gallery) and saves each as a PNG, so they can be looked at and kept
// current; --studies instead opens finished study folders in the Studies
// view (studies-<kind>.png), in --language CODE;
// --dark draws all of it with Fusion in a dark palette, as a dark desktop
// theme would; --size sets the main window's size and the gallery's (default
// 1440x900). A model that does not take Fashion-MNIST (an ImageNet one) is
// shown on a sample photo instead, in English and zh_CN (explorer-photo*.png).
// Not a test.
#include "ui/controllers/attackcontroller.h"
#include "ui/controllers/saliencycontroller.h"
#include "tests/ui/darkpalette.h"
#include "ui/gallery/galleryattackbar.h"
#include "ui/gallery/galleryfilterbar.h"
#include "ui/gallery/galleryfilterproxy.h"
#include "ui/gallery/gallerymodel.h"
#include "ui/gallery/gallerywindow.h"
#include "ui/gallery/samplephotos.h"
#include "ui/i18n/languageswitcher.h"
#include "ui/mainwindow.h"
#include "ui/panels/attackpanel.h"
#include "ui/panels/curvepanel.h"
#include "ui/panels/iterationtimeline.h"
#include "ui/panels/saliencypanel.h"
#include "ui/panels/testsetbrowser.h"
#include "ui/studies/studieswindow.h"
#include "ui/studies/transferheatmap.h"
#include "ui/workers/runtimeoptions.h"

#include "ui/plots/qcustomplotinclude.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDeadlineTimer>
#include <QDir>
#include <QPushButton>
#include <QRegularExpression>
#include <QSlider>
#include <QSpinBox>
#include <QTabWidget>
#include <QTest>
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

/// The gallery on the first 500 Fashion-MNIST test images after FGSM at
/// ε = 8/255, least confident first; then the confusion summary with one
/// class chosen and only its misclassified images shown.
bool saveGallery(MainWindow& window, const QString& folder, QSize size)
{
    GalleryWindow* gallery = window.gallery();
    gallery->resize(size); // as the main window: both show what a screen of --size holds
    gallery->openFashionMnist(500);
    if (!waitFor([&] { return !gallery->isBusy(); }))
        return false;
    AttackRequest fgsm;
    fgsm.epsilon = 8.0 / 255.0;
    gallery->attackBar()->setRequest(fgsm);
    gallery->runAttack(fgsm);
    if (!waitFor([&] { return !gallery->isBusy(); }))
        return false;
    gallery->filterBar()->sortBy(GalleryModel::Confidence, Qt::AscendingOrder);
    if (!save(*gallery, folder, QStringLiteral("gallery.png")))
        return false;
    gallery->views()->setCurrentIndex(1);
    if (!save(*gallery, folder, QStringLiteral("gallery-table.png")))
        return false;
    gallery->views()->setCurrentIndex(0);

    gallery->filterBar()->misclassifiedOnly()->setChecked(true);
    const int shirt = 6; // the class Fashion-MNIST models confuse most; its row is selected
    gallery->proxy()->setTrueClass(shirt);
    return save(*gallery, folder, QStringLiteral("gallery-confusion.png"));
}

} // namespace

/// Each finished study folder in the Studies view: its first figure, for a
/// transfer study the heat map with the second row's first cell clicked, for a
/// defences study the table and then the first input-defence plot.
bool saveStudies(MainWindow& window, const QString& folder, const QStringList& studies)
{
    StudiesWindow* view = window.studies();
    view->resize(1280, 860);
    view->present();
    for (const QString& study : studies) {
        if (!view->openResults(study))
            return false;
        settle();
        const StudyFigure first = view->figures().value(0);
        // A figure's name starts with its study's name ("transfer-fgsm-untargeted").
        QString kind = first.name.section(QLatin1Char('-'), 0, 0);
        if (kind.isEmpty())
            kind = QStringLiteral("study");
        if (auto* heatmap = qobject_cast<TransferHeatmap*>(first.widget)) {
            heatmap->customPlot()->replot();
            QTest::mouseClick(heatmap->customPlot(), Qt::LeftButton, {}, heatmap->cellCentre(1, 0));
        } else if (kind == QLatin1String("defences")) {
            // The table first, then the first input-defence plot with its checks.
            kind = QStringLiteral("defences-table");
            if (!save(*view, folder, QStringLiteral("studies-%1.png").arg(kind)))
                return false;
            view->showFigure(1);
            kind = QStringLiteral("defences-bpda");
        }
        settle();
        if (!save(*view, folder, QStringLiteral("studies-%1.png").arg(kind)))
            return false;
    }
    return true;
}

/// A model that takes other images than Fashion-MNIST's: the first sample
/// photo attacked as the window starts (FGSM, live), in English then zh_CN.
bool savePhoto(MainWindow& window, LanguageSwitcher& languages, const QString& folder)
{
    const QList<SamplePhoto> photos = samplePhotos();
    if (photos.isEmpty())
        return false;
    QString error;
    const QString path = extractSamplePhoto(photos.front(), &error);
    if (path.isEmpty()) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return false;
    }
    window.openImage(path);
    AttackController* attacks = window.attacks();
    if (!waitFor([&] { return attacks->outcome() && attacks->outcome()->before.sourcePath == path; }, 300000) ||
        !waitFor([&] { return !attacks->isRunning(); }, 300000))
        return false;
    if (!save(window, folder, QStringLiteral("explorer-photo.png")))
        return false;
    languages.apply(QStringLiteral("zh_CN"));
    return save(window, folder, QStringLiteral("explorer-photo-zh_CN.png"));
}

void useDarkPalette()
{
    QApplication::setStyle(QStringLiteral("Fusion"));
    QApplication::setPalette(advlens::test::darkPalette());
}

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("AdvLensScreenshots"));
    QApplication::setApplicationName(QStringLiteral("advlens-screenshots"));
    QStringList arguments = QApplication::arguments().mid(1);
    const bool galleryOnly = arguments.removeAll(QStringLiteral("--gallery-only")) > 0;
    if (arguments.removeAll(QStringLiteral("--dark")) > 0)
        useDarkPalette();
    QString studiesLanguage = QStringLiteral("en");
    if (const int at = arguments.indexOf(QStringLiteral("--language")); at >= 0 && at + 1 < arguments.size()) {
        studiesLanguage = arguments.at(at + 1);
        arguments.remove(at, 2);
    }
    QSize size(1440, 900);
    if (const int at = arguments.indexOf(QStringLiteral("--size")); at >= 0 && at + 1 < arguments.size()) {
        const auto match = QRegularExpression(QStringLiteral("^(\\d+)x(\\d+)$")).match(arguments.at(at + 1));
        if (!match.hasMatch()) {
            std::fputs("--size wants WIDTHxHEIGHT, e.g. 1440x900\n", stderr);
            return 2;
        }
        size = QSize(match.captured(1).toInt(), match.captured(2).toInt());
        arguments.remove(at, 2);
    }
    QStringList studyFolders;
    if (const int at = arguments.indexOf(QStringLiteral("--studies")); at >= 0 && at + 1 < arguments.size()) {
        studyFolders = arguments.at(at + 1).split(QLatin1Char(','));
        arguments.remove(at, 2);
    }
    if (arguments.isEmpty()) {
        std::fputs("usage: advlens-screenshots OUTDIR [MODEL.json] [--gallery-only]\n"
                   "                           [--studies DIR,DIR... [--language CODE]] [--dark] [--size WxH]\n",
                   stderr);
        return 2;
    }
    const QString folder = arguments.front();
    QDir().mkpath(folder);
    LanguageSwitcher languages;
    languages.apply(QStringLiteral("en"));
    MainWindow window(RuntimeOptions{0, QStringLiteral("cpu")}, &languages);
    window.resize(size);
    window.show();
    if (!studyFolders.isEmpty()) {
        // Switched once the Studies view exists, as a user would, so its
        // controls are seen retranslating rather than built in the language.
        window.studies();
        languages.apply(studiesLanguage);
        return saveStudies(window, folder, studyFolders) ? 0 : 1;
    }
    window.openModel(arguments.size() > 1 ? arguments.at(1) : QString());
    AttackController* attacks = window.attacks();
    auto* panel = window.findChild<AttackPanel*>();
    const auto outcomeOf = [&](const QString& attack) {
        return waitFor([&] { return attacks->outcome() && attacks->outcome()->request.attack == attack; });
    };
    auto* browser = window.findChild<TestSetBrowser*>();
    // Open with a test image shown (the attack is live), or without one for a model of other images.
    if (!waitFor(
            [&] { return attacks->outcome().has_value() || window.windowTitle().contains(QStringLiteral(" — ")); }))
        return 1; // the model did not open
    if (!browser->isEnabled())
        return savePhoto(window, languages, folder) ? 0 : 1;
    if (!waitFor([&] { return attacks->outcome().has_value(); }))
        return 1; // the model did not open
    if (galleryOnly) {
        if (!saveGallery(window, folder, size))
            return 1;
        languages.apply(QStringLiteral("zh_CN"));
        return save(*window.gallery(), folder, QStringLiteral("gallery-zh_CN.png")) ? 0 : 1;
    }
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

    // Square's accuracy vs queries: one run, its curve stopped at every query count.
    auto* attack = curves->findChild<QComboBox*>(QStringLiteral("attack"));
    attack->setCurrentIndex(attack->findData(QStringLiteral("square")));
    auto* axis = curves->findChild<QComboBox*>(QStringLiteral("axis"));
    axis->setCurrentIndex(axis->findData(CurveRequest::Queries));
    curves->findChild<QSpinBox*>(QStringLiteral("queries"))->setValue(1000);
    curves->findChild<QSpinBox*>(QStringLiteral("images"))->setValue(128);
    curves->run();
    if (!waitFor([&] { return !curves->isRunning(); }, 600000))
        return 1;
    save(window, folder, QStringLiteral("explorer-curve-queries.png"));

    // Black-box mode: the same model, the attacker seeing only its scores.
    panel->setThreatModel(QStringLiteral("scores"));
    panel->setAttack(QStringLiteral("square"));
    if (!waitFor([&] {
            return attacks->outcome() && attacks->outcome()->request.attack == QLatin1String("square") &&
                   attacks->outcome()->request.threat == QLatin1String("scores") && !attacks->isRunning();
        }))
        return 1;
    save(window, folder, QStringLiteral("explorer-blackbox.png"));
    panel->setThreatModel(QStringLiteral("full"));
    panel->setAttack(QStringLiteral("pgd"));
    if (!outcomeOf(QStringLiteral("pgd")) || !waitFor([&] { return !attacks->isRunning(); }))
        return 1;

    if (!saveGallery(window, folder, size))
        return 1;

    languages.apply(QStringLiteral("zh_CN"));
    save(window, folder, QStringLiteral("explorer-zh_CN.png"));
    save(*window.gallery(), folder, QStringLiteral("gallery-zh_CN.png"));
    return 0;
}
