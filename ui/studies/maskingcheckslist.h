#pragma once

#include <QJsonArray>
#include <QTreeWidget>

namespace advlens::ui {

/// The gradient-masking checks of a plot's curves (RealSafe's sanity checks,
/// core/metrics/gradientmasking.h), shown beside the plot: one row per curve
/// saying whether all its checks passed, its checks below it (their numbers
/// as tooltips; StudyCurveFigure shows them below the list).
/// Curves with a failed check are expanded, so a flagged evaluation is seen
/// without a click.
class MaskingChecksList : public QTreeWidget {
    Q_OBJECT

public:
    explicit MaskingChecksList(QWidget* parent = nullptr);

    /// `checks`: a curve's "checks" array (name, passed, description). A curve
    /// without checks is not listed.
    void addCurve(const QString& curve, const QJsonArray& checks);
    int failedChecks() const { return m_failed; }
    /// The numbers of the first failed check added, or empty when none failed.
    const QString& firstFailure() const { return m_firstFailure; }
    int curves() const { return topLevelItemCount(); }
    /// A check's name as shown, translated ("unbounded-pgd" → "Unbounded
    /// PGD: accuracy ≈ 0"); a name this version does not know is
    /// shown as written in the results.
    static QString checkTitle(const QString& name);

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();

    int m_failed = 0;
    QString m_firstFailure;
};

} // namespace advlens::ui
