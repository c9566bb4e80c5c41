#include "ui/gallery/galleryviews.h"

#include "ui/gallery/gallerydelegate.h"
#include "ui/gallery/gallerymodel.h"

#include <QHeaderView>
#include <QListView>
#include <QTabBar>
#include <QTableView>

namespace advlens::ui {

namespace {

/// Table column widths in average characters, by GalleryModel column; a
/// title with its sort arrow may need more (widenColumnsToHeaders). File
/// names longer than "fashion-mnist:10000" are elided; the last column,
/// Attack, stretches over the rest.
constexpr int kColumnChars[] = {22, 14, 14, 13, 9, 9, 10, 14};

} // namespace

GalleryViews::GalleryViews(QAbstractItemModel* proxy, QWidget* parent)
    : QTabWidget(parent)
    , m_grid(new QListView(this))
    , m_table(new QTableView(this))
{
    m_grid->setObjectName(QStringLiteral("galleryGrid"));
    m_grid->setModel(proxy);
    m_grid->setModelColumn(GalleryModel::File);
    m_grid->setItemDelegate(new GalleryDelegate(m_grid));
    m_grid->setViewMode(QListView::IconMode);
    m_grid->setUniformItemSizes(true); // one size hint for all: thousands of items lay out at once
    m_grid->setLayoutMode(QListView::Batched);
    m_grid->setBatchSize(500);
    m_grid->setResizeMode(QListView::Adjust);
    m_grid->setMovement(QListView::Static);
    m_grid->setSpacing(2);
    m_grid->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_grid->setSelectionMode(QAbstractItemView::SingleSelection);

    m_table->setObjectName(QStringLiteral("galleryTable"));
    m_table->setModel(proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(GalleryModel::File, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    for (int column = 0; column < GalleryModel::ColumnCount; ++column)
        m_table->setColumnWidth(column, kColumnChars[column] * m_table->fontMetrics().averageCharWidth());
    m_table->horizontalHeader()->setStretchLastSection(true);
    widenColumnsToHeaders();
    // New titles (another language) may be wider; widths the user chose are otherwise kept.
    connect(proxy, &QAbstractItemModel::headerDataChanged, this, &GalleryViews::widenColumnsToHeaders);

    addTab(m_grid, QString());
    addTab(m_table, QString());
    setDocumentMode(true);
    setTabOrder(m_table, tabBar()); // Tab reaches the images first, then the tabs
    connect(m_grid, &QListView::activated, this, &GalleryViews::activated); // double-click or Enter
    connect(m_table, &QTableView::activated, this, &GalleryViews::activated);
}

void GalleryViews::widenColumnsToHeaders()
{
    // The header's hint holds the title and, sorting being on, room for the sort arrow.
    const QHeaderView* header = m_table->horizontalHeader();
    for (int column = 0; column < GalleryModel::ColumnCount; ++column)
        if (m_table->columnWidth(column) < header->sectionSizeHint(column))
            m_table->setColumnWidth(column, header->sectionSizeHint(column));
}

} // namespace advlens::ui
