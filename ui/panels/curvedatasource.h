#pragma once

#include <QWidget>

class QComboBox;
class QToolButton;

namespace advlens::ui {

/// What a robustness curve runs on: the Fashion-MNIST test set (our zoo) or a
/// folder of labelled images (one sub-folder per class), which ImageNet-scale
/// models need. Folders chosen before stay in the list for this session.
/// Fashion-MNIST is listed only while the model takes its 1×28×28 images.
class CurveDataSource : public QWidget {
    Q_OBJECT

public:
    explicit CurveDataSource(QWidget* parent = nullptr);

    /// The chosen folder; empty for the Fashion-MNIST test set, or when no
    /// folder is chosen yet and Fashion-MNIST is not offered.
    QString folder() const;
    /// Selects `path` (added to the list when new); empty selects Fashion-MNIST
    /// when it is offered, and nothing ("choose a folder") otherwise.
    void setFolder(const QString& path);
    /// Lists the Fashion-MNIST test set or takes it off the list (a model of
    /// other images cannot read it); a folder chosen stays chosen.
    void setFashionMnistOffered(bool offered);
    bool fashionMnistOffered() const { return m_fashionMnistOffered; }
    /// Something is chosen: Fashion-MNIST while offered, or a folder.
    bool hasChoice() const;
    /// The choices listed, as shown (for tests).
    QStringList choices() const;

Q_SIGNALS:
    /// Another folder, Fashion-MNIST, or nothing was chosen.
    void choiceChanged();

protected:
    void changeEvent(QEvent* event) override;

private:
    void chooseFolder();
    void retranslate();

    QComboBox* m_choice;
    QToolButton* m_browse;
    bool m_fashionMnistOffered = true; ///< then it is item 0, with an empty folder
};

} // namespace advlens::ui
