#pragma once

#include <QWidget>

class QLabel;
class QSortFilterProxyModel;
class QTableView;

namespace advlens::ui {

class ConfusionModel;

/// The per-class confusion summary beside the gallery: a sortable table of
/// true classes with their accuracy and most frequent wrong predictions.
/// Clicking a class (or Enter on it) asks to show only its images.
class ConfusionPanel : public QWidget {
    Q_OBJECT

public:
    ConfusionPanel(ConfusionModel* model, QWidget* parent = nullptr);

    QTableView* view() const { return m_view; }
    /// Marks the class the gallery is filtered to (−1: none).
    void showChosenClass(int trueClass);

Q_SIGNALS:
    /// The user picked the row of true class `trueClass`.
    void classChosen(int trueClass);

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();

    ConfusionModel* m_model;
    QSortFilterProxyModel* m_sorted;
    QLabel* m_title;
    QTableView* m_view;
    QLabel* m_hint;
};

} // namespace advlens::ui
