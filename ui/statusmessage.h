#pragma once

#include <QString>

#include <functional>

class QMainWindow;

namespace advlens::ui {

/// The main window's status line: the latest message, kept as a function
/// that words it, so a language switch words it again while it is shown.
class StatusMessage {
public:
    static constexpr int kTimeoutMs = 8000;

    /// Shows its messages in `window`'s status bar, made when first needed.
    explicit StatusMessage(QMainWindow* window);

    /// Shows `text()` for `timeoutMs` (0: until replaced).
    void show(std::function<QString()> text, int timeoutMs = kTimeoutMs);
    /// Words the message again (and shows it for its full time again) when it
    /// is still the one shown.
    void retranslate();

private:
    QMainWindow* m_window;
    std::function<QString()> m_text; ///< the latest message, in the current language
    QString m_shown;                 ///< as shown, to tell whether it is still there
    int m_timeoutMs = 0;
};

} // namespace advlens::ui
