#include "ui/workers/modelprecheck.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QStringList>

#include <sys/resource.h>

namespace advlens::ui {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("advlens::ui::ModelPrecheck", text);
}

QString findChecker()
{
    const QDir here(QCoreApplication::applicationDirPath());
    // Installed side by side; in a build folder the GUI sits in app/gui/.
    for (const QString& candidate : {here.filePath(QStringLiteral("advlens-cli")),
                                     here.filePath(QStringLiteral("../advlens-cli"))})
        if (QFileInfo(candidate).isExecutable())
            return QFileInfo(candidate).canonicalFilePath();
    return {};
}

/// The file and the weights beside it as they are now: a changed file is checked again.
QString fingerprint(const QString& path)
{
    QString key = QFileInfo(path).canonicalFilePath();
    const QFileInfo folder(path);
    for (const QFileInfo& file : QDir(folder.absolutePath()).entryInfoList({folder.completeBaseName() + ".*"}, QDir::Files))
        key += QLatin1Char('|') + file.fileName() + QLatin1Char('@') +
               QString::number(file.lastModified().toMSecsSinceEpoch()) + QLatin1Char(':') +
               QString::number(file.size());
    return key;
}

} // namespace

ModelPrecheck::ModelPrecheck(QString checker)
    : m_checker(checker.isEmpty() ? findChecker() : std::move(checker))
{
}

std::optional<QString> ModelPrecheck::check(const QString& modelPath)
{
    if (m_checker.isEmpty())
        return std::nullopt;
    const QString key = fingerprint(modelPath);
    if (m_passed.contains(key))
        return std::nullopt;

    QProcess child;
    child.setProgram(m_checker);
    child.setArguments({QStringLiteral("check-model"), QStringLiteral("--model"), modelPath, QStringLiteral("--threads"),
                        QStringLiteral("1"), QStringLiteral("--device"), QStringLiteral("cpu")});
    child.setChildProcessModifier([] {
        // Async-signal-safe calls only, between fork and exec.
#if !defined(__SANITIZE_ADDRESS__) && !defined(__SANITIZE_THREAD__)
        // A sanitizer build's child maps terabytes of shadow memory at start
        // and dies under any address-space limit (the asan and tsan presets'
        // test runs); the CPU limit still stops a runaway loader there.
        const rlimit memory{kMemoryLimitBytes, kMemoryLimitBytes};
        setrlimit(RLIMIT_AS, &memory);
#endif
        const rlimit cpu{kCpuSecondsLimit, kCpuSecondsLimit};
        setrlimit(RLIMIT_CPU, &cpu);
    });
    child.start();
    if (!child.waitForStarted())
        return std::nullopt; // no usable checker: open as before
    if (!child.waitForFinished(kTimeoutMs)) {
        child.kill();
        child.waitForFinished();
        return tr("opening it took longer than %1 s in a separate process, so it is not opened here")
            .arg(kTimeoutMs / 1000);
    }
    if (child.exitStatus() == QProcess::CrashExit)
        return tr("LibTorch's loader crashed on it in a separate process, so it is not opened here (a model "
                  "file is code: open only files you trust)");
    if (child.exitCode() != 0) {
        QString reason = QString::fromUtf8(child.readAllStandardError()).trimmed().section(QLatin1Char('\n'), -1);
        reason.remove(QRegularExpression(QStringLiteral("^advlens-cli: ")));
        return reason.isEmpty() ? tr("it failed to open in a separate process (exit code %1)").arg(child.exitCode())
                                : reason;
    }
    m_passed.insert(key, true);
    return std::nullopt;
}

} // namespace advlens::ui
