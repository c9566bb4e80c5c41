#pragma once

#include <QTabWidget>

class QAbstractItemModel;
class QListView;
class QModelIndex;
class QTableView;

namespace advlens::ui {

/// The gallery's two views of one filtered, sorted model (GalleryFilterProxy
/// over GalleryModel), as tabs: a grid of thumbnails (GalleryDelegate) that
/// lays out thousands at once, and a table of every column. The window names
/// the tabs.
class GalleryViews : public QTabWidget {
    Q_OBJECT

public:
    explicit GalleryViews(QAbstractItemModel* proxy, QWidget* parent = nullptr);

    QListView* grid() const { return m_grid; }
    QTableView* table() const { return m_table; }

Q_SIGNALS:
    /// An image was double-clicked, or Enter pressed on it, in either view.
    void activated(const QModelIndex& proxyIndex);

private:
    /// Widens each table column that is narrower than its title and sort arrow.
    void widenColumnsToHeaders();

    QListView* m_grid;
    QTableView* m_table;
};

} // namespace advlens::ui
