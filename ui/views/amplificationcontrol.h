#pragma once

#include <QWidget>

class QCheckBox;
class QLabel;
class QSlider;

namespace advlens::ui {

/// How much a small signed difference is enlarged for display: a log-scale
/// slider ×1…×100 and an "Auto" box (on by default) that uses the factor
/// the owner computes, e.g. the one scaling max |δ| to full colour. Moving
/// the slider turns Auto off.
class AmplificationControl : public QWidget {
    Q_OBJECT

public:
    explicit AmplificationControl(QWidget* parent = nullptr);

    /// The factor in effect: the auto factor while Auto is on.
    double factor() const;
    bool isAuto() const;
    /// Sets a manual factor (clamped to ×1…×100) and turns Auto off.
    void setFactor(double factor);
    void setAuto(bool automatic);
    /// The factor Auto uses (any value > 0, shown even beyond ×100).
    void setAutoFactor(double factor);

Q_SIGNALS:
    void factorChanged(double factor);

protected:
    void changeEvent(QEvent* event) override;

private:
    void sliderMoved(int position);
    void showFactor();
    void retranslate();

    QLabel* m_caption;
    QSlider* m_slider;
    QLabel* m_value;
    QCheckBox* m_auto;
    double m_manualFactor = 10.0;
    double m_autoFactor = 1.0;
};

} // namespace advlens::ui
