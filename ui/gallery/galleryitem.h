#pragma once

#include <QImage>
#include <QMetaType>
#include <QString>
#include <QStringList>
#include <QVector>

#include <cmath>
#include <vector>

namespace advlens::ui {

/// What an attack run over the gallery did to one image.
enum class AttackVerdict {
    NotRun,       ///< no attack has run over this image
    Fooled,       ///< classified correctly, the attack changed the prediction
    Resisted,     ///< classified correctly, still correct under the attack
    AlreadyWrong, ///< misclassified before the attack: nothing to fool
};

/// One classified gallery image, by value (it crosses from the worker to the
/// GUI thread). The thumbnail is what the model saw (after resizing and
/// cropping), at most kThumbnailSide pixels a side.
struct GalleryItem {
    static constexpr int kThumbnailSide = 96;

    int row = -1;                        ///< position in load order (the gallery model's row)
    QString path;                        ///< the image file; empty for test-set images
    int testIndex = -1;                  ///< Fashion-MNIST test index, or -1
    QString name;                        ///< relative path in the folder, or "fashion-mnist:INDEX"
    int trueClass = -1;                  ///< index into the source's class names (the sub-folder)
    int label = -1;                      ///< the true class among the model's classes; -1 when unknown
    int predicted = -1;                  ///< the model's top-1 class
    float confidence = 0.0F;             ///< softmax probability of `predicted`
    float margin = 0.0F;                 ///< see core::ImageScores::margin
    float loss = std::nanf("");          ///< cross-entropy w.r.t. `label`; NaN when unknown
    std::vector<int> topClasses;         ///< top-5, best first
    std::vector<float> topProbabilities; ///< their softmax probabilities
    QImage thumbnail;
    AttackVerdict verdict = AttackVerdict::NotRun;
    int adversarialPrediction = -1; ///< after the attack; -1 when not run

    bool labelKnown() const { return label >= 0; }
    bool isCorrect() const { return label >= 0 && predicted == label; }
};

/// One batch of results from the worker: what could be classified and what
/// could not ("file: reason").
struct GalleryBatch {
    QVector<GalleryItem> items;
    QStringList unreadable;
};

/// What the worker found when it opened a source, before classifying.
struct GallerySourceInfo {
    QString description;         ///< the folder, or "Fashion-MNIST test set"
    QStringList classNames;      ///< true classes (sub-folders or the model's names)
    QStringList modelClassNames; ///< what predictions index
    bool labelsKnown = false;    ///< true classes map to the model's classes
    qint64 total = 0;            ///< images listed (some may turn out unreadable)
};

/// The attack result of one image (`row` as in GalleryItem).
struct AttackMark {
    int row = -1;
    AttackVerdict verdict = AttackVerdict::NotRun;
    int adversarialPrediction = -1;
};

} // namespace advlens::ui

Q_DECLARE_METATYPE(advlens::ui::GalleryBatch)
Q_DECLARE_METATYPE(advlens::ui::GallerySourceInfo)
Q_DECLARE_METATYPE(advlens::ui::AttackMark)
