#pragma once

#include "ui/gallery/galleryitem.h"

#include <QAbstractTableModel>

namespace advlens::ui {

/// The classified gallery images, one row each in load order, as a table:
/// file, true class, prediction, confidence, margin, loss, correct and the
/// attack's verdict. Filled batch by batch as the worker streams results.
/// SortRole gives every column a value that sorts naturally (numbers as
/// numbers, unknown values first); the grid's delegate reads ThumbnailRole,
/// CorrectRole and VerdictRole.
class GalleryModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { File, TrueClass, Prediction, Confidence, Margin, Loss, Correct, Attack, ColumnCount };
    enum Role {
        SortRole = Qt::UserRole + 1,
        ThumbnailRole,  ///< QImage
        CorrectRole,    ///< int: 1 correct, 0 misclassified, −1 true class unknown
        VerdictRole,    ///< int: AttackVerdict
        ConfidenceRole, ///< double in [0, 1]
    };

    explicit GalleryModel(QObject* parent = nullptr);

    /// Empties the gallery for a new source.
    void reset(const GallerySourceInfo& info);
    void clear();
    void append(const QVector<GalleryItem>& items);
    /// Sets the verdicts of an attack run (rows not named keep theirs).
    void applyAttack(const QVector<AttackMark>& marks);
    /// Forgets every verdict (a new attack run starts).
    void clearAttack();

    const GallerySourceInfo& source() const { return m_source; }
    const QVector<GalleryItem>& items() const { return m_items; }
    const GalleryItem& item(int row) const { return m_items.at(row); }
    bool hasAttackVerdicts() const { return m_attackRun; }
    /// Class names as shown (translated where we know the name).
    QString trueClassName(const GalleryItem& item) const { return sourceClassName(item.trueClass); }
    /// A true class (index into source().classNames) as shown.
    QString sourceClassName(int index) const;
    QString modelClassName(int index) const;
    /// What an image's verdict says, in words ("" when no attack ran).
    QString verdictText(const GalleryItem& item) const;
    /// Explains the margin as it is computed here (true class known or not).
    QString marginExplanation() const;
    /// Call on a language change: every header and text is shown again.
    void retranslate();

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant display(const GalleryItem& item, int column) const;
    QVariant sortValue(const GalleryItem& item, int column) const;
    QString toolTip(const GalleryItem& item) const;

    GallerySourceInfo m_source;
    QVector<GalleryItem> m_items;
    bool m_attackRun = false;
};

} // namespace advlens::ui
