#include "ui/gallery/confusionsummary.h"

#include <algorithm>
#include <map>

namespace advlens::ui {

QVector<ClassConfusion> summariseConfusion(const QVector<GalleryItem>& items, bool labelsKnown)
{
    std::map<int, ClassConfusion> byClass;
    std::map<int, std::map<int, int>> predictionCounts; // true class → predicted class → images
    for (const GalleryItem& item : items) {
        ClassConfusion& entry = byClass[item.trueClass];
        entry.trueClass = item.trueClass;
        ++entry.images;
        const bool correct = item.isCorrect();
        entry.correct += correct ? 1 : 0;
        if (!labelsKnown || !correct)
            ++predictionCounts[item.trueClass][item.predicted];
        if (item.verdict == AttackVerdict::Fooled || item.verdict == AttackVerdict::Resisted)
            ++entry.attacked;
        if (item.verdict == AttackVerdict::Fooled)
            ++entry.fooled;
    }
    QVector<ClassConfusion> summary;
    for (auto& [trueClass, entry] : byClass) {
        for (const auto& [predicted, count] : predictionCounts[trueClass])
            entry.predictions << qMakePair(predicted, count);
        std::stable_sort(entry.predictions.begin(), entry.predictions.end(),
                         [](const QPair<int, int>& a, const QPair<int, int>& b) { return a.second > b.second; });
        summary << entry;
    }
    return summary;
}

} // namespace advlens::ui
