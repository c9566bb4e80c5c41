#include "panels/predictionpanel.h"

#include "i18n/classnames.h"
#include "plots/topkchart.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>

namespace advlens::ui {

namespace {

// Mid-tone green and red that stay readable on light and dark palettes.
const QColor kCorrectColour(46, 157, 74);
const QColor kWrongColour(214, 69, 69);
const int kTopKChoices[] = {5, Prediction::kMaxTopClasses};

QString percent(float probability)
{
    return QLocale().toString(100.0 * probability, 'f', 1);
}

} // namespace

PredictionPanel::PredictionPanel(QWidget* parent)
    : QGroupBox(parent)
    , m_verdict(new QLabel(this))
    , m_detail(new QLabel(this))
    , m_showLabel(new QLabel(this))
    , m_topK(new QComboBox(this))
    , m_chart(new TopKChart(this))
{
    QFont verdictFont = m_verdict->font();
    verdictFont.setBold(true);
    verdictFont.setPointSizeF(verdictFont.pointSizeF() * 1.2);
    m_verdict->setFont(verdictFont);
    m_verdict->setWordWrap(true);
    m_verdict->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_detail->setWordWrap(true);
    for (int k : kTopKChoices)
        m_topK->addItem(QString(), k);
    m_showLabel->setBuddy(m_topK);
    connect(m_topK, &QComboBox::currentIndexChanged, this,
            [this] { m_chart->setShownClasses(m_topK->currentData().toInt()); });

    auto* choice = new QHBoxLayout;
    choice->addWidget(m_showLabel);
    choice->addWidget(m_topK);
    choice->addStretch();
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_verdict);
    layout->addWidget(m_detail);
    layout->addLayout(choice);
    layout->addWidget(m_chart, 1);
    m_chart->setShownClasses(kTopKChoices[0]);
    retranslate();
}

void PredictionPanel::setPrediction(const Prediction& prediction)
{
    m_prediction = prediction;
    m_chart->setPrediction(prediction);
    retranslate();
}

void PredictionPanel::clear()
{
    m_prediction.reset();
    m_chart->clear();
    retranslate();
}

QString PredictionPanel::verdictText() const
{
    return m_verdict->text();
}

void PredictionPanel::changeEvent(QEvent* event)
{
    QGroupBox::changeEvent(event);
    if (event->type() == QEvent::LanguageChange)
        retranslate();
}

void PredictionPanel::retranslate()
{
    setTitle(tr("Prediction"));
    m_showLabel->setText(tr("&Show:"));
    m_topK->setItemText(0, tr("Top 5"));
    m_topK->setItemText(1, tr("Top 10"));
    m_verdict->setPalette(QPalette()); // inherit: only a verdict is coloured
    if (!m_prediction || m_prediction->topClasses.empty()) {
        m_verdict->setText(tr("Prediction: –"));
        m_detail->clear();
        return;
    }
    const Prediction& p = *m_prediction;
    const QString top = displayClassName(p.topNames.front());
    const QString probability = percent(p.topProbabilities.front());
    if (p.trueClass.isEmpty()) {
        m_verdict->setText(tr("Prediction: %1 (%2 %)").arg(top, probability));
        m_detail->setText(tr("True class unknown."));
        return;
    }
    const bool correct = p.isCorrect();
    m_verdict->setText(correct ? tr("Prediction: %1 (%2 %) — correct").arg(top, probability)
                               : tr("Prediction: %1 (%2 %) — wrong").arg(top, probability));
    QPalette colours; // sets only the text colour, the rest stays inherited
    colours.setColor(QPalette::WindowText, correct ? kCorrectColour : kWrongColour);
    m_verdict->setPalette(colours);
    if (correct)
        m_detail->clear();
    else if (p.trueClassIndex >= 0)
        m_detail->setText(
            tr("True class: %1 (%2 %)").arg(displayClassName(p.trueClass), percent(p.trueClassProbability)));
    else
        m_detail->setText(tr("True class: %1 (not one of the model's classes)").arg(displayClassName(p.trueClass)));
}

} // namespace advlens::ui
