#include "ui/gallery/gallerysummary.h"

#include "ui/gallery/gallerymodel.h"
#include "ui/workers/attackcatalog.h"

#include <QCoreApplication>
#include <QLocale>
#include <QStringList>

#include <algorithm>

namespace advlens::ui {

namespace {

/// ε as people type it: k/255 under ℓ∞, pixel units otherwise.
QString budgetText(const AttackRequest& attack)
{
    return attack.norm == QLatin1String("linf")
               ? QStringLiteral("%1/255").arg(QLocale().toString(attack.epsilon * 255.0, 'g', 4))
               : QLocale().toString(attack.epsilon, 'g', 4);
}

QString attackLabel(const QString& id)
{
    for (const AttackChoice& choice : attackCatalog())
        if (choice.id == id)
            return choice.label;
    return id;
}

} // namespace

QString gallerySummary(const GalleryModel& gallery, const std::optional<AttackRequest>& attack, bool cancelled,
                       const QString& modelName)
{
    const QVector<GalleryItem>& items = gallery.items();
    const int images = static_cast<int>(items.size());
    QStringList parts = {QCoreApplication::translate("advlens::ui::GallerySummary", "%n image(s)", "", images)};
    if (gallery.source().labelsKnown && !items.isEmpty()) {
        const auto correct =
            std::count_if(items.begin(), items.end(), [](const GalleryItem& item) { return item.isCorrect(); });
        parts << QCoreApplication::translate("advlens::ui::GallerySummary", "top-1 accuracy %1 %")
                     .arg(QLocale().toString(100.0 * correct / items.size(), 'f', 1));
    }
    if (attack && gallery.hasAttackVerdicts()) {
        int attacked = 0;
        int fooled = 0;
        for (const GalleryItem& item : items) {
            attacked += item.verdict == AttackVerdict::Fooled || item.verdict == AttackVerdict::Resisted;
            fooled += item.verdict == AttackVerdict::Fooled;
        }
        parts << QCoreApplication::translate("advlens::ui::GallerySummary",
                                             "%1 at ε = %2 fooled %3 of %4 correctly classified")
                     .arg(attackLabel(attack->attack), budgetText(*attack))
                     .arg(fooled)
                     .arg(attacked);
    }
    if (cancelled)
        parts << QCoreApplication::translate("advlens::ui::GallerySummary", "cancelled");
    if (!modelName.isEmpty())
        parts << QCoreApplication::translate("advlens::ui::GallerySummary", "model %1").arg(modelName);
    return parts.join(QStringLiteral(" · "));
}

} // namespace advlens::ui
