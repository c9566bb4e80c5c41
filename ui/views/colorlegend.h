#pragma once

#include <QWidget>

namespace advlens::ui {

/// A one-line key to the diverging colour map: "−a ▬▬▬ +a", where ±a are
/// the values drawn in full blue and full red. Drawn faded while disabled.
class ColorLegend : public QWidget {
    Q_OBJECT

public:
    explicit ColorLegend(QWidget* parent = nullptr);

    /// a > 0: the magnitude that reaches the ends of the map.
    void setLimit(double limit);
    double limit() const { return m_limit; }

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    double m_limit = 1.0;
};

} // namespace advlens::ui
