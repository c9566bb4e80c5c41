#include "ui/jobs/classifiercache.h"

#include "ui/workers/modelprecheck.h"

#include "core/model/classifier.h"
#include "core/model/computedevice.h"
#include "core/model/modelloader.h"
#include "core/model/modelmetadata.h"
#include "core/util/error.h"

#include <QFileInfo>

#include <filesystem>
#include <list>
#include <mutex>
#include <utility>

namespace advlens::ui {

struct ClassifierLease::Shelf {
    struct Kept {
        QString key;
        std::unique_ptr<core::Classifier> classifier;
    };

    explicit Shelf(int keep)
        : keepIdle(keep)
    {
    }

    /// Takes the classifier back; returns what no longer fits, to be freed
    /// outside the lock (freeing a large model takes a while).
    std::list<Kept> putBack(QString key, std::unique_ptr<core::Classifier> classifier)
    {
        std::list<Kept> freed;
        const std::lock_guard lock(mutex);
        // One idle copy per model is enough: two are only needed while two jobs run.
        for (auto it = idle.begin(); it != idle.end();) {
            const auto next = std::next(it);
            if (it->key == key)
                freed.splice(freed.end(), idle, it);
            it = next;
        }
        idle.push_front({std::move(key), std::move(classifier)});
        while (static_cast<int>(idle.size()) > keepIdle)
            freed.splice(freed.end(), idle, std::prev(idle.end()));
        return freed;
    }

    mutable std::mutex mutex;
    const int keepIdle;
    int loads = 0;
    std::list<Kept> idle; ///< most recently used first
};

ClassifierLease::ClassifierLease(std::weak_ptr<Shelf> shelf, QString key, QString path,
                                 std::unique_ptr<core::Classifier> classifier)
    : m_shelf(std::move(shelf))
    , m_key(std::move(key))
    , m_path(std::move(path))
    , m_classifier(std::move(classifier))
{
}

ClassifierLease::ClassifierLease(ClassifierLease&& other) noexcept = default;

ClassifierLease& ClassifierLease::operator=(ClassifierLease&& other) noexcept
{
    if (this != &other) {
        release();
        m_shelf = std::move(other.m_shelf);
        m_key = std::move(other.m_key);
        m_path = std::move(other.m_path);
        m_classifier = std::move(other.m_classifier);
    }
    return *this;
}

ClassifierLease::~ClassifierLease()
{
    release();
}

void ClassifierLease::release()
{
    if (!m_classifier)
        return;
    if (const std::shared_ptr<Shelf> shelf = m_shelf.lock())
        shelf->putBack(std::move(m_key), std::move(m_classifier));
    m_classifier.reset(); // the cache is gone: free it here
    m_path.clear();
}

namespace {

/// The GUI's way to open a model: our own zoo's files are trusted; anything
/// else is opened in a child process first.
ClassifierCache::Loader checkedLoader()
{
    struct Checker {
        std::mutex mutex; // ModelPrecheck is not thread-safe
        ModelPrecheck precheck;
    };
    auto checker = std::make_shared<Checker>();
    return [checker](const QString& file, const QString& device) {
        const std::filesystem::path path = std::filesystem::u8path(file.toStdString());
        const bool native = path.extension() == ".json" && core::readModelMetadata(path).kind == core::ModelKind::Native;
        if (!native) {
            const std::lock_guard lock(checker->mutex);
            if (const std::optional<QString> problem = checker->precheck.check(file))
                throw core::Error(problem->toStdString());
        }
        return core::loadClassifier(path, core::resolveDevice(device.toStdString()));
    };
}

/// What tells two loads of a model apart: the file as it is now, and the device.
QString cacheKey(const QString& file, const QString& device)
{
    const QFileInfo info(file);
    return info.absoluteFilePath() + QLatin1Char('\n') + QString::number(info.lastModified().toMSecsSinceEpoch()) +
           QLatin1Char(':') + QString::number(info.size()) + QLatin1Char('\n') +
           QString::fromStdString(core::resolveDevice(device.toStdString()).str());
}

} // namespace

ClassifierCache::ClassifierCache(Loader loader, int keepIdle)
    : m_shelf(std::make_shared<ClassifierLease::Shelf>(keepIdle))
    , m_loader(loader ? std::move(loader) : checkedLoader())
{
}

ClassifierCache::~ClassifierCache() = default;

ClassifierLease ClassifierCache::acquire(const QString& file, const QString& device)
{
    QString key = cacheKey(file, device);
    {
        const std::lock_guard lock(m_shelf->mutex);
        auto& idle = m_shelf->idle;
        for (auto it = idle.begin(); it != idle.end(); ++it) {
            if (it->key == key) {
                std::unique_ptr<core::Classifier> kept = std::move(it->classifier);
                idle.erase(it);
                return {m_shelf, std::move(key), file, std::move(kept)};
            }
        }
    }
    // Loaded without the lock: other workers' jobs go on meanwhile.
    std::unique_ptr<core::Classifier> loaded = m_loader(file, device);
    {
        const std::lock_guard lock(m_shelf->mutex);
        ++m_shelf->loads;
    }
    return {m_shelf, std::move(key), file, std::move(loaded)};
}

int ClassifierCache::loads() const
{
    const std::lock_guard lock(m_shelf->mutex);
    return m_shelf->loads;
}

int ClassifierCache::idle() const
{
    const std::lock_guard lock(m_shelf->mutex);
    return static_cast<int>(m_shelf->idle.size());
}

void ClassifierCache::clearIdle()
{
    std::list<ClassifierLease::Shelf::Kept> freed;
    const std::lock_guard lock(m_shelf->mutex);
    freed.swap(m_shelf->idle);
    // `freed` is destroyed after the lock is released (declared first).
}

} // namespace advlens::ui
