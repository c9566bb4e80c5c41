#pragma once

#include <QString>

namespace advlens::test {

/// Writes an untrained "mlp" zoo model for Fashion-MNIST (1×28×28, the ten
/// Fashion-MNIST classes) into `folder`; returns its metadata JSON path.
QString writeUntrainedModel(const QString& folder, const QString& name = QStringLiteral("untrained-mlp"));

/// A model whose metadata is valid but whose weights file is garbage.
QString writeCorruptModel(const QString& folder);

} // namespace advlens::test
