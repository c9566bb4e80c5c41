#pragma once

#include "ui/jobs/classifiercache.h"
#include "ui/workers/runtimeoptions.h"

#include <QString>

namespace advlens::ui {

/// `options` with a ClassifierCache of its own when it has none, for a
/// worker made without a shared one (a test, a window on its own).
RuntimeOptions withClassifierCache(RuntimeOptions options);

/// The model file `path` names; empty means the default zoo model. Throws
/// core::Error saying how to make the default model when it is not trained.
QString modelFileFor(const QString& path);

/// The model at `path` (empty: the default model) on options.device, for one
/// worker's job, from the shared cache; sets LibTorch's threads for the
/// calling thread on its first call there. Throws with a one-line reason.
ClassifierLease openModel(const RuntimeOptions& options, const QString& path);

} // namespace advlens::ui
