#pragma once

#include <QSortFilterProxyModel>

namespace advlens::ui {

class GalleryModel;

/// The gallery as the grid and the table show it: filtered (misclassified
/// only, fooled by the attack only, a confidence range, one true class) and
/// sorted by any column's GalleryModel::SortRole. Both views share one proxy,
/// so a filter or an order set in one shows in the other.
class GalleryFilterProxy : public QSortFilterProxyModel {
    Q_OBJECT

public:
    explicit GalleryFilterProxy(GalleryModel* source, QObject* parent = nullptr);

    /// Only images whose known true class differs from the prediction.
    void setMisclassifiedOnly(bool only);
    bool misclassifiedOnly() const { return m_misclassifiedOnly; }
    /// Only images the last attack fooled.
    void setFooledOnly(bool only);
    bool fooledOnly() const { return m_fooledOnly; }
    /// Confidence of the top-1 class within [minimum, maximum], both in [0, 1], inclusive.
    void setConfidenceRange(double minimum, double maximum);
    double minimumConfidence() const { return m_minimum; }
    double maximumConfidence() const { return m_maximum; }
    /// Only images of true class `index` (into the source's class names); −1: every class.
    void setTrueClass(int index);
    int trueClass() const { return m_trueClass; }

    GalleryModel* gallery() const { return m_gallery; }
    /// The gallery row (GalleryModel) of a proxy row.
    int galleryRow(int proxyRow) const;

Q_SIGNALS:
    void filterChanged();

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    void refilter();

    GalleryModel* m_gallery;
    bool m_misclassifiedOnly = false;
    bool m_fooledOnly = false;
    double m_minimum = 0.0;
    double m_maximum = 1.0;
    int m_trueClass = -1;
};

} // namespace advlens::ui
