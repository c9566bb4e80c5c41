#pragma once

#include "ui/imaging/pixelbuffer.h"

#include <QMetaType>
#include <QString>
#include <QStringList>

#include <vector>

namespace advlens::ui {

/// One classified image, by value: what the model saw and its top classes.
struct Prediction {
    int testIndex = -1;      ///< Fashion-MNIST test index, or -1 for an image file
    QString sourcePath;      ///< the image file; empty for test images
    PixelBuffer image;       ///< the model input (after pre-processing), in [0, 1]
    QString trueClass;       ///< empty when unknown
    int trueClassIndex = -1; ///< index among the model's classes, or -1
    int numClasses = 0;
    /// The most probable classes, best first (at most kMaxTopClasses).
    std::vector<int> topClasses;
    std::vector<float> topProbabilities; ///< softmax, in [0, 1]
    QStringList topNames;                ///< the model's names for topClasses
    float trueClassProbability = 0.0F;   ///< valid when trueClassIndex ≥ 0
    /// Softmax over all numClasses classes (the top-k shift chart needs the
    /// probability of classes outside one side's top k).
    std::vector<float> probabilities;

    static constexpr int kMaxTopClasses = 10;

    bool isCorrect() const { return !topClasses.empty() && topClasses.front() == trueClassIndex; }
    int predictedClass() const { return topClasses.empty() ? -1 : topClasses.front(); }
    float probabilityOf(int index) const
    {
        return index >= 0 && index < static_cast<int>(probabilities.size()) ? probabilities[index] : 0.0F;
    }
};

} // namespace advlens::ui

Q_DECLARE_METATYPE(advlens::ui::Prediction)
