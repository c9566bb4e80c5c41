#include "ui/panels/modelpanel.h"

#include <QAction>
#include <QEvent>
#include <QFormLayout>
#include <QLabel>
#include <QLocale>
#include <QToolButton>
#include <QVBoxLayout>

namespace advlens::ui {

ModelPanel::ModelPanel(QAction* openModelAction, QWidget* parent)
    : QGroupBox(parent)
{
    auto* form = new QFormLayout;
    form->setRowWrapPolicy(QFormLayout::WrapLongRows);
    for (int row = 0; row < RowCount; ++row) {
        m_captions[row] = new QLabel(this);
        m_values[row] = new QLabel(this);
        m_values[row]->setWordWrap(true);
        m_values[row]->setTextInteractionFlags(Qt::TextSelectableByMouse);
        form->addRow(m_captions[row], m_values[row]);
    }
    auto* openButton = new QToolButton(this);
    openButton->setDefaultAction(openModelAction);
    openButton->setToolButtonStyle(Qt::ToolButtonTextOnly);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(openButton, 0, Qt::AlignLeft);
    layout->addStretch();
    retranslate();
}

void ModelPanel::setSummary(const ModelSummary& summary)
{
    m_summary = summary;
    retranslate();
}

void ModelPanel::clear()
{
    m_summary.reset();
    retranslate();
}

void ModelPanel::changeEvent(QEvent* event)
{
    QGroupBox::changeEvent(event);
    if (event->type() == QEvent::LanguageChange)
        retranslate();
}

void ModelPanel::retranslate()
{
    setTitle(tr("Model"));
    m_captions[Name]->setText(tr("Name:"));
    m_captions[Architecture]->setText(tr("Architecture:"));
    m_captions[Kind]->setText(tr("Kind:"));
    m_captions[Input]->setText(tr("Input:"));
    m_captions[Classes]->setText(tr("Classes:"));
    m_captions[Training]->setText(tr("Training:"));
    m_captions[Accuracy]->setText(tr("Clean accuracy:"));
    m_captions[Gradients]->setText(tr("Gradients:"));
    m_captions[Device]->setText(tr("Device:"));

    if (!m_summary) {
        for (QLabel* value : m_values)
            value->setText(QStringLiteral("–"));
        m_values[Name]->setText(tr("No model open"));
        m_values[Name]->setToolTip({});
        return;
    }
    const ModelSummary& s = *m_summary;
    const QLocale locale;
    m_values[Name]->setText(s.name);
    m_values[Name]->setToolTip(s.path);
    m_values[Architecture]->setText(s.architecture.isEmpty() ? tr("not stated") : s.architecture);
    m_values[Kind]->setText(s.kind == QLatin1String("torchscript") ? tr("TorchScript module")
                                                                   : tr("AdvLens zoo network"));
    m_values[Input]->setText(tr("%1 × %2 × %3 (%4)")
                                 .arg(s.channels)
                                 .arg(s.height)
                                 .arg(s.width)
                                 .arg(s.channels == 1 ? tr("grey") : tr("RGB")));
    m_values[Classes]->setText(locale.toString(s.classNames.size()));
    m_values[Training]->setText(trainingText(s));
    m_values[Accuracy]->setText(s.cleanAccuracy ? tr("%1 % on %2 test images")
                                                      .arg(locale.toString(100.0 * *s.cleanAccuracy, 'f', 2),
                                                           locale.toString(s.evaluatedImages))
                                                : tr("not measured"));
    if (!s.hasInputGradients) {
        m_values[Gradients]->setText(tr("none: gradient attacks and saliency are off"));
        m_values[Gradients]->setToolTip(
            tr("The model has no input gradient: %1.").arg(s.noGradientReason));
    } else {
        m_values[Gradients]->setText(s.executionNote.isEmpty() ? tr("yes") : tr("yes, from the module as loaded"));
        m_values[Gradients]->setToolTip(s.executionNote);
    }
    m_values[Device]->setText(s.device == QLatin1String("cpu") ? tr("CPU") : tr("GPU (%1)").arg(s.device));
}

QString ModelPanel::trainingText(const ModelSummary& s) const
{
    if (s.trainingRecipe.isEmpty())
        return tr("unknown");
    QString recipe = s.trainingRecipe;
    if (recipe == QLatin1String("plain"))
        recipe = tr("standard");
    else if (recipe == QLatin1String("pgd"))
        recipe = tr("PGD adversarial (ε = %1, %n step(s))", nullptr, s.adversarialSteps)
                     .arg(QLocale().toString(s.adversarialEpsilon, 'g', 3));
    QString dataset = s.trainingDataset == QLatin1String("fashion-mnist") ? tr("Fashion-MNIST") : s.trainingDataset;
    // A name is one word: the wrapped row must not end in "Fashion-" (U+2011 is a non-breaking hyphen).
    dataset.replace(QLatin1Char('-'), QChar(0x2011));
    return tr("%1, %n epoch(s) on %2", nullptr, s.trainingEpochs).arg(recipe, dataset);
}

} // namespace advlens::ui
