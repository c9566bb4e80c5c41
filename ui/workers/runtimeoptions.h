#pragma once

#include <QString>

namespace advlens::ui {

/// How the model worker runs LibTorch; fixed for the worker's lifetime.
struct RuntimeOptions {
    int threads = 0;                         ///< intra-op threads; ≤ 0 means all cores
    QString device = QStringLiteral("auto"); ///< "cpu", "cuda", "cuda:N" or "auto"
};

} // namespace advlens::ui
