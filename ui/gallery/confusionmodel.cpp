#include "ui/gallery/confusionmodel.h"

#include "ui/gallery/gallerymodel.h"

#include <QLocale>

namespace advlens::ui {

ConfusionModel::ConfusionModel(const GalleryModel* gallery, QObject* parent)
    : QAbstractTableModel(parent)
    , m_gallery(gallery)
{
}

void ConfusionModel::refresh()
{
    beginResetModel();
    m_labelsKnown = m_gallery->source().labelsKnown;
    m_summary = summariseConfusion(m_gallery->items(), m_labelsKnown);
    endResetModel();
}

void ConfusionModel::retranslate()
{
    Q_EMIT headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
    if (!m_summary.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

int ConfusionModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_summary.size());
}

int ConfusionModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString ConfusionModel::predictionsText(const ClassConfusion& entry, int limit) const
{
    QStringList parts;
    for (int i = 0; i < entry.predictions.size() && i < limit; ++i)
        parts
            << tr("%1 ×%2").arg(m_gallery->modelClassName(entry.predictions[i].first)).arg(entry.predictions[i].second);
    if (entry.predictions.size() > limit)
        parts << QStringLiteral("…");
    return parts.join(QStringLiteral(", "));
}

QVariant ConfusionModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_summary.size())
        return {};
    const ClassConfusion& entry = m_summary.at(index.row());
    const bool attacked = m_gallery->hasAttackVerdicts();
    if (role == TrueClassRole)
        return entry.trueClass;
    if (role == Qt::TextAlignmentRole)
        return index.column() == Images || index.column() == Accuracy || index.column() == Fooled
                   ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                   : QVariant(Qt::AlignLeft | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole && index.column() == Predictions)
        return predictionsText(entry, static_cast<int>(entry.predictions.size()));
    if (role == SortRole) {
        switch (index.column()) {
        case TrueClass:
            return entry.trueClass;
        case Images:
            return entry.images;
        case Accuracy:
            return m_labelsKnown ? entry.accuracy() : -1.0;
        case Fooled:
            return entry.attacked > 0 ? double(entry.fooled) / entry.attacked : -1.0;
        case Predictions:
            return entry.predictions.isEmpty() ? 0 : entry.predictions.front().second;
        default:
            return {};
        }
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case TrueClass:
        return m_gallery->sourceClassName(entry.trueClass);
    case Images:
        return QLocale().toString(entry.images);
    case Accuracy:
        return m_labelsKnown ? QStringLiteral("%1 %").arg(QLocale().toString(100.0 * entry.accuracy(), 'f', 1))
                             : QStringLiteral("—");
    case Fooled:
        return attacked ? tr("%1 of %2").arg(entry.fooled).arg(entry.attacked) : QString();
    case Predictions:
        return predictionsText(entry, kListedPredictions);
    default:
        return {};
    }
}

QVariant ConfusionModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case Accuracy:
            return tr("Share of the class's images the model classifies correctly");
        case Fooled:
            return tr("Correctly classified images the last attack fooled, of those it ran on");
        case Predictions:
            return m_labelsKnown ? tr("The wrong predictions for the class's images, most frequent first, with counts")
                                 : tr("The predictions for the class's images, most frequent first, with counts");
        default:
            return {};
        }
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TrueClass:
        return tr("True class");
    case Images:
        return tr("Images");
    case Accuracy:
        return tr("Accuracy");
    case Fooled:
        return tr("Fooled");
    case Predictions:
        return m_labelsKnown ? tr("Mistaken for") : tr("Predicted as");
    default:
        return {};
    }
}

} // namespace advlens::ui
