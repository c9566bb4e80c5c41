#include "ui/panels/messagebanner.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QStyle>
#include <QToolButton>

namespace advlens::ui {

MessageBanner::MessageBanner(QWidget* parent)
    : QFrame(parent)
    , m_icon(new QLabel(this))
    , m_text(new QLabel(this))
    , m_close(new QToolButton(this))
{
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    const int iconSize = style()->pixelMetric(QStyle::PM_SmallIconSize);
    m_icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxWarning).pixmap(iconSize));
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_close->setAutoRaise(true);
    m_close->setText(QStringLiteral("✕"));
    connect(m_close, &QToolButton::clicked, this, &MessageBanner::clearMessage);

    auto* layout = new QHBoxLayout(this);
    layout->addWidget(m_icon, 0, Qt::AlignTop);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_close, 0, Qt::AlignTop);
    applyPalette();
    retranslate();
    hide();
}

void MessageBanner::showMessage(const QString& message)
{
    m_text->setText(message);
    show();
}

void MessageBanner::clearMessage()
{
    m_text->clear();
    hide();
}

QString MessageBanner::message() const
{
    return m_text->text();
}

void MessageBanner::changeEvent(QEvent* event)
{
    QFrame::changeEvent(event);
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    else if (event->type() == QEvent::PaletteChange)
        applyPalette();
}

void MessageBanner::retranslate()
{
    m_close->setToolTip(tr("Dismiss"));
}

void MessageBanner::applyPalette()
{
    // A warm tint of the surrounding window colour: noticeable on light and
    // dark themes without hard-coding either. (Setting the same palette again
    // is a no-op in Qt, so this cannot loop through PaletteChange.)
    const QColor window =
        parentWidget() ? parentWidget()->palette().color(QPalette::Window) : palette().color(QPalette::Window);
    const QColor warning(230, 120, 40);
    const auto mix = [](int a, int b) { return (a * 3 + b) / 4; };
    QPalette tinted;
    tinted.setColor(QPalette::Window, QColor(mix(window.red(), warning.red()), mix(window.green(), warning.green()),
                                             mix(window.blue(), warning.blue())));
    setPalette(tinted);
}

} // namespace advlens::ui
