#pragma once

// What the study views (robustnessstudyview.cpp and the like) share: the
// translation contexts their texts have always had, savers for the figures,
// the curve figures of the curves and defences studies, and number formats
// for the report.

#include "ui/studies/studyfigures.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>

class QCustomPlot;

namespace advlens::ui {

class RobustnessCurvePlot;
class StudyCurveFigure;

/// Figure titles and legends ("StudyFigureText" in the .ts files).
class StudyFigureText {
    Q_DECLARE_TR_FUNCTIONS(StudyFigureText)
};
/// The report's texts ("StudyReportText" in the .ts files).
class StudyReportText {
    Q_DECLARE_TR_FUNCTIONS(StudyReportText)
};

/// Letters, digits and '-' kept, anything else '-': for figure file names.
QString fileSafe(QString text);

using FigureSaver = std::function<bool(const QString& png, const QString& pdf, QSize size)>;
FigureSaver plotSaver(QCustomPlot* plot, const QString& title);
/// Through the curve plot's own export, which lays the legend out for the
/// export's width: the hidden widget's width would give a single column.
FigureSaver curveSaver(RobustnessCurvePlot* plot);

/// An empty curve figure for `norm` ("linf", "l2", "l1") over `axis` ("epsilon" or "steps").
StudyCurveFigure* newCurveFigure(const QString& norm, const QString& axis, QWidget* parent);
/// One curve of results.json ("points", "checks"…) on `figure`, its checks beside it.
void addCurve(StudyCurveFigure* figure, const QString& label, const QJsonObject& curve);

/// 0.1234, or "–" for null (a value that could not be measured).
QString reportNumber(const QJsonValue& value, int decimals = 4);
/// "12.3 %", or "–" for null.
QString reportPercent(const QJsonValue& value);
/// The gradient-masking checks of every curve in `curves`, as an HTML table.
QString maskingChecksTable(const QJsonArray& curves);

} // namespace advlens::ui
