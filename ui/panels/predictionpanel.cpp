#include "ui/panels/predictionpanel.h"

#include "ui/i18n/classnames.h"
#include "ui/plots/topkshiftchart.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QRegularExpression>
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

/// `text` with a no-break space between each number and its "%" (the
/// sources and translations write a plain one), so a wrapped verdict never
/// leaves the sign alone at the start of a line.
QString keepPercentWithNumber(QString text)
{
    static const QRegularExpression spaceBeforePercent(QStringLiteral("(?<=\\d) (?=%)"));
    return text.replace(spaceBeforePercent, QString(QChar::Nbsp));
}

} // namespace

PredictionPanel::PredictionPanel(QWidget* parent)
    : QGroupBox(parent)
    , m_verdict(new QLabel(this))
    , m_detail(new QLabel(this))
    , m_showLabel(new QLabel(this))
    , m_topK(new QComboBox(this))
    , m_chart(new TopKShiftChart(this))
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
    m_outcome.reset();
    m_chart->setBefore(prediction);
    retranslate();
}

void PredictionPanel::clear()
{
    m_prediction.reset();
    m_outcome.reset();
    m_chart->clear();
    retranslate();
}

void PredictionPanel::setOutcome(const AttackOutcome& outcome)
{
    m_outcome = outcome;
    m_chart->setShift(outcome.before, outcome.after, outcome.request.targeted ? outcome.request.targetClass : -1);
    retranslate();
}

void PredictionPanel::clearOutcome()
{
    m_outcome.reset();
    if (m_prediction)
        m_chart->setBefore(*m_prediction);
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
    if (m_outcome) {
        describeOutcome(*m_outcome);
        return;
    }
    const Prediction& p = *m_prediction;
    const QString top = displayClassName(p.topNames.front());
    const QString probability = percent(p.topProbabilities.front());
    if (p.trueClass.isEmpty()) {
        m_verdict->setText(keepPercentWithNumber(tr("Prediction: %1 (%2 %)").arg(top, probability)));
        m_detail->setText(tr("True class unknown."));
        return;
    }
    const bool correct = p.isCorrect();
    m_verdict->setText(keepPercentWithNumber(correct ? tr("Prediction: %1 (%2 %) — correct").arg(top, probability)
                                                     : tr("Prediction: %1 (%2 %) — wrong").arg(top, probability)));
    QPalette colours; // sets only the text colour, the rest stays inherited
    colours.setColor(QPalette::WindowText, correct ? kCorrectColour : kWrongColour);
    m_verdict->setPalette(colours);
    if (correct)
        m_detail->clear();
    else if (p.trueClassIndex >= 0)
        m_detail->setText(keepPercentWithNumber(
            tr("True class: %1 (%2 %)").arg(displayClassName(p.trueClass), percent(p.trueClassProbability))));
    else
        m_detail->setText(tr("True class: %1 (not one of the model's classes)").arg(displayClassName(p.trueClass)));
}

void PredictionPanel::describeOutcome(const AttackOutcome& o)
{
    const QString before = displayClassName(o.before.topNames.value(0));
    const QString after = displayClassName(o.after.topNames.value(0));
    const QString from = tr("%1 %2 %").arg(before, percent(o.before.topProbabilities.front()));
    const QString to = tr("%1 %2 %").arg(after, percent(o.after.topProbabilities.front()));
    QString verdict;
    if (o.request.targeted && o.success)
        verdict = tr("Fooled, target reached: %1 → %2").arg(from, to);
    else if (o.success)
        verdict = tr("Fooled: %1 → %2").arg(from, to);
    else if (o.request.targeted && o.after.predictedClass() != o.before.predictedClass())
        verdict = tr("Fooled, but not into the target: %1 → %2").arg(from, to);
    else
        verdict = tr("Not fooled: still %1 (%2 % → %3 %)")
                      .arg(before, percent(o.before.topProbabilities.front()),
                           percent(o.after.probabilityOf(o.before.predictedClass())));
    if (o.cancelled)
        verdict = tr("%1 (stopped early)").arg(verdict);
    m_verdict->setText(keepPercentWithNumber(verdict));
    QPalette colours;
    // Red means "the model was fooled": the attack worked.
    colours.setColor(QPalette::WindowText, o.after.predictedClass() != o.before.predictedClass() ? kWrongColour
                                                                                                 : kCorrectColour);
    m_verdict->setPalette(colours);
    const QLocale locale;
    QString detail = tr("ℓ∞ %1 (%2/255) · ℓ2 %3 · ℓ0 %4 values changed")
                         .arg(locale.toString(o.linf, 'g', 3), locale.toString(o.linf * 255.0, 'f', 1),
                              locale.toString(o.l2, 'g', 3))
                         .arg(o.l0);
    const QString milliseconds = locale.toString(o.milliseconds, 'f', o.milliseconds < 10 ? 1 : 0);
    if (o.queries > 0 && o.queriesToSuccess > 0)
        detail += QLatin1Char('\n') + tr("%n model quer(y/ies), fooled after %1, %2 ms", nullptr, static_cast<int>(o.queries))
                                       .arg(locale.toString(o.queriesToSuccess), milliseconds);
    else if (o.queries > 0)
        detail += QLatin1Char('\n') + tr("%n model quer(y/ies), %1 ms", nullptr, static_cast<int>(o.queries)).arg(milliseconds);
    else
        detail += QLatin1Char('\n') + tr("%n gradient evaluation(s), %1 ms", nullptr, static_cast<int>(o.gradientEvaluations))
                                       .arg(milliseconds);
    if (!o.stages.empty()) {
        QStringList stages;
        for (const AttackOutcome::Stage& stage : o.stages)
            stages << (!stage.attacked      ? tr("%1 not needed").arg(stage.name)
                       : stage.heldAfter ? tr("%1 held").arg(stage.name)
                                         : tr("%1 fooled it").arg(stage.name));
        detail += QLatin1Char('\n') + tr("Stages: %1").arg(stages.join(QStringLiteral(" · ")));
    }
    m_detail->setText(detail);
}

} // namespace advlens::ui
