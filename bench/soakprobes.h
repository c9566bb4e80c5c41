// What the GUI soak watches besides the window: Qt's warnings and criticals
// from every thread (cross-thread ones counted apart), fatal signals, and the
// process's memory.
#pragma once

#include <QString>
#include <QtGlobal>

#include <atomic>
#include <map>
#include <string>
#include <mutex>
#include <utility>
#include <vector>

namespace advlens::bench {

/// The action under way (counted from 1) and its name, quoted by the
/// message handler and the crash report.
extern std::atomic<int> g_actionIndex;
extern std::atomic<const char*> g_actionName;

struct MessageTally {
    std::mutex mutex;
    int platformNotices = 0;
    int warnings = 0;
    int criticals = 0;
    int crossThread = 0;
    std::vector<std::pair<QString, int>> distinct; ///< text, times seen
};
/// Filled by onQtMessage from any thread: lock `mutex` to read it.
extern MessageTally g_messages;

/// Qt's message handler (qInstallMessageHandler): counts warnings and
/// criticals and prints each new text at once, with the action that caused it.
void onQtMessage(QtMsgType type, const QMessageLogContext&, const QString& text);

/// A handler for SIGSEGV and the like: names the action that crashed, then
/// dies of the signal.
void onFatalSignal(int signal);

struct Memory {
    double rssMb = 0.0;
    double peakMb = 0.0; ///< VmHWM: the kernel's high-water mark
    /// RSS in two parts: anonymous pages (heap, stacks, tensors) and pages of
    /// mapped files (libraries' code, fonts), which grow as new code paths
    /// and glyphs are first touched and which the kernel can drop at will.
    double anonymousMb = 0.0;
    double fileMb = 0.0;
    /// What the program holds on malloc's heap, all arenas (glibc's mallinfo2):
    /// RSS minus this is free memory malloc keeps, so a leak shows here, not
    /// only in RSS.
    double heapMb = 0.0;
    /// Anonymous RSS by the kind of mapping it lies in (/proc/self/smaps),
    /// to tell what grows when RSS grows but heap in use does not.
    std::map<std::string, double> anonymousByKindMb;
};

/// Resident memory from /proc/self/status, and the heap in use.
Memory readMemory();

} // namespace advlens::bench
