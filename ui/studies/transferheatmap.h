#pragma once

#include <QJsonObject>
#include <QStringList>
#include <QWidget>

class QCustomPlot;
class QCPColorMap;
class QCPColorScale;
class QCPTextElement;

namespace advlens::ui {

/// Su et al.'s transfer heat map: row i, column j holds the rate at which
/// adversarial examples made on model i (the source) fool model j (the
/// target); the diagonal is the white-box rate. Each cell shows its
/// percentage (up to 32 models; beyond, the colours alone); a click on a cell
/// reports (source, target).
class TransferHeatmap : public QWidget {
    Q_OBJECT

public:
    explicit TransferHeatmap(QWidget* parent = nullptr);

    /// `matrix`: one entry of a transfer study's "matrices"; `models` its model names.
    void setMatrix(const QStringList& models, const QJsonObject& matrix);

    QCustomPlot* customPlot() const { return m_plot; }
    /// The rate drawn in a cell, 0..1 (NaN outside or where undefined).
    double rate(int source, int target) const;
    /// The pixel centre of a cell, for tests and tooltips.
    QPoint cellCentre(int source, int target) const;

Q_SIGNALS:
    void cellClicked(int source, int target);

protected:
    void changeEvent(QEvent* event) override;

private:
    void applyPalette();

    QCustomPlot* m_plot;
    QCPColorMap* m_map;
    QCPColorScale* m_scale;
    QCPTextElement* m_title;
    int m_size = 0;
};

} // namespace advlens::ui
