// GUI soak (issue 16, section 7): Qt Test drives the real explorer with
// thousands of seeded random user actions in one process — opening models and
// images (good ones, broken ones, non-ASCII paths) through the file dialogs,
// the zoo menu and drag and drop; dragging ε; switching attack and norm;
// running and cancelling attacks, curves and gallery jobs; saliency; language
// and dark theme — and checks three goals: no crash, no Qt warning about
// cross-thread use, resident memory growth under 50 MB after the first 500
// actions. It prints the figures and exits 1 when a goal is missed.
//
//   QT_QPA_PLATFORM=offscreen bench_guisoak [--seed N] [--actions N] [--report-every N]
//
// Modal dialogs are answered as a person would: a "butler" timer fills in the
// file dialogs (or cancels them) and clicks message boxes away.
#include "controllers/attackcontroller.h"
#include "controllers/saliencycontroller.h"
#include "darkpalette.h"
#include "gallery/galleryattackbar.h"
#include "gallery/gallerysourcebar.h"
#include "gallery/gallerywindow.h"
#include "i18n/languageswitcher.h"
#include "mainwindow.h"
#include "panels/attackpanel.h"
#include "panels/curvepanel.h"
#include "panels/iterationtimeline.h"
#include "panels/saliencypanel.h"
#include "panels/testsetbrowser.h"
#include "workers/runtimeoptions.h"
#include "workers/zoocatalog.h"

#include "data/fashionmnist.h"
#include "model/modelmetadata.h"
#include "model/nativeclassifier.h"
#include "model/zoo/zooarchitectures.h"
#include "util/datapaths.h"

#include <ATen/Context.h>

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDeadlineTimer>
#include <QDir>
#include <QDoubleSpinBox>
#include <QDropEvent>
#include <QElapsedTimer>
#include <QFile>
#include <QFileDialog>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QMessageBox>
#include <QMimeData>
#include <QPainter>
#include <QPushButton>
#include <QSettings>
#include <QSlider>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QStandardPaths>
#include <QStyle>
#include <QTemporaryDir>
#include <QTimer>
#include <QToolButton>
#include <QUrl>
#include <QtTest>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <functional>
#include <malloc.h>
#include <map>
#include <mutex>
#include <random>
#include <unistd.h>

using namespace advlens;
using namespace advlens::ui;
namespace fs = std::filesystem;

namespace {

constexpr int kDefaultActions = 10000;
constexpr int kBaselineAction = 500;     // memory growth is measured from here
constexpr double kGrowthGoalMb = 50.0;   // ... and must stay below this
constexpr int kSettleTimeoutMs = 90000;  // longest wait for the workers to go idle
constexpr int kSaliencyGraceMs = 5000;   // saliency "waiting" longer than this, all else idle: stuck
constexpr int kMaxDistinctMessages = 12; // Qt messages quoted in the report
constexpr int kButlerIntervalMs = 5;     // how often modal dialogs are looked for
/// Texts of Qt warnings that mean an object was used from the wrong thread.
const char* const kCrossThreadMarks[] = {
    "different thread",       "another thread",  "moveToThread",           "QObject::startTimer",
    "QObject::killTimer",     "QSocketNotifier", "Cannot create children", "QBasicTimer",
    "outside the GUI thread", "QThread",         "current thread",         "Timers cannot",
};

// ---- Qt messages, counted from every thread --------------------------------

std::atomic<int> g_actionIndex{0};
std::atomic<const char*> g_actionName{"start-up"};

/// The offscreen platform's notices about window-system features it lacks
/// (raise(), keyboard grabs, size hints) and the missing XDG_RUNTIME_DIR:
/// counted apart, as they say nothing about AdvLens.
bool isPlatformNotice(const QString& text)
{
    return text.startsWith(QLatin1String("This plugin does not support")) ||
           text.startsWith(QLatin1String("QStandardPaths: XDG_RUNTIME_DIR"));
}

struct MessageTally {
    std::mutex mutex;
    int platformNotices = 0;
    int warnings = 0;
    int criticals = 0;
    int crossThread = 0;
    std::vector<std::pair<QString, int>> distinct; ///< text, times seen
};
MessageTally g_messages;

bool isCrossThread(const QString& text)
{
    for (const char* mark : kCrossThreadMarks)
        if (text.contains(QLatin1String(mark), Qt::CaseInsensitive))
            return true;
    return false;
}

void onQtMessage(QtMsgType type, const QMessageLogContext&, const QString& text)
{
    if (type == QtDebugMsg || type == QtInfoMsg)
        return;
    const std::lock_guard lock(g_messages.mutex);
    if (isPlatformNotice(text)) {
        ++g_messages.platformNotices;
        return;
    }
    (type == QtWarningMsg ? g_messages.warnings : g_messages.criticals) += 1;
    if (isCrossThread(text))
        ++g_messages.crossThread;
    for (auto& [seen, count] : g_messages.distinct)
        if (seen == text) {
            ++count;
            return;
        }
    if (g_messages.distinct.size() < kMaxDistinctMessages)
        g_messages.distinct.emplace_back(text, 1);
    // The first time: at once, with the action that caused it (the run may not end).
    std::fprintf(stderr, "  [action %d, %s] Qt %s: %s\n", g_actionIndex.load(), g_actionName.load(),
                 type == QtWarningMsg ? "warning" : "critical/fatal", qPrintable(text));
}

void onFatalSignal(int signal)
{
    char line[256];
    const int length =
        std::snprintf(line, sizeof line, "\nCRASH: signal %d during action %d (%s)\nRESULT: FAIL (crash)\n", signal,
                      g_actionIndex.load(), g_actionName.load());
    if (length > 0 && ::write(STDERR_FILENO, line, std::min<std::size_t>(length, sizeof line)) < 0)
        _exit(3);
    std::signal(signal, SIG_DFL);
    std::raise(signal);
}

// ---- resident memory --------------------------------------------------------

struct Memory {
    double rssMb = 0.0;
    double peakMb = 0.0; ///< VmHWM: the kernel's high-water mark
    /// What the program holds on malloc's heap, all arenas (glibc's mallinfo2):
    /// RSS minus this is free memory malloc keeps, so a leak shows here, not
    /// only in RSS.
    double heapMb = 0.0;
};

Memory readMemory()
{
    Memory memory;
    std::ifstream status("/proc/self/status");
    std::string key;
    while (status >> key) {
        double kb = 0.0;
        if (key == "VmRSS:" && status >> kb)
            memory.rssMb = kb / 1024.0;
        else if (key == "VmHWM:" && status >> kb)
            memory.peakMb = kb / 1024.0;
        status.ignore(1 << 12, '\n');
    }
    const struct mallinfo2 heap = mallinfo2();
    memory.heapMb = static_cast<double>(heap.uordblks + heap.hblkhd) / (1024.0 * 1024.0);
    return memory;
}

// ---- files to open: good, broken, and under non-ASCII names -----------------

struct Fixtures {
    QStringList models;       ///< open fine
    QStringList brokenModels; ///< each should fail with a message
    QStringList images;
    QStringList brokenImages;
    QStringList galleryFolders; ///< class sub-folders (with an unreadable file), and one without any
    QString exportFolder;
};

fs::path u8(const QString& path)
{
    return fs::u8path(path.toStdString());
}

void writeFile(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
        qFatal("bench_guisoak: cannot write %s", qPrintable(path));
}

QByteArray readFile(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

/// A small picture with some structure: a random rectangle and ellipse on noise.
QImage drawing(std::mt19937_64& rng, QSize size, QImage::Format format)
{
    QImage image(size, QImage::Format_RGB32);
    std::uniform_int_distribution<int> byte(0, 255);
    for (int y = 0; y < size.height(); ++y)
        for (int x = 0; x < size.width(); ++x)
            image.setPixel(x, y, qRgb(byte(rng) / 4, byte(rng) / 4, byte(rng) / 4));
    QPainter painter(&image);
    painter.setBrush(QColor(byte(rng), byte(rng), byte(rng)));
    painter.drawRect(size.width() / 4, size.height() / 5, size.width() / 2, size.height() / 2);
    painter.setBrush(QColor(byte(rng), byte(rng), byte(rng)));
    painter.drawEllipse(QPoint(size.width() / 2, size.height() / 2), size.width() / 5, size.height() / 4);
    painter.end();
    return image.convertToFormat(format);
}

void writeNativeModel(const QString& folder, const std::string& name, const std::string& architecture,
                      core::InputSpec input, std::vector<std::string> classNames)
{
    core::ModelMetadata meta;
    meta.name = name;
    meta.kind = core::ModelKind::Native;
    meta.architecture = architecture;
    meta.weights = name + ".pt";
    meta.input = input;
    meta.mean.assign(static_cast<std::size_t>(input.channels), 0.5F);
    meta.std.assign(static_cast<std::size_t>(input.channels), 0.25F);
    meta.classNames = std::move(classNames);
    const auto classes = static_cast<std::int64_t>(meta.classNames.size());
    core::NativeClassifier classifier(meta, core::makeZooNet(architecture, input, classes));
    classifier.save(u8(QDir(folder).filePath(QString::fromStdString(name) + QStringLiteral(".json"))));
}

Fixtures makeFixtures(const QString& root, const QString& defaultModel, std::uint64_t seed)
{
    std::mt19937_64 rng(seed);
    at::manual_seed(seed);
    Fixtures fx;
    const QString models = root + QStringLiteral("/модели ü 模型");
    const QString images = root + QStringLiteral("/картинки ü 图像");
    fx.exportFolder = root + QStringLiteral("/export é");
    for (const QString& folder : {models, images, fx.exportFolder})
        QDir().mkpath(folder);

    // Models: the zoo's (the caller adds them), a copy of the default model
    // under a non-ASCII name, an untrained MLP (no Grad-CAM layer) and an
    // untrained RGB LeNet (not Fashion-MNIST: the test set and gallery refuse it).
    core::ModelMetadata lenet = core::readModelMetadata(u8(defaultModel));
    const QByteArray weights = readFile(QString::fromStdString(lenet.weights.u8string()));
    const auto copyOf = [&](const std::string& name, const QByteArray& bytes) {
        core::ModelMetadata meta = lenet;
        meta.name = name;
        meta.weights = name + ".pt";
        writeFile(QDir(models).filePath(QString::fromStdString(name) + QStringLiteral(".pt")), bytes);
        const QString json = QDir(models).filePath(QString::fromStdString(name) + QStringLiteral(".json"));
        core::writeModelMetadata(meta, u8(json));
        return json;
    };
    fx.models << copyOf("lenet-копия", weights);
    writeNativeModel(models, "mlp-untrained", "mlp", {1, 28, 28}, core::fashionMnistClassNames());
    fx.models << QDir(models).filePath(QStringLiteral("mlp-untrained.json"));
    try {
        writeNativeModel(models, "lenet-rgb", "lenet", {3, 32, 32},
                         {"airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"});
        fx.models << QDir(models).filePath(QStringLiteral("lenet-rgb.json"));
    } catch (const std::exception& e) {
        std::printf("note: no RGB model (%s)\n", e.what());
    }

    // Broken models: truncated weights, weights of another architecture,
    // missing weights, JSON that is not JSON, an empty file, no file at all.
    fx.brokenModels << copyOf("lenet-обрезан", weights.left(weights.size() / 2));
    fx.brokenModels << copyOf("lenet-с-весами-mlp",
                              readFile(QDir(models).filePath(QStringLiteral("mlp-untrained.pt"))));
    {
        core::ModelMetadata meta = lenet;
        meta.name = "no-weights";
        meta.weights = "absent ü.pt";
        core::writeModelMetadata(meta, u8(QDir(models).filePath(QStringLiteral("нет весов.json"))));
        fx.brokenModels << QDir(models).filePath(QStringLiteral("нет весов.json"));
    }
    writeFile(QDir(models).filePath(QStringLiteral("сломан.json")), "{ \"name\": \"broken\", \"input\": [1, 28");
    writeFile(QDir(models).filePath(QStringLiteral("пусто.json")), QByteArray());
    fx.brokenModels << QDir(models).filePath(QStringLiteral("сломан.json"))
                    << QDir(models).filePath(QStringLiteral("пусто.json"))
                    << QDir(models).filePath(QStringLiteral("исчез.json")); // never written

    // Images: grey 28×28 pictures, a 16-bit one, colour ones of other sizes, the photos.
    for (int i = 0; i < 6; ++i) {
        const QString path = QDir(images).filePath(QStringLiteral("серый %1 ü.png").arg(i));
        drawing(rng, {28, 28}, QImage::Format_Grayscale8).save(path);
        fx.images << path;
    }
    drawing(rng, {28, 28}, QImage::Format_Grayscale16).save(QDir(images).filePath(QStringLiteral("16-бит.png")));
    drawing(rng, {97, 61}, QImage::Format_RGB32).save(QDir(images).filePath(QStringLiteral("цвет 图.jpg")));
    drawing(rng, {320, 240}, QImage::Format_RGB32).save(QDir(images).filePath(QStringLiteral("большой.bmp")));
    drawing(rng, {1, 1}, QImage::Format_Grayscale8).save(QDir(images).filePath(QStringLiteral("точка.png")));
    fx.images << QDir(images).filePath(QStringLiteral("16-бит.png"))
              << QDir(images).filePath(QStringLiteral("цвет 图.jpg"))
              << QDir(images).filePath(QStringLiteral("большой.bmp"))
              << QDir(images).filePath(QStringLiteral("точка.png"));
    for (const QString& photo : QDir(QStringLiteral(ADVLENS_PHOTOS)).entryList({"*.png", "*.jpg"}, QDir::Files)) {
        const QString copy = QDir(images).filePath(QStringLiteral("фото ") + photo);
        QFile::copy(QDir(QStringLiteral(ADVLENS_PHOTOS)).filePath(photo), copy);
        fx.images << copy;
    }

    // Broken images: not an image, a truncated PNG, an empty JPEG, a BMP
    // header with nothing behind it, a folder named like an image, no file.
    const QByteArray png = readFile(fx.images.first());
    writeFile(QDir(images).filePath(QStringLiteral("не картинка.png")), "this is not a PNG file");
    writeFile(QDir(images).filePath(QStringLiteral("обрезано.png")), png.left(png.size() / 2));
    writeFile(QDir(images).filePath(QStringLiteral("пусто.jpg")), QByteArray());
    writeFile(QDir(images).filePath(QStringLiteral("заголовок.bmp")), QByteArray("BM\xff\xff\xff\x7f", 6));
    QDir().mkpath(QDir(images).filePath(QStringLiteral("папка.png")));
    for (const char* name :
         {"не картинка.png", "обрезано.png", "пусто.jpg", "заголовок.bmp", "папка.png", "исчезла.png"})
        fx.brokenImages << QDir(images).filePath(QString::fromUtf8(name));

    // Gallery folders: three Fashion-MNIST classes (one by index) with a broken
    // file, and a folder whose sub-folders are no class at all.
    const QString gallery = root + QStringLiteral("/галерея ü");
    for (const char* cls : {"Coat", "Shirt", "7"}) {
        const QString folder = gallery + QLatin1Char('/') + QLatin1String(cls);
        QDir().mkpath(folder);
        for (int i = 0; i < 8; ++i)
            drawing(rng, {28, 28}, QImage::Format_Grayscale8).save(QStringLiteral("%1/%2 ü.png").arg(folder).arg(i));
    }
    writeFile(gallery + QStringLiteral("/Coat/сломано.png"), "broken");
    const QString strange = root + QStringLiteral("/странная папка/пингвины");
    QDir().mkpath(strange);
    fx.galleryFolders << gallery << QFileInfo(strange).absolutePath();
    return fx;
}

// ---- modal dialogs, answered like a person would ------------------------------

class DialogButler {
public:
    DialogButler()
    {
        m_timer.setInterval(kButlerIntervalMs);
        QObject::connect(&m_timer, &QTimer::timeout, [this] { tick(); });
        m_timer.start();
    }
    /// The next file dialog gets `path` (empty: it is cancelled).
    void answerNext(const QString& path) { m_answer = path; }

    int fileDialogs = 0;
    int fileDialogsCancelled = 0;
    int messageBoxes = 0;
    std::vector<std::pair<QString, int>> boxTexts; ///< distinct message-box texts (first few)

private:
    void tick()
    {
        QWidget* modal = QApplication::activeModalWidget();
        if (!modal || !modal->isVisible())
            return;
        if (auto* dialog = qobject_cast<QFileDialog*>(modal)) {
            ++fileDialogs;
            if (m_answer.isEmpty()) {
                ++fileDialogsCancelled;
                dialog->reject();
                return;
            }
            dialog->selectFile(m_answer);
            m_answer.clear();
            // QFileDialog::accept() (protected, reached through QDialog) checks the
            // file: a missing one gets a box first, and the dialog is cancelled next tick.
            static_cast<QDialog*>(dialog)->accept();
        } else if (auto* box = qobject_cast<QMessageBox*>(modal)) {
            ++messageBoxes;
            const QString text = box->text().section(QLatin1Char('\n'), 0, 0).left(110);
            auto seen = std::find_if(boxTexts.begin(), boxTexts.end(), [&](const auto& e) { return e.first == text; });
            if (seen != boxTexts.end())
                ++seen->second;
            else if (boxTexts.size() < 10)
                boxTexts.emplace_back(text, 1);
            QAbstractButton* button = box->escapeButton() ? box->escapeButton() : box->defaultButton();
            if (!button && !box->buttons().isEmpty())
                button = box->buttons().first();
            if (button)
                QTest::mouseClick(button, Qt::LeftButton);
            else
                box->reject();
        } else {
            modal->close();
        }
    }

    QTimer m_timer;
    QString m_answer;
};

// ---- the soak ----------------------------------------------------------------

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

class Soak {
public:
    Soak(MainWindow& window, const Fixtures& fixtures, std::uint64_t seed);
    int run(int actions, int reportEvery);

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
    static void click(QAbstractButton* button)
    {
        const bool box = qobject_cast<QCheckBox*>(button);
        const QPoint at =
            box ? QPoint(std::min(8, button->width() / 2), button->height() / 2) : button->rect().center();
        QTest::mouseClick(button, Qt::LeftButton, Qt::NoModifier, at);
    }
    void typeInto(QAbstractSpinBox* box, const QString& text);
    void pickEnabled(QComboBox* combo);
    void dragSlider(QSlider* slider, int to, int moves);
    void dropFile(const QString& path);
    void fromMenu(QMenu* menu, const std::function<bool(QAction*)>& usable);
    Memory sample(const char* when, int done, bool settled);

    MainWindow& m_window;
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

    AttackPanel* m_attackPanel;
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
    IterationTimeline* m_timeline;
    TestSetBrowser* m_browser;
    SaliencyPanel* m_saliencyPanel;
    QCheckBox* m_saliencyShown;
    QComboBox* m_saliencyMethod;
    CurvePanel* m_curves;
    GalleryWindow* m_gallery;
    QList<QAction*> m_languageActions;
    QMap<QString, QAction*> m_shortcuts; ///< the window's actions by shortcut text
};

Soak::Soak(MainWindow& window, const Fixtures& fixtures, std::uint64_t seed)
    : m_window(window)
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

Memory Soak::sample(const char* when, int done, bool settled)
{
    if (settled)
        settle();
    const Memory memory = readMemory();
    m_peakRssMb = std::max(m_peakRssMb, memory.rssMb);
    int warnings, cross;
    {
        const std::lock_guard lock(g_messages.mutex);
        warnings = g_messages.warnings + g_messages.criticals;
        cross = g_messages.crossThread;
    }
    std::printf("[%6d] %7.1f s  RSS %6.1f MB  heap in use %6.1f MB  peak %6.1f MB  Qt warnings %d (cross-thread %d)  "
                "dialogs %d  %s\n",
                done, m_clock.nsecsElapsed() / 1e9, memory.rssMb, memory.heapMb, memory.peakMb, warnings, cross,
                m_butler.fileDialogs + m_butler.messageBoxes, when);
    std::fflush(stdout);
    return memory;
}

int Soak::run(int actions, int reportEvery)
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
    std::printf("growth             %+.1f MB (goal < %.0f MB)\n", growth, kGrowthGoalMb);
    std::printf("heap in use        %.1f MB after %d, %.1f MB at the end: %+.1f MB (the rest of RSS is free memory "
                "malloc keeps)\n",
                baseline.heapMb, baselineAt, end.heapMb, end.heapMb - baseline.heapMb);
    std::printf("peak RSS           %.1f MB sampled, %.1f MB high-water mark\n", m_peakRssMb, end.peakMb);
    std::printf("settle time-outs   %d (workers busy > %d s)\n", m_settleTimeouts, kSettleTimeoutMs / 1000);
    std::printf("saliency stuck     %d of %d settles found SaliencyController::isWaiting() true > %d s after the "
                "rest went idle (known bug, see the report)\n",
                m_saliencyStuck, m_settles, kSaliencyGraceMs / 1000);
    std::fflush(stdout);
    return growth < kGrowthGoalMb ? 0 : 1;
}

} // namespace

int main(int argc, char* argv[])
{
    qInstallMessageHandler(onQtMessage);
    for (int signal : {SIGSEGV, SIGABRT, SIGBUS, SIGFPE, SIGILL})
        std::signal(signal, onFatalSignal);
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("AdvLensBench"));
    QApplication::setApplicationName(QStringLiteral("bench_guisoak"));
    QStandardPaths::setTestModeEnabled(true); // settings and cache away from the user's
    QSettings().clear();

    std::uint64_t seed = std::random_device{}();
    int actions = kDefaultActions;
    int reportEvery = 500;
    for (int i = 1; i < argc; ++i) {
        const auto value = [&] { return i + 1 < argc ? argv[++i] : "0"; };
        if (!std::strcmp(argv[i], "--seed"))
            seed = std::strtoull(value(), nullptr, 10);
        else if (!std::strcmp(argv[i], "--actions"))
            actions = std::max(1, std::atoi(value()));
        else if (!std::strcmp(argv[i], "--report-every"))
            reportEvery = std::max(0, std::atoi(value()));
        else {
            std::fprintf(stderr, "usage: bench_guisoak [--seed N] [--actions N] [--report-every N]\n");
            return 2;
        }
    }
    const fs::path defaultModel = core::findDefaultModel();
    if (defaultModel.empty()) {
        std::fputs("bench_guisoak: no default model (run ./setup.sh)\n", stderr);
        return 2;
    }
    QTemporaryDir temp(QDir::tempPath() + QStringLiteral("/soak ü 试验-XXXXXX"));
    Fixtures fixtures = makeFixtures(temp.path(), QString::fromStdString(defaultModel.u8string()), seed);
    for (const ZooEntry& entry : zooCatalog())
        fixtures.models << entry.path;

    const RuntimeOptions options{0, QStringLiteral("cpu")};
    std::printf("bench_guisoak: seed %llu, %d actions, Qt %s, platform %s, %d worker threads, %d cores\n",
                static_cast<unsigned long long>(seed), actions, qVersion(), qPrintable(QApplication::platformName()),
                options.workerThreads(), QThread::idealThreadCount());
    std::printf("fixtures in %s: %lld models, %lld broken models, %lld images, %lld broken images\n\n",
                qPrintable(temp.path()), static_cast<long long>(fixtures.models.size()),
                static_cast<long long>(fixtures.brokenModels.size()), static_cast<long long>(fixtures.images.size()),
                static_cast<long long>(fixtures.brokenImages.size()));
    std::fflush(stdout);

    int growthFailed = 0;
    {
        LanguageSwitcher languages;
        languages.apply(QStringLiteral("en"));
        MainWindow window(options, &languages);
        window.resize(1440, 900);
        window.show();
        window.activateWindow();
        window.openModel(QString()); // the default model
        QDeadlineTimer deadline(120000);
        while (!window.attacks()->outcome() && !deadline.hasExpired())
            QCoreApplication::processEvents(QEventLoop::AllEvents | QEventLoop::WaitForMoreEvents, 10);
        if (!window.attacks()->outcome()) {
            std::fputs("bench_guisoak: the default model gave no first attack in 2 minutes\n", stderr);
            return 2;
        }
        Soak soak(window, fixtures, seed);
        growthFailed = soak.run(actions, reportEvery);
        g_actionName = "closing the window";
        window.close();
    } // every worker thread stops here: a crash or warning on the way out counts too
    const std::lock_guard lock(g_messages.mutex);
    std::printf("\nQt warnings        %d (critical %d), cross-thread %d, besides %d offscreen-platform notices; "
                "distinct messages:\n",
                g_messages.warnings, g_messages.criticals, g_messages.crossThread, g_messages.platformNotices);
    for (const auto& [text, count] : g_messages.distinct)
        std::printf("  %5dx %s\n", count, qPrintable(text.left(200)));
    const bool pass = !growthFailed && g_messages.crossThread == 0;
    std::printf("\nRESULT: %s (memory growth %s, cross-thread warnings %d, no crash, clean shutdown)\n",
                pass ? "PASS" : "FAIL", growthFailed ? "over the goal" : "within the goal", g_messages.crossThread);
    return pass ? 0 : 1;
}
