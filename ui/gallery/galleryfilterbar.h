#pragma once

#include <QWidget>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QToolButton;

namespace advlens::ui {

class GalleryFilterProxy;

/// Filters and order of the gallery, applied to the shared proxy at once:
/// misclassified only, fooled by the attack only, a confidence range, the true
/// class chosen in the confusion summary (shown as a removable chip), and the
/// sort key and direction. Also says how many images are shown.
class GalleryFilterBar : public QWidget {
    Q_OBJECT

public:
    /// Sort keys offered, as GalleryModel columns.
    static const QList<int>& sortColumns();

    GalleryFilterBar(GalleryFilterProxy* proxy, QWidget* parent = nullptr);

    QCheckBox* misclassifiedOnly() const { return m_misclassified; }
    QCheckBox* fooledOnly() const { return m_fooled; }
    void setConfidenceRange(double minimum, double maximum);
    /// Sorts by GalleryModel column `column` (one of sortColumns()).
    void sortBy(int column, Qt::SortOrder order);
    /// Shows an order set elsewhere (the table's header) without sorting again.
    void showSort(int column, Qt::SortOrder order);
    /// Whether the gallery's true classes are the model's (else "misclassified" has no meaning).
    void setLabelsKnown(bool known);
    /// An attack has run: "fooled" can filter.
    void setAttackRun(bool run);
    void updateCount();

Q_SIGNALS:
    /// The user chose an order here (the proxy is already sorted).
    void sortChosen(int column, Qt::SortOrder order);

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();
    void applyConfidence();
    void applySort();

    GalleryFilterProxy* m_proxy;
    QCheckBox* m_misclassified;
    QCheckBox* m_fooled;
    QLabel* m_confidenceLabel;
    QDoubleSpinBox* m_minimum;
    QDoubleSpinBox* m_maximum;
    QLabel* m_sortLabel;
    QComboBox* m_sort;
    QToolButton* m_order;
    QToolButton* m_classChip;
    QLabel* m_count;
    bool m_labelsKnown = true;
};

} // namespace advlens::ui
