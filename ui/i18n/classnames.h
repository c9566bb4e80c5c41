#pragma once

#include <QString>

namespace advlens::ui {

/// A model's class name as shown in the current language. Class names are
/// data from the model's metadata; the Fashion-MNIST ones have translations,
/// any other name is shown as the model gives it.
QString displayClassName(const QString& name);

} // namespace advlens::ui
