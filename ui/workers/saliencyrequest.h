#pragma once

#include "ui/imaging/heatmap.h"

#include <QMetaType>
#include <QString>

namespace advlens::ui {

/// Saliency maps for the image shown and its adversarial version.
struct SaliencyRequest {
    QString method = QStringLiteral("gradient"); ///< a core::SaliencyMethod name
    QString layer;        ///< Grad-CAM layer; empty = the model's default
    int targetClass = -1; ///< the class explained; −1: each image's own prediction
};

struct SaliencyOutcome {
    SaliencyRequest request;
    HeatMap original;
    HeatMap adversarial; ///< empty when no attack has run on the image
    QString layer;       ///< Grad-CAM: the layer used
    double completenessGap = 0.0; ///< Integrated Gradients on the original
};

} // namespace advlens::ui

Q_DECLARE_METATYPE(advlens::ui::SaliencyRequest)
Q_DECLARE_METATYPE(advlens::ui::SaliencyOutcome)
