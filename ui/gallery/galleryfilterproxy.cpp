#include "ui/gallery/galleryfilterproxy.h"

#include "ui/gallery/gallerymodel.h"

namespace advlens::ui {

namespace {

// Confidences are float32: a bound typed as 0.9 must keep an image at 0.9f.
constexpr double kConfidenceTolerance = 1e-6;

} // namespace

GalleryFilterProxy::GalleryFilterProxy(GalleryModel* source, QObject* parent)
    : QSortFilterProxyModel(parent)
    , m_gallery(source)
{
    setSourceModel(source);
    setSortRole(GalleryModel::SortRole);
    setSortLocaleAware(true);
    setDynamicSortFilter(true); // rows streamed in later land in order and pass the filters
}

void GalleryFilterProxy::setMisclassifiedOnly(bool only)
{
    if (only == m_misclassifiedOnly)
        return;
    m_misclassifiedOnly = only;
    refilter();
}

void GalleryFilterProxy::setFooledOnly(bool only)
{
    if (only == m_fooledOnly)
        return;
    m_fooledOnly = only;
    refilter();
}

void GalleryFilterProxy::setConfidenceRange(double minimum, double maximum)
{
    if (minimum == m_minimum && maximum == m_maximum)
        return;
    m_minimum = minimum;
    m_maximum = maximum;
    refilter();
}

void GalleryFilterProxy::setTrueClass(int index)
{
    if (index == m_trueClass)
        return;
    m_trueClass = index;
    refilter();
}

int GalleryFilterProxy::galleryRow(int proxyRow) const
{
    return mapToSource(index(proxyRow, 0)).row();
}

void GalleryFilterProxy::refilter()
{
    invalidateFilter();
    Q_EMIT filterChanged();
}

bool GalleryFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    if (sourceParent.isValid() || sourceRow >= m_gallery->rowCount())
        return false;
    const GalleryItem& item = m_gallery->item(sourceRow);
    if (m_misclassifiedOnly && (!item.labelKnown() || item.isCorrect()))
        return false;
    if (m_fooledOnly && item.verdict != AttackVerdict::Fooled)
        return false;
    if (item.confidence < m_minimum - kConfidenceTolerance || item.confidence > m_maximum + kConfidenceTolerance)
        return false;
    return m_trueClass < 0 || item.trueClass == m_trueClass;
}

} // namespace advlens::ui
