#pragma once

#include "ui/workers/attackrequest.h"

#include <QString>

#include <optional>

namespace advlens::ui {

class GalleryModel;

/// One line that sums a gallery up, in the current language: how many
/// images, the top-1 accuracy (when the true classes are the model's), what
/// `attack` fooled (once its verdicts are in), "cancelled", and the model.
QString gallerySummary(const GalleryModel& gallery, const std::optional<AttackRequest>& attack, bool cancelled,
                       const QString& modelName);

} // namespace advlens::ui
