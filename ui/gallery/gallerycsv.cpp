#include "ui/gallery/gallerycsv.h"

#include "ui/gallery/galleryfilterproxy.h"
#include "ui/gallery/gallerymodel.h"

#include <QCoreApplication>
#include <QSaveFile>
#include <QStringList>

#include <cmath>

namespace advlens::ui {

namespace {

QString quoted(const QString& field)
{
    if (!field.contains(QLatin1Char(',')) && !field.contains(QLatin1Char('"')) && !field.contains(QLatin1Char('\n')) &&
        !field.contains(QLatin1Char('\r')))
        return field;
    QString escaped = field;
    escaped.replace(QLatin1String("\""), QLatin1String("\"\""));
    return QLatin1Char('"') + escaped + QLatin1Char('"');
}

QString number(double value)
{
    return std::isnan(value) ? QString() : QString::number(value, 'g', 7);
}

QString className(const QStringList& names, int index)
{
    return index >= 0 && index < names.size() ? names.at(index) : QString();
}

QString truth(bool known, bool value)
{
    return known ? (value ? QStringLiteral("true") : QStringLiteral("false")) : QString();
}

} // namespace

QByteArray galleryCsv(const GalleryFilterProxy& rows)
{
    const GalleryModel& gallery = *rows.gallery();
    const bool attacked = gallery.hasAttackVerdicts();
    QStringList header = {QStringLiteral("file"),       QStringLiteral("true_class"), QStringLiteral("prediction"),
                          QStringLiteral("confidence"), QStringLiteral("margin"),     QStringLiteral("loss"),
                          QStringLiteral("correct")};
    if (attacked)
        header << QStringLiteral("fooled_by_attack");
    QString text = header.join(QLatin1Char(',')) + QLatin1Char('\n');
    for (int row = 0; row < rows.rowCount(); ++row) {
        const GalleryItem& item = gallery.item(rows.galleryRow(row));
        QStringList fields = {quoted(item.testIndex >= 0 ? item.name : item.path),
                              quoted(className(gallery.source().classNames, item.trueClass)),
                              quoted(className(gallery.source().modelClassNames, item.predicted)),
                              number(item.confidence),
                              number(item.margin),
                              number(item.loss),
                              truth(item.labelKnown(), item.isCorrect())};
        if (attacked) {
            const bool applies = item.verdict == AttackVerdict::Fooled || item.verdict == AttackVerdict::Resisted;
            fields << truth(applies, item.verdict == AttackVerdict::Fooled);
        }
        text += fields.join(QLatin1Char(',')) + QLatin1Char('\n');
    }
    return text.toUtf8();
}

bool writeGalleryCsv(const QString& path, const GalleryFilterProxy& rows, QString* error)
{
    QSaveFile file(path);
    const QByteArray bytes = galleryCsv(rows);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        if (error)
            *error = QCoreApplication::translate("advlens::ui::GalleryCsv", "Could not write %1: %2")
                         .arg(path, file.errorString());
        return false;
    }
    return true;
}

} // namespace advlens::ui
