#include "ui/panels/testsetbrowser.h"

#include <QAction>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QRandomGenerator>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QToolButton>

namespace advlens::ui {

namespace {

QToolButton* buttonFor(QAction* action, QWidget* parent)
{
    auto* button = new QToolButton(parent);
    button->setDefaultAction(action);
    button->setToolButtonStyle(Qt::ToolButtonTextOnly);
    return button;
}

} // namespace

TestSetBrowser::TestSetBrowser(QWidget* parent)
    : QWidget(parent)
    , m_label(new QLabel(this))
    , m_index(new QSpinBox(this))
    , m_previous(new QAction(this))
    , m_next(new QAction(this))
    , m_random(new QAction(this))
{
    m_index->setRange(0, kTestImages - 1);
    m_index->setAccelerated(true);
    m_label->setBuddy(m_index);
    m_previous->setShortcuts({QKeySequence(Qt::Key_Left), QKeySequence(Qt::Key_PageUp)});
    m_next->setShortcuts({QKeySequence(Qt::Key_Right), QKeySequence(Qt::Key_PageDown)});
    m_random->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));

    // Typing "123" asks for 1, 12 and 123; the worker's latest-wins skips the first two.
    connect(m_index, &QSpinBox::valueChanged, this, &TestSetBrowser::indexChosen);
    connect(m_previous, &QAction::triggered, this, [this] { step(-1); });
    connect(m_next, &QAction::triggered, this, [this] { step(+1); });
    connect(m_random, &QAction::triggered, this,
            [this] { m_index->setValue(QRandomGenerator::global()->bounded(kTestImages)); });

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_label);
    layout->addWidget(buttonFor(m_previous, this));
    layout->addWidget(m_index);
    layout->addWidget(buttonFor(m_next, this));
    layout->addWidget(buttonFor(m_random, this));
    retranslate();
}

int TestSetBrowser::index() const
{
    return m_index->value();
}

void TestSetBrowser::setIndex(int index)
{
    const QSignalBlocker blocker(m_index);
    m_index->setValue(index);
}

QList<QAction*> TestSetBrowser::navigationActions() const
{
    return {m_previous, m_next, m_random};
}

void TestSetBrowser::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    else if (event->type() == QEvent::EnabledChange)
        for (QAction* action : navigationActions())
            action->setEnabled(isEnabled()); // shortcuts must stop with the buttons
}

void TestSetBrowser::step(int delta)
{
    // Wraps around so holding "next" walks the whole set.
    m_index->setValue((m_index->value() + delta + kTestImages) % kTestImages);
}

void TestSetBrowser::retranslate()
{
    m_label->setText(tr("&Test image:"));
    m_index->setToolTip(tr("Index in the Fashion-MNIST test set (0–9999)"));
    m_previous->setText(tr("◀ Previous"));
    m_previous->setToolTip(tr("Previous test image (Left, Page Up)"));
    m_next->setText(tr("Next ▶"));
    m_next->setToolTip(tr("Next test image (Right, Page Down)"));
    m_random->setText(tr("Random"));
    m_random->setToolTip(tr("A random test image (Ctrl+R)"));
}

} // namespace advlens::ui
