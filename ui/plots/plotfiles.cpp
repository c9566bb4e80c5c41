#include "ui/plots/plotfiles.h"

#include "ui/plots/qcustomplotinclude.h"

#include <QPdfWriter>
#include <QSaveFile>

namespace advlens::ui {

bool savePlotPng(QCustomPlot* plot, const QString& path, QSize size)
{
    const QPixmap pixmap = plot->toPixmap(size.width(), size.height(), /*scale=*/1.0);
    QSaveFile file(path);
    return file.open(QIODevice::WriteOnly) && pixmap.save(&file, "PNG") && file.commit();
}

bool savePlotPdf(QCustomPlot* plot, const QString& path, QSize size, const QString& title)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    {
        constexpr int kDpi = 96; // the plot's own pixels, so text keeps its size relative to it
        QPdfWriter writer(&file);
        writer.setCreator(QStringLiteral("AdvLens"));
        writer.setTitle(title);
        writer.setResolution(kDpi);
        writer.setPageMargins(QMarginsF(0, 0, 0, 0));
        writer.setPageSize(QPageSize(QSizeF(size) * 72.0 / kDpi, QPageSize::Point, QString(), QPageSize::ExactMatch));
        QCPPainter painter(&writer);
        if (!painter.isActive())
            return false;
        painter.setMode(QCPPainter::pmVectorized);
        painter.setMode(QCPPainter::pmNoCaching);
        plot->toPainter(&painter, size.width(), size.height());
        painter.end();
    }
    return file.commit();
}

} // namespace advlens::ui
