#include "ui/panels/saliencypanel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QEvent>
#include <QFormLayout>
#include <QLabel>
#include <QLocale>
#include <QSignalBlocker>
#include <QStandardItemModel>

#include <cmath>
#include <limits>

namespace advlens::ui {

namespace {

const char* const kMethods[] = {"gradient", "smoothgrad", "integrated-gradients", "grad-cam"};

} // namespace

SaliencyPanel::SaliencyPanel(QWidget* parent)
    : QGroupBox(parent)
    , m_show(new QCheckBox)
    , m_methodLabel(new QLabel)
    , m_method(new QComboBox)
    , m_layerLabel(new QLabel)
    , m_layer(new QComboBox)
    , m_note(new QLabel)
{
    for (const char* method : kMethods)
        m_method->addItem(QString(), QString::fromLatin1(method));
    m_note->setObjectName(QStringLiteral("saliencyNote")); // for tests
    m_note->setWordWrap(true);
    auto* form = new QFormLayout(this);
    form->addRow(m_show);
    form->addRow(m_methodLabel, m_method);
    form->addRow(m_layerLabel, m_layer);
    form->addRow(m_note);
    connect(m_show, &QCheckBox::toggled, this, [this](bool shown) {
        if (shown) {
            settingsChanged();
        } else {
            clearNote(); // it was about maps no longer shown
            Q_EMIT hidden();
        }
    });
    connect(m_method, &QComboBox::currentIndexChanged, this, &SaliencyPanel::settingsChanged);
    connect(m_layer, &QComboBox::currentIndexChanged, this, &SaliencyPanel::settingsChanged);
    retranslate();
    setLayers({});
}

void SaliencyPanel::setLayers(const QStringList& layers)
{
    const QSignalBlocker blocker(m_layer);
    m_layers = layers;
    m_layer->clear();
    for (const QString& layer : layers)
        m_layer->addItem(layer, layer);
    // Grad-CAM needs a convolutional feature map: MLPs have none.
    if (auto* methods = qobject_cast<QStandardItemModel*>(m_method->model()))
        methods->item(m_method->findData(QStringLiteral("grad-cam")))->setEnabled(!layers.isEmpty());
    if (layers.isEmpty() && m_method->currentData().toString() == QLatin1String("grad-cam"))
        m_method->setCurrentIndex(0);
    m_layer->setEnabled(m_method->currentData().toString() == QLatin1String("grad-cam"));
    clearNote(); // it was about the previous model's maps
}

void SaliencyPanel::setGradientsAvailable(bool available, const QString& reason)
{
    if (!available)
        m_show->setChecked(false);
    setEnabled(available);
    setToolTip(available ? QString()
                         : tr("Saliency needs input gradients, which this model has not: %1").arg(reason));
}

bool SaliencyPanel::isShown() const
{
    return m_show->isChecked();
}

void SaliencyPanel::setShown(bool shown)
{
    m_show->setChecked(shown);
}

void SaliencyPanel::setMethod(const QString& method)
{
    m_method->setCurrentIndex(std::max(0, m_method->findData(method)));
}

SaliencyRequest SaliencyPanel::request() const
{
    SaliencyRequest request;
    request.method = m_method->currentData().toString();
    if (request.method == QLatin1String("grad-cam"))
        request.layer = m_layer->currentData().toString();
    return request;
}

void SaliencyPanel::setResult(const SaliencyOutcome& outcome)
{
    const bool integrated = outcome.request.method == QLatin1String("integrated-gradients");
    m_noteCompletenessGap = integrated ? outcome.completenessGap : std::numeric_limits<double>::quiet_NaN();
    m_noteLayer = outcome.layer;
    updateNote();
}

void SaliencyPanel::clearNote()
{
    m_noteLayer.clear();
    m_noteCompletenessGap = std::numeric_limits<double>::quiet_NaN();
    updateNote();
}

void SaliencyPanel::updateNote()
{
    if (std::isfinite(m_noteCompletenessGap))
        m_note->setText(tr("Completeness gap: %1 (attributions sum to the logit change from a black image)")
                            .arg(QLocale().toString(m_noteCompletenessGap, 'g', 2)));
    else if (!m_noteLayer.isEmpty() && m_noteLayer != m_layer->currentData().toString())
        // Only when the combo above says another layer (e.g. the model used its default instead).
        m_note->setText(tr("Layer: %1").arg(m_noteLayer));
    else
        m_note->clear();
    m_note->setVisible(!m_note->text().isEmpty()); // no empty row under the combos
}

void SaliencyPanel::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QGroupBox::changeEvent(event);
}

void SaliencyPanel::retranslate()
{
    setTitle(tr("Saliency"));
    m_show->setText(tr("Show &saliency maps"));
    m_show->setToolTip(tr("Which pixels the predicted class depends on, over the original and the adversarial image"));
    m_methodLabel->setText(tr("Met&hod:"));
    m_methodLabel->setBuddy(m_method);
    m_method->setItemText(0, tr("Gradient"));
    m_method->setItemText(1, tr("SmoothGrad"));
    m_method->setItemText(2, tr("Integrated Gradients"));
    m_method->setItemText(3, tr("Grad-CAM"));
    m_layerLabel->setText(tr("La&yer:"));
    m_layerLabel->setBuddy(m_layer);
    m_layer->setToolTip(tr("The feature map Grad-CAM weighs (Grad-CAM only)"));
    updateNote();
}

void SaliencyPanel::settingsChanged()
{
    m_layer->setEnabled(m_method->currentData().toString() == QLatin1String("grad-cam"));
    if (m_show->isChecked())
        Q_EMIT saliencyRequested(request());
}

} // namespace advlens::ui
