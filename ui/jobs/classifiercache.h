#pragma once

#include <QString>

#include <functional>
#include <memory>

namespace advlens::core {
class Classifier;
}

namespace advlens::ui {

class ClassifierCache;

/// One worker's use of a cached classifier: no other worker gets it until the
/// lease ends (a classifier is not thread-safe), then it goes back to the
/// cache for the next job that asks for the same model.
class ClassifierLease {
public:
    ClassifierLease() = default;
    ClassifierLease(ClassifierLease&& other) noexcept;
    ClassifierLease& operator=(ClassifierLease&& other) noexcept;
    ~ClassifierLease();

    explicit operator bool() const { return m_classifier != nullptr; }
    core::Classifier& operator*() const { return *m_classifier; }
    core::Classifier* operator->() const { return m_classifier.get(); }
    core::Classifier* get() const { return m_classifier.get(); }
    /// The model file it was loaded from, as asked for.
    const QString& path() const { return m_path; }
    /// Hands the classifier back now (the lease is empty afterwards).
    void release();

private:
    friend class ClassifierCache;
    struct Shelf;
    ClassifierLease(std::weak_ptr<Shelf> shelf, QString key, QString path, std::unique_ptr<core::Classifier> classifier);

    std::weak_ptr<Shelf> m_shelf;
    QString m_key;
    QString m_path;
    std::unique_ptr<core::Classifier> m_classifier;
};

/// The loaded models of the GUI's workers, shared by all of them (the
/// explorer, the curve panel and the gallery get it through RuntimeOptions):
/// every model is opened by one function (a TorchScript file first in a
/// child process, ModelPrecheck), and a model a job has finished with is kept
/// for the next job that asks for it: the curve panel and the gallery take
/// turns with one copy, and a model the explorer switches back to is still
/// there. Two jobs that run at the same time on the same model each get their
/// own copy (a classifier is not thread-safe), so a curve on the explorer's
/// open model runs on a second one; at most `keepIdle` models no job holds are kept, the most
/// recently used, one per model. A model file that changed on disk since it
/// was loaded is loaded again.
///
/// Thread-safe.
class ClassifierCache {
public:
    /// Opens the model at `file` (metadata JSON or model file) on `device`;
    /// throws core::Error with a one-line reason.
    using Loader = std::function<std::unique_ptr<core::Classifier>(const QString& file, const QString& device)>;

    static constexpr int kKeepIdle = 2;

    /// `loader`: empty for the GUI's (ModelPrecheck, then core::loadClassifier).
    explicit ClassifierCache(Loader loader = {}, int keepIdle = kKeepIdle);
    ~ClassifierCache();
    ClassifierCache(const ClassifierCache&) = delete;
    ClassifierCache& operator=(const ClassifierCache&) = delete;

    /// The model at `file` on `device` ("cpu", "cuda", "cuda:N" or "auto"),
    /// for the caller alone until the lease ends: one kept from an earlier
    /// job, or newly loaded (on the calling thread). Throws what loading throws.
    ClassifierLease acquire(const QString& file, const QString& device);

    /// How many times a model was loaded (not taken from the cache).
    int loads() const;
    /// Models kept that no job holds.
    int idle() const;
    /// Frees every model no job holds.
    void clearIdle();

private:
    std::shared_ptr<ClassifierLease::Shelf> m_shelf;
    Loader m_loader;
};

} // namespace advlens::ui
