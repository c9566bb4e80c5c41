#include "bench/soak.h"

#include "ui/controllers/attackcontroller.h"
#include "ui/controllers/saliencycontroller.h"
#include "ui/gallery/gallerywindow.h"
#include "ui/i18n/languageswitcher.h"
#include "ui/jobs/classifiercache.h"
#include "ui/mainwindow.h"
#include "ui/panels/attackpanel.h"
#include "ui/panels/curvepanel.h"
#include "ui/panels/iterationtimeline.h"
#include "ui/panels/saliencypanel.h"
#include "ui/panels/testsetbrowser.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDeadlineTimer>
#include <QDropEvent>
#include <QMenu>
#include <QMimeData>
#include <QPushButton>
#include <QSlider>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QStyle>
#include <QUrl>
#include <QtTest>

#include <algorithm>
#include <cstdio>
#include <malloc.h>

using namespace advlens::ui;

namespace advlens::bench {

namespace {

constexpr int kBaselineAction = 500;   // memory growth is measured from here
constexpr double kGrowthGoalMb = 50.0; // ... and must stay below this
constexpr int kSaliencyGraceMs = 5000; // saliency "waiting" longer than this, all else idle: stuck

/// The combo box among `parent`'s children whose items carry `data` (the
/// target-class box: whose items carry numbers).
QComboBox* comboWith(const QWidget* parent, const QString& data)
{
    for (QComboBox* combo : parent->findChildren<QComboBox*>())
        if (data.isEmpty() ? combo->count() > 0 && combo->itemData(0).typeId() == QMetaType::Int
                           : combo->findData(data) >= 0)
            return combo;
    qFatal("bench_guisoak: no combo box lists %s", qPrintable(data));
}

} // namespace

Soak::Soak(MainWindow& window, ui::ClassifierCache& models, const Fixtures& fixtures, std::uint64_t seed)
    : m_window(window)
    , m_models(models)
    , m_fixtures(fixtures)
    , m_rng(seed)
    , m_attackPanel(need(window.findChild<AttackPanel*>(), "attack panel"))
    , m_attack(comboWith(m_attackPanel, QStringLiteral("fgsm")))
    , m_norm(comboWith(m_attackPanel, QStringLiteral("linf")))
    , m_epsilon(m_attackPanel->epsilonSlider())
    , m_epsilonBox(m_attackPanel->epsilonBox())
    , m_steps(need(m_attackPanel->findChild<QSpinBox*>(), "steps box"))
    , m_target(comboWith(m_attackPanel, QString()))
    , m_timeline(need(window.findChild<IterationTimeline*>(), "timeline"))
    , m_browser(need(window.findChild<TestSetBrowser*>(), "test-set browser"))
    , m_saliencyPanel(need(window.findChild<SaliencyPanel*>(), "saliency panel"))
    , m_saliencyShown(need(m_saliencyPanel->findChild<QCheckBox*>(), "saliency check box"))
    , m_saliencyMethod(comboWith(m_saliencyPanel, QStringLiteral("gradient")))
    , m_curves(need(window.findChild<CurvePanel*>(), "curve panel"))
    , m_gallery(window.gallery())
{
    // Told apart by their English texts, read once (the language changes later).
    for (QPushButton* button : m_attackPanel->findChildren<QPushButton*>())
        (button->text() == QLatin1String("&Attack") ? m_attackRun : m_attackCancel) = button;
    for (QCheckBox* box : m_attackPanel->findChildren<QCheckBox*>()) {
        if (box->text() == QLatin1String("&Targeted:"))
            m_targeted = box;
        else if (box->text() == QLatin1String("&Live"))
            m_live = box;
    }
    need(m_attackRun, "Attack button");
    need(m_attackCancel, "Cancel button");
    need(m_targeted, "Targeted box");
    need(m_live, "Live box");
    for (QAction* action : window.findChildren<QAction*>()) {
        if (!action->shortcut().isEmpty() && action->parent() == &window)
            m_shortcuts.insert(action->shortcut().toString(), action);
        for (const QString& code : LanguageSwitcher::languages())
            if (action->text() == LanguageSwitcher::nativeName(code))
                m_languageActions << action;
    }
    for (const char* key : {"Ctrl+O", "Ctrl+I", "Ctrl+G", "Ctrl+E", "Esc", "Ctrl+Return"})
        need(m_shortcuts.value(QLatin1String(key)), key);
    const auto count = [this](const char* what) { return [this, what] { ++m_effects[what]; }; };
    QObject::connect(window.attacks(), &AttackController::outcomeChanged, count("attack outcomes shown"));
    QObject::connect(m_curves, &CurvePanel::runRequested, count("curve runs started"));
    QObject::connect(m_saliencyPanel, &SaliencyPanel::saliencyRequested, count("saliency maps asked for"));
    QObject::connect(m_gallery, &GalleryWindow::openRequested, count("gallery images opened in the explorer"));
    addActions();
}

void Soak::pump(int ms)
{
    QDeadlineTimer deadline(ms);
    do
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    while (!deadline.hasExpired());
}

bool Soak::idle() const
{
    return !m_window.attacks()->isRunning() && !m_curves->isRunning() && !m_gallery->isBusy();
}

bool Soak::settle(int timeoutMs)
{
    const auto busy = [&](QDeadlineTimer deadline, const std::function<bool()>& done) {
        while (!done()) {
            if (deadline.hasExpired())
                return true;
            QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents, 10);
        }
        return false;
    };
    ++m_settles;
    if (busy(QDeadlineTimer(timeoutMs), [this] { return idle(); })) {
        ++m_settleTimeouts;
        std::printf("  note: workers still busy after %d s at action %d (%s): attack %d, curve %d, gallery %d\n",
                    timeoutMs / 1000, g_actionIndex.load(), g_actionName.load(), m_window.attacks()->isRunning(),
                    m_curves->isRunning(), m_gallery->isBusy());
        return false;
    }
    // Saliency maps of a 28x28 image take milliseconds. "Waiting" long after
    // everything else is idle is the stuck flag of SaliencyController (a
    // request dropped by the worker when an attack starts, the attack then
    // cancelled): counted, reported, not waited for.
    if (busy(QDeadlineTimer(kSaliencyGraceMs), [this] { return !m_window.saliency()->isWaiting(); }))
        ++m_saliencyStuck;
    pump(20); // the last answers' repaints
    return true;
}

void Soak::click(QAbstractButton* button)
{
    const bool box = qobject_cast<QCheckBox*>(button);
    const QPoint at = box ? QPoint(std::min(8, button->width() / 2), button->height() / 2) : button->rect().center();
    QTest::mouseClick(button, Qt::LeftButton, Qt::NoModifier, at);
}

void Soak::typeInto(QAbstractSpinBox* box, const QString& text)
{
    box->setFocus();
    box->selectAll();
    QTest::keyClicks(box, text);
    QTest::keyClick(box, Qt::Key_Return);
}

void Soak::pickEnabled(QComboBox* combo)
{
    if (!combo->isEnabled() || combo->count() == 0)
        return;
    if (chance(0.3)) { // the keyboard skips disabled items by itself
        QTest::keyClick(combo, chance(0.5) ? Qt::Key_Down : Qt::Key_Up);
        return;
    }
    const auto* items = qobject_cast<QStandardItemModel*>(combo->model());
    QList<int> enabled;
    for (int i = 0; i < combo->count(); ++i)
        if (!items || items->item(i)->isEnabled())
            enabled << i;
    if (!enabled.isEmpty())
        combo->setCurrentIndex(pick(enabled));
}

void Soak::dragSlider(QSlider* slider, int to, int moves)
{
    // The handle's centre, from the style's own geometry of a horizontal slider.
    const int length = slider->style()->pixelMetric(QStyle::PM_SliderLength, nullptr, slider);
    const auto xOf = [&](int value) {
        return length / 2 +
               QStyle::sliderPositionFromValue(slider->minimum(), slider->maximum(), value, slider->width() - length);
    };
    const QPoint from(xOf(slider->value()), slider->height() / 2);
    const int toX = xOf(to);
    QTest::mousePress(slider, Qt::LeftButton, Qt::NoModifier, from);
    for (int i = 1; i <= moves; ++i) {
        QTest::mouseMove(slider, QPoint(from.x() + (toX - from.x()) * i / moves, from.y()));
        pump(uniform(1, 12));
    }
    QTest::mouseRelease(slider, Qt::LeftButton, Qt::NoModifier, QPoint(toX, from.y()));
}

void Soak::dropFile(const QString& path)
{
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(path)});
    const QPoint centre = m_window.rect().center();
    QDragEnterEvent enter(centre, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&m_window, &enter);
    if (!enter.isAccepted())
        return;
    QDropEvent drop(centre, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&m_window, &drop);
}

void Soak::fromMenu(QMenu* menu, const std::function<bool(QAction*)>& usable)
{
    menu->popup(m_window.mapToGlobal(QPoint(40, 40))); // aboutToShow fills the zoo and photo menus
    pump(5);
    QList<QAction*> choices;
    for (QAction* action : menu->actions())
        if (action->isEnabled() && !action->isSeparator() && !action->menu() && usable(action))
            choices << action;
    if (!choices.isEmpty())
        pick(choices)->trigger();
    menu->hide();
}

/// The same state before the memory samples that are compared, so that they
/// differ by what the actions left behind, not by what happens to be open at
/// that moment (a 400-image gallery, 30 overlaid curves, a photograph): the
/// first fixture model and image, a 100-image Fashion-MNIST gallery, no
/// curves.
void Soak::toReferenceState()
{
    settle();
    m_window.openModel(m_fixtures.models.first());
    pump(200);
    settle();
    m_window.openImage(m_fixtures.images.first());
    m_gallery->openFashionMnist(100);
    pump(200);
    settle();
    if (auto* clear = named<QPushButton>(m_curves, "clear"); clear->isEnabled())
        click(clear);
    pump(200);
    settle();
    // Which models the cache keeps for later jobs (at most two, by design)
    // depends on the actions before; without them the states compare.
    m_models.clearIdle();
}

Memory Soak::sample(const char* when, int done, bool settled)
{
    if (settled)
        toReferenceState();
    const Memory memory = readMemory();
    m_peakRssMb = std::max(m_peakRssMb, memory.rssMb);
    int warnings, cross;
    {
        const std::lock_guard lock(g_messages.mutex);
        warnings = g_messages.warnings + g_messages.criticals;
        cross = g_messages.crossThread;
    }
    std::printf("[%6d] %7.1f s  RSS %6.1f MB (anon %6.1f, files %5.1f)  heap in use %6.1f MB  peak %6.1f MB  "
                "Qt warnings %d (cross-thread %d)  dialogs %d  %s\n",
                done, m_clock.nsecsElapsed() / 1e9, memory.rssMb, memory.anonymousMb, memory.fileMb, memory.heapMb,
                memory.peakMb, warnings, cross, m_butler.fileDialogs + m_butler.messageBoxes, when);
    std::fflush(stdout);
    return memory;
}

QStringList Soak::run(int actions, int reportEvery)
{
    m_clock.start();
    const int baselineAt = std::min(kBaselineAction, actions);
    Memory baseline;
    std::uniform_real_distribution<double> roll(0.0, m_totalWeight);
    for (int done = 0; done < actions;) {
        double r = roll(m_rng);
        Action* action = &m_actions.back();
        for (Action& candidate : m_actions)
            if ((r -= candidate.weight) < 0.0) {
                action = &candidate;
                break;
            }
        g_actionIndex = done + 1;
        g_actionName = action->name;
        QElapsedTimer took;
        took.start();
        action->act();
        pump(uniform(0, 15)); // the answers of quick requests, and the repaints
        action->seconds += took.nsecsElapsed() / 1e9;
        ++action->count;
        ++done;
        if (done == baselineAt)
            baseline = sample("after settling: baseline", done, true);
        else if (reportEvery > 0 && done % reportEvery == 0 && done != actions)
            sample("", done, false);
    }
    g_actionName = "final settle";
    const Memory end = sample("after settling: end", actions, true);
    malloc_trim(0);
    const Memory trimmed = readMemory();
    const double wall = m_clock.nsecsElapsed() / 1e9;

    std::printf("\nActions (count, total s, mean ms):\n");
    for (const Action& action : m_actions)
        std::printf("  %-42s %6d %8.1f %8.1f\n", action.name, action.count, action.seconds,
                    action.count ? 1000.0 * action.seconds / action.count : 0.0);
    std::printf("Effects: %d mouse drags moved eps", m_mouseDrags);
    for (const auto& [what, times] : m_effects)
        std::printf(", %d %s", times, what);
    std::printf("\nDialogs answered: %d file dialogs (%d cancelled), %d message boxes; distinct box texts:\n",
                m_butler.fileDialogs, m_butler.fileDialogsCancelled, m_butler.messageBoxes);
    for (const auto& [text, count] : m_butler.boxTexts)
        std::printf("  %5dx %s\n", count, qPrintable(text));
    const double growth = end.rssMb - baseline.rssMb;
    std::printf("\nactions            %d in %.0f s (%.0f per minute)\n", actions, wall, actions * 60.0 / wall);
    std::printf("RSS after %-5d    %.1f MB\nRSS at the end     %.1f MB (%.1f MB after malloc_trim)\n", baselineAt,
                baseline.rssMb, end.rssMb, trimmed.rssMb);
    std::printf("growth             %+.1f MB (goal < %.0f MB): anonymous %+.1f MB, mapped files %+.1f MB\n", growth,
                kGrowthGoalMb, end.anonymousMb - baseline.anonymousMb, end.fileMb - baseline.fileMb);
    std::printf("heap in use        %.1f MB after %d, %.1f MB at the end: %+.1f MB (the rest of RSS is free memory "
                "malloc keeps)\n",
                baseline.heapMb, baselineAt, end.heapMb, end.heapMb - baseline.heapMb);
    std::printf("anonymous RSS by mapping (baseline -> end):\n");
    std::map<std::string, double> kinds = end.anonymousByKindMb;
    for (const auto& [kind, mb] : baseline.anonymousByKindMb)
        kinds.try_emplace(kind, 0.0);
    for (const auto& [kind, mb] : kinds) {
        const auto before = baseline.anonymousByKindMb.find(kind);
        const double was = before == baseline.anonymousByKindMb.end() ? 0.0 : before->second;
        if (was < 0.05 && mb < 0.05)
            continue; // [vdso] and the like
        std::printf("  %-64s %7.1f -> %7.1f MB (%+.1f)\n", kind.c_str(), was, mb, mb - was);
    }
    std::printf("peak RSS           %.1f MB sampled, %.1f MB high-water mark\n", m_peakRssMb, end.peakMb);
    std::printf("settle time-outs   %d (workers busy > %d s)\n", m_settleTimeouts, kSettleTimeoutMs / 1000);
    std::printf("saliency stuck     %d of %d settles found SaliencyController::isWaiting() true > %d s after the "
                "rest went idle (goal 0: a request dropped and never asked again)\n",
                m_saliencyStuck, m_settles, kSaliencyGraceMs / 1000);
    std::fflush(stdout);
    QStringList failures;
    if (growth >= kGrowthGoalMb)
        failures << QStringLiteral("memory grew %1 MB").arg(growth, 0, 'f', 1);
    if (m_saliencyStuck > 0)
        failures << QStringLiteral("saliency stuck %1 times").arg(m_saliencyStuck);
    return failures;
}

} // namespace advlens::bench
