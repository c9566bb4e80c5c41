#include "ui/gallery/gallerymodel.h"

#include "ui/i18n/classnames.h"

#include <QLocale>

#include <cmath>

namespace advlens::ui {

namespace {

QString percent(double fraction)
{
    return QStringLiteral("%1 %").arg(QLocale().toString(100.0 * fraction, 'f', 1));
}

} // namespace

GalleryModel::GalleryModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void GalleryModel::reset(const GallerySourceInfo& info)
{
    beginResetModel();
    m_source = info;
    m_items.clear();
    m_attackRun = false;
    endResetModel();
    Q_EMIT headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
}

void GalleryModel::clear()
{
    reset(GallerySourceInfo());
}

void GalleryModel::append(const QVector<GalleryItem>& items)
{
    if (items.isEmpty())
        return;
    beginInsertRows(QModelIndex(), m_items.size(), m_items.size() + items.size() - 1);
    m_items << items;
    endInsertRows();
}

void GalleryModel::applyAttack(const QVector<AttackMark>& marks)
{
    m_attackRun = true;
    int first = rowCount();
    int last = -1;
    for (const AttackMark& mark : marks) {
        if (mark.row < 0 || mark.row >= m_items.size())
            continue;
        GalleryItem& item = m_items[mark.row];
        item.verdict = mark.verdict;
        item.adversarialPrediction = mark.adversarialPrediction;
        first = std::min(first, mark.row);
        last = std::max(last, mark.row);
    }
    if (last >= first)
        Q_EMIT dataChanged(index(first, 0), index(last, ColumnCount - 1));
}

void GalleryModel::clearAttack()
{
    for (GalleryItem& item : m_items) {
        item.verdict = AttackVerdict::NotRun;
        item.adversarialPrediction = -1;
    }
    m_attackRun = false;
    if (!m_items.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

void GalleryModel::retranslate()
{
    Q_EMIT headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (!m_items.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

QString GalleryModel::sourceClassName(int index) const
{
    if (index < 0 || index >= m_source.classNames.size())
        return QString();
    return displayClassName(m_source.classNames.at(index));
}

QString GalleryModel::modelClassName(int index) const
{
    if (index < 0 || index >= m_source.modelClassNames.size())
        return QString();
    return displayClassName(m_source.modelClassNames.at(index));
}

QString GalleryModel::verdictText(const GalleryItem& item) const
{
    switch (item.verdict) {
    case AttackVerdict::Fooled:
        return tr("fooled → %1").arg(modelClassName(item.adversarialPrediction));
    case AttackVerdict::Resisted:
        return tr("resisted");
    case AttackVerdict::AlreadyWrong:
        return tr("already wrong");
    case AttackVerdict::NotRun:
        break;
    }
    return QString();
}

QString GalleryModel::marginExplanation() const
{
    return m_source.labelsKnown
               ? tr("Margin: logit of the true class minus the largest other logit (negative when misclassified)")
               : tr("Margin: top-1 logit minus the runner-up's logit (the true classes are not the model's)");
}

int GalleryModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_items.size());
}

int GalleryModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant GalleryModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_items.size())
        return {};
    const GalleryItem& item = m_items.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return display(item, index.column());
    case Qt::ToolTipRole:
        return toolTip(item);
    case Qt::TextAlignmentRole:
        return index.column() >= Confidence && index.column() <= Loss ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                                                                      : QVariant(Qt::AlignLeft | Qt::AlignVCenter);
    case SortRole:
        return sortValue(item, index.column());
    case ThumbnailRole:
        return item.thumbnail;
    case CorrectRole:
        return item.labelKnown() ? int(item.isCorrect()) : -1;
    case VerdictRole:
        return static_cast<int>(item.verdict);
    case ConfidenceRole:
        return double(item.confidence);
    default:
        return {};
    }
}

QVariant GalleryModel::display(const GalleryItem& item, int column) const
{
    switch (column) {
    case File:
        return item.name;
    case TrueClass:
        return trueClassName(item);
    case Prediction:
        return modelClassName(item.predicted);
    case Confidence:
        return percent(item.confidence);
    case Margin:
        return QLocale().toString(item.margin, 'f', 2);
    case Loss:
        return std::isnan(item.loss) ? QStringLiteral("—") : QLocale().toString(item.loss, 'f', 3);
    case Correct:
        return item.labelKnown() ? (item.isCorrect() ? QStringLiteral("✓") : QStringLiteral("✗")) : QStringLiteral("—");
    case Attack:
        return verdictText(item);
    default:
        return {};
    }
}

QVariant GalleryModel::sortValue(const GalleryItem& item, int column) const
{
    switch (column) {
    case File:
        // Test images sort by index, files by their path under the folder.
        return item.testIndex >= 0 ? QVariant(item.testIndex) : QVariant(item.name);
    case TrueClass:
        return trueClassName(item);
    case Prediction:
        return modelClassName(item.predicted);
    case Confidence:
        return double(item.confidence);
    case Margin:
        return double(item.margin);
    case Loss:
        return std::isnan(item.loss) ? -1.0 : double(item.loss); // unknown first: a loss is ≥ 0
    case Correct:
        return item.labelKnown() ? int(item.isCorrect()) : -1;
    case Attack:
        return static_cast<int>(item.verdict);
    default:
        return {};
    }
}

QString GalleryModel::toolTip(const GalleryItem& item) const
{
    QStringList lines;
    lines << item.name;
    if (item.trueClass >= 0)
        lines << tr("True class: %1").arg(trueClassName(item));
    lines << tr("Prediction: %1 (%2)").arg(modelClassName(item.predicted), percent(item.confidence));
    QStringList top;
    for (std::size_t k = 0; k < item.topClasses.size(); ++k)
        top << QStringLiteral("%1 %2").arg(modelClassName(item.topClasses[k]), percent(item.topProbabilities[k]));
    lines << tr("Top-5: %1").arg(top.join(QStringLiteral(", ")));
    lines << tr("Margin: %1 · loss: %2")
                 .arg(QLocale().toString(item.margin, 'f', 2),
                      std::isnan(item.loss) ? QStringLiteral("—") : QLocale().toString(item.loss, 'f', 3));
    if (item.verdict != AttackVerdict::NotRun)
        lines << tr("Attack: %1").arg(verdictText(item));
    return lines.join(QLatin1Char('\n'));
}

QVariant GalleryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case Margin:
            return marginExplanation();
        case Loss:
            return tr("Cross-entropy with respect to the true class (— when the true class is unknown)");
        case Attack:
            return tr("What the last attack run over the gallery did to the image");
        default:
            return {};
        }
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case File:
        return tr("File");
    case TrueClass:
        return tr("True class");
    case Prediction:
        return tr("Prediction");
    case Confidence:
        return tr("Confidence");
    case Margin:
        return tr("Margin");
    case Loss:
        return tr("Loss");
    case Correct:
        return tr("Correct");
    case Attack:
        return tr("Attack");
    default:
        return {};
    }
}

} // namespace advlens::ui
