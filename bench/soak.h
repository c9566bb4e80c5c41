// The GUI soak itself: a catalogue of weighted random user actions on the
// real window (soakactions.cpp), run one after another from a seed, with
// memory samples along the way and a report at the end.
#pragma once

#include "bench/dialogbutler.h"
#include "bench/soakfixtures.h"
#include "bench/soakprobes.h"

#include <QElapsedTimer>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>
#include <QWidget>

#include <cstdint>
#include <functional>
#include <map>
#include <random>
#include <vector>

class QAbstractButton;
class QAbstractSpinBox;
class QAction;
class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QMenu;
class QPushButton;
class QSlider;
class QSpinBox;

namespace advlens::ui {
class AttackPanel;
class ClassifierCache;
class CurvePanel;
class GalleryWindow;
class IterationTimeline;
class MainWindow;
class SaliencyPanel;
class TestSetBrowser;
} // namespace advlens::ui

namespace advlens::bench {

constexpr int kSettleTimeoutMs = 90000; // longest wait for the workers to go idle

template <typename T> T* need(T* widget, const char* what)
{
    if (!widget)
        qFatal("bench_guisoak: no %s in the window", what);
    return widget;
}

template <typename T> T* named(const QWidget* parent, const char* name)
{
    return need(parent->findChild<T*>(QLatin1String(name)), name);
}

class Soak {
public:
    /// Finds the widgets it drives in `window` (a fatal error when one is
    /// missing); `fixtures` must outlive the soak.
    /// `models`: the window's shared model cache, emptied of idle models in
    /// the reference state.
    Soak(ui::MainWindow& window, ui::ClassifierCache& models, const Fixtures& fixtures, std::uint64_t seed);
    /// Runs `actions` random actions, prints a memory line every `reportEvery`
    /// (0: none) and the report; returns what failed (memory grew past the
    /// goal, saliency left waiting for a dropped request), empty when nothing.
    QStringList run(int actions, int reportEvery);

private:
    struct Action {
        const char* name;
        double weight;
        std::function<void()> act;
        int count = 0;
        double seconds = 0.0;
    };
    void addActions();
    template <typename T> const T& pick(const QList<T>& list) { return list.at(uniform(0, int(list.size()) - 1)); }
    int uniform(int from, int to) { return std::uniform_int_distribution<int>(from, to)(m_rng); }
    bool chance(double p) { return std::bernoulli_distribution(p)(m_rng); }

    bool idle() const;
    /// Lets events (and so the workers' answers) in for `ms`.
    static void pump(int ms);
    /// Waits until the workers are idle; false (counted) when they were not in time.
    bool settle(int timeoutMs = kSettleTimeoutMs);
    /// A click where a person would click: a check box on its box, a button in its middle.
    static void click(QAbstractButton* button);
    void typeInto(QAbstractSpinBox* box, const QString& text);
    void pickEnabled(QComboBox* combo);
    void dragSlider(QSlider* slider, int to, int moves);
    void dropFile(const QString& path);
    void fromMenu(QMenu* menu, const std::function<bool(QAction*)>& usable);
    Memory sample(const char* when, int done, bool settled);
    void toReferenceState();

    ui::MainWindow& m_window;
    ui::ClassifierCache& m_models;
    const Fixtures& m_fixtures;
    std::mt19937_64 m_rng;
    DialogButler m_butler;
    QElapsedTimer m_clock;
    std::vector<Action> m_actions;
    double m_totalWeight = 0.0;
    int m_settleTimeouts = 0;
    int m_settles = 0;
    int m_saliencyStuck = 0; ///< settles that found SaliencyController waiting for a dropped request
    int m_exports = 0;
    std::map<const char*, int> m_effects; ///< what the actions caused, counted from the window's signals
    int m_mouseDrags = 0;                 ///< mouse drags on the ε slider that moved it
    bool m_dark = false;
    double m_peakRssMb = 0.0;

    ui::AttackPanel* m_attackPanel;
    QComboBox* m_attack;
    QComboBox* m_norm;
    QSlider* m_epsilon;
    QDoubleSpinBox* m_epsilonBox;
    QSpinBox* m_steps;
    QPushButton* m_attackRun = nullptr;
    QPushButton* m_attackCancel = nullptr;
    QCheckBox* m_targeted = nullptr;
    QCheckBox* m_live = nullptr;
    QComboBox* m_target;
    ui::IterationTimeline* m_timeline;
    ui::TestSetBrowser* m_browser;
    ui::SaliencyPanel* m_saliencyPanel;
    QCheckBox* m_saliencyShown;
    QComboBox* m_saliencyMethod;
    ui::CurvePanel* m_curves;
    ui::GalleryWindow* m_gallery;
    QList<QAction*> m_languageActions;
    QMap<QString, QAction*> m_shortcuts; ///< the window's actions by shortcut text
};

} // namespace advlens::bench
