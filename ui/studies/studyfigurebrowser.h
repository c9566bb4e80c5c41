#pragma once

#include "ui/studies/studyfigures.h"

#include <QSplitter>
#include <QVector>

class QListWidget;
class QStackedWidget;

namespace advlens::ui {

class TransferExamples;

/// A finished study's figures (studyfigures.h): their titles in a list beside
/// the one chosen, and under a transfer heat map the images behind the cell
/// clicked (TransferExamples).
class StudyFigureBrowser : public QSplitter {
    Q_OBJECT

public:
    explicit StudyFigureBrowser(QWidget* parent = nullptr);

    /// Draws `results`' figures in place of those shown, and shows the first.
    void showResults(const StudyResults& results);
    void clear();
    const QVector<StudyFigure>& figures() const { return m_figures; }
    /// The figure shown, −1 when none.
    int currentIndex() const;
    void showFigure(int index);

private:
    void transferCellClicked(int matrix, int source, int target);

    StudyResults m_results; ///< the folder and results.json the figures came from
    QVector<StudyFigure> m_figures;
    QListWidget* m_list;
    QStackedWidget* m_stack;
    TransferExamples* m_examples;
};

} // namespace advlens::ui
