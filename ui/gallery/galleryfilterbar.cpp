#include "ui/gallery/galleryfilterbar.h"

#include "ui/gallery/galleryfilterproxy.h"
#include "ui/gallery/gallerymodel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QSignalBlocker>
#include <QToolButton>

namespace advlens::ui {

const QList<int>& GalleryFilterBar::sortColumns()
{
    static const QList<int> columns = {GalleryModel::File, GalleryModel::TrueClass, GalleryModel::Confidence,
                                       GalleryModel::Margin, GalleryModel::Loss};
    return columns;
}

GalleryFilterBar::GalleryFilterBar(GalleryFilterProxy* proxy, QWidget* parent)
    : QWidget(parent)
    , m_proxy(proxy)
    , m_misclassified(new QCheckBox(this))
    , m_fooled(new QCheckBox(this))
    , m_confidenceLabel(new QLabel(this))
    , m_minimum(new QDoubleSpinBox(this))
    , m_maximum(new QDoubleSpinBox(this))
    , m_sortLabel(new QLabel(this))
    , m_sort(new QComboBox(this))
    , m_order(new QToolButton(this))
    , m_classChip(new QToolButton(this))
    , m_count(new QLabel(this))
{
    for (QDoubleSpinBox* box : {m_minimum, m_maximum}) {
        box->setRange(0.0, 100.0);
        box->setDecimals(1);
        box->setSingleStep(5.0);
        box->setSuffix(QStringLiteral(" %"));
    }
    m_maximum->setValue(100.0);
    for (int column : sortColumns())
        m_sort->addItem(QString(), column);
    m_order->setCheckable(true); // checked: descending
    m_order->setAutoRaise(true);
    m_classChip->setObjectName(QStringLiteral("classChip"));
    m_classChip->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_classChip->hide();
    m_fooled->setEnabled(false);

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_misclassified);
    layout->addWidget(m_fooled);
    layout->addSpacing(12);
    layout->addWidget(m_confidenceLabel);
    layout->addWidget(m_minimum);
    layout->addWidget(new QLabel(QStringLiteral("–"), this));
    layout->addWidget(m_maximum);
    layout->addSpacing(12);
    layout->addWidget(m_sortLabel);
    layout->addWidget(m_sort);
    layout->addWidget(m_order);
    layout->addSpacing(12);
    layout->addWidget(m_classChip);
    layout->addStretch(1);
    layout->addWidget(m_count);

    connect(m_misclassified, &QCheckBox::toggled, m_proxy, &GalleryFilterProxy::setMisclassifiedOnly);
    connect(m_fooled, &QCheckBox::toggled, m_proxy, &GalleryFilterProxy::setFooledOnly);
    connect(m_minimum, &QDoubleSpinBox::valueChanged, this, &GalleryFilterBar::applyConfidence);
    connect(m_maximum, &QDoubleSpinBox::valueChanged, this, &GalleryFilterBar::applyConfidence);
    connect(m_sort, &QComboBox::currentIndexChanged, this, &GalleryFilterBar::applySort);
    connect(m_order, &QToolButton::toggled, this, &GalleryFilterBar::applySort);
    connect(m_classChip, &QToolButton::clicked, this, [this] { m_proxy->setTrueClass(-1); });
    connect(m_proxy, &GalleryFilterProxy::filterChanged, this, &GalleryFilterBar::updateCount);
    connect(m_proxy, &QAbstractItemModel::rowsInserted, this, &GalleryFilterBar::updateCount);
    connect(m_proxy, &QAbstractItemModel::rowsRemoved, this, &GalleryFilterBar::updateCount);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, &GalleryFilterBar::updateCount);
    retranslate();
    applySort();
}

void GalleryFilterBar::setConfidenceRange(double minimum, double maximum)
{
    m_minimum->setValue(100.0 * minimum);
    m_maximum->setValue(100.0 * maximum);
}

void GalleryFilterBar::sortBy(int column, Qt::SortOrder order)
{
    const QSignalBlocker blocker(m_order);
    m_order->setChecked(order == Qt::DescendingOrder);
    const int index = m_sort->findData(column);
    if (index == m_sort->currentIndex())
        applySort();
    else
        m_sort->setCurrentIndex(index); // sorts
}

void GalleryFilterBar::showSort(int column, Qt::SortOrder order)
{
    const QSignalBlocker sortBlocker(m_sort);
    const QSignalBlocker orderBlocker(m_order);
    const int index = m_sort->findData(column);
    m_sort->setCurrentIndex(index); // -1 (blank) for a column the combo does not offer
    m_order->setChecked(order == Qt::DescendingOrder);
    m_order->setArrowType(order == Qt::DescendingOrder ? Qt::DownArrow : Qt::UpArrow);
}

void GalleryFilterBar::setLabelsKnown(bool known)
{
    m_labelsKnown = known;
    m_misclassified->setEnabled(known);
    if (!known)
        m_misclassified->setChecked(false);
    retranslate();
}

void GalleryFilterBar::setAttackRun(bool run)
{
    m_fooled->setEnabled(run);
    if (!run)
        m_fooled->setChecked(false);
}

void GalleryFilterBar::applyConfidence()
{
    m_proxy->setConfidenceRange(m_minimum->value() / 100.0, m_maximum->value() / 100.0);
}

void GalleryFilterBar::applySort()
{
    const Qt::SortOrder order = m_order->isChecked() ? Qt::DescendingOrder : Qt::AscendingOrder;
    m_order->setArrowType(m_order->isChecked() ? Qt::DownArrow : Qt::UpArrow);
    if (m_sort->currentIndex() < 0)
        return;
    m_proxy->sort(m_sort->currentData().toInt(), order);
    Q_EMIT sortChosen(m_sort->currentData().toInt(), order);
}

void GalleryFilterBar::updateCount()
{
    const int shown = m_proxy->rowCount();
    const int all = m_proxy->gallery()->rowCount();
    m_count->setText(shown == all ? tr("%n image(s)", nullptr, all)
                                  : tr("%1 of %2 shown").arg(QLocale().toString(shown), QLocale().toString(all)));
    const int trueClass = m_proxy->trueClass();
    m_classChip->setVisible(trueClass >= 0);
    if (trueClass >= 0)
        m_classChip->setText(tr("Only %1  ✕").arg(m_proxy->gallery()->sourceClassName(trueClass)));
}

void GalleryFilterBar::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::LanguageChange)
        retranslate();
}

void GalleryFilterBar::retranslate()
{
    m_misclassified->setText(tr("Misclassified only"));
    m_misclassified->setToolTip(m_labelsKnown ? tr("Images whose prediction is not their true class")
                                              : tr("The folder's classes are not the model's: correctness is unknown"));
    m_fooled->setText(tr("Fooled by the attack"));
    m_fooled->setToolTip(tr("Images the last attack run turned from correct to wrong (run one below)"));
    m_confidenceLabel->setText(tr("Confidence"));
    m_minimum->setToolTip(tr("Lowest top-1 confidence shown"));
    m_maximum->setToolTip(tr("Highest top-1 confidence shown"));
    m_sortLabel->setText(tr("Sort by"));
    const QStringList names = {tr("File name"), tr("True class"), tr("Confidence"), tr("Margin"), tr("Loss")};
    for (int i = 0; i < m_sort->count() && i < names.size(); ++i)
        m_sort->setItemText(i, names.at(i));
    m_sort->setToolTip(m_proxy->gallery()->marginExplanation());
    m_order->setToolTip(tr("Ascending or descending"));
    m_classChip->setToolTip(tr("Show every class again"));
    updateCount();
}

} // namespace advlens::ui
