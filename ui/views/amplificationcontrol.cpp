#include "ui/views/amplificationcontrol.h"

#include <QCheckBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>
#include <QSlider>

#include <algorithm>
#include <cmath>

namespace advlens::ui {

namespace {

constexpr double kMaxFactor = 100.0;
constexpr int kStepsPerDecade = 50; ///< slider positions per factor of ten

int positionFor(double factor)
{
    return int(std::lround(std::log10(std::clamp(factor, 1.0, kMaxFactor)) * kStepsPerDecade));
}

} // namespace

AmplificationControl::AmplificationControl(QWidget* parent)
    : QWidget(parent)
    , m_caption(new QLabel(this))
    , m_slider(new QSlider(Qt::Horizontal, this))
    , m_value(new QLabel(this))
    , m_auto(new QCheckBox(this))
{
    m_slider->setRange(0, positionFor(kMaxFactor));
    m_slider->setPageStep(kStepsPerDecade / 2);
    m_slider->setMinimumWidth(60);
    m_auto->setChecked(true);
    // Room for "×100.0" so the slider does not jump while the value changes.
    m_value->setMinimumWidth(m_value->fontMetrics().horizontalAdvance(QStringLiteral("×000.0")));
    m_value->setAlignment(Qt::AlignRight | Qt::AlignVCenter);

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_caption);
    layout->addWidget(m_slider, 1);
    layout->addWidget(m_value);
    layout->addWidget(m_auto);

    connect(m_slider, &QSlider::valueChanged, this, &AmplificationControl::sliderMoved);
    connect(m_auto, &QCheckBox::toggled, this, [this] {
        showFactor();
        Q_EMIT factorChanged(factor());
    });
    retranslate();
    showFactor();
}

double AmplificationControl::factor() const
{
    return isAuto() ? m_autoFactor : m_manualFactor;
}

bool AmplificationControl::isAuto() const
{
    return m_auto->isChecked();
}

void AmplificationControl::setFactor(double factor)
{
    m_manualFactor = std::clamp(std::isnan(factor) ? 1.0 : factor, 1.0, kMaxFactor);
    const QSignalBlocker blocker(m_auto);
    m_auto->setChecked(false);
    showFactor();
    Q_EMIT factorChanged(this->factor());
}

void AmplificationControl::setAuto(bool automatic)
{
    m_auto->setChecked(automatic); // emits through toggled when it changes
}

void AmplificationControl::setAutoFactor(double factor)
{
    m_autoFactor = factor > 0.0 && std::isfinite(factor) ? factor : 1.0;
    if (isAuto()) {
        showFactor();
        Q_EMIT factorChanged(m_autoFactor);
    }
}

void AmplificationControl::sliderMoved(int position)
{
    setFactor(std::pow(10.0, double(position) / kStepsPerDecade));
}

void AmplificationControl::showFactor()
{
    const QSignalBlocker blocker(m_slider);
    m_slider->setValue(positionFor(factor()));
    const double f = factor();
    m_value->setText(tr("×%1").arg(f, 0, 'f', f < 10.0 ? 1 : 0));
}

void AmplificationControl::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::LanguageChange)
        retranslate();
}

void AmplificationControl::retranslate()
{
    m_caption->setText(tr("Amplify"));
    m_auto->setText(tr("Auto"));
    m_auto->setToolTip(tr("Scale the largest |δ| to full colour"));
    m_slider->setToolTip(tr("Enlarge δ by this factor before colouring it (×1…×100)"));
    showFactor();
}

} // namespace advlens::ui
