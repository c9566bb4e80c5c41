#include "bench/soakprobes.h"

#include <algorithm>
#include <cstdint>
#include <csignal>
#include <cstdio>
#include <fstream>
#include <map>
#include <malloc.h>
#include <sstream>
#include <string>
#include <unistd.h>

namespace advlens::bench {

namespace {

constexpr int kMaxDistinctMessages = 12; // Qt messages quoted in the report
/// Texts of Qt warnings that mean an object was used from the wrong thread.
const char* const kCrossThreadMarks[] = {
    "different thread",       "another thread",  "moveToThread",           "QObject::startTimer",
    "QObject::killTimer",     "QSocketNotifier", "Cannot create children", "QBasicTimer",
    "outside the GUI thread", "QThread",         "current thread",         "Timers cannot",
};

/// The offscreen platform's notices about window-system features it lacks
/// (raise(), keyboard grabs, size hints) and the missing XDG_RUNTIME_DIR:
/// counted apart, as they say nothing about AdvLens.
bool isPlatformNotice(const QString& text)
{
    return text.startsWith(QLatin1String("This plugin does not support")) ||
           text.startsWith(QLatin1String("QStandardPaths: XDG_RUNTIME_DIR"));
}

bool isCrossThread(const QString& text)
{
    for (const char* mark : kCrossThreadMarks)
        if (text.contains(QLatin1String(mark), Qt::CaseInsensitive))
            return true;
    return false;
}

} // namespace

std::atomic<int> g_actionIndex{0};
std::atomic<const char*> g_actionName{"start-up"};
MessageTally g_messages;

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

namespace {

/// What a mapping without a file most likely is, from its size and place:
/// glibc puts each thread's malloc arena in a 64 MiB-aligned reservation and
/// each thread's stack in an 8 MiB mapping, less the guard page that is its
/// own mapping.
std::string anonymousKind(std::uint64_t start, std::uint64_t end, const std::string& name)
{
    constexpr std::uint64_t kMiB = 1024 * 1024;
    if (name == "[heap]")
        return "main malloc arena ([heap])";
    if (name == "[stack]")
        return "main thread's stack";
    if (!name.empty())
        return name[0] == '[' ? name : "file mappings (copy-on-write pages)";
    const std::uint64_t size = end - start;
    if (size <= 8 * kMiB && size > 8 * kMiB - 64 * 1024)
        return "thread stacks (8 MiB mappings)";
    if (start % (64 * kMiB) == 0 && size <= 64 * kMiB)
        return "thread malloc arenas (64 MiB-aligned)";
    return size >= kMiB ? "other anonymous mappings >= 1 MiB (large mallocs, BLAS buffers)"
                        : "other anonymous mappings < 1 MiB";
}

/// Whether `token` is a mapping's address range, "7f3a…-7f3b…".
bool isAddressRange(const std::string& token)
{
    const auto dash = token.find('-');
    return dash != std::string::npos && dash > 0 && token.find_first_not_of("0123456789abcdef-") == std::string::npos;
}

std::map<std::string, double> anonymousByKind()
{
    std::map<std::string, double> kinds;
    std::ifstream smaps("/proc/self/smaps");
    std::string line, kind;
    while (std::getline(smaps, line)) {
        std::istringstream fields(line);
        std::string first;
        fields >> first;
        if (first == "Anonymous:") {
            double kb = 0.0;
            fields >> kb;
            kinds[kind] += kb / 1024.0;
        } else if (isAddressRange(first)) {
            std::string perms, offset, device, inode, name;
            fields >> perms >> offset >> device >> inode;
            std::getline(fields >> std::ws, name);
            const auto dash = first.find('-');
            kind = anonymousKind(std::stoull(first.substr(0, dash), nullptr, 16),
                                 std::stoull(first.substr(dash + 1), nullptr, 16), name);
        }
    }
    return kinds;
}

} // namespace

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
        else if (key == "RssAnon:" && status >> kb)
            memory.anonymousMb = kb / 1024.0;
        else if (key == "RssFile:" && status >> kb)
            memory.fileMb = kb / 1024.0;
        status.ignore(1 << 12, '\n');
    }
    const struct mallinfo2 heap = mallinfo2();
    memory.heapMb = static_cast<double>(heap.uordblks + heap.hblkhd) / (1024.0 * 1024.0);
    memory.anonymousByKindMb = anonymousByKind();
    return memory;
}

} // namespace advlens::bench
