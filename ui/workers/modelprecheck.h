#pragma once

#include <QHash>
#include <QString>

#include <optional>

namespace advlens::ui {

/// Opens a model file first in a child process (`advlens-cli check-model`)
/// with a memory and a CPU-time limit, so that a loader that crashes or
/// runs away on a hostile or broken file takes down the child, not the
/// window. LibTorch's deserializer is not safe on untrusted bytes (upstream
/// treats model files as trusted); core refuses what is plainly not a
/// TorchScript archive, and this catches the rest.
///
/// Not thread-safe; the model worker owns one. A file that passed is not
/// checked again until it changes.
class ModelPrecheck {
public:
    /// `checker`: the advlens-cli to run; empty finds it beside this program.
    explicit ModelPrecheck(QString checker = {});

    /// nullopt when the model opens in the child, or when no checker is
    /// installed (the GUI then opens it as before); otherwise a one-line,
    /// translated reason not to open it.
    std::optional<QString> check(const QString& modelPath);

    /// The checker used; empty when none was found.
    const QString& checker() const { return m_checker; }

    static constexpr int kTimeoutMs = 180'000;
    static constexpr qint64 kMemoryLimitBytes = 12LL << 30;
    static constexpr int kCpuSecondsLimit = 300;

private:
    QString m_checker;
    QHash<QString, bool> m_passed; ///< files (path and modification times) that opened
};

} // namespace advlens::ui
