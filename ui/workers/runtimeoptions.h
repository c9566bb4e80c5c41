#pragma once

#include <QString>
#include <QThread>

#include <algorithm>
#include <memory>

namespace advlens::ui {

class ClassifierCache;

/// How the workers run LibTorch; fixed for a worker's lifetime.
struct RuntimeOptions {
    int threads = 0;                         ///< intra-op threads; ≤ 0: all cores but one (workerThreads())
    QString device = QStringLiteral("auto"); ///< "cpu", "cuda", "cuda:N" or "auto"
    /// The models every worker made with these options shares (jobs/classifiercache.h);
    /// null: a worker makes its own.
    std::shared_ptr<ClassifierCache> classifiers = nullptr;

    /// The threads a worker gives LibTorch. By default one core stays free for
    /// the GUI thread: OpenMP's threads wait for each other at every parallel
    /// region, and one of them losing its core to the GUI made a one-image
    /// attack 7× slower on 2 cores (bench_explorer: FGSM slider step 48 → 9 ms).
    int workerThreads() const { return threads > 0 ? threads : std::max(1, QThread::idealThreadCount() - 1); }
};

} // namespace advlens::ui
