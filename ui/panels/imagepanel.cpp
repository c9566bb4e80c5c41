#include "ui/panels/imagepanel.h"

#include "ui/i18n/classnames.h"
#include "ui/imaging/pixelimage.h"
#include "ui/views/imagecomparisonview.h"

#include <QEvent>
#include <QFileInfo>
#include <QLabel>
#include <QVBoxLayout>

namespace advlens::ui {

ImagePanel::ImagePanel(QWidget* parent)
    : QWidget(parent)
    , m_title(new QLabel(this))
    , m_view(new ImageComparisonView(this))
    , m_caption(new QLabel(this))
{
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setAlignment(Qt::AlignCenter);
    m_caption->setAlignment(Qt::AlignCenter);
    m_caption->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_title);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_caption);
    retranslate();
}

void ImagePanel::setPrediction(const Prediction& prediction)
{
    m_prediction = prediction;
    m_view->clearAdversarial(); // a new image: the old attack no longer applies
    m_view->setOriginal(prediction.image);
    retranslate();
}

void ImagePanel::clear()
{
    m_prediction.reset();
    m_view->clear();
    retranslate();
}

void ImagePanel::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::LanguageChange)
        retranslate();
}

void ImagePanel::retranslate()
{
    if (!m_prediction) {
        m_title->setText(tr("No image"));
        m_caption->clear();
        return;
    }
    const Prediction& p = *m_prediction;
    m_title->setText(p.testIndex >= 0 ? tr("Fashion-MNIST test image %1").arg(p.testIndex)
                                      : QFileInfo(p.sourcePath).fileName());
    m_title->setToolTip(p.sourcePath);
    const QString size = tr("%1 × %2 pixels").arg(p.image.width).arg(p.image.height);
    m_caption->setText(p.trueClass.isEmpty() ? tr("True label: unknown · %1").arg(size)
                                             : tr("True label: %1 · %2").arg(displayClassName(p.trueClass), size));
}

} // namespace advlens::ui
