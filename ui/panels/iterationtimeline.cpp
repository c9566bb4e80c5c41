#include "ui/panels/iterationtimeline.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QSlider>
#include <QToolButton>

namespace advlens::ui {

IterationTimeline::IterationTimeline(QWidget* parent)
    : QWidget(parent)
    , m_title(new QLabel)
    , m_previous(new QToolButton)
    , m_slider(new QSlider(Qt::Horizontal))
    , m_next(new QToolButton)
    , m_label(new QLabel)
{
    m_previous->setArrowType(Qt::LeftArrow);
    m_next->setArrowType(Qt::RightArrow);
    m_previous->setAutoRepeat(true);
    m_next->setAutoRepeat(true);
    m_slider->setPageStep(1);
    m_label->setMinimumWidth(m_label->fontMetrics().horizontalAdvance(QStringLiteral("iteration 1000 of 1000  ")));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_title);
    layout->addWidget(m_previous);
    layout->addWidget(m_slider, 1);
    layout->addWidget(m_next);
    layout->addWidget(m_label);
    connect(m_previous, &QToolButton::clicked, this, [this] { setPosition(position() - 1); });
    connect(m_next, &QToolButton::clicked, this, [this] { setPosition(position() + 1); });
    connect(m_slider, &QSlider::valueChanged, this, [this](int index) {
        updateLabel();
        if (index >= 0 && index < static_cast<int>(m_iterations.size()))
            Q_EMIT iterateChosen(index, m_iterations[static_cast<std::size_t>(index)]);
    });
    retranslate();
    clear();
}

void IterationTimeline::setIterations(const std::vector<int>& iterations)
{
    m_iterations = iterations;
    const QSignalBlocker blocker(m_slider);
    m_slider->setRange(0, std::max(0, static_cast<int>(iterations.size()) - 1));
    m_slider->setValue(m_slider->maximum());
    setVisible(iterations.size() > 1);
    updateLabel();
}

void IterationTimeline::clear()
{
    setIterations({});
}

int IterationTimeline::position() const
{
    return m_slider->value();
}

void IterationTimeline::setPosition(int index)
{
    m_slider->setValue(index);
}

void IterationTimeline::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void IterationTimeline::retranslate()
{
    m_title->setText(tr("Iterations:"));
    m_previous->setToolTip(tr("Previous stored iterate"));
    m_next->setToolTip(tr("Next stored iterate"));
    m_slider->setToolTip(tr("Step through the attack's iterates; the left end is the clean image"));
    updateLabel();
}

void IterationTimeline::updateLabel()
{
    if (m_iterations.empty()) {
        m_label->clear();
        return;
    }
    const int index = position();
    m_label->setText(tr("iteration %1 of %2")
                         .arg(m_iterations[static_cast<std::size_t>(index)])
                         .arg(m_iterations.back()));
    m_previous->setEnabled(index > 0);
    m_next->setEnabled(index < m_slider->maximum());
}

} // namespace advlens::ui
