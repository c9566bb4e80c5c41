#pragma once

// Runs advlens-cli (ADVLENS_CLI_PATH, defined for the tests that use it) as
// a user would, for the CLI tests.

#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace advlens::test {

struct CliRun {
    int exitCode = -1; ///< -1 when it crashed or did not finish
    QString out;
    QString err;
};

/// `columns` > 0 sets $COLUMNS, else it is unset so --help takes its default
/// width (stdout is a pipe, not a terminal).
inline CliRun runCli(const QStringList& arguments, const QString& workingDirectory = {}, int columns = 0)
{
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove(QStringLiteral("COLUMNS"));
    if (columns > 0)
        environment.insert(QStringLiteral("COLUMNS"), QString::number(columns));
    process.setProcessEnvironment(environment);
    process.setProgram(QStringLiteral(ADVLENS_CLI_PATH));
    process.setArguments(arguments);
    if (!workingDirectory.isEmpty())
        process.setWorkingDirectory(workingDirectory);
    process.start();
    process.waitForFinished(600'000);
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            QString::fromUtf8(process.readAllStandardOutput()), QString::fromUtf8(process.readAllStandardError())};
}

} // namespace advlens::test
