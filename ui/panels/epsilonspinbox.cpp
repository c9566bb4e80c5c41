#include "ui/panels/epsilonspinbox.h"

#include <QLocale>
#include <QRegularExpression>

#include <algorithm>
#include <cmath>
#include <optional>

namespace advlens::ui {

namespace {

/// "a/b" with decimal a and b (either in the C or the user's locale), as the
/// CLI's --eps accepts it.
std::optional<double> fraction(const QString& text, const QLocale& locale)
{
    const int slash = text.indexOf(QLatin1Char('/'));
    if (slash < 0)
        return std::nullopt;
    const auto number = [&](const QString& part) -> std::optional<double> {
        bool ok = false;
        double value = locale.toDouble(part.trimmed(), &ok);
        if (!ok)
            value = QLocale::c().toDouble(part.trimmed(), &ok);
        return ok ? std::optional<double>(value) : std::nullopt;
    };
    const auto numerator = number(text.left(slash));
    const auto denominator = number(text.mid(slash + 1));
    if (!numerator || !denominator || *denominator <= 0.0)
        return std::nullopt;
    return *numerator / *denominator;
}

} // namespace

EpsilonSpinBox::EpsilonSpinBox(QWidget* parent)
    : QDoubleSpinBox(parent)
{
    // Any change of the shown value that did not come through setExactValue or
    // stepBy was typed (or set through the plain setValue): take it as shown,
    // or as typed when the text was a fraction.
    connect(this, &QDoubleSpinBox::valueChanged, this, &EpsilonSpinBox::takeShownValue);
}

void EpsilonSpinBox::setExactValue(double value)
{
    m_exact = std::clamp(value, minimum(), maximum());
    if (QString::number(m_exact, 'f', decimals()).toDouble() == QDoubleSpinBox::value())
        Q_EMIT valueChanged(QDoubleSpinBox::value()); // the shown value stays: no signal would come
    else
        setValue(m_exact);
}

void EpsilonSpinBox::takeShownValue(double shown)
{
    const double rounded = QString::number(m_exact, 'f', decimals()).toDouble();
    if (shown == rounded)
        return; // ours: keep the exact value behind it
    const double typed = QString::number(m_typed, 'f', decimals()).toDouble();
    m_exact = shown == typed ? m_typed : shown;
}

void EpsilonSpinBox::stepBy(int steps)
{
    // Whole steps from the exact value, so ten presses from 0 are 10/255.
    const double step = singleStep();
    const double count = step > 0.0 ? std::round(m_exact / step) : 0.0;
    setExactValue((count + steps) * step);
}

QValidator::State EpsilonSpinBox::validate(QString& text, int& position) const
{
    if (!text.contains(QLatin1Char('/')))
        return QDoubleSpinBox::validate(text, position);
    if (const auto value = fraction(text, locale()))
        return *value >= minimum() && *value <= maximum() ? QValidator::Acceptable : QValidator::Invalid;
    // "8/" or "8/2": on the way to a fraction
    static const QRegularExpression partial(QStringLiteral(R"(^\s*[0-9.,]*\s*/\s*[0-9.,]*\s*$)"));
    return partial.match(text).hasMatch() ? QValidator::Intermediate : QValidator::Invalid;
}

double EpsilonSpinBox::valueFromText(const QString& text) const
{
    const auto value = fraction(text, locale());
    m_typed = value ? *value : QDoubleSpinBox::valueFromText(text);
    return m_typed;
}

} // namespace advlens::ui
