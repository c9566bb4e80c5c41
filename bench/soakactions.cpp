// The soak's catalogue: what a person might do in the window, each with a
// weight (how often it is picked) and the way to do it.
#include "bench/soak.h"

#include "tests/ui/darkpalette.h"
#include "ui/gallery/galleryattackbar.h"
#include "ui/gallery/gallerysourcebar.h"
#include "ui/gallery/gallerywindow.h"
#include "ui/mainwindow.h"
#include "ui/panels/curvepanel.h"
#include "ui/panels/iterationtimeline.h"
#include "ui/panels/testsetbrowser.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileInfo>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QPushButton>
#include <QSlider>
#include <QSpinBox>
#include <QStyle>
#include <QTabWidget>
#include <QToolButton>
#include <QtTest>

using namespace advlens::ui;

namespace advlens::bench {

void Soak::addActions()
{
    const auto anyModel = [this](bool allowMissing) {
        QStringList all = m_fixtures.models;
        for (const QString& path : m_fixtures.brokenModels)
            if (allowMissing || QFileInfo::exists(path))
                all << path;
        return pick(all);
    };
    const auto anyImage = [this](bool allowMissing) {
        QStringList all = m_fixtures.images;
        for (const QString& path : m_fixtures.brokenImages)
            if (allowMissing || QFileInfo(path).isFile())
                all << path;
        return pick(all);
    };
    const auto shortcut = [this](const char* key) { return m_shortcuts.value(QLatin1String(key)); };

    m_actions = {
        {"open model: File > Open model (dialog)", 3,
         [=] {
             m_butler.answerNext(chance(0.1) ? QString() : anyModel(false));
             shortcut("Ctrl+O")->trigger();
         }},
        {"open model: zoo menu", 3, [=] { fromMenu(m_window.zooMenu(), [](QAction*) { return true; }); }},
        {"open model: drop a file", 2, [=] { dropFile(anyModel(true)); }},
        {"open image: File > Open image (dialog)", 4,
         [=] {
             m_butler.answerNext(chance(0.1) ? QString() : anyImage(false));
             shortcut("Ctrl+I")->trigger();
         }},
        {"open image: drop a file", 3, [=] { dropFile(anyImage(true)); }},
        {"open image: recent or sample photo", 2,
         [=] {
             QMenu* file = qobject_cast<QMenu*>(m_window.zooMenu()->parent());
             QList<QMenu*> menus;
             for (QMenu* menu : file->findChildren<QMenu*>(Qt::FindDirectChildrenOnly))
                 if (menu != m_window.zooMenu())
                     menus << menu; // recent images, sample photos
             fromMenu(pick(menus), [](QAction* action) { return !action->toolTip().isEmpty(); });
         }},
        {"browse the test set", 6,
         [=] {
             if (!m_browser->isEnabled())
                 return;
             if (chance(0.3))
                 typeInto(m_browser->findChild<QSpinBox*>(), QString::number(uniform(0, 9999)));
             else
                 pick(m_browser->navigationActions())->trigger();
         }},
        {"drag eps (mouse)", 5,
         [=] {
             const int before = m_epsilon->value();
             dragSlider(m_epsilon, uniform(0, m_epsilon->maximum()), uniform(2, 10));
             m_mouseDrags += m_epsilon->value() != before;
         }},
        {"drag eps (slider position)", 4,
         [=] {
             m_epsilon->setSliderDown(true);
             for (int i = uniform(2, 10); i > 0; --i) {
                 m_epsilon->setSliderPosition(uniform(0, m_epsilon->maximum()));
                 pump(uniform(1, 15));
             }
             m_epsilon->setSliderDown(false);
         }},
        {"nudge eps (keys, page step)", 3,
         [=] {
             if (chance(0.5))
                 QTest::keyClick(m_epsilon, chance(0.5) ? Qt::Key_Up : Qt::Key_Down);
             else
                 m_epsilon->triggerAction(chance(0.5) ? QSlider::SliderPageStepAdd : QSlider::SliderPageStepSub);
         }},
        {"type eps", 2,
         [=] {
             if (m_epsilonBox->isEnabled())
                 typeInto(m_epsilonBox, QString::number(uniform(0, 300) / 1000.0));
         }},
        {"switch attack", 6, [=] { pickEnabled(m_attack); }},
        {"switch norm", 4, [=] { pickEnabled(m_norm); }},
        {"attack steps", 2,
         [=] {
             if (m_steps->isEnabled())
                 typeInto(m_steps, QString::number(uniform(1, 40)));
         }},
        {"targeted / target class", 2,
         [=] {
             if (chance(0.5))
                 click(m_targeted);
             else
                 pickEnabled(m_target);
         }},
        {"live on/off", 1,
         [=] {
             if (!m_live->isChecked() || chance(0.3))
                 click(m_live);
         }},
        {"attack: run", 3, [=] { chance(0.5) ? click(m_attackRun) : shortcut("Ctrl+Return")->trigger(); }},
        {"attack: run and cancel at once", 3,
         [=] {
             click(m_attackRun);
             pump(uniform(0, 30));
             chance(0.5) ? click(m_attackCancel) : shortcut("Esc")->trigger();
         }},
        {"iteration timeline", 2,
         [=] {
             if (m_timeline->isVisible() && m_timeline->slider()->maximum() > 0)
                 m_timeline->slider()->setValue(uniform(0, m_timeline->slider()->maximum()));
         }},
        {"curve: settings", 3,
         [=] {
             const char* names[] = {"attack", "norm", "axis"};
             pickEnabled(named<QComboBox>(m_curves, names[uniform(0, 2)]));
         }},
        {"curve: run to the end", 2,
         [=] {
             typeInto(named<QSpinBox>(m_curves, "images"), QString::number(uniform(4, 24)));
             typeInto(named<QSpinBox>(m_curves, "epsilonCount"), QString::number(uniform(2, 4)));
             typeInto(named<QSpinBox>(m_curves, "stepsPerAttack"), QString::number(uniform(1, 5)));
             named<QLineEdit>(m_curves, "steps")->setText(QStringLiteral("1,2,4"));
             click(named<QPushButton>(m_curves, "run"));
             settle();
         }},
        {"curve: run and cancel at once", 3,
         [=] {
             typeInto(named<QSpinBox>(m_curves, "images"), QString::number(uniform(16, 512)));
             click(named<QPushButton>(m_curves, "run"));
             pump(uniform(0, 50));
             click(named<QPushButton>(m_curves, "cancel"));
         }},
        {"curve: clear", 1, [=] { click(named<QPushButton>(m_curves, "clear")); }},
        {"curve: data folder", 0.5,
         [=] {
             if (chance(0.5)) {
                 pickEnabled(named<QComboBox>(m_curves, "curveData"));
                 return;
             }
             m_butler.answerNext(chance(0.2) ? QString() : pick(m_fixtures.galleryFolders));
             click(named<QToolButton>(m_curves, "curveDataBrowse"));
         }},
        {"curve: export", 0.5,
         [=] {
             const char* suffixes[] = {".png", ".csv", ".pdf"};
             m_butler.answerNext(QStringLiteral("%1/кривые-%2%3")
                                     .arg(m_fixtures.exportFolder)
                                     .arg(++m_exports)
                                     .arg(QLatin1String(suffixes[uniform(0, 2)])));
             click(named<QPushButton>(m_curves, "export"));
         }},
        {"saliency on/off", 3, [=] { click(m_saliencyShown); }},
        {"saliency method", 3, [=] { pickEnabled(m_saliencyMethod); }},
        {"gallery: show (View > Gallery)", 1, [=] { shortcut("Ctrl+G")->trigger(); }},
        {"gallery: Fashion-MNIST", 2,
         [=] {
             GallerySourceBar* bar = m_gallery->sourceBar();
             auto* open = named<QPushButton>(bar, "openFashionMnist");
             if (!open->isEnabled())
                 return;
             typeInto(need(bar->findChild<QSpinBox*>(), "gallery image count"), QString::number(uniform(10, 400)));
             click(open);
             chance(0.5) ? (void)settle() : click(bar->cancelButton());
         }},
        {"gallery: open folder (dialog)", 1.5,
         [=] {
             m_butler.answerNext(chance(0.1) ? QString() : pick(m_fixtures.galleryFolders));
             click(named<QPushButton>(m_gallery->sourceBar(), "openFolder"));
             if (chance(0.5))
                 settle();
         }},
        {"gallery: attack", 1.5,
         [=] {
             GalleryAttackBar* bar = m_gallery->attackBar();
             pickEnabled(named<QComboBox>(bar, "galleryAttack"));
             if (QSpinBox* steps = bar->findChild<QSpinBox*>(); steps && steps->isEnabled())
                 typeInto(steps, QString::number(uniform(1, 10)));
             click(bar->runButton());
             chance(0.5) ? (void)settle() : click(m_gallery->sourceBar()->cancelButton());
         }},
        {"gallery: open an image in the explorer", 1,
         [=] {
             QListView* grid = m_gallery->grid();
             if (!m_gallery->isVisible() || grid->model()->rowCount() == 0)
                 return;
             m_gallery->views()->setCurrentWidget(grid);
             const QModelIndex index = grid->model()->index(uniform(0, grid->model()->rowCount() - 1), 0);
             grid->scrollTo(index);
             pump(5);
             const QPoint centre = grid->visualRect(index).center();
             if (!grid->viewport()->rect().contains(centre))
                 return;
             QTest::mouseClick(grid->viewport(), Qt::LeftButton, Qt::NoModifier, centre);
             QTest::mouseDClick(grid->viewport(), Qt::LeftButton, Qt::NoModifier, centre);
         }},
        {"gallery: unreadable list / CSV", 0.5,
         [=] {
             auto* unreadable = named<QToolButton>(m_gallery->sourceBar(), "unreadable");
             if (unreadable->isVisible() && chance(0.5)) {
                 click(unreadable);
                 return;
             }
             m_butler.answerNext(QStringLiteral("%1/галерея-%2.csv").arg(m_fixtures.exportFolder).arg(++m_exports));
             click(named<QPushButton>(m_gallery, "exportCsv"));
         }},
        {"gallery: close", 1, [=] { m_gallery->close(); }},
        {"export result (dialog)", 0.5,
         [=] {
             m_butler.answerNext(QStringLiteral("%1/результат-%2").arg(m_fixtures.exportFolder).arg(++m_exports));
             if (shortcut("Ctrl+E")->isEnabled())
                 shortcut("Ctrl+E")->trigger();
             else
                 m_butler.answerNext(QString());
         }},
        {"language", 2, [=] { pick(m_languageActions)->trigger(); }},
        {"dark theme on/off", 2,
         [=] {
             m_dark = !m_dark;
             QApplication::setPalette(m_dark ? test::darkPalette() : QApplication::style()->standardPalette());
         }},
        {"let everything finish", 2, [=] { settle(); }},
        {"pause", 3, [=] { pump(uniform(20, 300)); }},
    };
    for (const Action& action : m_actions)
        m_totalWeight += action.weight;
}

} // namespace advlens::bench
