#pragma once

#include <QByteArray>
#include <QSettings>
#include <QString>

namespace advlens::ui {

/// The gallery's persistent choices (beside AppSettings' keys, in the same
/// QSettings store): the last folder opened, how many Fashion-MNIST test
/// images to show, the window's geometry and its splitter.
class GallerySettings {
public:
    QString lastFolder() const;
    void setLastFolder(const QString& folder);
    int fashionMnistImages() const; ///< kDefaultImages when never chosen
    void setFashionMnistImages(int images);
    QByteArray windowGeometry() const;
    void setWindowGeometry(const QByteArray& geometry);
    QByteArray splitterState() const;
    void setSplitterState(const QByteArray& state);

    static constexpr int kDefaultImages = 500;

private:
    QSettings m_settings;
};

} // namespace advlens::ui
