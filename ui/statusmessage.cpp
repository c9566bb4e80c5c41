#include "ui/statusmessage.h"

#include <QMainWindow>
#include <QStatusBar>

#include <utility>

namespace advlens::ui {

StatusMessage::StatusMessage(QMainWindow* window)
    : m_window(window)
{
}

void StatusMessage::show(std::function<QString()> text, int timeoutMs)
{
    m_text = std::move(text);
    m_timeoutMs = timeoutMs;
    m_shown = m_text();
    m_window->statusBar()->showMessage(m_shown, timeoutMs);
}

void StatusMessage::retranslate()
{
    if (!m_text)
        return;
    const QString current = m_window->statusBar()->currentMessage();
    if (!current.isEmpty() && current == m_shown)
        show(m_text, m_timeoutMs);
}

} // namespace advlens::ui
