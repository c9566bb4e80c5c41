#include "ui/jobs/workermodel.h"

#include "core/model/classifier.h"
#include "core/model/computedevice.h"
#include "core/util/datapaths.h"
#include "core/util/error.h"

#include <QCoreApplication>

namespace advlens::ui {

RuntimeOptions withClassifierCache(RuntimeOptions options)
{
    if (!options.classifiers)
        options.classifiers = std::make_shared<ClassifierCache>();
    return options;
}

QString modelFileFor(const QString& path)
{
    if (!path.isEmpty())
        return path;
    const std::filesystem::path file = core::findDefaultModel();
    if (file.empty())
        throw core::Error(QCoreApplication::translate("advlens::ui::ModelWorker",
                                                      "No model is open: the default model '%1' is not trained yet. "
                                                      "Run ./setup.sh or advlens-cli train, or use File ▸ Open model…")
                              .arg(QString::fromLatin1(core::kDefaultModelName))
                              .toStdString());
    return QString::fromStdString(file.u8string());
}

ClassifierLease openModel(const RuntimeOptions& options, const QString& path)
{
    // Once per thread: OpenMP keeps its thread count per thread.
    thread_local bool threadsSet = false;
    if (!threadsSet) {
        core::configureThreads(options.workerThreads());
        threadsSet = true;
    }
    Q_ASSERT(options.classifiers);
    return options.classifiers->acquire(modelFileFor(path), options.device);
}

} // namespace advlens::ui
