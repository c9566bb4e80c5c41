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
inline CliRun runProgram(const QString& program, const QStringList& arguments, const QString& workingDirectory = {},
                         int columns = 0, const QProcessEnvironment& extra = {})
{
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const QString& key : extra.keys())
        environment.insert(key, extra.value(key));
    environment.remove(QStringLiteral("COLUMNS"));
    if (columns > 0)
        environment.insert(QStringLiteral("COLUMNS"), QString::number(columns));
    process.setProcessEnvironment(environment);
    process.setProgram(program);
    process.setArguments(arguments);
    if (!workingDirectory.isEmpty())
        process.setWorkingDirectory(workingDirectory);
    process.start();
    process.waitForFinished(600'000);
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            QString::fromUtf8(process.readAllStandardOutput()), QString::fromUtf8(process.readAllStandardError())};
}

inline CliRun runCli(const QStringList& arguments, const QString& workingDirectory = {}, int columns = 0)
{
    return runProgram(QStringLiteral(ADVLENS_CLI_PATH), arguments, workingDirectory, columns);
}

#ifdef ADVLENS_MPIEXEC_PATH
/// `mpirun -np ranks advlens-cli arguments…`, allowed to run as root (CI
/// containers) and with more ranks than cores.
inline CliRun runCliOnRanks(int ranks, const QStringList& arguments, const QProcessEnvironment& extra = {})
{
    QProcessEnvironment allow = extra;
    allow.insert(QStringLiteral("OMPI_ALLOW_RUN_AS_ROOT"), QStringLiteral("1"));
    allow.insert(QStringLiteral("OMPI_ALLOW_RUN_AS_ROOT_CONFIRM"), QStringLiteral("1"));
    // Containers often forbid the cross-process memory attach Open MPI's shared memory tries first.
    allow.insert(QStringLiteral("OMPI_MCA_btl_vader_single_copy_mechanism"), QStringLiteral("none"));
    return runProgram(QStringLiteral(ADVLENS_MPIEXEC_PATH),
                      QStringList{"--oversubscribe", "-np", QString::number(ranks), QStringLiteral(ADVLENS_CLI_PATH)} +
                          arguments,
                      {}, 0, allow);
}
#endif

} // namespace advlens::test
