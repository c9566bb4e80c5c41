#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace advlens::cli {

/// A progress bar on stderr: redrawn in place on a terminal, a line every
/// 10 % when stderr is a file or pipe (CI logs stay readable).
class TerminalProgress {
public:
    explicit TerminalProgress(std::string label);
    void update(std::int64_t done, std::int64_t total, const std::string& detail = {});
    void finish();

private:
    std::string m_label;
    bool m_interactive;
    int m_lastDecile = -1;
    bool m_drawn = false;
    std::chrono::steady_clock::time_point m_started;
};

/// "1m05s", "12s".
std::string formatDuration(double seconds);

} // namespace advlens::cli
