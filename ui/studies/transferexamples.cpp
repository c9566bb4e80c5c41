#include "ui/studies/transferexamples.h"

#include <QDir>
#include <QGridLayout>
#include <QJsonArray>
#include <QLabel>
#include <QPixmap>
#include <QVBoxLayout>

namespace advlens::ui {

namespace {
constexpr int kThumbnail = 72;

QLabel* thumbnail(const QString& path, QWidget* parent)
{
    auto* label = new QLabel(parent);
    const QPixmap pixmap(path);
    label->setPixmap(pixmap.isNull() ? QPixmap()
                                     : pixmap.scaled(kThumbnail, kThumbnail, Qt::KeepAspectRatio, Qt::FastTransformation));
    label->setAlignment(Qt::AlignCenter);
    return label;
}
} // namespace

TransferExamples::TransferExamples(QWidget* parent)
    : QWidget(parent)
    , m_caption(new QLabel(this))
    , m_grid(new QGridLayout)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 0);
    m_caption->setWordWrap(true);
    layout->addWidget(m_caption);
    layout->addLayout(m_grid);
    layout->addStretch();
    clear();
}

void TransferExamples::clear()
{
    while (QLayoutItem* item = m_grid->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    m_shown = m_fooled = 0;
    m_caption->setText(tr("Click a cell of the heat map to see the images that crossed over."));
}

void TransferExamples::showCell(const QString& folder, const QJsonObject& results, int matrix, int source, int target)
{
    clear();
    const QJsonObject m = results.value(QLatin1String("matrices")).toArray().at(matrix).toObject();
    const QJsonArray models = results.value(QLatin1String("models")).toArray();
    const QJsonArray classNames = results.value(QLatin1String("class_names")).toArray();
    const QJsonArray labels = results.value(QLatin1String("example_labels")).toArray();
    const QJsonArray targets = results.value(QLatin1String("example_targets")).toArray();
    const QJsonObject examples = m.value(QLatin1String("examples")).toArray().at(source).toObject();
    const QJsonArray predictions =
        examples.value(QLatin1String("predictions")).toArray().at(target).toArray();
    const bool targeted = m.value(QLatin1String("targeted")).toBool();
    const QDir dir(folder);
    auto className = [&](int index) { return classNames.at(index).toString(QString::number(index)); };
    for (int e = 0; e < predictions.size(); ++e) {
        const int label = labels.at(e).toInt();
        const int predicted = predictions.at(e).toInt();
        const bool reached = targeted ? predicted == targets.at(e).toInt() : predicted != label;
        m_grid->addWidget(thumbnail(dir.filePath(QStringLiteral("examples/clean/%1.png").arg(e)), this), 0, e);
        m_grid->addWidget(
            thumbnail(dir.filePath(examples.value(QLatin1String("folder")).toString() + QStringLiteral("/%1.png").arg(e)),
                      this),
            1, e);
        auto* text = new QLabel(this);
        text->setAlignment(Qt::AlignHCenter | Qt::AlignTop);
        text->setWordWrap(true);
        text->setMaximumWidth(kThumbnail + 24);
        QString caption = tr("true: %1").arg(className(label).toHtmlEscaped());
        if (targeted)
            caption += QStringLiteral("<br>") + tr("target: %1").arg(className(targets.at(e).toInt()).toHtmlEscaped());
        caption += QStringLiteral("<br>") + (reached ? QStringLiteral("<b style='color:#c0392b'>%1</b>")
                                                     : QStringLiteral("<span>%1</span>"))
                                                .arg(tr("says: %1").arg(className(predicted).toHtmlEscaped()));
        text->setText(caption);
        m_grid->addWidget(text, 2, e);
        ++m_shown;
        m_fooled += reached ? 1 : 0;
    }
    m_caption->setText(tr("Made on %1 by %2, classified by %3: %4 of %5 examples reached the attack's goal "
                          "(top: clean, bottom: adversarial).")
                           .arg(models.at(source).toString(), m.value(QLatin1String("attack")).toString(),
                                models.at(target).toString())
                           .arg(m_fooled)
                           .arg(m_shown));
}

} // namespace advlens::ui
