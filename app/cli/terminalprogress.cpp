#include "app/cli/terminalprogress.h"

#include <cstdio>
#include <unistd.h>

namespace advlens::cli {

std::string formatDuration(double seconds)
{
    if (seconds < 0 || seconds > 1e7)
        return "?";
    const long total = static_cast<long>(seconds + 0.5);
    char text[32];
    if (total >= 60)
        std::snprintf(text, sizeof text, "%ldm%02lds", total / 60, total % 60);
    else
        std::snprintf(text, sizeof text, "%lds", total);
    return text;
}

TerminalProgress::TerminalProgress(std::string label)
    : m_label(std::move(label))
    , m_interactive(isatty(STDERR_FILENO) == 1)
    , m_started(std::chrono::steady_clock::now())
{
}

void TerminalProgress::update(std::int64_t done, std::int64_t total, const std::string& detail)
{
    if (total <= 0)
        return;
    const double fraction = double(done) / double(total);
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - m_started).count();
    const double eta = done > 0 ? elapsed / fraction - elapsed : -1.0;
    if (m_interactive) {
        constexpr int kWidth = 30;
        const int filled = static_cast<int>(fraction * kWidth);
        std::string bar(static_cast<std::size_t>(filled), '#');
        bar.append(static_cast<std::size_t>(kWidth - filled), '.');
        std::fprintf(stderr, "\r%s [%s] %3d%% %lld/%lld ETA %s %s\033[K", m_label.c_str(), bar.c_str(),
                     static_cast<int>(fraction * 100), static_cast<long long>(done), static_cast<long long>(total),
                     formatDuration(eta).c_str(), detail.c_str());
        std::fflush(stderr);
        m_drawn = true;
        return;
    }
    const int decile = static_cast<int>(fraction * 10);
    if (decile != m_lastDecile) {
        m_lastDecile = decile;
        std::fprintf(stderr, "%s %3d%% %lld/%lld ETA %s %s\n", m_label.c_str(), decile * 10,
                     static_cast<long long>(done), static_cast<long long>(total), formatDuration(eta).c_str(),
                     detail.c_str());
    }
}

void TerminalProgress::finish()
{
    if (m_interactive && m_drawn)
        std::fprintf(stderr, "\n");
    m_drawn = false;
}

} // namespace advlens::cli
