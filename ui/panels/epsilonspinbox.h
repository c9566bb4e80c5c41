#pragma once

#include <QDoubleSpinBox>

namespace advlens::ui {

/// A spin box for a budget ε that keeps the exact value and shows a rounded
/// one. QDoubleSpinBox stores its value rounded to the decimals it shows, so
/// 8/255 read back as 0.0314: an attack at a budget nobody asked for. Here the
/// value set by code, typed (as a decimal or as a fraction such as "8/255")
/// or stepped (ℓ∞ steps by whole grey levels) is kept as it was meant.
class EpsilonSpinBox : public QDoubleSpinBox
{
    Q_OBJECT

public:
    explicit EpsilonSpinBox(QWidget* parent = nullptr);

    double exactValue() const { return m_exact; }
    /// Shows `value` rounded and keeps it exactly; emits valueChanged when the
    /// shown value changes, as setValue does.
    void setExactValue(double value);

    void stepBy(int steps) override;
    QValidator::State validate(QString& text, int& position) const override;
    double valueFromText(const QString& text) const override;

private:
    void takeShownValue(double shown);

    double m_exact = 0.0;
    mutable double m_typed = 0.0; ///< the last text's exact value, see valueFromText
};

} // namespace advlens::ui
