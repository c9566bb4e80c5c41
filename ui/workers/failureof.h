#pragma once

// Worker-side only: includes LibTorch's exception type (never include it in a
// header that moc reads).
#include "core/util/error.h"

#include <c10/util/Exception.h>

#include <QCoreApplication>
#include <QString>

#include <exception>
#include <new>
#include <optional>

namespace advlens::ui {

/// Runs `job` and turns any exception into one line for the user: nothing
/// thrown by LibTorch, OpenCV or core may reach a worker's event loop.
template <typename Job> std::optional<QString> failureOf(Job&& job)
{
    try {
        job();
        return std::nullopt;
    } catch (const core::Error& e) {
        return QString::fromStdString(e.what());
    } catch (const c10::Error& e) {
        return QCoreApplication::translate("advlens::ui::ModelWorker", "LibTorch error: %1")
            .arg(QString::fromStdString(core::firstLine(e.what_without_backtrace())));
    } catch (const std::bad_alloc&) {
        return QCoreApplication::translate("advlens::ui::ModelWorker", "out of memory");
    } catch (const std::exception& e) {
        return QString::fromStdString(core::firstLine(e.what()));
    }
}

} // namespace advlens::ui
