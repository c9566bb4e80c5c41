#include "ui/views/colorlegend.h"

#include "ui/imaging/colormaps.h"

#include <QPainter>

#include <cmath>

namespace advlens::ui {

namespace {

constexpr int kBarHeight = 8;
constexpr int kGap = 6; ///< between the labels and the bar

QString limitText(double limit, bool positive)
{
    return (positive ? QStringLiteral("+") : QStringLiteral("\u2212")) + QString::number(limit, 'f', 3);
}

} // namespace

ColorLegend::ColorLegend(QWidget* parent)
    : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
}

void ColorLegend::setLimit(double limit)
{
    m_limit = limit > 0.0 && std::isfinite(limit) ? limit : 1.0;
    setToolTip(
        tr("Blue: δ ≤ %1 · white: δ = 0 · red: δ ≥ %2").arg(limitText(m_limit, false), limitText(m_limit, true)));
    update();
}

QSize ColorLegend::sizeHint() const
{
    return {200, fontMetrics().height() + 2};
}

QSize ColorLegend::minimumSizeHint() const
{
    return {2 * fontMetrics().horizontalAdvance(limitText(1.0, true)) + 2 * kGap + 30, fontMetrics().height() + 2};
}

void ColorLegend::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    if (!isEnabled())
        painter.setOpacity(0.4);
    const QString left = limitText(m_limit, false);
    const QString right = limitText(m_limit, true);
    const int leftWidth = fontMetrics().horizontalAdvance(left);
    const int rightWidth = fontMetrics().horizontalAdvance(right);
    painter.setPen(palette().color(QPalette::WindowText));
    painter.drawText(QRect(0, 0, leftWidth, height()), Qt::AlignVCenter | Qt::AlignLeft, left);
    painter.drawText(QRect(width() - rightWidth, 0, rightWidth, height()), Qt::AlignVCenter | Qt::AlignRight, right);
    const QRect bar(leftWidth + kGap, (height() - kBarHeight) / 2, width() - leftWidth - rightWidth - 2 * kGap,
                    kBarHeight);
    if (bar.width() <= 0)
        return;
    painter.setRenderHint(QPainter::SmoothPixmapTransform);
    painter.drawImage(bar, divergingLegend(256, 1));
    painter.setPen(palette().color(QPalette::Mid));
    painter.drawRect(bar.adjusted(-1, -1, 0, 0));
}

} // namespace advlens::ui
