#pragma once

#include "ui/gallery/confusionsummary.h"

#include <QAbstractTableModel>

namespace advlens::ui {

class GalleryModel;

/// The per-class confusion summary of a gallery as a table: true class,
/// images, accuracy, images fooled by the attack, and the most frequent wrong
/// predictions with their counts. Rebuilt from the whole gallery (filters do
/// not apply) by refresh(). SortRole sorts numerically; TrueClassRole gives a
/// row's class index (for filtering the gallery to it).
class ConfusionModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { TrueClass, Images, Accuracy, Fooled, Predictions, ColumnCount };
    enum Role { SortRole = Qt::UserRole + 1, TrueClassRole };
    /// Wrong predictions listed per class, at most.
    static constexpr int kListedPredictions = 3;

    explicit ConfusionModel(const GalleryModel* gallery, QObject* parent = nullptr);

    void refresh();
    const QVector<ClassConfusion>& summary() const { return m_summary; }
    void retranslate();

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QString predictionsText(const ClassConfusion& entry, int limit) const;

    const GalleryModel* m_gallery;
    QVector<ClassConfusion> m_summary;
    bool m_labelsKnown = false;
};

} // namespace advlens::ui
