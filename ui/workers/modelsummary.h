#pragma once

#include <QMetaType>
#include <QString>
#include <QStringList>

#include <optional>

namespace advlens::ui {

/// What the GUI shows about a loaded model: a by-value copy of its metadata,
/// made on the worker so the GUI never touches the classifier. Raw values,
/// not sentences, so the panel can word them in the current language.
struct ModelSummary {
    QString path; ///< the metadata JSON
    QString name;
    QString architecture; ///< empty for TorchScript models without one
    QString kind;         ///< "native" or "torchscript"
    int channels = 0;
    int height = 0;
    int width = 0;
    QStringList classNames;
    QString device; ///< e.g. "cpu", "cuda:0"
    /// Training recipe ("plain", "pgd"); empty when the metadata has none.
    QString trainingRecipe;
    QString trainingDataset;
    int trainingEpochs = 0;
    double adversarialEpsilon = 0.0;
    int adversarialSteps = 0;
    std::optional<double> cleanAccuracy; ///< top-1 in [0, 1]
    qint64 evaluatedImages = 0;
    /// Input 1×28×28: the Fashion-MNIST test set can be browsed (true labels
    /// count when the model's class names are Fashion-MNIST's).
    bool takesFashionMnist = false;
    /// Layers Grad-CAM can use, the default first; empty for models without
    /// convolutional feature maps.
    QStringList featureLayers;
    bool cudaAvailable = false; ///< this LibTorch build sees a CUDA device
    /// The load-time probe found an input gradient; when not, gradient
    /// attacks and saliency are disabled and `noGradientReason` says why.
    bool hasInputGradients = true;
    QString noGradientReason;
    /// How the model runs when that differs from the plain module (core's
    /// Classifier::executionNote, in English).
    QString executionNote;
};

} // namespace advlens::ui

Q_DECLARE_METATYPE(advlens::ui::ModelSummary)
