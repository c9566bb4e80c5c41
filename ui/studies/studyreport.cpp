#include "ui/studies/studyreport.h"

#include "ui/studies/studyfigurekit.h"
#include "ui/studies/studyviews.h"

#include <QDateTime>
#include <QDir>
#include <QSaveFile>
#include <QWidget>

#include <memory>

namespace advlens::ui {

namespace {

const QSize kFigureSize(900, 620);

} // namespace

QStringList writeStudyReport(const StudyResults& results, QString* error)
{
    QStringList written;
    const QDir folder(results.folder);
    if (!folder.mkpath(QStringLiteral("figures"))) {
        *error = StudyReportText::tr("cannot create %1").arg(folder.filePath(QStringLiteral("figures")));
        return written;
    }
    // The figures are drawn by widgets that are never shown.
    std::unique_ptr<QWidget> host(new QWidget);
    host->resize(kFigureSize);
    const QVector<StudyFigure> figures = makeStudyFigures(results, host.get());
    QString figureHtml;
    for (const StudyFigure& figure : figures) {
        if (!figure.save)
            continue; // a table: the report writes it as HTML below
        figure.widget->resize(kFigureSize);
        const QString png = QStringLiteral("figures/") + figure.name + QStringLiteral(".png");
        const QString pdf = QStringLiteral("figures/") + figure.name + QStringLiteral(".pdf");
        if (!figure.save(folder.filePath(png), folder.filePath(pdf), kFigureSize)) {
            *error = StudyReportText::tr("cannot write %1").arg(folder.filePath(png));
            return written;
        }
        written << folder.filePath(png) << folder.filePath(pdf);
        figureHtml += QStringLiteral("<figure><img src='%1' width=900 alt='%2'><figcaption>%2 "
                                     "(<a href='%3'>PDF</a>)</figcaption></figure>")
                          .arg(png, figure.title.toHtmlEscaped(), pdf);
    }

    const QJsonObject& json = results.json;
    const StudyView* view = findStudyView(results.kind());
    const QString tables = view ? view->reportTables(json) : QString();

    const QString html =
        QStringLiteral("<!DOCTYPE html><html><head><meta charset='utf-8'><title>%1</title><style>"
                       "body{font-family:sans-serif;max-width:960px;margin:2em auto;color:#222}"
                       "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #bbb;padding:3px 8px}"
                       "th{background:#eee}td.n{text-align:right}td.ok{color:#060}td.bad{color:#b00;font-weight:bold}"
                       "figure{margin:1.5em 0}figcaption{color:#555}</style></head><body>"
                       "<h1>%1</h1><p>%2</p>%3%4<p><small>%5</small></p></body></html>\n")
            .arg(results.title().toHtmlEscaped(),
                 StudyReportText::tr("Study <b>%1</b> on %2 (%3 split), %4 images. Tables as CSV and every number "
                                     "in results.json beside this page.")
                     .arg(results.kind().toHtmlEscaped(), json.value(QLatin1String("data")).toString().toHtmlEscaped(),
                          json.value(QLatin1String("split")).toString().toHtmlEscaped())
                     .arg(json.value(QLatin1String("images")).toInteger()),
                 figureHtml, tables,
                 StudyReportText::tr("Written by AdvLens on %1.")
                     .arg(QDateTime::currentDateTime().toString(Qt::ISODate)));
    QSaveFile file(folder.filePath(QStringLiteral("report.html")));
    if (!file.open(QIODevice::WriteOnly) || file.write(html.toUtf8()) < 0 || !file.commit()) {
        *error = StudyReportText::tr("cannot write %1").arg(folder.filePath(QStringLiteral("report.html")));
        return written;
    }
    written << folder.filePath(QStringLiteral("report.html"));
    return written;
}

} // namespace advlens::ui
