#pragma once

#include <QByteArray>
#include <QString>

namespace advlens::ui {

class GalleryFilterProxy;

/// The gallery table as CSV (UTF-8, no byte-order mark, "\n" line ends, RFC
/// 4180 quoting): a header row, then the rows `rows` shows, in its order.
/// Columns: file (the image's path, or fashion-mnist:INDEX), true_class,
/// prediction (the model's class names, untranslated), confidence, margin,
/// loss (empty when the true class is unknown), correct (true/false, empty
/// when unknown) and, once an attack has run, fooled_by_attack (true/false,
/// empty for images that were already misclassified or not attacked).
/// Numbers use '.' whatever the locale.
QByteArray galleryCsv(const GalleryFilterProxy& rows);

/// Writes galleryCsv(rows) to `path` atomically (a temporary file renamed into
/// place). On failure returns false and sets `error` to one line.
bool writeGalleryCsv(const QString& path, const GalleryFilterProxy& rows, QString* error);

} // namespace advlens::ui
