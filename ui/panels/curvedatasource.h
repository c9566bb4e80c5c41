#pragma once

#include <QWidget>

class QComboBox;
class QToolButton;

namespace advlens::ui {

/// What a robustness curve runs on: the Fashion-MNIST test set (our zoo) or a
/// folder of labelled images (one sub-folder per class), which ImageNet-scale
/// models need. Folders chosen before stay in the list for this session.
class CurveDataSource : public QWidget {
    Q_OBJECT

public:
    explicit CurveDataSource(QWidget* parent = nullptr);

    /// The chosen folder; empty for the Fashion-MNIST test set.
    QString folder() const;
    /// Selects `path` (added to the list when new); empty selects Fashion-MNIST.
    void setFolder(const QString& path);

protected:
    void changeEvent(QEvent* event) override;

private:
    void chooseFolder();
    void retranslate();

    QComboBox* m_choice;
    QToolButton* m_browse;
};

} // namespace advlens::ui
